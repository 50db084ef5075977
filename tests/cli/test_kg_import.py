#!/usr/bin/env python3
"""End-to-end tests of `kg import`, `kg stats` and `kg check`, run as a user runs them.

    KG_BIN=build/dev/tools/kg python3 tests/cli/test_kg_import.py -v [TestClass[.test_name]]

Each test writes its CSV files into its own temporary directory, runs the kg binary and asserts on
exit status, stdout/stderr lines, `kg stats --format json` and (for values) `kg export --format json`.
The expectations are the documented ones (docs/cli.md, docs/import.md, ../shared/docs/DESIGN.md):
exit 0 success, 1 bad input, 2 usage, 3 busy, 5 I/O; one `error: ...` line; all or nothing.
"""
import fcntl
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import unittest

from kgcli import KG, ROOT, Case, describe, kg_env, prop_types, scratch_dirs


def props_list(st):
    return sorted((p["key"], p["type"], p["count"]) for p in st["properties"])


def find(nodes, key, value):
    """The one node whose property `key` equals `value`."""
    hits = [n for n in nodes if n["props"].get(key) == value]
    assert len(hits) == 1, (key, value, nodes)
    return hits[0]


# ------------------------------------------------------------------------------------------------
# 1. The import format
# ------------------------------------------------------------------------------------------------

