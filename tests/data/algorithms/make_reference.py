#!/usr/bin/python3
"""Generate NetworkX reference results for kgraph's graph-algorithm tests.

What it makes (all in the directory this script lives in, see README.md):
  * edge/node lists of the hand-made graphs a, b, c, d
        <name>.edges.csv   (src,dst[,weight])   <name>.nodes.csv (id)
  * reference outputs computed independently with NetworkX:
        wiki-vote.{summary,pagerank,wcc,scc,bfs,bfs-undirected}.csv
        a.{pagerank,wcc,scc,betweenness,degrees}.csv
        b.dijkstra.csv  b.dijkstra-paths.csv
        c.all-shortest-paths.csv  c.all-shortest-paths-directed.csv
        d.betweenness.csv
  * README.facts.txt: numbers computed here that README.md quotes.

How to re-run (from the repository root):
    /usr/bin/python3 tests/data/algorithms/make_reference.py
Optional: --wiki-dir DIR (default /work/shared/datasets/snap/wiki-Vote).

Requirements: Debian's python3-networkx (apt-get install -y python3-networkx),
which pulls in numpy and scipy (nx.pagerank uses scipy).  Use Debian's
/usr/bin/python3, not a pyenv/venv python that cannot see the Debian package.
NetworkX is a developer tool only: the C++ tests read the committed CSV files
and never run NetworkX.

Output is deterministic: rows are sorted, floats are written with repr()
(shortest string that round-trips to the same IEEE double, i.e. <= 17
significant digits).
"""

import argparse
import collections
import csv
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_WIKI = "/work/shared/datasets/snap/wiki-Vote"

PR_ALPHA = 0.85
PR_MAX_ITER = 1000
PR_TOL = 1e-12

facts = []  # (key, value) lines collected for README.facts.txt


def fact(key, value):
    facts.append((key, value))
    print(f"{key}: {value}")


def fmt(x):
    """Float -> repr (round-trip exact); ints stay ints."""
    if isinstance(x, float):
        return repr(x)
    return str(x)


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])
    print(f"wrote {name} ({os.path.getsize(path)} bytes)")


# ---------------------------------------------------------------------------
# Hand-made graphs.  Node ids are integers; every graph's ids start at 1
# (there is no node 0), so confusing an internal dense offset with the id
# shows up immediately.
# ---------------------------------------------------------------------------

# (a) 12-node directed graph.
#   SCC A = {1,2,3}       1->2->3->1
#   SCC B = {4,5,6,7}     4->5->6->7->4 plus chord 5->7
#   A -> B one way        3->4, 2->5
#   node 8: dangling      6->8, 8 has no out-edges (singleton SCC)
#   SCC C = {9,10,11}     9->10->11->9 plus 10->9 (2-cycle inside the SCC)
#   node 12: isolated     no edges at all (singleton SCC and WCC)
# Non-trivial SCCs: 3 (A, B, C); all SCCs incl. singletons: 5.
# Non-trivial WCCs: 2 ({1..8}, {9,10,11}); all WCCs incl. isolated 12: 3.
A_NODES = list(range(1, 13))
A_EDGES = [
    (1, 2), (2, 3), (3, 1),
    (3, 4), (2, 5),
    (4, 5), (5, 6), (6, 7), (7, 4), (5, 7),
    (6, 8),
    (9, 10), (10, 11), (11, 9), (10, 9),
]

# (b) weighted directed graph for Dijkstra, source 1.  Weights are dyadic
# fractions, so every path cost is exact in binary floating point.
#   tie:         two cheapest paths 1->3->2->6 and 1->3->5->6 (cost 4.0); the
#                tie propagates to 7 and 8
#   detours:     direct 1->2 (4) loses to 1->3->2 (3); direct 1->9 (12) loses
#                to 1->3->2->4->9 (9.5)
#   unreachable: node 10 has out-edges (10->1, 10->5) but no in-edges
B_SOURCE = 1
B_NODES = list(range(1, 11))
B_EDGES = [
    (1, 2, 4.0), (1, 3, 1.0), (3, 2, 2.0), (2, 4, 5.0), (3, 4, 8.0),
    (3, 5, 2.5), (2, 6, 1.0), (5, 6, 0.5), (6, 7, 3.0), (4, 7, 0.25),
    (7, 8, 1.0), (4, 8, 1.5), (8, 9, 2.0), (4, 9, 1.5), (1, 9, 12.0),
    (9, 1, 1.0), (10, 1, 1.0), (10, 5, 1.0),
]

