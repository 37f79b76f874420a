#!/usr/bin/env python3
"""Reads `jfr print --events jdk.ObjectAllocationSample --stack-depth 8` on stdin and prints which classes are
allocated where, by sampled weight, on the event-loop threads.
Usage: jfr print ... | python3 bench/jfr_alloc.py"""
import collections
import re
import sys

UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
weights = collections.Counter()
cls, weight, thread, frames = None, 0.0, "", []


def flush():
    if cls and "eventloop" in thread:
        weights[(cls, " < ".join(frames[:4]))] += weight


for line in sys.stdin:
    if line.startswith("jdk.ObjectAllocationSample"):
        flush()
        cls, weight, thread, frames = None, 0.0, "", []
        continue
    match = re.search(r"objectClass = ([\w.$\[\]]+)", line)
    if match:
        cls = match.group(1)
    match = re.search(r"weight = ([0-9.]+) (bytes|kB|MB|GB)", line)
    if match:
        weight = float(match.group(1)) * UNITS[match.group(2)]
    match = re.search(r"eventThread = \"([^\"]+)\"", line)
    if match:
        thread = match.group(1)
    match = re.match(r"\s+([\w.$]+)\.([\w$<>]+)\(", line)
    if match:
        frames.append(match.group(1).split(".")[-1] + "." + match.group(2))
flush()
total = sum(weights.values()) or 1
for (name, where), value in weights.most_common(20):
    print(f"  {100 * value / total:5.1f}%  {name} <- {where}")
