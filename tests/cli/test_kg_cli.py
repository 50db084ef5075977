#!/usr/bin/env python3
"""End-to-end tests of `kg import`, `kg stats` and `kg check`, run as a user runs them.

Environment: KG_BIN (the kg binary), KG_SHARED_DIR (../shared; dataset tests skip without it).
"""
import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest

KG = os.environ.get("KG_BIN", "kg")
SHARED = os.environ.get("KG_SHARED_DIR", "")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def kg(*args, check=None):
    """Runs kg; returns (exit status, stdout, stderr)."""
    p = subprocess.run([KG, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if check is not None and p.returncode != check:
        raise AssertionError(f"kg {' '.join(args)} exited {p.returncode}, wanted {check}:\n{p.stderr}")
    return p.returncode, p.stdout, p.stderr


def stats(db):
    _, out, _ = kg("stats", "--db", db, "--format", "json", check=0)
    s = json.loads(out)
    s.pop("bytes_on_disk")
    s.pop("database")
    return s


def prop_types(s):
    return {(p["key"], p["type"]): p["count"] for p in s["properties"]}


class Case(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="kg-cli-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "db")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def assertOneErrorLine(self, stderr, *needles):
        lines = stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, stderr)
        self.assertTrue(lines[0].startswith("error: "), stderr)
        for n in needles:
            self.assertIn(n, lines[0])


class ImportTest(Case):
    def test_typed_nodes_labels_arrays_and_relationships(self):
        people = self.write("people.csv",
                            'pid:ID(Person)|:LABEL|name:STRING|born:LONG|height:double|active:boolean|tags:string[]|n:int[]\n'
                            '1|Person;Analyst|"Yang | the ""observer"""|1980|1.75|true|a;b|1;2\n'
                            '2|Person|"Multi\nline"|1990||FALSE||\n')
        companies = self.write("companies.csv", "cid:ID(Company),name\nc1,Baidu\nc2,Alibaba\n")
        works = self.write("works.csv", ":START_ID(Person)\t:END_ID(Company)\t:TYPE\tsince:int\n1\tc1\tWORKS_FOR\t2019\n")
        knows = self.write("knows.csv", ":START_ID(Person),:END_ID(Person)\n1,2\n2,1\n")
        # Each relationship file has its own delimiter: import them in two steps.
        kg("import", "--db", self.db, "--delimiter", "|", "--nodes", people, check=0)
        st = stats(self.db)
        self.assertEqual(st["nodes"], 2)
        self.assertEqual(st["labels"], {"Person": 2, "Analyst": 1})
        types = prop_types(st)
        self.assertEqual(types[("born", "integer")], 2)
        self.assertEqual(types[("height", "float")], 1)
        self.assertEqual(types[("active", "boolean")], 2)
        self.assertEqual(types[("tags", "list")], 1)
        self.assertEqual(types[("pid", "string")], 2)  # neo4j-admin's default id type

        db2 = os.path.join(self.dir, "db2")
        code, out, err = kg("import", "--db", db2, "--nodes", "Company:Organization=" + companies,
                            "--nodes", "Person=" + self.write("p2.csv", "pid:ID(Person)\n1\n2\n"),
                            "--relationships", "KNOWS=" + knows, check=0)
        self.assertIn("imported 4 nodes and 2 relationships", out)
        st = stats(db2)
        self.assertEqual(st["labels"], {"Company": 2, "Organization": 2, "Person": 2})
        self.assertEqual(st["types"], {"KNOWS": 2})
        db3 = os.path.join(self.dir, "db3")
        kg("import", "--db", db3, "--delimiter", "TAB", "--nodes", "Company=" + self.write("c.tsv", "cid:ID(Company)\nc1\n"),
           "--nodes", "Person=" + self.write("p.tsv", "pid:ID(Person)\n1\n"), "--relationships", works, check=0)
        st = stats(db3)
        self.assertEqual(st["types"], {"WORKS_FOR": 1})
        self.assertEqual(prop_types(st)[("since", "integer")], 1)
        kg("check", "--db", db3, check=0)

    def test_integer_id_type_and_multi_file_groups(self):
        head = self.write("head.csv", "id:ID,name\n1,a\n")
        more = self.write("more.csv", "2,b\n3,c\n")  # data only: the header is the first file's
        kg("import", "--db", self.db, "--id-type", "integer", "--nodes", f"Thing={head},{more}", check=0)
        st = stats(self.db)
        self.assertEqual(st["nodes"], 3)
        self.assertEqual(prop_types(st)[("id", "integer")], 3)

    def test_bad_input_is_one_line_and_changes_nothing(self):
        good = self.write("good.csv", "id:ID,name\ng1,a\n")
        kg("import", "--db", self.db, "--nodes", "T=" + good, check=0)
        before = stats(self.db)
        cases = [
            ("int.csv", "id:ID,n:int\n1,5\n2,x5\n", ["int.csv:3:", "'x5' is not an integer"]),
            ("count.csv", "id:ID,a,b\n1,2,3\n2,3\n", ["count.csv:3:", "expected 3 fields, found 2"]),
            ("dup.csv", "id:ID\n7\n7\n", ["dup.csv:3:", "duplicate node id '7'"]),
            ("quote.csv", 'id:ID,name\n1,"open\n', ["quote.csv:2:", "unterminated"]),
            ("type.csv", "id:ID,age:intt\n1,2\n", ["type.csv:1:", "unknown type 'intt'"]),
            ("empty.csv", "", ["empty.csv:1:", "empty"]),
        ]
        for name, text, needles in cases:
            with self.subTest(name=name):
                code, _, err = kg("import", "--db", self.db, "--nodes", "T=" + good, "--nodes", "T=" + self.write(name, text))
                self.assertEqual(code, 1, err)
                self.assertOneErrorLine(err, *needles)
                self.assertEqual(stats(self.db), before)
        rel = self.write("rel.csv", ":START_ID,:END_ID\ng1,99\n")
        code, _, err = kg("import", "--db", self.db, "--nodes", "T=" + good, "--relationships", "R=" + rel)
        self.assertEqual(code, 1)
        self.assertOneErrorLine(err, "rel.csv:2:", "end node '99' not found")
        self.assertEqual(stats(self.db), before)
        code, _, err = kg("import", "--db", self.db, "--nodes", "T=" + os.path.join(self.dir, "missing.csv"))
        self.assertEqual(code, 5)
        self.assertOneErrorLine(err, "missing.csv")
        kg("check", "--db", self.db, check=0)

    def test_skip_bad_rows(self):
        f = self.write("mixed.csv", "id:ID,n:int\n1,1\n2,two\n3,3\n4\n")
        code, out, err = kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "T=" + f)
        self.assertEqual(code, 0, err)
        self.assertIn("skipped: " + f + ":3:", err)
        self.assertIn("skipped: " + f + ":5:", err)
        self.assertIn("skipped 2 bad rows", out)
        self.assertEqual(stats(self.db)["nodes"], 2)


class UsageTest(Case):
    def test_usage_errors_exit_2(self):
        for args in [("import", "--db", self.db), ("import", "--bogus"), (), ("frobnicate",)]:
            with self.subTest(args=args):
                code, _, err = kg(*args)
                self.assertEqual(code, 2, err)
                self.assertTrue(err.startswith("error: "), err)

    def test_version_and_help(self):
        code, out, _ = kg("--version")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"^kg \d+\.\d+\.\d+")
        code, out, _ = kg("import", "--help")
        self.assertEqual(code, 0)
        self.assertIn("Example:", out)
        self.assertIn("kg import --db", out)