# (c) undirected graph for all-shortest-paths between C_SOURCE and C_TARGET.
# Each line of c.edges.csv is ONE UNDIRECTED edge; the src/dst order carries
# no meaning for the primary reference and is deliberately mixed.  Tests
# should load it with both directions or traverse ignoring direction
# (BOTH / undirected).
# A 3x3 grid
#     1 2 3
#     4 5 6
#     7 8 9
# plus a 4-hop detour 1-10-11-12-9 and a shortcut 3-13-9.
# Undirected: 8 shortest 1..9 paths of 4 hops (6 grid + detour + via 13).
# Read literally as directed src->dst edges the answer is different: 2 paths
# of 6 hops (1|4|5|2|3|13|9 and 1|4|5|6|3|13|9), in
# c.all-shortest-paths-directed.csv, which catches a direction mix-up.
C_SOURCE, C_TARGET = 1, 9
C_NODES = list(range(1, 14))
C_EDGES = [
    (2, 1), (2, 3), (4, 5), (5, 6), (7, 8), (9, 8),
    (1, 4), (7, 4), (5, 2), (5, 8), (6, 3), (9, 6),
    (1, 10), (10, 11), (12, 11), (12, 9),
    (3, 13), (13, 9),
]

# (d) 15-node directed graph for exact betweenness: a source-only node (1),
# a 2-cycle (2<->3), diamonds (2/3 -> 4 and 5 -> 6/7 -> 8) that give
# fractional pair dependencies, cycles 5->6/7->8->9->5, 10->11->12->10 and
# 13->14->15->13, and one-way links 4->5, 4->13, 9->10, 14->9, 15->12
# (so many ordered pairs are unreachable).  One SCC per cycle group.
D_NODES = list(range(1, 16))
D_EDGES = [
    (1, 2), (1, 3), (2, 3), (3, 2), (2, 4), (3, 4),
    (4, 5), (5, 6), (5, 7), (6, 7), (6, 8), (7, 8), (8, 9), (9, 5),
    (9, 10), (10, 11), (11, 12), (12, 10),
    (4, 13), (13, 14), (14, 15), (15, 13), (15, 12), (14, 9),
]


def build(nodes, edges, weighted=False, graph_cls=nx.DiGraph):
    g = graph_cls()
    g.add_nodes_from(nodes)
    for e in edges:
        if weighted:
            g.add_edge(e[0], e[1], weight=e[2])
        else:
            g.add_edge(e[0], e[1])
    return g


def write_graph(name, nodes, edges, weighted=False):
    write_csv(f"{name}.nodes.csv", ["id"], [[n] for n in nodes])
    if weighted:
        write_csv(f"{name}.edges.csv", ["src", "dst", "weight"], edges)
    else:
        write_csv(f"{name}.edges.csv", ["src", "dst"], edges)


# ---------------------------------------------------------------------------
# helpers producing reference outputs
# ---------------------------------------------------------------------------

def pagerank(g):
    return nx.pagerank(g, alpha=PR_ALPHA, max_iter=PR_MAX_ITER, tol=PR_TOL)


def pagerank_error_estimate(g, pr):
    """Max |pr - tighter solution| so README can suggest a test tolerance."""
    tight = nx.pagerank(g, alpha=PR_ALPHA, max_iter=100000, tol=1e-16)
    return max(abs(pr[n] - tight[n]) for n in g)


