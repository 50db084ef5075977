"""Embedding kgraph in Python (docs/api.md): build a graph from articles,
query it with parameters, and write a GraphViz DOT file of one company's
neighbourhood.

    python3 embed.py --db kg.db --dot hanbit.dot ARTICLE...
"""
import argparse

import kgraph


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="kg.db")
    parser.add_argument("--dot", default="graph.dot")
    parser.add_argument("articles", nargs="+")
    args = parser.parse_args()

    db = kgraph.Database(args.db)
    # Each article is one atomic write; building the same file again changes nothing.
    built = db.build(args.articles)
    print(f"built {built['added']} new, {built['unchanged']} unchanged, {built['failed']} failed")

    # Who supplies Hanbit, or is supplied by it? Rows are dicts; nodes are kgraph.Node.
    rows = db.query(
        "MATCH (a:Company)-[r:SUPPLIES]->(b:Company) WHERE a.name = $name OR b.name = $name "
        "RETURN a, type(r) AS relation, b ORDER BY a.name, b.name",
        name="Hanbit",
    )
    for row in rows:
        print(row["a"]["name"], row["relation"], row["b"]["name"])

    # Everything within two hops of Hanbit, as a GraphViz file.
    db.export("dot", path=args.dot, around="Hanbit", depth=2)
    print(f"wrote {args.dot}")


if __name__ == "__main__":
    main()
