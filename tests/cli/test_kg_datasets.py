#!/usr/bin/env python3
"""End-to-end imports of the benchmark datasets in ../shared/datasets (slow: a few minutes under ASan).

    KG_BIN=build/dev/tools/kg KG_SHARED_DIR=../shared python3 tests/cli/test_kg_datasets.py -v

The kg arguments are built here from the file names, as a user would: `Label.csv` is a node file
(`--nodes Label=Label.csv`), `A_rel_B.csv` a relationship file of type `A_rel_B`, `A_rel_B_1.csv` a
second part of it: appended to the first file's group when it has no header line of its own
(neo4j-admin semantics), a group of its own when it has one. What `kg stats` must show (nodes and
relationships, per label, per type, every property key with its type and count) is computed here
from the files with Python's csv module, independently of kg.
"""
import csv
import os
import re
import subprocess
import sys
import unittest
from collections import Counter

from kgcli import ROOT, SHARED, Case

csv.field_size_limit(sys.maxsize)

REL_FILE = re.compile(r"^(?P<type>[A-Za-z]+_[A-Za-z]+_[A-Za-z]+)(?:_(?P<part>\d+))?\.csv$")
NODE_FILE = re.compile(r"^(?P<label>[A-Za-z]+)\.csv$")
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
TYPES = {"int": "integer", "long": "integer", "short": "integer", "byte": "integer", "float": "float",
         "double": "float", "boolean": "boolean"}  # everything else is kept as a string


def records(path):
    """The CSV records of a file (delimiter '|', RFC 4180 quotes), blank lines left out as kg does."""
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="|", quotechar='"'):
            if row and row != [""]:
                yield row


def is_header(row):
    return any(re.search(r":(ID|START_ID|END_ID|TYPE|LABEL)(\(.*\))?$", field, re.I) for field in row)


def columns(header, integer_ids):
    """[(kind, property key or None, stats type or None)] for a header row."""
    out = []
    for field in header:
        name, _, kind = field.rpartition(":") if ":" in field else (field, "", "string")
        kind = re.sub(r"\(.*\)$", "", kind)
        if kind.upper() in SPECIAL:
            if kind.upper() == "ID" and name:
                out.append(("ID", name, "integer" if integer_ids else "string"))
            else:
                out.append((kind.upper(), None, None))
        elif kind.endswith("[]"):
            out.append(("PROPERTY", name, "list"))
        else:
            out.append(("PROPERTY", name, TYPES.get(kind.lower(), "string")))
    return out


class Dataset:
    """The kg import arguments for a dataset folder, and the stats they must give."""

    def __init__(self, folder, integer_ids):
        self.args = ["--delimiter", "|"]
        self.labels, self.types, self.props = Counter(), Counter(), Counter()
        self.nodes = self.rels = 0
        names = sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
        groups = []  # (option, label or type, [paths])
        for name in names:
            path = os.path.join(folder, name)
            node, rel = NODE_FILE.match(name), REL_FILE.match(name)
            if rel and rel.group("part"):
                base = [g for g in groups if g[0] == "--relationships" and g[1] == rel.group("type")]
                assert base, "{}: no {}.csv before it".format(name, rel.group("type"))
                if is_header(next(records(path))):
                    groups.append(("--relationships", rel.group("type"), [path]))
                else:
                    base[0][2].append(path)
            elif rel:
                groups.append(("--relationships", rel.group("type"), [path]))
            elif node:
                groups.append(("--nodes", node.group("label"), [path]))
            else:
                raise AssertionError("{}: neither Label.csv nor A_rel_B.csv".format(name))
        for option, name, paths in groups:
            self.args += [option, "{}={}".format(name, ",".join(paths))]
        self.groups, self.integer_ids = groups, integer_ids

    def expect(self):
        """Counts what the import must give (reads every file)."""
        for option, name, paths in self.groups:
            self.count(option == "--nodes", name, paths, self.integer_ids)
        return self

    def count(self, is_nodes, name, paths, integer_ids):
        cols = None
        for path in paths:
            rows = records(path)
            if cols is None:
                cols = columns(next(rows), integer_ids)
            for row in rows:
                assert len(row) == len(cols), (path, row)
                if is_nodes:
                    self.nodes += 1
                    labels = {name}
                    for (kind, _, _), field in zip(cols, row):
                        if kind == "LABEL":
                            labels.update(l for l in field.split(";") if l)
                    self.labels.update(labels)
                else:
                    self.rels += 1
                    self.types[name] += 1
                for (kind, key, typ), field in zip(cols, row):
                    if key is not None and field != "":
                        self.props[(key, typ)] += 1