class ImportFormatTest(Case):
    def test_typed_nodes_and_relationships_pipe_delimited(self):
        # Person ids 1..3 and Company ids 1..2 overlap: only the id spaces tell them apart.
        people = self.write("people.csv", (
            "pid:ID(Person)|:LABEL|firstName:STRING|birthday:LONG|age:int|height:double|weight:float"
            "|active:boolean|nick:string|tags:string[]|scores:int[]\n"
            '1|Person;Analyst|"Yang | the ""observer"""|19800101|44|1.75|70.5|true|yy|a;b;c|1;2;3\n'
            '2|Person|"Multi\nline"|-5|||-1e3|FALSE||x|\n'
            '3|Person;Analyst;Lead|Plain|0|7|2|3|TRUE|""||\n'))
        companies = self.write("companies.csv", (
            "cid:ID(Company)|name|founded:short\n"
            '1|"Baidu, Inc. | Beijing"|2000\n'
            "2|Alibaba|1999\n"))
        works = self.write("works.csv", (
            ":START_ID(Person)|:END_ID(Company)|:TYPE|since:long|role:string|share:double|current:boolean"
            "|langs:string[]\n"
            '1|1|WORKS_AT|2019|"CTO | founder"|0.5|true|en;zh\n'
            "2|2|WORKS_AT|2020|||false|\n"
            "3|1|ADVISES||x|||\n"))
        knows = self.write("knows.csv", ":START_ID(Person)|:END_ID(Person)\n1|2\n2|3\n3|1\n")

        n, m = self.kg_import("--delimiter", "|", "--nodes", people, "--nodes", "Company:Organization=" + companies,
                              "--relationships", works, "--relationships", "KNOWS=" + knows)
        self.assertEqual((n, m), (5, 6))
        st = self.stats()
        self.assertEqual(st["nodes"], 5)
        self.assertEqual(st["relationships"], 6)
        self.assertEqual(st["labels"], {"Person": 3, "Analyst": 2, "Lead": 1, "Company": 2, "Organization": 2})
        self.assertEqual(st["types"], {"WORKS_AT": 2, "ADVISES": 1, "KNOWS": 3})
        self.assertEqual(props_list(st), sorted([
            ("pid", "string", 3), ("firstName", "string", 3), ("birthday", "integer", 3), ("age", "integer", 2),
            ("height", "float", 2), ("weight", "float", 3), ("active", "boolean", 3), ("nick", "string", 1),
            ("tags", "list", 2), ("scores", "list", 1),
            ("cid", "string", 2), ("name", "string", 2), ("founded", "integer", 2),
            ("since", "integer", 2), ("role", "string", 2), ("share", "float", 1), ("current", "boolean", 2),
            ("langs", "list", 1)]))
        self.assertEqual((st["documents"], st["evidence"]), (0, 0))

        nodes, edges = self.graph()
        p1, p2, p3 = (find(nodes, "pid", i) for i in ("1", "2", "3"))
        self.assertEqual(p1["labels"], ["Analyst", "Person"])
        self.assertEqual(p1["props"], {"pid": "1", "firstName": 'Yang | the "observer"', "birthday": 19800101,
                                       "age": 44, "height": 1.75, "weight": 70.5, "active": True, "nick": "yy",
                                       "tags": ["a", "b", "c"], "scores": [1, 2, 3]})
        self.assertEqual(p2["props"], {"pid": "2", "firstName": "Multi\nline", "birthday": -5, "weight": -1000.0,
                                       "active": False, "tags": ["x"]})
        self.assertEqual(p3["labels"], ["Analyst", "Lead", "Person"])
        self.assertEqual(p3["props"], {"pid": "3", "firstName": "Plain", "birthday": 0, "age": 7, "height": 2.0,
                                       "weight": 3.0, "active": True})
        baidu = find(nodes, "cid", "1")
        self.assertEqual(baidu["labels"], ["Company", "Organization"])
        self.assertEqual(baidu["props"], {"cid": "1", "name": "Baidu, Inc. | Beijing", "founded": 2000})

        def edge(t, a, b):
            hits = [e for e in edges if e["type"] == t and e["source"] == nodes.index(a) and e["target"] == nodes.index(b)]
            self.assertEqual(len(hits), 1, (t, a, b, edges))
            return hits[0]["props"]

        alibaba = find(nodes, "cid", "2")
        self.assertEqual(edge("WORKS_AT", p1, baidu), {"since": 2019, "role": "CTO | founder", "share": 0.5,
                                                       "current": True, "langs": ["en", "zh"]})
        self.assertEqual(edge("WORKS_AT", p2, alibaba), {"since": 2020, "current": False})
        self.assertEqual(edge("ADVISES", p3, baidu), {"role": "x"})
        for a, b in ((p1, p2), (p2, p3), (p3, p1)):
            self.assertEqual(edge("KNOWS", a, b), {})
        self.check()

    def test_tab_delimiter_and_array_delimiter(self):
        # A quoted tab is data; with --array-delimiter ',' the ';' is an ordinary character.
        text = ("id:ID\t:LABEL\ttags:string[]\tnums:int[]\tnote\n"
                '1\tA,B\tx;y,z\t1,2,3\t"tab\there"\n'
                "2\tA\tsolo\t-4\tplain\n")
        for spelling in ("TAB", "\\t"):
            with self.subTest(delimiter=spelling):
                db = os.path.join(self.dir, "db-" + spelling.strip("\\"))
                f = self.write("t.tsv", text)
                self.assertEqual(self.kg_import("--delimiter", spelling, "--array-delimiter", ",", "--nodes", f, db=db),
                                 (2, 0))
                st = self.stats(db)
                self.assertEqual(st["labels"], {"A": 2, "B": 1})
                self.assertEqual(prop_types(st), {("id", "string"): 2, ("tags", "list"): 2, ("nums", "list"): 2,
                                                  ("note", "string"): 2})
                nodes, _ = self.graph(db)
                self.assertEqual(find(nodes, "id", "1")["props"],
                                 {"id": "1", "tags": ["x;y", "z"], "nums": [1, 2, 3], "note": "tab\there"})
                self.assertEqual(find(nodes, "id", "2")["props"], {"id": "2", "tags": ["solo"], "nums": [-4],
                                                                  "note": "plain"})

    def test_quoted_fields(self):
        f = self.write("q.csv", (
            "id:ID,text,n:int\n"
            '1,"a,b",1\n'
            '2,"say ""hi""",2\n'
            '3,"line1\nline2, still ""3""",3\n'
            '4,"",4\n'
            '5,"x""",5\n'
            '6,"""quoted""",6\n'
            '7,",",7\n'))
        self.assertEqual(self.kg_import("--nodes", "Q=" + f), (7, 0))
        st = self.stats()
        self.assertEqual(prop_types(st), {("id", "string"): 7, ("text", "string"): 6, ("n", "integer"): 7})
        nodes, _ = self.graph()
        got = {n["props"]["id"]: n["props"].get("text") for n in nodes}
        self.assertEqual(got, {"1": "a,b", "2": 'say "hi"', "3": 'line1\nline2, still "3"', "4": None, "5": 'x"',
                               "6": '"quoted"', "7": ","})

    def test_bom_crlf_and_blank_lines(self):
        f = self.write("w.csv", b'\xef\xbb\xbfid:ID,name,n:int\r\n1,"a\r\nb",1\r\n\r\n2,c,2\r\n\n3,d,3')
        self.assertEqual(self.kg_import("--nodes", "W=" + f), (3, 0))
        st = self.stats()
        # A BOM left in the header would make the key "\ufeffid".
        self.assertEqual(prop_types(st), {("id", "string"): 3, ("name", "string"): 3, ("n", "integer"): 3})
        nodes, _ = self.graph()
        self.assertEqual(sorted((n["props"]["name"], n["props"]["n"]) for n in nodes),
                         [("a\r\nb", 1), ("c", 2), ("d", 3)])

    def test_label_and_type_prefixes(self):
        things = self.write("things.csv", "id:ID,:LABEL\n1,\n2,Extra\n3,Extra;More\n")
        rels = self.write("rels.csv", ":START_ID,:END_ID,w:int\n1,2,1\n2,3,2\n")
        typed = self.write("typed.csv", ":START_ID,:END_ID,:TYPE\n3,1,BACK\n3,2,BACK\n1,1,SELF\n")
        self.assertEqual(self.kg_import("--nodes", "Label1:Label2=" + things, "--relationships", "LINKS=" + rels,
                                        "--relationships", typed), (3, 5))
        st = self.stats()
        self.assertEqual(st["labels"], {"Label1": 3, "Label2": 3, "Extra": 2, "More": 1})
        self.assertEqual(st["types"], {"LINKS": 2, "BACK": 2, "SELF": 1})
        self.assertEqual(prop_types(st), {("id", "string"): 3, ("w", "integer"): 2})

    def test_multi_file_groups_take_the_header_from_the_first_file(self):
        # neo4j-admin semantics: the first line of data2.csv is data, not a header.
        head = self.write("h.csv", "id:ID(P),name,age:int\n1,a,10\n2,b,20")  # no final newline
        data2 = self.write("data2.csv", "3,c,30\n4,d,40\n")
        data3 = self.write("data3.csv", "5,e,50\n")
        r1 = self.write("r1.csv", ":START_ID(P),:END_ID(P),since:int\n1,2,2001\n")
        r2 = self.write("r2.csv", "2,3,2002\n3,4,2003\n4,5,2004\n")
        self.assertEqual(self.kg_import("--nodes", "Person={},{},{}".format(head, data2, data3),
                                        "--relationships", "KNOWS={},{}".format(r1, r2)), (5, 4))
        st = self.stats()
        self.assertEqual((st["nodes"], st["relationships"]), (5, 4))
        self.assertEqual(st["labels"], {"Person": 5})
        self.assertEqual(st["types"], {"KNOWS": 4})
        self.assertEqual(prop_types(st), {("id", "string"): 5, ("name", "string"): 5, ("age", "integer"): 5,
                                          ("since", "integer"): 4})
        nodes, edges = self.graph()
        self.assertEqual(sorted(n["props"]["age"] for n in nodes), [10, 20, 30, 40, 50])
        chain = sorted((nodes[e["source"]]["props"]["id"], nodes[e["target"]]["props"]["id"], e["props"]["since"])
                       for e in edges)
        self.assertEqual(chain, [("1", "2", 2001), ("2", "3", 2002), ("3", "4", 2003), ("4", "5", 2004)])

    def test_id_spaces_are_separate(self):
        a = self.write("a.csv", "id:ID(A)\n1\n2\n")
        b = self.write("b.csv", "id:ID(B)\n1\n2\n")
        g = self.write("g.csv", ":ID\n1\n")  # the global space; unnamed, so no property
        ab = self.write("ab.csv", ":START_ID(A),:END_ID(B)\n1,2\n2,1\n")
        ba = self.write("ba.csv", ":START_ID(B),:END_ID(A)\n1,1\n")
        gg = self.write("gg.csv", ":START_ID,:END_ID(A)\n1,2\n")
        self.assertEqual(self.kg_import("--nodes", "A=" + a, "--nodes", "B=" + b, "--nodes", "G=" + g,
                                        "--relationships", "AB=" + ab, "--relationships", "BA=" + ba,
                                        "--relationships", "GA=" + gg), (5, 4))
        st = self.stats()
        self.assertEqual(st["labels"], {"A": 2, "B": 2, "G": 1})
        self.assertEqual(st["types"], {"AB": 2, "BA": 1, "GA": 1})
        self.assertEqual(prop_types(st), {("id", "string"): 4})
        nodes, edges = self.graph()
        got = sorted((e["type"], nodes[e["source"]]["labels"][0], nodes[e["source"]]["props"].get("id"),
                      nodes[e["target"]]["labels"][0], nodes[e["target"]]["props"].get("id")) for e in edges)
        self.assertEqual(got, [("AB", "A", "1", "B", "2"), ("AB", "A", "2", "B", "1"), ("BA", "B", "1", "A", "1"),
                               ("GA", "G", None, "A", "2")])

    def test_imports_add_up_and_ids_are_scoped_to_one_import(self):
        first = self.write("first.csv", "id:ID,n:int\n1,1\n2,2\n")
        rel = self.write("rel.csv", ":START_ID,:END_ID\n1,2\n")
        self.assertEqual(self.kg_import("--nodes", "T=" + first, "--relationships", "R=" + rel), (2, 1))
        # The same ids again make new nodes: ids belong to one import (docs/cli.md).
        self.assertEqual(self.kg_import("--nodes", "T:U=" + first, "--relationships", "R=" + rel), (2, 1))
        st = self.stats()
        self.assertEqual((st["nodes"], st["relationships"]), (4, 2))
        self.assertEqual(st["labels"], {"T": 4, "U": 2})
        self.assertEqual(st["types"], {"R": 2})
        self.assertEqual(prop_types(st), {("id", "string"): 4, ("n", "integer"): 4})
        # ... so a relationship file alone cannot name nodes of an earlier import.
        before = self.stats()
        r = self.kg("import", "--db", self.db, "--relationships", "R=" + rel)
        self.assertOneError(r, rel + ":2:", "start node '1' not found")
        self.assertEqual(self.stats(), before)
        self.check()

    def test_header_only_files_import_nothing(self):
        n = self.write("n.csv", "id:ID,name\n")
        r = self.write("r.csv", ":START_ID,:END_ID\n")
        self.assertEqual(self.kg_import("--nodes", "T=" + n, "--relationships", "R=" + r), (0, 0))
        st = self.stats()
        self.assertEqual((st["nodes"], st["relationships"], st["labels"], st["types"], st["properties"]),
                         (0, 0, {}, {}, []))

    def test_summary_line_counts_with_thousands_separators(self):
        f = self.write("many.csv", "id:ID\n" + "".join("{}\n".format(i) for i in range(1234)))
        r = self.kg("import", "--db", self.db, "--nodes", "N=" + f, code=0)
        self.assertRegex(r.out, r"^imported 1,234 nodes and 0 relationships from [\d.]+ (B|KiB) in ")
        self.assertEqual(self.stats()["nodes"], 1234)


