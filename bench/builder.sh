#!/usr/bin/env bash
# The knowledge builder's budgets (docs/DESIGN.md): extraction ≥ 5 MB/s of article text on one
# core, and `kg build` ≥ 1,000 articles/s of 2 KB into RocksDB.
#
#   bench/builder.sh [BUILD_DIR] [ARTICLES]      (default build/release, 5000 articles)
#
# Generates ARTICLES articles of ~2 KB (bench/make_articles.py, fixed seed), then times
# `kg extract` over all of them (one process: bytes of text / wall time, process start and
# rule loading included) and a fresh `kg build` of the same folder (its own summary line).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
n=${2:-5000}
kg=$build/tools/kg
work=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-builder.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

python3 "$here/make_articles.py" "$work/articles" "$n"
bytes=$(cat "$work"/articles/*.md | wc -c)
start=$(date +%s.%N)
"$kg" extract "$work"/articles/*.md > "$work/extract.jsonl"
end=$(date +%s.%N)
python3 - "$bytes" "$start" "$end" "$n" <<'PY'
import sys
b, s, e, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"kg extract: {n} articles, {b/1e6:.1f} MB in {e-s:.2f} s: {b/1e6/(e-s):.1f} MB/s")
PY
"$kg" build --db "$work/db" "$work/articles" | sed 's/^/kg build: /'
