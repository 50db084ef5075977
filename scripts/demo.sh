#!/usr/bin/env bash
# The demo behind `make demo`: load the founding article's hand-made graph (examples/graph/)
# into a fresh database, then show what it holds and check it.
#
#   scripts/demo.sh PATH/TO/kg
#
# The database goes to $KG_DEMO_DB (default build/demo.db, relative to the repository root); it is
# removed first, so every run starts from nothing. Query it afterwards with `kg query --db build/demo.db`.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 PATH/TO/kg" >&2
    exit 2
fi
kg=$1
if [[ ! -x $kg ]]; then
    echo "error: $kg is not an executable kg binary (build it first: make release)" >&2
    exit 2
fi
kg=$(cd "$(dirname "$kg")" && pwd)/$(basename "$kg")

cd "$(dirname "$0")/.."
db=${KG_DEMO_DB:-build/demo.db}
g=examples/graph

# Only ever remove a directory that is (or was) a database: never a stray path by accident.
if [[ -e $db ]]; then
    if [[ ! -d $db || ( -n $(ls -A "$db") && ! -e $db/CURRENT ) ]]; then
        echo "error: $db exists and is not a kg database; remove it or set KG_DEMO_DB" >&2
        exit 2
    fi
    rm -rf -- "$db"
fi
mkdir -p -- "$(dirname "$db")"

heading() { printf '\n== %s\n' "$*"; }

heading "import examples/graph/ into $db"
"$kg" import --db "$db" \
    --nodes "$g/companies.csv" \
    --nodes "Topic=$g/topics.csv" \
    --nodes "Product=$g/products.csv" \
    --nodes "Policy=$g/policies.csv" \
    --nodes "Country=$g/countries.csv" \
    --nodes "City=$g/cities.csv" \
    --nodes "Person=$g/people.csv" \
    --nodes "Organization=$g/organizations.csv" \
    --relationships "INVESTS_IN=$g/invests_in.csv" \
    --relationships "DEVELOPS=$g/develops.csv" \
    --relationships "SUBSIDIARY_OF=$g/subsidiary_of.csv" \
    --relationships "IMPOSES=$g/imposes.csv" \
    --relationships "TARGETS=$g/targets.csv" \
    --relationships "LOCATED_IN=$g/located_in.csv"

heading "kg stats"
"$kg" stats --db "$db"

heading "kg check"
"$kg" check --db "$db"

heading "kg query -f examples/queries/founding-article.cypher"
"$kg" query --db "$db" -f examples/queries/founding-article.cypher

heading "kg export --around Alibaba --depth 1: the relationships around Alibaba, as GraphViz DOT"
"$kg" export --db "$db" --around Alibaba --depth 1 | grep -e ' -> '

svg=${db%.db}.svg
heading "kg export --render svg"
if command -v dot >/dev/null; then
    "$kg" export --db "$db" --render svg -o "$svg"
else
    echo "(GraphViz's dot is not installed: skipped)"
fi

printf '\nThe graph is in %s, drawn in %s; examples/graph/README.md says what it holds.\n' "$db" "$svg"
