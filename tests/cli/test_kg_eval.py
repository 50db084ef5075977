#!/usr/bin/env python3
"""End-to-end tests of `kg eval`, run as a user runs it.

    KG_BIN=build/dev/tools/kg python3 tests/cli/test_kg_eval.py -v [TestClass[.test_name]]

The expectations are the documented ones (docs/cli.md "kg eval"): gold files DIR/**/<doc>.json,
predictions as kg extract JSON (one document, JSON lines, folders, stdin), the table and JSON
reports, `error: FILE: ...` for bad files, exit statuses 0 ran, 1 bad input or --min-f1 not met,
2 usage.
"""
import json
import os
import subprocess
import unittest

from kgcli import KG, SANITIZER_REPORTS, Case, Run, describe, kg_env


def entity(label, name, aliases=()):
    return {"label": label, "name": name, "aliases": list(aliases)}


def relation(type_, subject, object_, **properties):
    return {"type": type_, "subject": subject, "object": object_, "properties": properties}


def bat():
    """The founding article in small: Baidu and Alibaba invest in AI, the US imposes export controls."""
    return {
        "doc": "bat", "lang": "de",
        "entities": [entity("Company", "Baidu", ["Baidus"]), entity("Company", "Alibaba"), entity("Topic", "AI", ["KI"]),
                     entity("Country", "United States"), entity("Policy", "US export controls")],
        "relations": [relation("INVESTS_IN", "Baidu", "AI", amount=4.2e9, currency="CNY", period="2024-H1"),
                      relation("INVESTS_IN", "Alibaba", "AI"),
                      relation("IMPOSES", "United States", "US export controls")],
    }


def other():
    return {"doc": "other", "lang": "en", "entities": [entity("Company", "Tencent")], "relations": []}


def bat_predicted():
    """bat with Alibaba's label wrong, IMPOSES missed and the amount off."""
    d = bat()
    d["entities"][1]["label"] = "Organization"
    d["relations"].pop()
    d["relations"][0]["properties"]["amount"] = 4.3e9
    return d


# What `kg eval` prints for gold {bat, other} against bat_predicted() and a document "stray" without gold.
SAMPLE_TABLE = """\
type            gold  predicted  correct      P      R     F1
entities           6          5        4  0.800  0.667  0.727
  Company          3          1        1  1.000  0.333  0.500
  Country          1          1        1  1.000  1.000  1.000
  Organization     0          1        0  0.000  0.000  0.000
  Policy           1          1        1  1.000  1.000  1.000
  Topic            1          1        1  1.000  1.000  1.000
relations          3          2        2  1.000  0.667  0.800
  IMPOSES          1          0        0  0.000  0.000  0.000
  INVESTS_IN       2          2        2  1.000  1.000  1.000
properties         3          3        2  0.667  0.667  0.667
  amount           1          1        0  0.000  0.000  0.000
  currency         1          1        1  1.000  1.000  1.000
  period           1          1        1  1.000  1.000  1.000

          entities             relations            properties
document  gold  pred  correct  gold  pred  correct  gold  pred  correct
bat          5     5        4     3     2        2     3     3        2
other        1     0        0     0     0        0     0     0        0

no prediction, scored as empty: other
no gold, not scored: stray
"""