# ------------------------------------------------------------------------------------------------
# 2. --id-type
# ------------------------------------------------------------------------------------------------

class IdTypeTest(Case):
    def write_files(self):
        nodes = self.write("n.csv", "id:ID(P),name\n1,a\n-20,b\n300,c\n")
        rels = self.write("r.csv", ":START_ID(P),:END_ID(P)\n1,-20\n300,1\n")
        return nodes, rels

    def test_default_stores_named_ids_as_strings(self):
        nodes, rels = self.write_files()
        self.assertEqual(self.kg_import("--nodes", "P=" + nodes, "--relationships", "R=" + rels), (3, 2))
        st = self.stats()
        self.assertEqual(prop_types(st), {("id", "string"): 3, ("name", "string"): 3})
        self.assertEqual(sorted(n["props"]["id"] for n in self.graph()[0]), ["-20", "1", "300"])

    def test_explicit_string(self):
        nodes, rels = self.write_files()
        self.assertEqual(self.kg_import("--id-type", "string", "--nodes", "P=" + nodes, "--relationships", "R=" + rels),
                         (3, 2))
        self.assertEqual(prop_types(self.stats()), {("id", "string"): 3, ("name", "string"): 3})

    def test_integer_stores_named_ids_as_integers(self):
        nodes, rels = self.write_files()
        self.assertEqual(self.kg_import("--id-type", "integer", "--nodes", "P=" + nodes, "--relationships", "R=" + rels),
                         (3, 2))
        st = self.stats()
        self.assertEqual(prop_types(st), {("id", "integer"): 3, ("name", "string"): 3})
        graph_nodes, edges = self.graph()
        self.assertEqual(sorted(n["props"]["id"] for n in graph_nodes), [-20, 1, 300])
        self.assertEqual(sorted((graph_nodes[e["source"]]["props"]["id"], graph_nodes[e["target"]]["props"]["id"])
                                for e in edges), [(1, -20), (300, 1)])

    def test_integer_with_a_non_integer_id_is_bad_input(self):
        f = self.write("s.csv", "id:ID,name\n1,a\nx7,b\n")
        r = self.kg("import", "--db", self.db, "--id-type", "integer", "--nodes", "T=" + f)
        self.assertOneError(r, f + ":3:", "'x7' is not an integer")
        self.assertEqual(self.stats()["nodes"], 0)

    def test_unknown_id_type_is_usage(self):
        f = self.write("s.csv", "id:ID\n1\n")
        args = ("import", "--db", self.db, "--id-type", "long", "--nodes", "T=" + f)
        self.assertUsageError(self.kg(*args), args)


