#!/usr/bin/env bash
# Every benchmark in bench/, one after the other (what `make bench` runs).
#
#   bench/run.sh BUILD_DIR
#
# Each bench/*.sh other than this one is called with BUILD_DIR and its default datasets. A failing
# benchmark does not stop the others; the exit status is 1 if any failed.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)

failed=()
for script in "$here"/*.sh; do
    [[ $(basename "$script") == run.sh ]] && continue
    printf '\n## %s\n\n' "$(basename "$script" .sh)"
    if ! bash "$script" "$build"; then
        failed+=("$(basename "$script")")
    fi
done
printf '\n## %s\n\n' lsqb
bash "$here/lsqb/run.sh" "$build" || failed+=("lsqb/run.sh")

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "error: failed: ${failed[*]}" >&2
    exit 1
fi
