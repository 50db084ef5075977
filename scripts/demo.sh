#!/usr/bin/env bash
# The demo behind `make demo`: build a knowledge graph from the sample corpus (examples/articles/,
# 46 German and English articles) with `kg build`, show what it holds, check it, ask it the
# questions of examples/queries/sample-corpus.cypher and draw a part of it; then load the founding
# article's hand-made graph (examples/graph/) with `kg import` beside it. On a terminal, it ends in
# the REPL on the built graph.
#
#   scripts/demo.sh PATH/TO/kg
#
# The databases go to $KG_DEMO_DB (default build/demo.db, relative to the repository root) and,
# for the hand-made graph, build/founding.db beside it; both are removed first, so every run starts
# from nothing. Query them afterwards with `kg query --db build/demo.db` or `kg repl --db build/demo.db`.
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
founding=$(dirname "$db")/founding.db
g=examples/graph

# Only ever remove a directory that is (or was) a database: never a stray path by accident.
fresh() {
    local dir=$1
    if [[ -e $dir ]]; then
        if [[ ! -d $dir || ( -n $(ls -A "$dir") && ! -e $dir/CURRENT ) ]]; then
            echo "error: $dir exists and is not a kg database; remove it or set KG_DEMO_DB" >&2
            exit 2
        fi
        rm -rf -- "$dir"
    fi
    mkdir -p -- "$(dirname "$dir")"
}
fresh "$db"
fresh "$founding"

heading() { printf '\n== %s\n' "$*"; }

heading "kg build: the sample corpus (examples/articles/) into $db, with the sample world's gazetteer (examples/rules.json)"
"$kg" build --db "$db" --rules examples/rules.json examples/articles

heading "kg stats"
"$kg" stats --db "$db"

heading "kg check"
"$kg" check --db "$db"

heading "kg query -f examples/queries/sample-corpus.cypher"
"$kg" query --db "$db" -f examples/queries/sample-corpus.cypher

heading "kg export --around Hanbit --depth 1 --type SUPPLIES: Hanbit's suppliers and customers, as GraphViz DOT"
"$kg" export --db "$db" --around Hanbit --depth 1 --type SUPPLIES | grep -e ' -> '

svg=${db%.db}.svg
heading "kg export --render svg: the companies and what links them"
if command -v dot >/dev/null; then
    "$kg" export --db "$db" --label Company --type INVESTS_IN --type SUPPLIES --type SUBSIDIARY_OF --type PARTNERS_WITH \
        --render svg -o "$svg"
else
    echo "(GraphViz's dot is not installed: skipped)"
fi

heading "kg import: the founding article's hand-made graph (examples/graph/) into $founding"
"$kg" import --db "$founding" \
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

heading "kg query -f examples/queries/founding-article.cypher (first question)"
"$kg" query --db "$founding" -f examples/queries/founding-article.cypher | sed -n '1,/rows\?$/p'

printf '\nThe sample corpus graph is in %s, drawn in %s; the founding article in %s.\n' "$db" "$svg" "$founding"
if [[ -t 0 && -t 1 ]]; then
    printf 'Opening the REPL on %s (:help lists its commands, Ctrl-D leaves it).\n' "$db"
    exec "$kg" repl --db "$db"
fi