# ------------------------------------------------------------------------------------------------
# 3. Bad input: one error line, exit 1, the database unchanged
# ------------------------------------------------------------------------------------------------

class BadInputTest(Case):
    def setUp(self):
        super().setUp()
        self.seed = self.write("seed.csv", "id:ID,name,n:int\ns1,a,1\ns2,b,2\n")
        self.seed_rel = self.write("seed_rel.csv", ":START_ID,:END_ID\ns1,s2\n")
        self.kg_import("--nodes", "Seed=" + self.seed, "--relationships", "SEED=" + self.seed_rel)
        self.before = self.stats()
        self.before_graph = self.graph()
        # Every bad import also carries good rows, in a group of their own, before the bad file:
        # if they showed up afterwards, the import was not all or nothing.
        self.good = self.write("good.csv", "gid:ID(G),name\ng1,x\ng2,y\n")

    def assertUnchanged(self):
        self.assertEqual(self.stats(), self.before)
        self.assertEqual(self.graph(), self.before_graph)
        self.assertEqual(scratch_dirs(self.db), [])

    def bad_import(self, args, where, *needles, code=1):
        """An import of the good file and then `args` fails with one line `error: WHERE: ...`
        (WHERE is FILE:LINE, or FILE when no line applies) holding the needles; nothing changes."""
        full = ("import", "--db", self.db, "--nodes", "Good=" + self.good) + tuple(args)
        r = self.kg(*full)
        line = self.assertOneError(r, *needles, code=code, args=full)
        self.assertTrue(line.startswith("error: {}: ".format(where)), line)
        self.assertUnchanged()
        return line

    def node_case(self, name, text, line, reason):
        f = self.write(name, text)
        return self.bad_import(("--nodes", "T=" + f), "{}:{}".format(f, line), reason)

    def test_bad_integer(self):
        self.node_case("int.csv", "id:ID,n:int\n1,5\n2,x5\n", 3, "'x5' is not an integer")

    def test_integer_out_of_range(self):
        self.node_case("big.csv", "id:ID,n:long\n1,99999999999999999999\n", 2, "out of range")

    def test_bad_float(self):
        self.node_case("float.csv", "id:ID,f:double\n1,1.5\n2,1.5x\n", 3, "'1.5x' is not a number")

    def test_bad_boolean(self):
        self.node_case("bool.csv", "id:ID,b:boolean\n1,true\n2,yes\n", 3, "'yes' is not a boolean")

    def test_bad_array_item(self):
        self.node_case("arr.csv", "id:ID,a:int[]\n1,1;2\n2,3;x;4\n", 3, "'x' is not an integer")

    def test_too_few_fields(self):
        self.node_case("few.csv", "id:ID,a,b\n1,2,3\n2,3\n", 3, "expected 3 fields, found 2")

    def test_too_many_fields(self):
        self.node_case("many.csv", "id:ID,a\n1,2\n2,3\n3,4,5\n", 4, "expected 2 fields, found 3")

    def test_duplicate_node_id(self):
        self.node_case("dup.csv", "id:ID\n7\n8\n7\n", 4, "duplicate node id '7'")

    def test_duplicate_node_id_in_a_later_group(self):
        a = self.write("a.csv", "id:ID(S)\n1\n")
        b = self.write("b.csv", "id:ID(S)\n2\n1\n")
        self.bad_import(("--nodes", "A=" + a, "--nodes", "B=" + b), b + ":3", "duplicate node id '1'")

    def test_unterminated_quote(self):
        # The line is the one where the quoted field opens.
        self.node_case("quote.csv", 'id:ID,name\n1,ok\n2,"open\n3,x\n', 3, "unterminated")

    def test_text_after_closing_quote(self):
        self.node_case("after.csv", 'id:ID,name\n1,"a"b\n', 2, "after closing quote")

    def test_unknown_header_type(self):
        self.node_case("type.csv", "id:ID,age:intt\n1,2\n", 1, "unknown type 'intt'")

    def test_unknown_header_kind(self):
        self.node_case("kind.csv", "id:ID,:FOO\n1,2\n", 1, "FOO")

    def test_empty_file(self):
        self.node_case("empty.csv", "", 1, "empty")

    def test_node_without_label(self):
        f = self.write("nolabel.csv", "id:ID\n1\n")
        self.bad_import(("--nodes", f), f + ":2", "label")

    def test_node_file_with_relationship_columns(self):
        f = self.write("relcols.csv", ":START_ID,:END_ID\n1,2\n")
        self.bad_import(("--nodes", "T=" + f), f + ":1", ":START_ID")

    def test_line_numbers_count_quoted_newlines(self):
        self.node_case("ml.csv", 'id:ID,text,n:int\n1,"two\nlines",1\n2,"three\n\nlines",2\n3,x,bad\n', 7,
                       "'bad' is not an integer")

    def test_line_numbers_are_per_file_in_a_group(self):
        head = self.write("head.csv", "id:ID,n:int\n1,1\n2,2\n3,3\n")
        data2 = self.write("data2.csv", "4,4\n5,five\n")
        self.bad_import(("--nodes", "T={},{}".format(head, data2)), data2 + ":2", "'five' is not an integer")

    def test_duplicate_across_files_of_a_group(self):
        head = self.write("head.csv", "id:ID\n1\n2\n")
        data2 = self.write("data2.csv", "2\n")
        self.bad_import(("--nodes", "T={},{}".format(head, data2)), data2 + ":1", "duplicate node id '2'")

    def test_unknown_start_id(self):
        n = self.write("n.csv", "id:ID\n1\n2\n")
        r = self.write("r.csv", ":START_ID,:END_ID\n1,2\n99,1\n")
        self.bad_import(("--nodes", "T=" + n, "--relationships", "R=" + r), r + ":3", "start node '99' not found")

    def test_unknown_end_id(self):
        n = self.write("n.csv", "id:ID\n1\n2\n")
        r = self.write("r.csv", ":START_ID,:END_ID\n1,2\n2,100\n")
        self.bad_import(("--nodes", "T=" + n, "--relationships", "R=" + r), r + ":3", "end node '100' not found")

    def test_end_id_in_the_wrong_space(self):
        # g1 exists, but in space G, not in the global space.
        r = self.write("r.csv", ":START_ID(G),:END_ID\ng1,g2\n")
        self.bad_import(("--relationships", "R=" + r), r + ":2", "end node 'g2' not found")

    def test_relationship_without_type(self):
        n = self.write("n.csv", "id:ID\n1\n")
        r = self.write("r.csv", ":START_ID,:END_ID\n1,1\n")
        self.bad_import(("--nodes", "T=" + n, "--relationships", r), r + ":1", "type")

    def test_empty_relationship_type(self):
        n = self.write("n.csv", "id:ID\n1\n")
        r = self.write("r.csv", ":START_ID,:END_ID,:TYPE\n1,1,A\n1,1,\n")
        self.bad_import(("--nodes", "T=" + n, "--relationships", r), r + ":3", "type")

    def test_missing_file_is_an_io_error(self):
        missing = os.path.join(self.dir, "missing.csv")
        self.bad_import(("--nodes", "T=" + missing), missing, code=5)

    def test_missing_second_file_of_a_group(self):
        head = self.write("head.csv", "id:ID\n1\n")
        missing = os.path.join(self.dir, "nope.csv")
        self.bad_import(("--nodes", "T={},{}".format(head, missing)), missing, code=5)

    def test_directory_as_input_is_an_io_error(self):
        d = os.path.join(self.dir, "adir")
        os.mkdir(d)
        self.bad_import(("--nodes", "T=" + d), d, code=5)

    def test_unreadable_file_is_an_io_error(self):
        if os.geteuid() == 0:
            self.skipTest("running as root: file permissions do not stop reads")
        f = self.write("secret.csv", "id:ID\n1\n")
        os.chmod(f, 0)
        self.bad_import(("--nodes", "T=" + f), f, code=5)

    def test_offending_input_is_cut_at_200_bytes(self):
        f = self.write("long.csv", "id:ID\n{0}\n{0}\n".format("x" * 5000))
        line = self.bad_import(("--nodes", "T=" + f), f + ":3", "duplicate node id")
        self.assertNotIn("x" * 201, line)
        f = self.write("longint.csv", "id:ID,n:int\n1,{}\n".format("7" * 300 + "z"))
        line = self.bad_import(("--nodes", "T=" + f), f + ":2", "is not an integer")
        self.assertNotIn("7" * 201, line)

    def test_error_stays_one_line_when_the_input_holds_a_newline(self):
        # The offending value is quoted with a newline inside; the error must still be one line.
        self.node_case("nl.csv", 'id:ID,n:int\n1,"12\n34"\n', 2, "is not an integer")
        self.node_case("nldup.csv", 'id:ID\n"a\nb"\n"a\nb"\n', 4, "duplicate node id")

    def test_check_after_failed_imports(self):
        f = self.write("dup.csv", "id:ID\n1\n1\n")
        for _ in range(3):
            self.bad_import(("--nodes", "T=" + f), f + ":3")
        self.check()