class EvalCase(Case):
    def setUp(self):
        super().setUp()
        self.gold = os.path.join(self.dir, "gold")
        self.write_json("gold/bat.json", bat())
        self.write_json("gold/en/other.json", other())  # gold files are found in subfolders too

    def write_json(self, name, doc, indent=2):
        return self.write(name, json.dumps(doc, indent=indent, ensure_ascii=False) + "\n")

    def write_lines(self, name, docs):
        return self.write(name, "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))

    def eval_json(self, *args, code=0):
        r = self.kg("eval", "--gold", self.gold, "--format", "json", *args, code=code)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), 1, r.out)
        return json.loads(lines[0])

    def kg_stdin(self, args, text):
        """Runs kg with `text` on stdin."""
        p = subprocess.run([KG] + args, input=text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           cwd=self.dir, env=kg_env(), timeout=300)
        r = Run(p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8"))
        self.assertTrue(0 <= r.code < 128, describe(args, r))
        for report in SANITIZER_REPORTS:
            self.assertNotIn(report, r.err, describe(args, r))
        return r

    def assertFileError(self, r, message, code=1):
        """Exit `code`, nothing on stdout, stderr exactly `error: message`."""
        self.assertEqual((r.code, r.out, r.err), (code, "", "error: " + message + "\n"), describe([], r))


class TableTest(EvalCase):
    def test_sample_table(self):
        pred = self.write_lines("pred.jsonl", [bat_predicted(), {"doc": "stray", "entities": []}])
        r = self.kg("eval", "--gold", self.gold, pred, code=0)
        self.assertEqual(r.out, SAMPLE_TABLE)

    def test_table_is_the_default_and_format_table_the_same(self):
        pred = self.write_json("pred.json", bat())
        a = self.kg("eval", "--gold", self.gold, pred, code=0)
        b = self.kg("eval", "--gold", self.gold, "--format", "table", pred, code=0)
        self.assertEqual(a.out, b.out)
        self.assertTrue(a.out.startswith("type "), a.out)

    def test_perfect_prediction(self):
        # The gold folder itself as the prediction: every score 1.
        r = self.kg("eval", "--gold", self.gold, self.gold, code=0)
        for line in r.out.splitlines()[1:14]:
            if line and not line.startswith("document"):
                self.assertTrue(line.endswith("1.000  1.000  1.000"), r.out)
        self.assertNotIn("no prediction", r.out)
        self.assertNotIn("no gold", r.out)

    def test_predicted_only(self):
        pred = self.write_json("pred.json", bat())
        r = self.kg("eval", "--gold", self.gold, "--predicted-only", pred, code=0)
        self.assertIn("\nno prediction, not scored: other\n", r.out)
        self.assertRegex(r.out, r"(?m)^entities +5 +5 +5 +1\.000 +1\.000 +1\.000$")
        self.assertNotIn("\nother ", r.out)


class JsonTest(EvalCase):
    def test_sample_json(self):
        pred = self.write_lines("pred.jsonl", [bat_predicted(), {"doc": "stray"}])
        j = self.eval_json(pred)
        self.assertEqual(list(j), ["documents", "entities", "relations", "properties", "per_document", "missing",
                                   "unscored"])
        self.assertEqual(j["documents"], 2)
        e = j["entities"]
        self.assertEqual((e["gold"], e["predicted"], e["correct"]), (6, 5, 4))
        self.assertAlmostEqual(e["precision"], 0.8)
        self.assertAlmostEqual(e["recall"], 4 / 6)
        self.assertAlmostEqual(e["f1"], 2 * 0.8 * (4 / 6) / (0.8 + 4 / 6))
        self.assertEqual(e["by_label"]["Organization"],
                         {"gold": 0, "predicted": 1, "correct": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0})
        self.assertEqual(e["by_label"]["Company"]["recall"] * 3, 1.0)
        r = j["relations"]
        self.assertEqual((r["gold"], r["predicted"], r["correct"]), (3, 2, 2))
        self.assertEqual(r["by_type"]["IMPOSES"]["recall"], 0.0)
        p = j["properties"]
        self.assertEqual((p["gold"], p["predicted"], p["correct"]), (3, 3, 2))
        self.assertEqual(p["by_key"]["amount"]["correct"], 0)
        self.assertEqual(j["per_document"], [
            {"doc": "bat", "predicted": True, "entities": {"gold": 5, "predicted": 5, "correct": 4},
             "relations": {"gold": 3, "predicted": 2, "correct": 2},
             "properties": {"gold": 3, "predicted": 3, "correct": 2}},
            {"doc": "other", "predicted": False, "entities": {"gold": 1, "predicted": 0, "correct": 0},
             "relations": {"gold": 0, "predicted": 0, "correct": 0},
             "properties": {"gold": 0, "predicted": 0, "correct": 0}},
        ])
        self.assertEqual(j["missing"], ["other"])
        self.assertEqual(j["unscored"], ["stray"])

    def test_undefined_scores_are_null(self):
        # No relations in gold or prediction: nothing to score.
        self.write_json("gold/bat.json", other() | {"doc": "bat"})
        pred = self.write_json("pred.json", other() | {"doc": "bat"})
        j = self.eval_json("--predicted-only", pred)
        self.assertEqual(j["relations"], {"gold": 0, "predicted": 0, "correct": 0, "precision": None,
                                          "recall": None, "f1": None, "by_type": {}})
        self.assertEqual(j["entities"]["f1"], 1.0)

    def test_names_compare_case_and_unicode_insensitively(self):
        d = bat()
        d["entities"][0]["name"] = "BAIDU"
        d["entities"][4]["name"] = "us EXPORT  controls"
        d["relations"][0]["subject"] = "baidu"
        d["relations"][0]["properties"]["currency"] = "cny"
        d["relations"][2]["object"] = "US Export Controls"
        self.write_json("gold/zh.json", {"doc": "zh", "entities": [entity("City", "Z\u00fcrich")]})
        zh = {"doc": "zh", "entities": [entity("City", "ZU\u0308RICH")]}  # decomposed, upper case
        pred = self.write_lines("pred.jsonl", [d, zh])
        j = self.eval_json("--predicted-only", pred)
        for kind in ("entities", "relations", "properties"):
            self.assertEqual(j[kind]["f1"], 1.0, kind)

    def test_numbers_match_within_a_relative_tolerance(self):
        d = bat()
        d["relations"][0]["properties"]["amount"] = 4200000001  # an integer, 2.4e-10 off
        j = self.eval_json("--predicted-only", self.write_json("pred.json", d))
        self.assertEqual(j["properties"]["by_key"]["amount"]["correct"], 1)
        d["relations"][0]["properties"]["amount"] = 4.2001e9
        j = self.eval_json("--predicted-only", self.write_json("pred.json", d))
        self.assertEqual(j["properties"]["by_key"]["amount"]["correct"], 0)


class InputsTest(EvalCase):
    def test_files_folders_and_stdin(self):
        self.write_json("preds/a/bat.json", bat())
        self.write_lines("preds/b/more.jsonl", [other()])
        self.write("preds/notes.csv", "ignored,in,folders\n")
        j = self.eval_json(os.path.join(self.dir, "preds"))
        self.assertEqual(j["entities"]["f1"], 1.0)
        self.assertEqual(j["missing"], [])
        # Several PATHs, and '-' for stdin (kg extract ... | kg eval --gold DIR -).
        one = self.write_json("one/bat.json", bat())
        r = self.kg_stdin(["eval", "--gold", self.gold, "--format", "json", one, "-"], json.dumps(other()) + "\n")
        self.assertEqual((r.code, r.err), (0, ""), describe([], r))
        self.assertEqual(json.loads(r.out)["entities"]["f1"], 1.0)
        r = self.kg_stdin(["eval", "--gold", self.gold, "-"], "")
        self.assertFileError(r, "stdin: holds no document")
        # A file named on the command line is read as kg extract output whatever its name (<(kg extract ...)).
        self.write_lines("predictions", [bat(), other()])
        self.assertEqual(self.eval_json("predictions")["relations"]["f1"], 1.0)

    def test_json_lines_file_as_kg_extract_prints(self):
        pred = self.write("pred.jsonl", json.dumps(bat()) + "\n" + json.dumps(other()) + "\n")
        self.assertEqual(self.eval_json(pred)["relations"]["f1"], 1.0)

    def test_gold_file_with_comments(self):
        self.write("gold/bat.json", "// hand-written\n" + json.dumps(bat(), indent=2) + "\n")
        self.assertEqual(self.eval_json(self.write_json("p.json", bat()))["documents"], 2)

    def test_articles_are_extracted_first(self):
        # An article with some of the facts of bat(): extracted with the shipped rules, then scored.
        self.write("articles/bat.md", "# title: BAT | published: 2024-08-28 | lang: de\n\n"
                   "Im ersten Halbjahr 2024 beliefen sich die KI-Investitionen von Baidu auf 4,2 Milliarden Yuan.\n")
        scores = self.eval_json(os.path.join(self.dir, "articles"))
        self.assertGreater(scores["relations"]["correct"], 0, scores)
        # The same as extracting first and scoring the output.
        extracted = self.kg("extract", os.path.join(self.dir, "articles", "bat.md"), code=0).out
        self.assertEqual(self.eval_json(self.write("p.jsonl", extracted)), scores)
        # A file that is not a readable article stops it, named.
        bad = self.write("articles/bad.txt", b"\x00\x01")
        r = self.kg("eval", "--gold", self.gold, os.path.join(self.dir, "articles"))
        self.assertFileError(r, bad + ": binary file")


class ErrorTest(EvalCase):
    def test_relation_naming_no_entity(self):
        d = bat()
        d["relations"].append(relation("INVESTS_IN", "Foo", "AI"))
        gold = self.write_json("gold/bat.json", d)
        r = self.kg("eval", "--gold", self.gold, self.write_json("p.json", bat()))
        self.assertFileError(r, gold + ": relation 4: subject 'Foo' is not among the entities")

    def test_syntax_error_names_line_and_column(self):
        gold = self.write("gold/bat.json", '{\n  "doc": "bat",\n  "entities": [,]\n}\n')
        r = self.kg("eval", "--gold", self.gold, self.write_json("p.json", bat()))
        self.assertEqual(r.code, 1, describe([], r))
        self.assertTrue(r.err.startswith("error: " + gold + ":3:16: syntax error"), r.err)
        self.assertEqual(len(r.err.splitlines()), 1, r.err)

    def test_bad_prediction_line(self):
        pred = self.write("pred.jsonl", json.dumps(bat()) + "\n" + '{"doc": "x", "entities": [{"name": "A"}]}\n')
        r = self.kg("eval", "--gold", self.gold, pred)
        self.assertFileError(r, pred + ":2: entity 1: missing 'label'")

    def test_gold_file_named_after_another_doc(self):
        gold = self.write_json("gold/wrong.json", other())
        r = self.kg("eval", "--gold", self.gold, self.write_json("p.json", bat()))
        self.assertFileError(r, gold + ": doc is 'other', but a gold file is named after its doc (other.json)")

    def test_document_predicted_twice(self):
        a = self.write_json("a.json", bat())
        b = self.write_json("b.json", bat())
        r = self.kg("eval", "--gold", self.gold, a, b)
        self.assertFileError(r, b + ": document 'bat' is predicted twice, also in " + a)

    def test_missing_paths(self):
        r = self.kg("eval", "--gold", self.gold, "nope.json")
        self.assertFileError(r, "nope.json: no such file or directory")
        r = self.kg("eval", "--gold", "nogold", self.write_json("p.json", bat()))
        self.assertFileError(r, "--gold nogold: no such directory")
        os.makedirs(os.path.join(self.dir, "empty"))
        r = self.kg("eval", "--gold", "empty", "p.json")
        self.assertFileError(r, "--gold empty: no gold files (*.json)")
        r = self.kg("eval", "--gold", self.gold, "empty")
        self.assertFileError(r, "empty: no predictions (.json, .jsonl) or articles (.txt, .md) in this folder")

    def test_usage_errors(self):
        pred = self.write_json("p.json", bat())
        for args in (["eval", pred],                                        # no --gold
                     ["eval", "--gold", self.gold],                         # no PATH
                     ["eval", "--gold", self.gold, "--format", "csv", pred],
                     ["eval", "--gold", self.gold, "--min-f1", "1.5", pred],
                     ["eval", "--gold", self.gold, "--min-f1", "high", pred],
                     ["eval", "--gold", self.gold, "--frobnicate", pred]):
            self.assertUsageError(self.kg(*args), args)

    def test_help_shows_an_example(self):
        r = self.kg("eval", "--help", code=0)
        self.assertIn("kg eval --gold examples/gold predicted.jsonl", r.out)
        self.assertIn("--min-f1", r.out)


class MinF1Test(EvalCase):
    def setUp(self):
        super().setUp()
        # Entities F1 0.727, relations F1 0.800 (SAMPLE_TABLE).
        self.pred = self.write_lines("pred.jsonl", [bat_predicted()])

    def test_met(self):
        r = self.kg("eval", "--gold", self.gold, "--min-f1", "0.7", self.pred, code=0)
        self.assertTrue(r.out.startswith("type "), r.out)

    def test_relations_under(self):
        d = bat()
        d["relations"].pop()  # entities 5 of 6 (Tencent missed): F1 0.909; relations 2 of 3: F1 0.800
        r = self.kg("eval", "--gold", self.gold, "--min-f1", "0.85", self.write_json("p.json", d))
        self.assertEqual(r.code, 1, describe([], r))
        self.assertTrue(r.out.startswith("type "), r.out)  # the report is printed all the same
        self.assertEqual(r.err, "error: relation F1 0.800 is under --min-f1 0.85\n")

    def test_both_under(self):
        r = self.kg("eval", "--gold", self.gold, "--format", "json", "--min-f1", "0.9", self.pred)
        self.assertEqual(r.code, 1, describe([], r))
        json.loads(r.out)
        self.assertEqual(r.err, "error: entity F1 0.727 and relation F1 0.800 are under --min-f1 0.9\n")

    def test_rounding_never_shows_a_score_equal_to_the_minimum(self):
        # Entity and relation F1 0.8 exactly pass 0.8.
        self.kg("eval", "--gold", self.gold, "--min-f1", "0.8", "--predicted-only", self.pred, code=0)
        # Entity F1 2/3 would show as 0.667, not under 0.6667: it is shown in full. No relations: nothing to fail.
        pred = self.write_json("p.json", other() | {"entities": [entity("Company", "Tencent"), entity("Company", "X")]})
        r = self.kg("eval", "--gold", self.gold, "--min-f1", "0.6667", "--predicted-only", pred)
        self.assertEqual(r.err, "error: entity F1 0.6666666666666666 is under --min-f1 0.6667\n")

    def test_zero_always_passes(self):
        self.kg("eval", "--gold", self.gold, "--min-f1", "0", self.write_lines("p.jsonl", [{"doc": "bat"}]), code=0)


if __name__ == "__main__":
    unittest.main()
