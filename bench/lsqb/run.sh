#!/usr/bin/env bash
# LSQB query benchmark: the nine LSQB queries on scale factor 0.1, kg against Kùzu 0.11.3.
#
#   bench/lsqb/run.sh [BUILD_DIR] [QUERY...]        e.g. bench/lsqb/run.sh build/release q2 q5
#
# BUILD_DIR defaults to build/release; QUERY names q1..q9 (default all nine, bench/lsqb/qN.cypher).
# Environment:
#   RUNS=N      timed runs per query after one warm-up run (default 5); the table gives the median
#   KUZU=1      install Kùzu if needed (npm, network) and run it; KUZU=0 never run it; unset: run it
#               only if bench/lsqb/kuzu.sh --check finds it installed (KUZU_HOME, see kuzu.sh)
#   DATASET=DIR the LSQB CSVs (default ../shared/datasets/lsqb-sf01 beside the repository)
#   KG_TIMEOUT=S the limit of one kg run in seconds (default 600); a run past it is reported as a
#               timeout and ends that query's runs
#
# The Kùzu half (optional) runs first, alone: a fresh database, COPY of the CSVs (timed, 2 threads),
# each query once to warm up and RUNS times timed on 1 thread (bench/lsqb/kuzu_lsqb.js). The kg half
# then imports the CSVs into a fresh database with `kg import` (arguments from bench/import_args.py)
# and runs each query 1 + RUNS times as `kg query --db DB --format csv --timing -f qN.cypher`, each
# under `timeout 600`; the time is the `time: <ms> ms` line that --timing writes to stderr (execution
# only: not the process start nor the load of the graph). Every count is checked against
# bench/lsqb/expected.csv (the published LSQB counts); a wrong count, an error or a timeout makes the
# exit status 1, after the table. The budget (docs/DESIGN.md): each query at most Kùzu's time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
[[ $# -gt 0 ]] && shift
build=$(cd "$build" && pwd)
kg=$build/tools/kg
runs=${RUNS:-5}
dataset=${DATASET:-$root/../shared/datasets/lsqb-sf01}
limit=${KG_TIMEOUT:-600}  # seconds per kg run

if [[ $# -gt 0 ]]; then queries=("$@"); else queries=(q1 q2 q3 q4 q5 q6 q7 q8 q9); fi
for q in "${queries[@]}"; do
    [[ -f $here/$q.cypher ]] || { echo "error: no query $q ($here/$q.cypher)" >&2; exit 2; }
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "error: RUNS must be a positive integer, got '$runs'" >&2; exit 2; }
[[ -x $kg ]] || { echo "error: $kg not found; build the kg target first" >&2; exit 2; }
[[ -d $dataset ]] || { echo "error: $dataset is absent (the LSQB SF0.1 CSVs)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 2; }
command -v timeout >/dev/null || { echo "error: timeout not found (coreutils)" >&2; exit 2; }
kg_query=1
if ! "$kg" query --help >/dev/null 2>&1; then
    echo "error: $kg has no working 'query' command: the kg half is skipped" >&2
    kg_query=0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-lsqb.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# Kùzu first, so the two never run at once.
kuzu_results=()
run_kuzu=0
case ${KUZU:-} in
1) bash "$here/kuzu.sh" --install && run_kuzu=1 ;;
0) ;;
*) if bash "$here/kuzu.sh" --check; then run_kuzu=1; else echo "Kùzu is not installed: kg only (KUZU=1 installs it)" >&2; fi ;;
esac
kuzu_failed=0
if ((run_kuzu)); then
    echo "Kùzu: COPY and ${#queries[@]} queries, 1 + $runs runs each" >&2
    only=$(IFS=,; echo "${queries[*]}")
    if bash "$here/kuzu.sh" --dataset "$dataset" --runs "$runs" --only "$only" >"$work/kuzu.jsonl"; then
        kuzu_results=("$work/kuzu.jsonl")
    else
        echo "error: the Kùzu half failed" >&2
        kuzu_failed=1
        [[ -s $work/kuzu.jsonl ]] && kuzu_results=("$work/kuzu.jsonl")
    fi
fi

# kg: import, then the queries; appends one line per query to $work/kg.txt (see report.py).
run_kg() {
    local args db start import_s q run rc c ms msg times count status
    mapfile -t args < <(python3 "$root/bench/import_args.py" "$dataset")
    [[ ${#args[@]} -gt 0 ]] || { echo "error: no import arguments for $dataset" >&2; return 1; }
    db=$work/lsqb.db
    start=$(date +%s.%N)
    if ! "$kg" import --db "$db" --id-type integer "${args[@]}" >"$work/import.log" 2>&1; then
        echo "error: kg import of $dataset failed:" >&2
        tail -n 20 "$work/import.log" >&2
        return 1
    fi
    import_s=$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$start" "$(date +%s.%N)")
    echo "kg import: ${import_s} s" >&2

    for q in "${queries[@]}"; do
        times=() count="" status=ok
        for ((run = 0; run <= runs; run++)); do
            rc=0
            timeout "$limit" "$kg" query --db "$db" --format csv --timing -f "$here/$q.cypher" \
                >"$work/out" 2>"$work/err" || rc=$?
            if ((rc == 124)); then
                echo "  $q run $run: timed out after $limit s" >&2
                echo "$q timeout $limit" >>"$work/kg.txt"
                status=timeout
                break
            elif ((rc != 0)); then
                msg=$(tr '\n' ' ' <"$work/err" | cut -c1-300)
                echo "  $q run $run: kg query failed (exit $rc): $msg" >&2
                echo "$q error exit $rc: $msg" >>"$work/kg.txt"
                status=error
                break
            fi
            # CSV: a header line, then the one value (possibly quoted).
            c=$(awk 'NF { last = $0 } END { gsub(/[" \r]/, "", last); print last }' "$work/out")
            ms=$(sed -n 's/^time: \([0-9.]*\) ms$/\1/p' "$work/err" | tail -n 1)
            if [[ ! $c =~ ^[0-9]+$ || -z $ms ]]; then
                echo "  $q run $run: cannot read the count or the time; stdout: $(head -c 200 "$work/out"); stderr: $(head -c 200 "$work/err")" >&2
                echo "$q error unreadable output" >>"$work/kg.txt"
                status=error
                break
            fi
            if [[ -n $count && $c != "$count" ]]; then
                echo "  $q run $run: counted $c, the warm-up run $count" >&2
                echo "$q error counts differ between runs: $count, $c" >>"$work/kg.txt"
                status=error
                break
            fi
            count=$c
            if ((run == 0)); then
                echo "  $q warm-up: count $c, $ms ms" >&2
            else
                times+=("$ms")
            fi
        done
        if [[ $status == ok ]]; then
            echo "$q ok $count ${times[*]}" >>"$work/kg.txt"
            echo "  $q: $count, runs ${times[*]} ms" >&2
        fi
    done
    echo "kg import of the CSVs: ${import_s} s (wall clock, including the process start)."
    echo
}

: >"$work/kg.txt"
kg_failed=0
if ((kg_query)); then
    run_kg || kg_failed=1
fi

rc=0
python3 "$here/report.py" "$here/expected.csv" "$work/kg.txt" "${kuzu_results[@]}" || rc=$?
((kuzu_failed || kg_failed || !kg_query)) && rc=1
exit "$rc"
