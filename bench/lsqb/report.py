#!/usr/bin/env python3
"""The LSQB table of bench/lsqb/run.sh: checks the counts and compares kg's medians with Kùzu's.

    report.py EXPECTED_CSV KG_RESULTS [KUZU_JSONL]

EXPECTED_CSV: `query,count` lines (bench/lsqb/expected.csv).
KG_RESULTS: one line per query run by kg: `qN ok COUNT MS MS ...` (the timed runs' milliseconds),
`qN timeout SECONDS` or `qN error MESSAGE`.
KUZU_JSONL: the output of bench/lsqb/kuzu.sh (JSON lines); absent or empty when Kùzu did not run.

Prints a markdown table: query, count, ok, kg median ms, Kùzu median ms, kg/Kùzu. Exits 1 if any
count (kg's or Kùzu's) differs from the expected one, or a kg query failed or timed out.
"""

import csv
import json
import statistics
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    with open(sys.argv[1], newline="") as f:
        expected = {row["query"]: int(row["count"]) for row in csv.DictReader(f)}

    kg = {}
    with open(sys.argv[2]) as f:
        for line in f:
            fields = line.split()
            if fields:
                kg[fields[0]] = fields[1:]

    kuzu, copy = {}, None
    if len(sys.argv) == 4:
        with open(sys.argv[3]) as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    if record["kind"] == "copy":
                        copy = record
                    elif record["kind"] == "query":
                        kuzu[record["query"]] = record

    failures = []
    print("| query | count | ok | kg median ms | Kùzu median ms | kg / Kùzu |")
    print("|---|---:|---|---:|---:|---:|")
    for query in sorted(set(kg) | set(kuzu), key=lambda q: int(q[1:]) if q[1:].isdigit() else 0):
        want = expected.get(query)
        k = kuzu.get(query)
        kuzu_ms = f"{k['median_ms']:.1f}" if k else "–"
        if k and k["count"] != want:
            failures.append(f"{query}: Kùzu counted {k['count']}, expected {want}")
        result = kg.get(query)
        ratio = "–"
        if result is None:
            count, ok, kg_ms = (f"{k['count']:,}" if k else "–"), ("yes (Kùzu)" if k and k["count"] == want else "–"), "–"
        elif result[0] == "ok":
            got = int(result[1])
            median = statistics.median(float(t) for t in result[2:])
            count, kg_ms = f"{got:,}", f"{median:.1f}"
            ok = "yes" if got == want else f"**NO** (expected {want:,})"
            if got != want:
                failures.append(f"{query}: kg counted {got}, expected {want}")
            if k and k["median_ms"] > 0:
                ratio = f"{median / k['median_ms']:.2f}"
        elif result[0] == "timeout":
            count, ok, kg_ms = "–", "**timeout**", f"> {float(result[1]) * 1000:.0f}"
            failures.append(f"{query}: kg timed out after {result[1]} s")
            if k and k["median_ms"] > 0:
                ratio = f"> {float(result[1]) * 1000 / k['median_ms']:.0f}"
        else:
            count, ok, kg_ms = "–", "**error**", "–"
            failures.append(f"{query}: kg failed: {' '.join(result[1:])}")
        print(f"| {query} | {count} | {ok} | {kg_ms} | {kuzu_ms} | {ratio} |")
    if copy:
        print(f"\nKùzu COPY of the {copy['nodes']:,} nodes and {copy['relationships']:,} relationships: "
              f"{copy['ms'] / 1000:.2f} s with {copy['threads']} threads; queries with "
              f"{next(iter(kuzu.values()))['threads'] if kuzu else '?'} thread.")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
