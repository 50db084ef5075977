#!/usr/bin/env bash
# In-memory graph benchmarks: load of LSQB SF0.1 from RocksDB into the graph
# (rate, bytes per relationship, peak RSS), and PageRank / WCC on the largest
# SNAP graph (amazon0601).
#
#   bench/graph.sh BUILD_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
datasets=$root/../shared/datasets

work=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-graph.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

if [[ -d $datasets/lsqb-sf01 ]]; then
    mapfile -t args < <(python3 "$root/bench/import_args.py" "$datasets/lsqb-sf01")
    "$build/tools/kg" import --db "$work/lsqb" --id-type integer "${args[@]}" >/dev/null
    echo "### load LSQB SF0.1 into the in-memory graph"
    "$build/bench/graph_load" "$work/lsqb" 5
else
    echo "skipped graph load: $datasets/lsqb-sf01 is absent" >&2
fi

amazon=$datasets/snap/amazon0601
if [[ -d $amazon ]]; then
    echo "### PageRank and WCC on SNAP amazon0601"
    "$build/bench/graph_algorithms" "$amazon/amazon-nodes.csv" "$amazon/amazon-edges.csv" 3
else
    echo "skipped algorithms: $amazon is absent" >&2
fi
