"""Prints the medians of bench/compare.sh's results (one or more of its JSON-lines files) as a Markdown table."""
import collections
import json
import statistics
import sys

rows = collections.defaultdict(list)
order = []
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line)
        label = r.get("variant") or r.get("gc")  # the first gc.sh runs named the variant "gc"
        if label not in order:
            order.append(label)
        rows[(label, r["scenario"])].append(r)


def med(label, scenario, key):
    values = [r[key] for r in rows[(label, scenario)]]
    return statistics.median(values) if values else float("nan")


print(f"Medians over the rounds ({', '.join(sys.argv[1:])}):")
print("| variant | rounds | A µs/delivery (sys) | B µs/delivery (sys) | C µs/delivery (sys) | B p99 ms | C p99 ms"
      " | RSS A / B / C MiB |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for label in order:
    print(f"| {label} | {len(rows[(label, 'B')])} "
          f"| {med(label, 'A', 'cpu'):.1f} ({med(label, 'A', 'sys'):.1f}) "
          f"| {med(label, 'B', 'cpu'):.1f} ({med(label, 'B', 'sys'):.1f}) "
          f"| {med(label, 'C', 'cpu'):.2f} ({med(label, 'C', 'sys'):.2f}) "
          f"| {med(label, 'B', 'p99') / 1000:.0f} | {med(label, 'C', 'p99') / 1000:.1f} "
          f"| {med(label, 'A', 'rss') / 1024:.0f} / {med(label, 'B', 'rss') / 1024:.0f} "
          f"/ {med(label, 'C', 'rss') / 1024:.0f} |")
