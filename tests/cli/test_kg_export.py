#!/usr/bin/env python3
"""End-to-end tests of `kg export` through the real binary.

Environment: KG_BIN (the kg binary), KG_SHARED_DIR (../shared; the LSQB round trip skips without it).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KG = os.environ.get("KG_BIN", os.path.join(ROOT, "build", "dev", "tools", "kg"))
SHARED = os.environ.get("KG_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
EXAMPLE = os.path.join(ROOT, "examples", "graph")
DOT = shutil.which("dot")

# The arguments of examples/graph/README.md.
EXAMPLE_ARGS = [
    "--nodes", "companies.csv",
    "--nodes", "Topic=topics.csv",
    "--nodes", "Product=products.csv",
    "--nodes", "Policy=policies.csv",
    "--nodes", "Country=countries.csv",
    "--nodes", "City=cities.csv",
    "--nodes", "Person=people.csv",
    "--nodes", "Organization=organizations.csv",
    "--relationships", "INVESTS_IN=invests_in.csv",
    "--relationships", "DEVELOPS=develops.csv",
    "--relationships", "SUBSIDIARY_OF=subsidiary_of.csv",
    "--relationships", "IMPOSES=imposes.csv",
    "--relationships", "TARGETS=targets.csv",
    "--relationships", "LOCATED_IN=located_in.csv",
]
EXAMPLE_NODES = 14
EXAMPLE_RELS = 13
EXAMPLE_LABELS = 8  # one legend entry each

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
IRI = r'<[^\x00-\x20<>"{}|^`\\]*>'
ECHAR = r'\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}'
LITERAL = r'"(?:[^"\\\n\r]|' + ECHAR + r')*"(?:\^\^' + IRI + r"|@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?"
TRIPLE = re.compile(r"^" + IRI + " " + IRI + " (?:" + IRI + "|" + LITERAL + r") \.$")


def example_arg(a):
    """Prefixes the example folder to a file argument ('Topic=topics.csv' -> 'Topic=.../topics.csv')."""
    if a.startswith("--"):
        return a
    prefix, _, name = a.rpartition("=")
    return (prefix + "=" if prefix else "") + os.path.join(EXAMPLE, name)


def kg(*args, check=True, env=None, **kw):
    r = subprocess.run([KG, *args], capture_output=True, env=env, **kw)
    if check and r.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r


def stats(db):
    s = json.loads(kg("stats", "--db", db, "--format", "json").stdout)
    for volatile in ("database", "bytes_on_disk"):
        s.pop(volatile)
    return s


def import_args(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kg-export-cli-")
        cls.db = os.path.join(cls.tmp, "example.db")
        kg("import", "--db", cls.db, *[example_arg(a) for a in EXAMPLE_ARGS])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, f"{self.id().split('.')[-1]}-{name}")

    def export(self, *args, **kw):
        return kg("export", "--db", self.db, *args, **kw)

    def leftovers(self):
        return [n for n in os.listdir(self.tmp) if ".tmp-" in n]

    def test_dot_to_stdout_renders(self):
        if not DOT:
            self.skipTest("GraphViz dot is not installed")
        out = self.export("--format", "dot").stdout
        self.assertTrue(out.startswith(b"digraph kgraph {"))
        svg = subprocess.run([DOT, "-Tsvg"], input=out, capture_output=True)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        text = svg.stdout.decode()
        self.assertEqual(text.count('class="node"'), EXAMPLE_NODES + EXAMPLE_LABELS)
        self.assertEqual(text.count('class="edge"'), EXAMPLE_RELS)
        self.assertIn("4.2 bn CNY", text)
        self.assertIn("42.61%", text)

    def test_render_svg(self):
        if not DOT:
            self.skipTest("GraphViz dot is not installed")
        out = self.path("graph.svg")
        r = self.export("--cluster-by-label", "--render", "svg", "-o", out)
        self.assertIn(b"rendered 14 nodes and 13 relationships", r.stdout)
        root = ET.parse(out).getroot()
        self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read().count('class="cluster"'), EXAMPLE_LABELS + 1)
        self.assertEqual(self.leftovers(), [])

    def test_render_png(self):
        if not DOT:
            self.skipTest("GraphViz dot is not installed")
        out = self.path("graph.png")
        self.export("--render", "png", "-o", out)
        with open(out, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_render_needs_output_and_dot_format(self):
        r = self.export("--render", "svg", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertTrue(r.stderr.startswith(b"error: "), r.stderr)
        r = self.export("--format", "json", "--render", "svg", "-o", self.path("x.svg"), check=False)
        self.assertEqual(r.returncode, 2)

    def test_render_without_graphviz(self):
        empty = self.path("empty-path")
        os.mkdir(empty)
        env = dict(os.environ, PATH=empty)
        out = self.path("graph.svg")
        r = self.export("--render", "svg", "-o", out, check=False, env=env)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.decode().strip(),
                         "error: --render needs GraphViz's dot, which is not installed (apt-get install graphviz)")
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.leftovers(), [])

    def test_graphml(self):
        out = self.path("graph.graphml")
        self.export("--format", "graphml", "-o", out)
        root = ET.parse(out).getroot()
        self.assertEqual(root.tag, GRAPHML + "graphml")
        keys = {k.get("id"): k for k in root.findall(GRAPHML + "key")}
        graph = root.find(GRAPHML + "graph")
        self.assertEqual(graph.get("edgedefault"), "directed")
        nodes = graph.findall(GRAPHML + "node")
        edges = graph.findall(GRAPHML + "edge")
        self.assertEqual(len(nodes), EXAMPLE_NODES)
        self.assertEqual(len(edges), EXAMPLE_RELS)
        ids = {n.get("id") for n in nodes}
        for e in edges:
            self.assertIn(e.get("source"), ids)
            self.assertIn(e.get("target"), ids)
        for d in root.iter(GRAPHML + "data"):
            self.assertIn(d.get("key"), keys)
        amount = [k for k in keys.values() if k.get("attr.name") == "amount"]
        self.assertEqual(amount[0].get("attr.type"), "double")
        names = {d.text for n in nodes for d in n.findall(GRAPHML + "data")
                 if keys[d.get("key")].get("attr.name") == "name"}
        self.assertIn("Hithink RoyalFlush", names)

    def test_json(self):
        doc = json.loads(self.export("--format", "json").stdout)
        nodes = doc["elements"]["nodes"]
        edges = doc["elements"]["edges"]
        self.assertEqual(len(nodes), EXAMPLE_NODES)
        self.assertEqual(len(edges), EXAMPLE_RELS)
        by_id = {n["data"]["id"]: n["data"] for n in nodes}
        ai = [d for d in by_id.values() if d["name"] == "AI"][0]
        self.assertEqual(ai["labels"], ["Topic"])
        self.assertIn("künstliche Intelligenz", ai["aliases"])
        invests = [e["data"] for e in edges if e["data"]["type"] == "INVESTS_IN"]
        self.assertEqual(len(invests), 4)
        baidu = [d for d in invests if by_id[d["source"]]["name"] == "Baidu"][0]
        self.assertEqual(baidu["amount"], 4.2e9)
        self.assertEqual(baidu["currency"], "CNY")

    def test_ntriples(self):
        out = self.export("--format", "nt", "--iri-base", "https://example.org/kg/").stdout.decode()
        lines = out.splitlines()
        for line in lines:
            self.assertRegex(line, TRIPLE)
        rels = [l for l in lines if " <https://example.org/kg/rel/" in l]
        self.assertEqual(len(rels), EXAMPLE_RELS)
        types = [l for l in lines if "22-rdf-syntax-ns#type" in l]
        self.assertEqual(len(types), EXAMPLE_NODES)
        r = self.export("--format", "nt", "--iri-base", "no iri", check=False)
        self.assertEqual(r.returncode, 1)

    def test_csv_needs_a_directory(self):
        r = self.export("--format", "csv", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertTrue(r.stderr.startswith(b"error: "))

    def test_csv_round_trip(self):
        out = self.path("csv")
        self.export("--format", "csv", "-o", out)
        copy = self.path("copy.db")
        kg("import", "--db", copy, *import_args(os.path.join(out, "import.args")))
        self.assertEqual(stats(copy), stats(self.db))
        # An existing directory is never overwritten.
        r = self.export("--format", "csv", "-o", out, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"exists", r.stderr)

    def test_around(self):
        doc = json.loads(self.export("--format", "json", "--around", "Alibaba", "--depth", "1").stdout)
        names = sorted(n["data"]["name"] for n in doc["elements"]["nodes"])
        self.assertEqual(names, ["AI", "Alibaba", "Alibaba Cloud", "China"])
        self.assertEqual(len(doc["elements"]["edges"]), 3)
        # By alias, and with a type filter.
        doc = json.loads(self.export("--format", "json", "--around", "Alibabas", "--depth", "2",
                                     "--type", "INVESTS_IN").stdout)
        names = sorted(n["data"]["name"] for n in doc["elements"]["nodes"])
        self.assertEqual(names, ["AI", "Alibaba", "Baidu", "Tencent"])
        doc = json.loads(self.export("--format", "json", "--label", "Company").stdout)
        self.assertEqual(len(doc["elements"]["nodes"]), 5)
        self.assertEqual(len(doc["elements"]["edges"]), 1)  # SUBSIDIARY_OF

    def test_around_unknown_name(self):
        r = self.export("--around", "Nobody", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.decode().strip(), "error: no node is named 'Nobody'")

    def test_absent_database_exports_empty_graph(self):
        db = self.path("absent.db")
        r = kg("export", "--db", db, "--format", "json")
        self.assertEqual(json.loads(r.stdout), {"elements": {"nodes": [], "edges": []}})
        self.assertFalse(os.path.exists(db))

    def test_failed_write_leaves_nothing(self):
        out = os.path.join(self.path("missing"), "graph.dot")
        r = self.export("-o", out, check=False)
        self.assertEqual(r.returncode, 5)
        self.assertTrue(r.stderr.startswith(b"error: cannot write"), r.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(out)))
        self.assertEqual(self.leftovers(), [])

    def test_closed_stdout_is_no_crash(self):
        p = subprocess.Popen([KG, "export", "--db", self.db, "--format", "nt"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        p.stdout.close()
        _, err = p.communicate()
        self.assertGreaterEqual(p.returncode, 0)  # not killed by SIGPIPE
        self.assertLess(p.returncode, 128)

    def test_help_has_an_example(self):
        r = kg("export", "--help")
        self.assertIn(b"Examples:", r.stdout)
        self.assertIn(b"--render", r.stdout)


class LsqbRoundTripTest(unittest.TestCase):
    """LSQB SF0.1 (~0.5M nodes, 2M relationships) through export --format csv and import."""

    def test_round_trip(self):
        dataset = os.path.join(SHARED, "datasets", "lsqb-sf01")
        if not os.path.isdir(dataset):
            self.skipTest(f"{dataset} is absent")
        args = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "import_args.py"), dataset],
                              capture_output=True, text=True, check=True).stdout.splitlines()
        tmp = tempfile.mkdtemp(prefix="kg-export-lsqb-")
        try:
            original = os.path.join(tmp, "lsqb.db")
            kg("import", "--db", original, *args)
            out = os.path.join(tmp, "csv")
            kg("export", "--db", original, "--format", "csv", "-o", out)
            copy = os.path.join(tmp, "copy.db")
            kg("import", "--db", copy, *import_args(os.path.join(out, "import.args")))
            # :ID is the internal id; the dataset's own `id` travels as a property column of its type.
            self.assertEqual(stats(copy), stats(original))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