# ------------------------------------------------------------------------------------------------
# 4. --skip-bad-rows
# ------------------------------------------------------------------------------------------------

class SkipBadRowsTest(Case):
    def test_good_rows_are_imported_and_bad_ones_reported(self):
        nodes = self.write("nodes.csv", (
            "id:ID,n:int\n"
            "1,1\n"
            "2,two\n"       # 3: not an integer
            "3,3\n"
            "4\n"           # 5: one field
            "1,9\n"         # 6: duplicate id
            "5,5\n"))
        rels = self.write("rels.csv", (
            ":START_ID,:END_ID,w:float\n"
            "1,3,1.5\n"
            "1,2,2.5\n"     # 3: node 2 was skipped
            "9,1,1\n"       # 4: no node 9
            "3,5,x\n"       # 5: not a number
            "5,1,\n"))
        r = self.kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "T=" + nodes,
                    "--relationships", "R=" + rels)
        self.assertEqual(r.code, 0, describe((), r))
        out = r.out.splitlines()
        self.assertEqual(len(out), 2, r.out)
        self.assertRegex(out[0], r"^imported 3 nodes and 2 relationships from ")
        self.assertEqual(out[1], "skipped 6 bad rows")
        expected = [(nodes, 3, "'two' is not an integer"), (nodes, 5, "expected 2 fields, found 1"),
                    (nodes, 6, "duplicate node id '1'"), (rels, 3, "end node '2' not found"),
                    (rels, 4, "start node '9' not found"), (rels, 5, "'x' is not a number")]
        err = r.err.splitlines()
        self.assertEqual(len(err), len(expected), r.err)
        for line, (f, n, reason) in zip(err, expected):
            self.assertTrue(line.startswith("skipped: {}:{}: ".format(f, n)), line)
            self.assertIn(reason, line)
        st = self.stats()
        self.assertEqual((st["nodes"], st["relationships"]), (3, 2))
        self.assertEqual(st["labels"], {"T": 3})
        self.assertEqual(st["types"], {"R": 2})
        self.assertEqual(prop_types(st), {("id", "string"): 3, ("n", "integer"): 3, ("w", "float"): 1})
        nodes_, _ = self.graph()
        self.assertEqual(sorted((n["props"]["id"], n["props"]["n"]) for n in nodes_), [("1", 1), ("3", 3), ("5", 5)])
        self.check()

    def test_at_most_20_reported_and_the_count_in_the_summary(self):
        rows = ["{},{}".format(i, "bad" if i % 4 == 0 else i) for i in range(100)]  # 25 bad rows
        f = self.write("m.csv", "id:ID,n:int\n" + "\n".join(rows) + "\n")
        r = self.kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "T=" + f)
        self.assertEqual(r.code, 0, describe((), r))
        err = r.err.splitlines()
        self.assertEqual(len(err), 20, r.err)
        self.assertEqual(err, ["skipped: {}:{}: column 'n': 'bad' is not an integer".format(f, 2 + i)
                               for i in range(0, 80, 4)])
        self.assertEqual(r.out.splitlines()[1:], ["skipped 25 bad rows"])
        self.assertRegex(r.out, r"^imported 75 nodes and 0 relationships ")
        self.assertEqual(self.stats()["nodes"], 75)

    def test_without_bad_rows_no_skip_line(self):
        f = self.write("ok.csv", "id:ID\n1\n")
        r = self.kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "T=" + f, code=0)
        self.assertEqual(len(r.out.splitlines()), 1, r.out)

    def test_a_bad_header_still_stops_the_import(self):
        seed = self.write("seed.csv", "id:ID\n1\n")
        self.kg_import("--nodes", "S=" + seed)
        before = self.stats()
        f = self.write("h.csv", "id:ID,n:integr\n1,2\n")
        r = self.kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "S=" + seed, "--nodes", "T=" + f)
        self.assertOneError(r, f + ":1:", "unknown type 'integr'")
        self.assertEqual(self.stats(), before)

    def test_an_unterminated_quote_still_stops_the_import(self):
        seed = self.write("seed.csv", "id:ID\n1\n")
        self.kg_import("--nodes", "S=" + seed)
        before = self.stats()
        f = self.write("q.csv", 'id:ID,n:int\n1,x\n2,"open\n3,3\n')
        r = self.kg("import", "--db", self.db, "--skip-bad-rows", "--nodes", "S=" + seed, "--nodes", "T=" + f)
        self.assertEqual(r.code, 1, describe((), r))
        self.assertEqual(r.out, "")
        err = r.err.splitlines()
        self.assertEqual(err[:-1], ["skipped: {}:2: column 'n': 'x' is not an integer".format(f)])
        self.assertTrue(err[-1].startswith("error: {}:3: ".format(f)), r.err)
        self.assertIn("unterminated", err[-1])
        self.assertEqual(self.stats(), before)


