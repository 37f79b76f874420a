#!/usr/bin/env python3
"""Summarises an async-profiler CPU profile in collapsed form, recorded with threads and kernel frames
(bench/profile.sh with PROFILER=async): the share of each group of threads, split into time in the kernel (the
sampled frame is the kernel's) and in user space; the event loops' samples by stage (bench/jfr_stages.py's stages,
so the two profilers' tables compare) with each stage's kernel part; and the hottest frames.
Usage: python3 bench/async_profile.py FILE.collapsed [TOP]"""
import collections
import re
import sys

from jfr_stages import stage_of

GROUPS = [("event loops", "eventloop"), ("garbage collector", "VM Thread|GC"), ("JIT compilers", "Compiler"),
          ("other JVM and Vert.x threads", "")]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    groups, kernel_by_group = collections.Counter(), collections.Counter()
    stages, kernel_by_stage = collections.Counter(), collections.Counter()
    hottest = collections.Counter()
    total = loops = 0
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        count = int(count)
        thread = frames[0].strip("[]") if frames[0].startswith("[") else ""
        group = next(name for name, pattern in GROUPS if re.search(pattern, thread))
        in_kernel = frames[-1].endswith("_[k]")
        total += count
        groups[group] += count
        kernel_by_group[group] += count if in_kernel else 0
        hottest[frames[-1]] += count
        if group == "event loops":
            loops += count
            stage = stage_of([frame.replace("/", ".") for frame in frames[1:]])
            stages[stage] += count
            kernel_by_stage[stage] += count if in_kernel else 0
    print(f"{total} samples (1 ms of CPU each), by thread (kernel part in brackets):")
    for group, count in groups.most_common():
        print(f"  {100 * count / total:5.1f}% ({100 * kernel_by_group[group] / total:4.1f}%)  {group}")
    print(f"\n{loops} samples on the event loops, by stage (kernel part in brackets; each sample counted once):")
    for stage, count in stages.most_common():
        print(f"  {100 * count / loops:5.1f}% ({100 * kernel_by_stage[stage] / loops:4.1f}%)  {stage}")
    print("\nHottest frames (self, all threads):")
    for frame, count in hottest.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame[:140]}")


if __name__ == "__main__":
    main()
