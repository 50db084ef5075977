#!/usr/bin/env bash
# Kùzu 0.11.3, the peer of the LSQB budget (docs/DESIGN.md): optional, installed outside the
# repository, never committed.
#
#   bench/lsqb/kuzu.sh --install             install it (npm, network) into $KUZU_HOME if absent
#   bench/lsqb/kuzu.sh --check               exit 0 if it is installed, 1 if not
#   bench/lsqb/kuzu.sh [kuzu_lsqb.js args]   load LSQB SF0.1 and time the nine queries (JSON lines)
#
# KUZU_HOME defaults to kuzu-bench/ beside the repository (/work/kuzu-bench for /work/main). The
# install is `npm install kuzu@0.11.3` there, then the package's own install.js, which copies the
# prebuilt Node.js binding for this platform out of the package (no further download). See
# kuzu_lsqb.js for what the measurement does; bench/lsqb/run.sh calls this script.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=0.11.3
home=${KUZU_HOME:-$root/../kuzu-bench}

installed() {
    [[ -f $home/node_modules/kuzu/kuzujs.node && -f $home/node_modules/kuzu/package.json ]] &&
        grep -q "\"version\": \"$version\"" "$home/node_modules/kuzu/package.json"
}

case ${1:-} in
--install)
    if installed; then
        echo "Kùzu $version is installed in $home" >&2
        exit 0
    fi
    command -v npm >/dev/null || { echo "error: npm not found (apt-get install npm)" >&2; exit 2; }
    mkdir -p "$home"
    home=$(cd "$home" && pwd)
    echo "installing Kùzu $version into $home (npm)" >&2
    (
        cd "$home"
        [[ -f package.json ]] || npm init -y >/dev/null
        npm install --no-audit --no-fund "kuzu@$version" >&2
        node node_modules/kuzu/install.js >&2
    )
    installed || { echo "error: the install in $home has no Kùzu $version binding" >&2; exit 1; }
    echo "Kùzu $version installed in $home" >&2
    exit 0
    ;;
--check)
    installed
    exit
    ;;
esac

if ! installed; then
    echo "error: Kùzu $version is not installed in $home; run $0 --install (needs npm and the registry)" >&2
    exit 2
fi
command -v node >/dev/null || { echo "error: node not found" >&2; exit 2; }
exec node "$here/kuzu_lsqb.js" --kuzu-home "$home" --dataset "$root/../shared/datasets/lsqb-sf01" "$@"
