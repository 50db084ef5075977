#!/usr/bin/env bash
# Import benchmark: bulk-load neo4j-admin style datasets with `kg import` and report the rate.
#
#   bench/import.sh BUILD_DIR [DATASET_DIR...]
#
# Default datasets: ../shared/datasets/lsqb-sf01 and ../shared/datasets/ldbc-sf01 (relative to the
# repository root); a dataset that is absent is skipped with a message. Each dataset is imported
# RUNS times (default 3) into a fresh database in a temporary directory ($TMPDIR), each run timed by
# /usr/bin/time. One markdown table row per dataset: the median elapsed time, relationships per
# second at that median, and the highest peak RSS of the runs. The budget (docs/DESIGN.md) is
# >= 500k relationships/s on a Release build.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [DATASET_DIR...]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
shift
kg=$build/tools/kg
runs=${RUNS:-3}

[[ -x $kg ]] || { echo "error: $kg not found; build the kg target first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 2; }

if [[ $# -eq 0 ]]; then
    set -- "$root/../shared/datasets/lsqb-sf01" "$root/../shared/datasets/ldbc-sf01"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-import.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

json_field() {  # json_field FILE KEY: an integer field of kg stats --format json
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

echo "| dataset | nodes | relationships | median s | relationships/s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|"
for dataset in "$@"; do
    name=$(basename "$dataset")
    if [[ ! -d $dataset ]]; then
        echo "skipped $name: $dataset is absent" >&2
        continue
    fi
    mapfile -t args < <(python3 "$root/bench/import_args.py" "$dataset")
    [[ ${#args[@]} -gt 0 ]] || { echo "error: no import arguments for $dataset" >&2; exit 1; }

    times=() rss_max=0 nodes="" rels=""
    for ((run = 1; run <= runs; run++)); do
        db=$work/db
        rm -rf -- "$db"
        if ! /usr/bin/time -f '%e %M' -o "$work/time" \
            "$kg" import --db "$db" --id-type integer "${args[@]}" >"$work/log" 2>&1; then
            echo "error: import of $dataset failed (run $run):" >&2
            tail -n 20 "$work/log" >&2
            exit 1
        fi
        read -r secs rss < <(tail -n 1 "$work/time")
        times+=("$secs")
        ((rss > rss_max)) && rss_max=$rss
        "$kg" stats --db "$db" --format json >"$work/stats.json"
        n=$(json_field "$work/stats.json" nodes)
        r=$(json_field "$work/stats.json" relationships)
        if [[ -n $nodes && ( $n != "$nodes" || $r != "$rels" ) ]]; then
            echo "error: $name run $run imported $n nodes, $r relationships; run 1 had $nodes, $rels" >&2
            exit 1
        fi
        nodes=$n rels=$r
        echo "  $name run $run: ${secs} s, ${rss} KiB" >&2
    done
    rm -rf -- "$work/db"

    python3 - "$name" "$nodes" "$rels" "$rss_max" "${times[@]}" <<'EOF'
import statistics, sys
name, nodes, rels, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
times = [float(t) for t in sys.argv[5:]]
median = statistics.median(times)
rate = rels / median if median > 0 else float("inf")
print(f"| {name} | {nodes:,} | {rels:,} | {median:.2f} | {rate:,.0f} | {rss / 1024:.0f} |")
EOF
done