class OpenTest(Case):
    def test_not_a_database(self):
        plain = self.write("plain.txt", "hello")
        other = os.path.join(self.dir, "other")
        os.mkdir(other)
        self.write("other/notes.md", "# notes")
        for path in (plain, other):
            for command in (("stats",), ("check",), ("import", "--nodes", "T=" + self.write("n.csv", "id:ID\n1\n"))):
                with self.subTest(path=path, command=command):
                    code, _, err = kg(*command, "--db", path)
                    self.assertEqual(code, 1, err)
                    self.assertOneErrorLine(err, "not a kgraph database")

    def test_absent_database_reads_as_empty(self):
        st = stats(os.path.join(self.dir, "nothing-here"))
        self.assertEqual((st["nodes"], st["relationships"]), (0, 0))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "nothing-here")))

    def test_locked_database(self):
        f = self.write("n.csv", "id:ID\n1\n")
        kg("import", "--db", self.db, "--nodes", "T=" + f, check=0)
        with open(os.path.join(self.db, "LOCK"), "r+") as lock:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running writer holds
            code, _, err = kg("import", "--db", self.db, "--nodes", "T=" + f)
            self.assertEqual(code, 3, err)
            self.assertOneErrorLine(err, "locked")
            self.assertEqual(stats(self.db)["nodes"], 1)  # readers take no lock
            kg("check", "--db", self.db, check=0)