# ------------------------------------------------------------------------------------------------
# 5. Usage
# ------------------------------------------------------------------------------------------------

class UsageTest(Case):
    def usage(self, *args):
        r = self.kg(*args)
        self.assertUsageError(r, args)
        return r

    def test_import_without_files(self):
        r = self.usage("import", "--db", self.db)
        self.assertIn("--nodes", r.err)
        self.assertFalse(os.path.exists(self.db))

    def test_import_with_nothing_at_all(self):
        self.usage("import")
        self.assertEqual(os.listdir(self.dir), [])  # no ./kg.db either

    def test_unknown_option(self):
        r = self.usage("import", "--db", self.db, "--bogus")
        self.assertIn("--bogus", r.err.splitlines()[0])

    def test_unknown_subcommand(self):
        self.usage("frobnicate")

    def test_unknown_subcommand_is_named(self):
        r = self.usage("frobnicate")
        self.assertIn("frobnicate", r.err.splitlines()[0])

    def test_option_without_value(self):
        self.usage("import", "--db", self.db, "--nodes")
        self.usage("import", "--db")

    def test_bad_delimiters(self):
        f = self.write("n.csv", "id:ID\n1\n")
        for option in ("--delimiter", "--array-delimiter", "--quote"):
            with self.subTest(option=option):
                r = self.usage("import", "--db", self.db, option, "ab", "--nodes", "T=" + f)
                self.assertIn(option, r.err.splitlines()[0])

    def test_malformed_file_specs(self):
        for spec in ("T=", "=n.csv", "T=,"):
            with self.subTest(spec=spec):
                self.usage("import", "--db", self.db, "--nodes", spec)

    def test_usage_errors_create_no_database(self):
        # "created on its first write" (docs/cli.md): a usage error writes nothing.
        for spec in ("T=", "=n.csv"):
            with self.subTest(spec=spec):
                self.usage("import", "--db", self.db, "--nodes", spec)
                self.assertFalse(os.path.exists(self.db), os.listdir(self.dir))

    def test_stats_bad_format(self):
        self.usage("stats", "--db", self.db, "--format", "xml")

    def test_version(self):
        r = self.kg("--version", code=0)
        with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
            version = re.search(r"project\(kgraph VERSION (\S+)", f.read()).group(1)
        self.assertEqual(r.out, "kg {}\n".format(version))

    def test_help(self):
        r = self.kg("--help", code=0)
        for command in ("import", "stats", "check"):
            self.assertRegex(r.out, r"(?m)^\s+{}\s".format(command))
        r = self.kg("import", "--help", code=0)
        self.assertIn("Example:", r.out)
        self.assertRegex(r.out, r"(?m)^\s+kg import --db \S+ --nodes ")
        for option in ("--nodes", "--relationships", "--delimiter", "--array-delimiter", "--id-type",
                       "--skip-bad-rows"):
            self.assertIn(option, r.out)
        for command in ("stats", "check"):
            r = self.kg(command, "--help", code=0)
            self.assertIn("kg {} --db".format(command), r.out)