def pagerank_iterations(g, pr):
    """Re-run NetworkX's power iteration (x0 = 1/N, uniform teleport, dangling
    mass spread uniformly, stop when L1(x - x_prev) < N * tol) to report how
    many iterations it took and the final L1 step, and check that it
    reproduces nx.pagerank bit-for-bit-ish."""
    import numpy as np
    nodelist = list(g)
    n = len(nodelist)
    a = nx.to_scipy_sparse_array(g, nodelist=nodelist, weight="weight",
                                 dtype=float)
    out = np.asarray(a.sum(axis=1)).ravel()
    inv = np.where(out != 0, 1.0 / np.where(out != 0, out, 1.0), 0.0)
    a = a.multiply(inv[:, None]).tocsr()
    dangling = np.where(out == 0)[0]
    x = np.repeat(1.0 / n, n)
    for it in range(1, PR_MAX_ITER + 1):
        last = x
        x = PR_ALPHA * (x @ a + x[dangling].sum() / n) + (1 - PR_ALPHA) / n
        err = np.absolute(x - last).sum()
        if err < n * PR_TOL:
            diff = max(abs(x[i] - pr[v]) for i, v in enumerate(nodelist))
            assert diff < 1e-14, diff
            return it, err
    raise RuntimeError("no convergence")


def canonical_components(comps):
    """node -> smallest node id of its component"""
    out = {}
    for c in comps:
        m = min(c)
        for n in c:
            out[n] = m
    return out


def size_histogram(comps):
    cnt = collections.Counter(len(c) for c in comps)
    return sorted(cnt.items(), key=lambda kv: -kv[0])


def betweenness_rows(g):
    bn = nx.betweenness_centrality(g, normalized=True, endpoints=False)
    bu = nx.betweenness_centrality(g, normalized=False, endpoints=False)
    return [[n, bn[n], bu[n]] for n in sorted(g)]


# ---------------------------------------------------------------------------
# wiki-Vote
# ---------------------------------------------------------------------------

