"""kg build and kg extract, run as a user runs them: the founding article's facts with evidence, the
sample corpus, idempotent re-builds, an edited article replacing only its facts, bad input reported
per file without stopping the build, SIGKILL at any point leaving each document all or nothing, and
the JSON that kg extract prints."""
import json
import os
import shutil
import signal
import subprocess
import time
import unittest

from kgcli import KG, Case, SHARED, describe, kg_env

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(REPO, "examples", "articles")
SEED = os.path.join(SHARED, "corpus", "seed-de-2024-08-28-bat-ai-investments.txt")

ARTICLE_DE = """# title: Lumora investiert | published: 2024-08-21 | lang: de

Die Lumora AG hat im ersten Halbjahr 2024 insgesamt 6,4 Milliarden Yuan in KI investiert.
"""

ARTICLE_EN = """# title: Corvex expands | published: 2025-02-20 | lang: en

The startup Corvex invested $800 million in AI in 2024, the company said on Monday.
"""


class BuildTest(Case):
    def query(self, text, db=None):
        r = self.kg("query", "--db", db or self.db, "--format", "json", text, code=0)
        return json.loads(r.out.splitlines()[0])["rows"]

    def build(self, *paths, code=0):
        r = self.kg("build", "--db", self.db, *paths)
        self.assertEqual(r.code, code, describe(paths, r))
        return r

    def counts(self, out):
        """added, changed, unchanged, failed from the summary line."""
        line = out.splitlines()[-1]
        parts = {}
        for word in ("added", "changed", "unchanged", "failed"):
            n = line.split(" " + word)[0].split()[-1]
            parts[word] = int(n)
        return parts

    @unittest.skipUnless(os.path.isfile(SEED), "needs ../shared/corpus (absent in a fresh clone)")
    def test_seed_article_facts_with_evidence(self):
        self.build(SEED)
        rows = self.query("MATCH (c:Company)-[i:INVESTS_IN]->(:Topic {name: 'AI'}) "
                          "RETURN c.name, i.amount, i.currency, i.period ORDER BY i.amount DESC, c.name")
        self.assertEqual(rows, [["Alibaba", 2.3e10, "CNY", "2024-H1"], ["Tencent", 2.3e10, "CNY", "2024-H1"],
                                ["Baidu", 4.2e9, "CNY", "2024-H1"]])
        facts = {tuple(r) for r in self.query("MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' "
                                               "RETURN a.name, type(r), b.name")}
        for fact in [("Alibaba Cloud", "DEVELOPS", "Bailian"), ("Alibaba Cloud", "SUBSIDIARY_OF", "Alibaba"),
                     ("United States", "IMPOSES", "US export controls"), ("US export controls", "TARGETS", "China"),
                     ("Hithink RoyalFlush", "INVESTS_IN", "large language models"), ("Yang", "LOCATED_IN", "Shenzhen")]:
            self.assertIn(fact, facts)
        hithink = self.query("MATCH (h:Company {name: 'Hithink RoyalFlush'})-[i:INVESTS_IN]->() "
                             "RETURN h.aliases, i.share, i.period")
        self.assertEqual(hithink, [[["Hithink RoyalFlush Information Network Co."], 0.4261, "2024-H1"]])
        self.assertEqual(self.query("MATCH (o:Organization {name: 'Global Times'}) RETURN count(o)"), [[1]])
        self.assertEqual(self.query("MATCH (p:Person {name: 'Yang'}) RETURN count(p)"), [[1]])
        # Every fact points at the sentence that states it.
        ev = self.query("MATCH (:Company {name: 'Baidu'})-[i:INVESTS_IN]->() UNWIND evidence(i) AS e "
                        "RETURN e.doc, e.sentence, e.rule ORDER BY e.start")
        self.assertTrue(ev)
        self.assertTrue(all(e[0] == "seed-de-2024-08-28-bat-ai-investments" for e in ev), ev)
        self.assertTrue(any("4,2 Milliarden Yuan" in e[1] for e in ev), ev)
        with open(SEED, encoding="utf-8") as f:
            text = f.read()
        for start, end, sentence in self.query(
                "MATCH ()-[r:DEVELOPS]->() UNWIND evidence(r) AS e RETURN e.start, e.end, e.sentence"):
            self.assertIn(sentence, text)
            self.assertLess(start, end)
        self.check()

    def test_rebuild_is_a_no_op_and_an_edit_replaces_only_its_facts(self):
        a = self.write("in/a.md", ARTICLE_DE)
        self.write("in/b.md", ARTICLE_EN)
        r = self.build(os.path.join(self.dir, "in"))
        self.assertEqual(self.counts(r.out), {"added": 2, "changed": 0, "unchanged": 0, "failed": 0})
        before = self.stats()
        r = self.build(os.path.join(self.dir, "in"))
        self.assertEqual(self.counts(r.out), {"added": 0, "changed": 0, "unchanged": 2, "failed": 0})
        self.assertEqual(self.stats(), before)
        # Edit a: its amount changes, b's facts stay as they were.
        self.write("in/a.md", ARTICLE_DE.replace("6,4 Milliarden", "7,5 Milliarden"))
        r = self.build(os.path.join(self.dir, "in"))
        self.assertEqual(self.counts(r.out), {"added": 0, "changed": 1, "unchanged": 1, "failed": 0})
        rows = self.query("MATCH (c:Company)-[i:INVESTS_IN]->(t) RETURN c.name, t.name, i.amount, i.currency "
                          "ORDER BY c.name")
        self.assertIn(["Corvex", "AI", 8.0e8, "USD"], rows)
        # The old statement's evidence is gone; the fact remains as the new text states it.
        amounts = self.query("MATCH (:Company {name: 'Lumora'})-[i:INVESTS_IN]->() UNWIND evidence(i) AS e "
                             "RETURN e.sentence")
        self.assertTrue(amounts and all("7,5 Milliarden" in s[0] for s in amounts), amounts)
        # An article that no longer names an entity takes the entity with it, unless another states it.
        self.write("in/a.md", "# title: Leer | published: 2024-08-21 | lang: de\n\nHeute gibt es nichts zu berichten.\n")
        self.build(os.path.join(self.dir, "in"))
        self.assertEqual(self.query("MATCH (c:Company {name: 'Lumora'}) RETURN count(c)"), [[0]])
        self.assertEqual(self.query("MATCH (c:Company {name: 'Corvex'}) RETURN count(c)"), [[1]])
        self.assertEqual(self.query("MATCH (t:Topic {name: 'AI'}) RETURN count(t)"), [[1]])
        self.check()

    def test_bad_files_are_reported_and_the_build_goes_on(self):
        self.write("in/good.md", ARTICLE_DE)
        self.write("in/binary.txt", b"\x00\x01\x02binary\x00")
        self.write("in/latin1.txt", "Die Lumora AG investiert in KI, sagte der Geschäftsführer.".encode("latin-1"))
        self.write("in/empty.md", b"")
        self.write("in/badheader.md", "# title: x | published: 2024-13-45\n\nText.\n")
        big = os.path.join(self.dir, "in", "huge.txt")
        with open(big, "wb") as f:
            f.write(b"a" * (50 * 1024 * 1024))
        self.write("in/notes.csv", "a,b\n")  # not an article: folders are read for .txt and .md only
        r = self.kg("build", "--db", self.db, os.path.join(self.dir, "in"))
        self.assertEqual(r.code, 1, describe(["build"], r))
        errors = [l for l in r.err.splitlines() if l.startswith("error: ")]
        self.assertEqual(len(errors), 5, r.err)
        joined = "\n".join(errors)
        for needle in ("binary.txt: binary file", "latin1.txt: not valid UTF-8", "Latin-1", "empty.md: empty file",
                       "badheader.md: published: '2024-13-45' is not a date", "huge.txt: file is 50.0 MiB"):
            self.assertIn(needle, joined)
        self.assertTrue(all(len(l.encode()) <= 300 for l in errors), errors)
        self.assertEqual(self.counts(r.out), {"added": 1, "changed": 0, "unchanged": 0, "failed": 5})
        self.assertEqual(self.query("MATCH (d:Document) RETURN d.key"), [["good"]])
        self.check()

    def test_missing_path_and_bad_rules_fail_before_writing(self):
        self.write("in/a.md", ARTICLE_DE)
        r = self.kg("build", "--db", self.db, os.path.join(self.dir, "in"), os.path.join(self.dir, "nope"))
        self.assertOneError(r, "nope", "no such file", code=1)
        rules = self.write("rules.json", '{"extends": "default", "patterns": [{"id": "p", "type": "NOPE", "triggers": ["x"]}]}')
        r = self.kg("build", "--db", self.db, "--rules", rules, os.path.join(self.dir, "in"))
        self.assertOneError(r, "rules.json: /patterns/0/type: unknown relationship type 'NOPE'", code=1)
        self.assertEqual(self.query("MATCH (n) RETURN count(n)"), [[0]])

    def test_sigkill_leaves_each_document_all_or_nothing(self):
        # Many small documents, so a kill lands between and inside document writes.
        for i in range(300):
            self.write("in/doc{:03}.md".format(i), ARTICLE_DE.replace("Lumora", "Firma{}".format(i)))
        for delay in (0.05, 0.15, 0.3, 0.6):
            with self.subTest(delay=delay):
                shutil.rmtree(self.db, ignore_errors=True)
                p = subprocess.Popen([KG, "build", "--db", self.db, os.path.join(self.dir, "in")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=kg_env())
                time.sleep(delay)
                p.send_signal(signal.SIGKILL)
                _, err = p.communicate()
                self.assertIn(p.returncode, (-signal.SIGKILL, 0), err.decode(errors="replace"))
                if not os.path.isdir(self.db):
                    continue
                self.check()
                # A document is there with all its facts, or not at all.
                rows = self.query("MATCH (d:Document) OPTIONAL MATCH (d)-[:MENTIONS]->(e) "
                                  "RETURN d.key, count(e) ORDER BY d.key")
                self.assertTrue(all(n == 2 for _, n in rows), rows)  # the company and AI
                companies = self.query("MATCH (c:Company)-[:INVESTS_IN]->(:Topic) RETURN count(c)")[0][0]
                self.assertEqual(companies, len(rows))
                # Building again completes it.
                r = self.build(os.path.join(self.dir, "in"))
                self.assertEqual(self.counts(r.out)["failed"], 0)
                self.assertEqual(self.query("MATCH (d:Document) RETURN count(d)"), [[300]])


FACTS = [
    {"subject": {"label": "Company", "name": "Baidu"}, "predicate": "INVESTS_IN",
     "object": {"label": "Topic", "name": "AI"}, "properties": {"amount": 4.2e9, "currency": "CNY", "period": "2024-H1"},
     "source": {"doc": "bat", "title": "BAT", "url": "https://example.com/bat", "published": "2024-08-28",
                "sentence": "Baidu investierte 4,2 Milliarden Yuan in KI.", "start": 120, "end": 163}},
    {"entity": {"label": "Company", "name": "Alibaba", "aliases": ["Alibaba Group"]}, "source": {"doc": "bat"}},
    {"entity": {"label": "Company", "name": "Tencent"}, "source": {"doc": "other"}},
    {"entity": {"label": "Company", "name": "Huawei"}},
]


class FactsTest(Case):
    def query(self, text):
        r = self.kg("query", "--db", self.db, "--format", "json", text, code=0)
        return json.loads(r.out.splitlines()[0])["rows"]

    def write_facts(self, lines, extra=""):
        return self.write("facts.jsonl", "\n".join(json.dumps(l) for l in lines) + "\n" + extra)

    def test_documents_evidence_and_replacement(self):
        path = self.write_facts(FACTS)
        r = self.kg("build", "--db", self.db, path, code=0)
        self.assertIn("3 added", r.out)
        self.assertEqual(self.query("MATCH (d:Document)-[:MENTIONS]->(e) RETURN d.key, e.name ORDER BY d.key, e.name"),
                         [["bat", "AI"], ["bat", "Alibaba"], ["bat", "Baidu"], ["facts", "Huawei"], ["other", "Tencent"]])
        ev = self.query("MATCH (:Company {name: 'Baidu'})-[i:INVESTS_IN]->() UNWIND evidence(i) AS e "
                        "RETURN e.doc, e.title, e.sentence, e.start, e.end, e.rule")
        self.assertEqual(ev, [["bat", "BAT", "Baidu investierte 4,2 Milliarden Yuan in KI.", 120, 163, "facts"]])
        self.assertEqual(self.query("MATCH (c:Company {name: 'Alibaba'}) RETURN c.aliases"), [[["Alibaba Group"]]])
        # The file's own document changes: Huawei goes, ZTE comes; the others are untouched.
        facts = FACTS[:3] + [{"entity": {"label": "Company", "name": "ZTE"}}]
        r = self.kg("build", "--db", self.db, self.write_facts(facts), code=0)
        self.assertIn("0 added, 1 changed, 2 unchanged", r.out)
        self.assertEqual(self.query("MATCH (c:Company) RETURN c.name ORDER BY c.name"),
                         [["Alibaba"], ["Baidu"], ["Tencent"], ["ZTE"]])
        self.check()

    def test_bad_lines_spoil_only_their_document(self):
        bad = [{"entity": {"label": "Company"}, "source": {"doc": "broken"}}]
        path = self.write_facts(FACTS + bad, extra="this is not json\n")
        r = self.kg("build", "--db", self.db, path)
        self.assertEqual(r.code, 1, r.err)
        errors = sorted(r.err.splitlines())
        self.assertEqual(len(errors), 2, r.err)
        self.assertIn("facts.jsonl:5: entity: \"name\" is missing (document broken is not built)", errors[0])
        self.assertIn("facts.jsonl:6: syntax error", errors[1])
        self.assertEqual(self.query("MATCH (d:Document) RETURN d.key ORDER BY d.key"), [["bat"], ["facts"], ["other"]])
        self.check()


class ExtractTest(Case):
    def test_json_per_document(self):
        a = self.write("a.md", ARTICLE_DE)
        b = self.write("b.md", ARTICLE_EN)
        r = self.kg("extract", "--format", "json", a, b, code=0)
        docs = [json.loads(l) for l in r.out.splitlines()]
        self.assertEqual([d["doc"] for d in docs], ["a", "b"])
        self.assertEqual(docs[0]["lang"], "de")
        self.assertEqual(set(docs[0]), {"doc", "lang", "entities", "relations"})
        lumora = [e for e in docs[0]["entities"] if e["name"] == "Lumora"]
        self.assertEqual(lumora, [{"label": "Company", "name": "Lumora", "aliases": ["Lumora AG"]}])
        self.assertIn({"type": "INVESTS_IN", "subject": "Lumora", "object": "AI",
                       "properties": {"amount": 6.4e9, "currency": "CNY", "period": "2024-H1"}}, docs[0]["relations"])
        # Floats always print with a point or an exponent.
        self.assertIn('"amount":6.4e9', r.out.replace(" ", ""))

    def test_bad_file_reported_others_extracted(self):
        a = self.write("a.md", ARTICLE_DE)
        bad = self.write("bad.txt", b"\xff\xfe\x00\x00")
        r = self.kg("extract", bad, a)
        self.assertEqual(r.code, 1)
        self.assertEqual(len(r.out.splitlines()), 1)
        self.assertEqual(len(r.err.splitlines()), 1)
        self.assertTrue(r.err.startswith("error: " + bad + ": "), r.err)

    @unittest.skipUnless(os.path.isdir(EXAMPLES), "examples/articles missing")
    def test_whole_sample_corpus_extracts(self):
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(EXAMPLES) for f in fs)
        r = self.kg("extract", *files, code=0)
        self.assertEqual(len(r.out.splitlines()), len(files))


if __name__ == "__main__":
    unittest.main()