# ------------------------------------------------------------------------------------------------
# 6. Opening the database
# ------------------------------------------------------------------------------------------------

class OpenTest(Case):
    def commands(self, path):
        f = self.write("n.csv", "id:ID\n1\n")
        return [("import", "--db", path, "--nodes", "T=" + f), ("stats", "--db", path), ("check", "--db", path),
                ("stats", "--db", path, "--format", "json")]

    def test_regular_file(self):
        plain = self.write("plain.txt", "hello\n")
        for args in self.commands(plain):
            with self.subTest(args=args):
                self.assertOneError(self.kg(*args), "not a kgraph database", args=args)
                with open(plain, encoding="utf-8") as f:
                    self.assertEqual(f.read(), "hello\n")

    def test_non_empty_directory_without_a_database(self):
        other = os.path.join(self.dir, "other")
        self.write("other/notes.md", "# notes\n")
        for args in self.commands(other):
            with self.subTest(args=args):
                self.assertOneError(self.kg(*args), "not a kgraph database", args=args)
                self.assertEqual(os.listdir(other), ["notes.md"])

    def test_absent_database_reads_as_empty(self):
        absent = os.path.join(self.dir, "nothing-here")
        st = self.stats(absent)
        self.assertEqual((st["nodes"], st["relationships"], st["labels"], st["types"], st["properties"]),
                         (0, 0, {}, {}, []))
        self.check(absent)
        self.assertFalse(os.path.exists(absent))

    def test_empty_directory_becomes_a_database(self):
        empty = os.path.join(self.dir, "empty")
        os.mkdir(empty)
        self.assertEqual(self.stats(empty)["nodes"], 0)
        f = self.write("n.csv", "id:ID\n1\n")
        self.kg_import("--nodes", "T=" + f, db=empty)
        self.assertEqual(self.stats(empty)["nodes"], 1)

    def test_default_database_is_kg_db_in_the_working_directory(self):
        f = self.write("n.csv", "id:ID\n1\n")
        r = self.kg("import", "--nodes", "T=" + f, code=0)
        self.assertTrue(os.path.isdir(os.path.join(self.dir, "kg.db")), r.out)
        self.assertEqual(self.stats(os.path.join(self.dir, "kg.db"))["nodes"], 1)

    def test_locked_database(self):
        f = self.write("n.csv", "id:ID\n1\n2\n")
        self.kg_import("--nodes", "T=" + f)
        before = self.stats()
        lock_path = os.path.join(self.db, "LOCK")
        with open(lock_path, "r+") as lock:
            # What a running writer holds: RocksDB locks LOCK with fcntl(F_SETLK).
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            args = ("import", "--db", self.db, "--nodes", "T=" + f)
            line = self.assertOneError(self.kg(*args), "locked", code=3, args=args)
            self.assertIn(self.db, line)
            # Readers take no lock: stats and check work and see the committed state.
            self.assertEqual(self.stats(), before)
            self.check()
            self.assertEqual(len(self.graph()[0]), 2)
        # Released: the writer gets in.
        self.kg_import("--nodes", "T=" + f)
        self.assertEqual(self.stats()["nodes"], 4)

    def test_lock_conflicts_with_a_running_import(self):
        # The other direction: a running `kg import` holds a POSIX lock on DB/LOCK (seen in
        # /proc/locks, without disturbing it), which Python's lockf then cannot take, and a
        # second writer gets exit 3. So the lock the test above takes is the one RocksDB uses.
        if not os.path.exists("/proc/locks"):
            self.skipTest("no /proc/locks")
        seed = self.write("seed.csv", "id:ID\n1\n")
        self.kg_import("--nodes", "S=" + seed)
        inode = os.stat(os.path.join(self.db, "LOCK")).st_ino
        big = os.path.join(self.dir, "big.csv")
        with open(big, "w") as out:
            out.write("id:ID,name\n")
            out.writelines("{0},name{0}\n".format(i) for i in range(200000))
        p = subprocess.Popen([KG, "import", "--db", self.db, "--nodes", "N=" + big], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=kg_env(), cwd=self.dir)
        try:
            held = None
            deadline = time.time() + 60
            while held is None and p.poll() is None and time.time() < deadline:
                with open("/proc/locks") as f:
                    for line in f:
                        # "1: POSIX  ADVISORY  WRITE 4242 08:01:1234 0 EOF"
                        parts = line.split()
                        if len(parts) >= 6 and parts[4] == str(p.pid) and parts[5].endswith(":" + str(inode)):
                            held = parts[1:4]
                time.sleep(0.005)
            if held is None:
                self.skipTest("the import finished before its lock could be observed")
            self.assertEqual(held, ["POSIX", "ADVISORY", "WRITE"])
            with open(os.path.join(self.db, "LOCK"), "r+") as lock:
                with self.assertRaises(OSError):
                    fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            args = ("import", "--db", self.db, "--nodes", "S=" + seed)
            r = self.kg(*args)
            if p.poll() is None:  # still running when the second writer came
                self.assertOneError(r, "locked", code=3, args=args)
        finally:
            _, err = p.communicate(timeout=600)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(self.stats()["nodes"], 1 + 200000 + (1 if r.code == 0 else 0))