def wiki_vote(wiki_dir):
    nodes = []
    with open(os.path.join(wiki_dir, "nodes.csv")) as f:
        for line in f:
            line = line.strip()
            if line:
                nodes.append(int(line))
    edges = []
    with open(os.path.join(wiki_dir, "edges.csv")) as f:
        for line in f:
            line = line.strip()
            if line:
                s, d = line.split(",")
                edges.append((int(s), int(d)))

    node_set = set(nodes)
    fact("wiki.nodes_csv_lines", len(nodes))
    fact("wiki.nodes_distinct", len(node_set))
    fact("wiki.edges_csv_lines", len(edges))
    edge_cnt = collections.Counter(edges)
    dup_extra = sum(c - 1 for c in edge_cnt.values() if c > 1)
    fact("wiki.edges_distinct", len(edge_cnt))
    fact("wiki.duplicate_edge_lines", dup_extra)
    self_loops = sum(1 for s, d in edges if s == d)
    fact("wiki.self_loops", self_loops)
    endpoints = {x for e in edges for x in e}
    fact("wiki.edge_endpoints_not_in_nodes_csv", len(endpoints - node_set))
    fact("wiki.nodes_without_edges", len(node_set - endpoints))
    fact("wiki.min_id", min(node_set))
    fact("wiki.max_id", max(node_set))
    # SNAP publishes 7115 nodes; see README for the node-0 anomaly.
    zero_edges = [e for e in edges if 0 in e]
    fact("wiki.edges_touching_node_0", zero_edges)

    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    fact("wiki.DiGraph.nodes", g.number_of_nodes())
    fact("wiki.DiGraph.edges", g.number_of_edges())
    dangling = [n for n in g if g.out_degree(n) == 0]
    fact("wiki.dangling_nodes(out_degree_0)", len(dangling))
    fact("wiki.source_only_nodes(in_degree_0)",
         sum(1 for n in g if g.in_degree(n) == 0))

    # --- PageRank (DiGraph) ---
    pr = pagerank(g)
    write_csv("wiki-vote.pagerank.csv", ["id", "score"],
              [[n, pr[n]] for n in sorted(g)])
    fact("wiki.pagerank.sum", repr(sum(pr.values())))
    top = sorted(pr.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    fact("wiki.pagerank.top5", [(n, repr(s)) for n, s in top])
    fact("wiki.pagerank.max_abs_err_vs_tol1e-16",
         repr(pagerank_error_estimate(g, pr)))
    fact("wiki.pagerank.iterations_and_final_L1_step(threshold N*tol)",
         pagerank_iterations(g, pr))
    fact("wiki.pagerank.graph", "DiGraph")

    if dup_extra:
        mg = nx.MultiDiGraph()
        mg.add_nodes_from(nodes)
        mg.add_edges_from(edges)
        prm = pagerank(mg)
        write_csv("wiki-vote.pagerank-multi.csv", ["id", "score"],
                  [[n, prm[n]] for n in sorted(mg)])
        fact("wiki.pagerank-multi.graph", "MultiDiGraph")
    else:
        fact("wiki.pagerank-multi", "not written: no duplicate edges, "
             "MultiDiGraph result would equal the DiGraph result")

    # --- WCC / SCC ---
    wcc = list(nx.weakly_connected_components(g))
    scc = list(nx.strongly_connected_components(g))
    fact("wiki.wcc.count", len(wcc))
    fact("wiki.wcc.largest", max(len(c) for c in wcc))
    fact("wiki.scc.count", len(scc))
    fact("wiki.scc.largest", max(len(c) for c in scc))
    write_csv("wiki-vote.wcc.csv", ["size", "count"], size_histogram(wcc))
    write_csv("wiki-vote.scc.csv", ["size", "count"], size_histogram(scc))
    fact("wiki.wcc.size_histogram", size_histogram(wcc))
    fact("wiki.scc.size_histogram(top)", size_histogram(scc)[:5])
    fact("wiki.scc.smallest_id_in_largest",
         min(max(scc, key=len)))

    # --- BFS ---
    max_out = max(g, key=lambda n: (g.out_degree(n), -n))
    by_id = sorted(g)
    sources = [max_out, by_id[0], by_id[1]]
    fact("wiki.bfs.sources", [
        f"{max_out} (max out-degree {g.out_degree(max_out)}, ties -> smallest id)",
        f"{by_id[0]} (smallest id)",
        f"{by_id[1]} (second-smallest id)",
    ])
    rows = []
    for s in sources:
        dist = nx.single_source_shortest_path_length(g, s)
        fact(f"wiki.bfs.from_{s}.reachable_incl_source", len(dist))
        fact(f"wiki.bfs.from_{s}.max_distance", max(dist.values()))
        rows.extend([s, t, d] for t, d in sorted(dist.items()))
    write_csv("wiki-vote.bfs.csv", ["source", "target", "distance"], rows)

    ug = g.to_undirected(as_view=True)
    dist = nx.single_source_shortest_path_length(ug, max_out)
    fact(f"wiki.bfs_undirected.from_{max_out}.reachable_incl_source", len(dist))
    fact(f"wiki.bfs_undirected.from_{max_out}.max_distance", max(dist.values()))
    write_csv("wiki-vote.bfs-undirected.csv", ["source", "target", "distance"],
              [[max_out, t, d] for t, d in sorted(dist.items())])

    write_csv("wiki-vote.summary.csv", ["key", "value"], [
        ["nodes", g.number_of_nodes()],
        ["edges", len(edges)],
        ["distinct_edges", len(edge_cnt)],
        ["duplicate_edge_lines", dup_extra],
        ["self_loops", self_loops],
        ["dangling_nodes", len(dangling)],
        ["wcc_count", len(wcc)],
        ["wcc_largest", max(len(c) for c in wcc)],
        ["scc_count", len(scc)],
        ["scc_largest", max(len(c) for c in scc)],
        ["bfs_source_max_out_degree", max_out],
        ["bfs_source_smallest_id", by_id[0]],
        ["bfs_source_second_smallest_id", by_id[1]],
    ])


# ---------------------------------------------------------------------------
# hand-made graphs
# ---------------------------------------------------------------------------

def graph_a():
    write_graph("a", A_NODES, A_EDGES)
    g = build(A_NODES, A_EDGES)
    pr = pagerank(g)
    write_csv("a.pagerank.csv", ["id", "score"], [[n, pr[n]] for n in sorted(g)])
    fact("a.pagerank.sum", repr(sum(pr.values())))
    fact("a.pagerank.max_abs_err_vs_tol1e-16", repr(pagerank_error_estimate(g, pr)))
    fact("a.pagerank.iterations_and_final_L1_step(threshold N*tol)",
         pagerank_iterations(g, pr))
    wcc = list(nx.weakly_connected_components(g))
    scc = list(nx.strongly_connected_components(g))
    cw = canonical_components(wcc)
    cs = canonical_components(scc)
    write_csv("a.wcc.csv", ["id", "component"], [[n, cw[n]] for n in sorted(g)])
    write_csv("a.scc.csv", ["id", "component"], [[n, cs[n]] for n in sorted(g)])
    fact("a.wcc", sorted(sorted(c) for c in wcc))
    fact("a.scc", sorted(sorted(c) for c in scc))
    assert len(scc) == 5 and sum(1 for c in scc if len(c) > 1) == 3
    assert len(wcc) == 3 and sum(1 for c in wcc if len(c) > 1) == 2
    write_csv("a.betweenness.csv", ["id", "normalized", "raw"], betweenness_rows(g))
    write_csv("a.degrees.csv", ["id", "in", "out", "both"],
              [[n, g.in_degree(n), g.out_degree(n),
                g.in_degree(n) + g.out_degree(n)] for n in sorted(g)])


def graph_b():
    write_graph("b", B_NODES, B_EDGES, weighted=True)
    g = build(B_NODES, B_EDGES, weighted=True)
    dist = nx.single_source_dijkstra_path_length(g, B_SOURCE, weight="weight")
    write_csv("b.dijkstra.csv", ["source", "target", "cost"],
              [[B_SOURCE, t, float(c)] for t, c in sorted(dist.items())])
    fact("b.unreachable_from_source", sorted(set(g) - set(dist)))
    rows = []
    for t in sorted(dist):
        paths = sorted(nx.all_shortest_paths(g, B_SOURCE, t, weight="weight"))
        for p in paths:
            rows.append([B_SOURCE, t, float(dist[t]), len(paths),
                         "|".join(map(str, p))])
    write_csv("b.dijkstra-paths.csv",
              ["source", "target", "cost", "num_paths", "path"], rows)
    one = nx.dijkstra_path(g, B_SOURCE, 9, weight="weight")
    fact("b.dijkstra_path_1_to_9", "|".join(map(str, one)))
    fact("b.tied_targets", sorted({r[1] for r in rows if r[3] > 1}))


def graph_c():
    write_graph("c", C_NODES, C_EDGES)
    dg = build(C_NODES, C_EDGES)
    ug = dg.to_undirected()
    pu = sorted(nx.all_shortest_paths(ug, C_SOURCE, C_TARGET))
    write_csv("c.all-shortest-paths.csv", ["path"],
              [["|".join(map(str, p))] for p in pu])
    fact("c.undirected.num_paths", len(pu))
    fact("c.undirected.hops", len(pu[0]) - 1)
    try:
        pd = sorted(nx.all_shortest_paths(dg, C_SOURCE, C_TARGET))
    except nx.NetworkXNoPath:
        pd = []
    write_csv("c.all-shortest-paths-directed.csv", ["path"],
              [["|".join(map(str, p))] for p in pd])
    fact("c.directed.num_paths", len(pd))
    fact("c.directed.hops", (len(pd[0]) - 1) if pd else None)


def graph_d():
    write_graph("d", D_NODES, D_EDGES)
    g = build(D_NODES, D_EDGES)
    write_csv("d.betweenness.csv", ["id", "normalized", "raw"], betweenness_rows(g))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wiki-dir", default=DEFAULT_WIKI)
    args = ap.parse_args()
    fact("networkx.version", nx.__version__)
    fact("python.version", sys.version.split()[0])
    wiki_vote(args.wiki_dir)
    graph_a()
    graph_b()
    graph_c()
    graph_d()
    with open(os.path.join(HERE, "README.facts.txt"), "w") as f:
        f.write("# Generated by make_reference.py; do not edit by hand.\n")
        for k, v in facts:
            f.write(f"{k}: {v}\n")


if __name__ == "__main__":
    main()