class DatasetTest(Case):
    def dataset(self, name, integer_ids):
        path = os.path.join(SHARED, "datasets", name)
        if not SHARED or not os.path.isdir(path):
            self.skipTest("../shared/datasets not present" if not SHARED or not os.path.isdir(
                os.path.join(SHARED, "datasets")) else "../shared/datasets/{} not present".format(name))
        return Dataset(path, integer_ids)

    def import_and_compare(self, ds, *extra):
        ds.expect()
        n, m = self.kg_import(*(list(extra) + ds.args))
        self.assertEqual((n, m), (ds.nodes, ds.rels))
        st = self.stats()
        self.assertEqual(st["nodes"], ds.nodes)
        self.assertEqual(st["relationships"], ds.rels)
        self.assertEqual(st["labels"], dict(ds.labels))
        self.assertEqual(st["types"], dict(ds.types))
        self.assertEqual({(p["key"], p["type"]): p["count"] for p in st["properties"]}, dict(ds.props))
        self.check()
        return st

    def test_lsqb_sf01(self):
        ds = self.dataset("lsqb-sf01", integer_ids=False)
        # A_rel_B files with their own type; no part files in LSQB.
        self.assertEqual(sum(1 for a in ds.args if a == "--relationships"), 25)
        self.assertEqual(sum(1 for a in ds.args if a == "--nodes"), 11)
        st = self.import_and_compare(ds)
        self.assertEqual(st["nodes"], 432235)
        self.assertEqual(st["relationships"], 2080404)
        self.assertEqual(st["types"]["Person_knows_Person"], ds.types["Person_knows_Person"])
        self.assertEqual({(p["key"], p["type"]) for p in st["properties"]}, {("id", "string")})

    def test_ldbc_sf01_typed(self):
        ds = self.dataset("ldbc-sf01", integer_ids=True)
        specs = [ds.args[i + 1] for i, a in enumerate(ds.args) if a == "--relationships"]
        # Both kinds of part files occur: with a header (a group of its own) and without (appended).
        self.assertTrue(any(s.startswith("Person_knows_Person=") and s.endswith("Person_knows_Person_1.csv")
                            and "," not in s for s in specs), specs)
        self.assertTrue(any(s.startswith("Comment_hasCreator_Person=") and s.endswith(
            ",{}".format(os.path.join(SHARED, "datasets", "ldbc-sf01", "Comment_hasCreator_Person_1.csv")))
            for s in specs), specs)
        st = self.import_and_compare(ds, "--id-type", "integer")
        types = {(p["key"], p["type"]): p["count"] for p in st["properties"]}
        self.assertEqual(types[("birthday", "integer")], st["labels"]["Person"])
        self.assertEqual(types[("firstName", "string")], st["labels"]["Person"])
        self.assertIn(("length", "integer"), types)
        self.assertIn(("creationDate", "integer"), types)
        self.assertEqual(types[("id", "integer")], st["nodes"])
        for key in ("birthday", "length", "creationDate", "id", "classYear", "workFrom", "joinDate"):
            self.assertNotIn((key, "string"), types)
        self.assertIn("Company", st["labels"])  # from Organisation.csv's :LABEL column
        self.assertIn("City", st["labels"])     # from Place.csv's :LABEL column

    def test_bench_import_args_agrees(self):
        # bench/import_args.py writes these arguments for the benchmarks: the same groups.
        script = os.path.join(ROOT, "bench", "import_args.py")
        if not os.path.isfile(script):
            self.skipTest("no bench/import_args.py")
        for name, integer_ids in (("lsqb-sf01", False), ("ldbc-sf01", True)):
            with self.subTest(dataset=name):
                ds = self.dataset(name, integer_ids)
                out = subprocess.run([sys.executable, script, os.path.join(SHARED, "datasets", name)],
                                     stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
                theirs = out.splitlines()

                def pairs(args):
                    return sorted(zip(args[::2], args[1::2]))
                self.assertEqual(pairs(theirs), pairs(ds.args))


if __name__ == "__main__":
    unittest.main()