# ------------------------------------------------------------------------------------------------
# 7. A database of a newer format
# ------------------------------------------------------------------------------------------------

# A newer format version cannot be written from the CLI; tests/unit/storage/store_test.cpp
# (OpenRejectsANewerFormat) covers the refusal.


# ------------------------------------------------------------------------------------------------
# 8. SIGKILL during an import
# ------------------------------------------------------------------------------------------------

class CrashTest(Case):
    """SIGKILL at many points of an import: while it reads the files (by time), and while it commits,
    the moments picked by watching its scratch directory (DB/bulk.tmp-PID, where the bulk loader
    writes SST files before RocksDB ingests them in one step): when the commit starts writing index
    files, when the last one is written, when they have been moved into the database."""
    NODES = 20000
    RELS = 300000

    def generate(self):
        nodes = os.path.join(self.dir, "nodes.csv")
        rels = os.path.join(self.dir, "rels.csv")
        rnd = random.Random(20261128)
        with open(nodes, "w") as f:
            f.write("id:ID,name,n:int\n")
            f.writelines("{0},node{0},{0}\n".format(i) for i in range(self.NODES))
        with open(rels, "w") as f:
            f.write(":START_ID,:END_ID,w:int,note\n")
            f.writelines("{},{},{},r{}\n".format(rnd.randrange(self.NODES), rnd.randrange(self.NODES), i, i % 97)
                         for i in range(self.RELS))
        return nodes, rels

    @staticmethod
    def scratch_files(db):
        n = 0
        for d in scratch_dirs(db):
            try:
                n += len(os.listdir(os.path.join(db, d)))
            except OSError:
                pass  # removed while we looked
        return n

    def start_import(self, db, nodes, rels):
        return subprocess.Popen([KG, "import", "--db", db, "--nodes", "N=" + nodes, "--relationships", "R=" + rels],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=kg_env(), cwd=self.dir)

    def watch(self, p, db, until=None, delay=None):
        """Polls the scratch files of `db` while `p` runs; SIGKILLs `p` once `until(files, peak)` holds or
        `delay` seconds have passed. Returns the peak number of scratch files seen."""
        started = time.monotonic()
        peak = 0
        while p.poll() is None:
            n = self.scratch_files(db)
            peak = max(peak, n)
            if (until is not None and until(n, peak)) or (delay is not None and time.monotonic() - started >= delay):
                p.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        return peak

    def test_sigkill_during_import_leaves_all_or_nothing(self):
        nodes, rels = self.generate()
        seed = self.write("seed.csv", "id:ID,name\nx,seed\n")
        pristine = os.path.join(self.dir, "pristine")
        self.kg_import("--nodes", "Seed=" + seed, db=pristine)
        before = self.stats(pristine)

        # The state a complete import gives, how long one takes here, how many scratch files it writes.
        full = os.path.join(self.dir, "full")
        shutil.copytree(pristine, full)
        started = time.monotonic()
        p = self.start_import(full, nodes, rels)
        peak = self.watch(p, full)
        out, err = p.communicate()
        duration = time.monotonic() - started
        self.assertEqual((p.returncode, err), (0, b""))
        self.assertRegex(out.decode(), r"^imported 20,000 nodes and 300,000 relationships ")
        after = self.stats(full)
        self.assertEqual((after["nodes"], after["relationships"]), (before["nodes"] + self.NODES, self.RELS))
        self.assertEqual(after["types"], {"R": self.RELS})
        self.assertEqual(scratch_dirs(full), [])
        shutil.rmtree(full)

        rnd = random.Random()
        kills = [("{:.2f} s".format(d), None, d) for d in
                 [0.05 * rnd.uniform(0.5, 1.5), 0.4 * rnd.uniform(0.8, 1.2), 1.2 * rnd.uniform(0.8, 1.2),
                  duration * rnd.uniform(0.1, 0.8)]]
        if peak >= 3:  # nodes.sst and rels.sst fill while reading; the rest comes with the commit
            kills += [("commit writes index files", lambda n, top: n >= 3, None),
                      ("last scratch file written", lambda n, top: n >= peak, None),
                      ("scratch files ingested", lambda n, top: top >= peak and n == 0, None)]
        outcomes = []
        work = os.path.join(self.dir, "work")
        for name, until, delay in kills:
            with self.subTest(kill=name):
                if os.path.exists(work):
                    shutil.rmtree(work)
                shutil.copytree(pristine, work)
                p = self.start_import(work, nodes, rels)
                self.watch(p, work, until=until, delay=delay)
                _, err = p.communicate()
                # Killed, or done before the signal came.
                self.assertIn(p.returncode, (-signal.SIGKILL, 0), err.decode(errors="replace"))
                self.check(work)
                st = self.stats(work)
                self.assertIn(st, (before, after), "a partial import is visible after SIGKILL at " + name)
                if p.returncode == 0:
                    self.assertEqual(st, after)
                outcomes.append("{}: {}".format(name, "complete" if st == after else "nothing"))
                # The next writer clears the scratch files the killed one left behind.
                self.kg_import("--nodes", "Seed=" + seed, db=work)
                self.assertEqual(scratch_dirs(work), [])
                self.assertEqual(self.stats(work)["nodes"], st["nodes"] + 1)
                self.check(work)
        self.assertTrue(any(o.endswith("nothing") for o in outcomes), outcomes)
        sys.stderr.write("\n  (import took {:.2f} s, {} scratch files; {})\n".format(duration, peak,
                                                                                   "; ".join(outcomes)))

if __name__ == "__main__":
    unittest.main()
