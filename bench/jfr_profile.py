#!/usr/bin/env python3
"""Reads `jfr print --events jdk.ExecutionSample --stack-depth 64` on stdin and prints where the samples are: the
methods most often on the stack (inclusive) among the given package prefixes, and the hottest top frames (self).
Usage: jfr print ... | python3 bench/jfr_profile.py [PREFIX ...]"""
import collections
import re
import sys

prefixes = tuple(sys.argv[1:]) or ("io.ssehub", "io.vertx", "io.netty", "io.micrometer", "java.util")
inclusive, self_time = collections.Counter(), collections.Counter()
total, stack = 0, []


def flush():
    global total
    if stack:
        total += 1
        self_time[stack[0]] += 1
        for method in set(stack):
            inclusive[method] += 1


for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush()
        stack = []
        continue
    match = re.match(r"\s+([\w.$]+\.[\w$<>]+)\(", line)
    if match:
        stack.append(match.group(1))
flush()
print(f"{total} samples")
print("On the stack (inclusive):")
for method, count in inclusive.most_common(400):
    if method.startswith(prefixes):
        print(f"  {100 * count / total:5.1f}%  {method}")
print("Top frames (self):")
for method, count in self_time.most_common(30):
    print(f"  {100 * count / total:5.1f}%  {method}")
