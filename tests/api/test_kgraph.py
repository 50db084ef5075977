"""The Python module `kgraph` (python/, docs/api.md): opening, queries with
parameters, every value type, errors with positions, transactions (a rolled
back one leaves no trace), prepared statements, building and extracting
articles, export, and threads sharing a Database. Run by ctest (api.python)."""
import json
import os
import shutil
import tempfile
import threading
import unittest

import kgraph

SOURCE_DIR = os.environ.get("KG_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
ARTICLES = [
    os.path.join(SOURCE_DIR, "examples", "articles", "dev", "en-2024-08-28-stratavolt-hanbit-stake.md"),
    os.path.join(SOURCE_DIR, "examples", "articles", "dev", "de-2024-11-06-hanbit-hbm-ausbau.md"),
]

SEED = (
    "CREATE (:Company {name: 'Alibaba', founded: 1999})"
    "-[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]->(:Topic {name: 'AI'}), "
    "(:Company {name: 'Baidu', founded: 2000})"
)


class DatabaseTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kg-py-test-")
        self.db = kgraph.Database(os.path.join(self.dir, "kg.db"))
        self.db.query(SEED)

    def tearDown(self):
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def count(self, query, target=None):
        return (target or self.db).query(query)[0]["c"]

    def test_query_with_parameters_returns_dicts(self):
        rows = self.db.query("MATCH (c:Company {name: $name}) RETURN c.founded AS founded", name="Alibaba")
        self.assertEqual(rows, [{"founded": 1999}])
        rows = self.db.query("MATCH (c:Company) WHERE c.name IN $names RETURN count(*) AS c",
                             {"names": ["Alibaba", "Baidu"]})
        self.assertEqual(rows, [{"c": 2}])

    def test_every_value_type(self):
        rows = self.db.query(
            "MATCH p = (c:Company {name: 'Alibaba'})-[i:INVESTS_IN]->(t) "
            "RETURN null AS n, true AS b, 42 AS i, 4.2e9 AS f, 'text' AS s, [1, 'two'] AS l, "
            "{k: 1.5} AS m, c, i AS rel, p, $param AS echo",
            param={"nested": [1, 2.5, None, True, "x"]})
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertIsNone(row["n"])
        self.assertIs(row["b"], True)
        self.assertEqual(row["i"], 42)
        self.assertIsInstance(row["i"], int)
        self.assertEqual(row["f"], 4.2e9)
        self.assertIsInstance(row["f"], float)
        self.assertEqual(row["s"], "text")
        self.assertEqual(row["l"], [1, "two"])
        self.assertEqual(row["m"], {"k": 1.5})
        self.assertEqual(row["echo"], {"nested": [1, 2.5, None, True, "x"]})

        company = row["c"]
        self.assertIsInstance(company, kgraph.Node)
        self.assertEqual(company.labels, ["Company"])
        self.assertEqual(company["name"], "Alibaba")
        self.assertEqual(company.properties["founded"], 1999)
        self.assertIsNone(company.get("missing"))

        rel = row["rel"]
        self.assertIsInstance(rel, kgraph.Relationship)
        self.assertEqual(rel.type, "INVESTS_IN")
        self.assertEqual(rel.start, company.id)
        self.assertEqual(rel["currency"], "CNY")

        path = row["p"]
        self.assertIsInstance(path, kgraph.Path)
        self.assertEqual(len(path), 1)
        self.assertEqual(path.nodes[0], company)
        self.assertEqual(path.relationships[0], rel)
        self.assertEqual(path.nodes[1]["name"], "AI")

    def test_result_object_and_json(self):
        result = self.db.run("MATCH (c:Company) RETURN c.name AS name, c ORDER BY name")
        self.assertEqual(result.columns, ["name", "c"])
        self.assertEqual([r[0] for r in result.rows], ["Alibaba", "Baidu"])
        self.assertEqual([r["name"] for r in result], ["Alibaba", "Baidu"])
        doc = json.loads(result.to_json())
        self.assertEqual(doc["columns"], ["name", "c"])
        self.assertEqual(doc["rows"][0][1]["labels"], ["Company"])
        self.assertEqual(self.db.run("CREATE (:X)").stats["nodes_created"], 1)

    def test_errors_carry_kind_and_position(self):
        with self.assertRaises(kgraph.Error) as caught:
            self.db.query("MATCH (c:Company)\nRETRUN c")
        error = caught.exception
        self.assertEqual(error.kind, "SyntaxError")
        self.assertEqual(error.code, "INVALID_INPUT")
        self.assertEqual((error.line, error.column), (2, 1))
        self.assertIn("line 2:1", str(error))
        with self.assertRaises(kgraph.Error) as caught:
            self.db.query("RETURN $missing")
        self.assertEqual(caught.exception.kind, "ParameterMissing")
        with self.assertRaises(TypeError):
            self.db.query("RETURN $x", x=object())

    def test_rolled_back_transaction_leaves_no_trace(self):
        before = self.db.stats()
        conn = self.db.connect()
        conn.begin()
        conn.query("CREATE (:Company {name: 'Tencent'})-[:PARTNERS_WITH]->(:Company {name: 'X'})")
        conn.query("MATCH (c:Company {name: 'Alibaba'}) SET c.founded = 0")
        self.assertEqual(self.count("MATCH (c:Company) RETURN count(*) AS c", conn), 4)
        conn.rollback()
        self.assertEqual(self.count("MATCH (c:Company) RETURN count(*) AS c"), 2)
        self.assertEqual(self.count("MATCH (c {founded: 1999}) RETURN count(*) AS c"), 1)
        self.assertEqual(self.count("MATCH ()-[r:PARTNERS_WITH]->() RETURN count(*) AS c"), 0)
        after = self.db.stats()
        self.assertEqual((after["nodes"], after["relationships"]), (before["nodes"], before["relationships"]))

    def test_transaction_as_context_manager(self):
        conn = self.db.connect()
        with conn:
            conn.query("CREATE (:Company {name: 'Tencent'})")
            self.assertTrue(conn.in_transaction)
        self.assertEqual(self.count("MATCH (c:Company) RETURN count(*) AS c"), 3)
        with self.assertRaises(RuntimeError):
            with conn:
                conn.query("CREATE (:Company {name: 'Ghost'})")
                raise RuntimeError("changed my mind")
        self.assertEqual(self.count("MATCH (c:Company {name: 'Ghost'}) RETURN count(*) AS c"), 0)
        self.assertFalse(conn.in_transaction)
        conn.close()

    def test_prepared_statement(self):
        conn = self.db.connect()
        statement = conn.prepare("MATCH (c:Company {name: $name}) RETURN c.founded AS f")
        self.assertFalse(statement.writes)
        self.assertEqual(conn.execute(statement, name="Alibaba"), [{"f": 1999}])
        self.assertEqual(conn.execute(statement, {"name": "Baidu"}), [{"f": 2000}])
        with self.assertRaises(kgraph.Error):
            conn.prepare("MATCH (")

    def test_export(self):
        dot = self.db.export_dot()
        self.assertIn("digraph", dot)
        self.assertIn("Alibaba", dot)
        path = os.path.join(self.dir, "graph.graphml")
        self.assertEqual(self.db.export("graphml", path=path), "")
        self.assertTrue(os.path.getsize(path) > 0)
        self.assertIn("Alibaba", self.db.export("nt"))
        with self.assertRaises(kgraph.Error):
            self.db.export("nope")

    def test_threads_share_a_database(self):
        self.db.query("UNWIND range(1, 100) AS i CREATE (:Item {n: i})")
        errors = []

        def reader():
            try:
                for _ in range(20):
                    rows = self.db.query("MATCH (i:Item) RETURN count(*) AS c, sum(i.n) AS s")
                    if rows != [{"c": 100, "s": 5050}]:
                        errors.append(rows)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class BuildTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kg-py-build-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_build_query_and_rebuild(self):
        db = kgraph.Database(os.path.join(self.dir, "kg.db"))
        summary = db.build(ARTICLES)
        self.assertEqual((summary["added"], summary["failed"]), (2, 0))
        rows = db.query("MATCH (a:Company)-[:SUPPLIES]->(b:Company {name: $name}) RETURN a.name AS a",
                        name="Stratavolt")
        self.assertIn({"a": "Hanbit"}, rows)
        self.assertEqual(db.build(ARTICLES)["unchanged"], 2)

    def test_add_document_and_facts(self):
        db = kgraph.Database(os.path.join(self.dir, "kg.db"))
        outcome = db.add_document("bat", "Alibaba investierte 4,2 Milliarden Yuan in KI.", title="BAT", lang="de")
        self.assertEqual(outcome, "added")
        self.assertEqual(db.query("MATCH (d:Document {key: 'bat'}) RETURN d.title AS t"), [{"t": "BAT"}])
        facts = db.add_facts("llm", json.dumps({
            "subject": {"label": "Company", "name": "Tencent"}, "predicate": "PARTNERS_WITH",
            "object": {"label": "Company", "name": "Baidu"}}) + "\n")
        self.assertEqual(facts["added"], 1)
        with self.assertRaises(kgraph.Error):
            db.add_document("../x", "text")

    def test_extract_without_database(self):
        with open(ARTICLES[0], encoding="utf-8") as f:
            text = f.read()
        doc = kgraph.extract(text, key="stratavolt")
        self.assertEqual(doc["doc"], "stratavolt")
        self.assertEqual(doc["lang"], "en")
        self.assertIn("Stratavolt", [e["name"] for e in doc["entities"]])
        self.assertTrue(any(r["type"] == "SUPPLIES" for r in doc["relations"]))
        self.assertEqual(kgraph.extract_file(ARTICLES[0])["lang"], "en")

    def test_read_only(self):
        path = os.path.join(self.dir, "kg.db")
        kgraph.Database(path).query("CREATE (:Company {name: 'A'})")
        db = kgraph.Database(path, read_only=True)
        self.assertEqual(db.query("MATCH (c) RETURN count(*) AS c"), [{"c": 1}])
        with self.assertRaises(kgraph.Error) as caught:
            db.query("CREATE (:X)")
        self.assertEqual(caught.exception.code, "BUSY")


if __name__ == "__main__":
    unittest.main()