class CrashTest(Case):
    def test_sigkill_during_import_leaves_all_or_nothing(self):
        nodes = os.path.join(self.dir, "nodes.csv")
        rels = os.path.join(self.dir, "rels.csv")
        n, m = 50000, 300000
        rnd = random.Random(7)
        with open(nodes, "w") as f:
            f.write("id:ID,name\n")
            f.writelines(f"{i},node{i}\n" for i in range(n))
        with open(rels, "w") as f:
            f.write(":START_ID,:END_ID,w:int\n")
            f.writelines(f"{rnd.randrange(n)},{rnd.randrange(n)},{i}\n" for i in range(m))
        seed = self.write("seed.csv", "id:ID\nx\n")
        kg("import", "--db", self.db, "--nodes", "Seed=" + seed, check=0)
        before = stats(self.db)
        for delay in (0.05, 0.2, 0.5, 0.8, 1.2, 1.8, 2.5):
            p = subprocess.Popen([KG, "import", "--db", self.db, "--nodes", "N=" + nodes, "--relationships", "R=" + rels],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            kg("check", "--db", self.db, check=0)
            st = stats(self.db)
            imports = (st["nodes"] - before["nodes"]) // n
            self.assertEqual(st["nodes"], before["nodes"] + imports * n, st)
            self.assertEqual(st["relationships"], imports * m, st)
        # The next writer clears the scratch files killed imports left behind.
        kg("import", "--db", self.db, "--nodes", "Seed=" + seed, check=0)
        self.assertEqual([d for d in os.listdir(self.db) if d.startswith("bulk.tmp")], [])


class DatasetTest(Case):
    def dataset(self, name):
        path = os.path.join(SHARED, "datasets", name)
        if not SHARED or not os.path.isdir(path):
            self.skipTest(f"../shared/datasets/{name} not present")
        args = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "import_args.py"), path],
                              capture_output=True, text=True, check=True).stdout.split("\n")
        return [a for a in args if a]

    def test_lsqb(self):
        args = self.dataset("lsqb-sf01")
        kg("import", "--db", self.db, "--id-type", "integer", *args, check=0)
        st = stats(self.db)
        self.assertEqual(st["nodes"], 432235)
        self.assertEqual(st["relationships"], 2080404)
        kg("check", "--db", self.db, check=0)

    def test_ldbc_typed(self):
        args = self.dataset("ldbc-sf01")
        kg("import", "--db", self.db, "--id-type", "integer", *args, check=0)
        st = stats(self.db)
        self.assertEqual(st["nodes"], 327588)
        self.assertEqual(st["relationships"], 1477965)
        types = prop_types(st)
        self.assertEqual(types[("birthday", "integer")], 1528)
        self.assertEqual(types[("firstName", "string")], 1528)
        self.assertIn(("length", "integer"), types)
        self.assertNotIn(("birthday", "string"), types)
        kg("check", "--db", self.db, check=0)


if __name__ == "__main__":
    unittest.main()
