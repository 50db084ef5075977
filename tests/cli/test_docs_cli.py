"""docs/cli.md's examples, run and compared with the output the page shows, so the page cannot drift.

An example is a fenced block marked ```console. In it, a line `$ COMMAND` (continued onto the next
line by a trailing backslash) is run with `sh -c` and is followed by what it prints, stdout and
stderr together. `[...]` in an expected line stands for any text within that line (timings, sizes).
Each block runs in a fresh directory holding `examples` (the repository's examples/) and `kg.db`,
the graph of examples/graph imported as examples/graph/README.md shows; `kg` is the binary under test.

The seed article's acceptance check (kg build on ../shared/corpus, then kg query in every format)
lives here too and skips when ../shared is absent.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from kgcli import KG, ROOT, SHARED, Case, kg_env, run_kg

DOC = os.path.join(ROOT, "docs", "cli.md")
MARKER = "[...]"
IMPORT_ARGS = ["--nodes", "examples/graph/companies.csv"] + [
    a for label, f in [("Topic", "topics"), ("Product", "products"), ("Policy", "policies"),
                       ("Country", "countries"), ("City", "cities"), ("Person", "people"),
                       ("Organization", "organizations")]
    for a in ("--nodes", "{}=examples/graph/{}.csv".format(label, f))] + [
    a for t, f in [("INVESTS_IN", "invests_in"), ("DEVELOPS", "develops"), ("SUBSIDIARY_OF", "subsidiary_of"),
                   ("IMPOSES", "imposes"), ("TARGETS", "targets"), ("LOCATED_IN", "located_in")]
    for a in ("--relationships", "{}=examples/graph/{}.csv".format(t, f))]


def console_blocks(text):
    """[(line number of the block, [(command, [expected lines])])] of every ```console block."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        start, i, examples = i + 1, i + 1, []
        while i < len(lines) and lines[i].strip() != "```":
            line = lines[i]
            if line.startswith("$ "):
                command = line[2:]
                while command.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    command = command[:-1] + " " + lines[i].strip()
                examples.append((command, []))
            elif examples:
                examples[-1][1].append(line)
            i += 1
        blocks.append((start, examples))
        i += 1
    return blocks


def matches(expected, actual):
    if MARKER not in expected:
        return expected == actual
    pattern = ".*?".join(re.escape(part) for part in expected.split(MARKER))
    return re.fullmatch(pattern, actual) is not None


class DocsTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="kg-docs-")
        cls.template = os.path.join(cls.tmp.name, "template")
        os.makedirs(cls.template)
        os.symlink(os.path.join(ROOT, "examples"), os.path.join(cls.template, "examples"))
        r = run_kg(["import", "--db", "kg.db"] + IMPORT_ARGS, cwd=cls.template)
        if r.code != 0:
            raise AssertionError("importing examples/graph failed:\n" + r.err)
        with open(DOC, encoding="utf-8") as f:
            cls.blocks = console_blocks(f.read())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_block(self, examples, where):
        work = tempfile.mkdtemp(dir=self.tmp.name)
        shutil.rmtree(work)
        shutil.copytree(self.template, work, symlinks=True)
        env = kg_env()
        env["PATH"] = os.path.dirname(KG) + os.pathsep + env.get("PATH", "")
        for command, expected in examples:
            p = subprocess.run(["sh", "-c", command], cwd=work, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
            actual = p.stdout.decode("utf-8", "replace").splitlines()
            message = "docs/cli.md:{}: $ {}\nexpected:\n{}\nactual:\n{}".format(
                where, command, "\n".join(expected), "\n".join(actual))
            self.assertEqual(len(actual), len(expected), message)
            for e, a in zip(expected, actual):
                self.assertTrue(matches(e, a), message + "\nfirst difference:\n  {}\n  {}".format(e, a))

    def test_every_console_example(self):
        self.assertGreaterEqual(len(self.blocks), 10, "docs/cli.md should show its examples in ```console blocks")
        for start, examples in self.blocks:
            with self.subTest(line=start):
                self.assertTrue(examples, "docs/cli.md:{}: a console block without a $ command".format(start))
                self.run_block(examples, start)

    def test_every_command_has_an_example(self):
        commands = {m for _, examples in self.blocks for c, _ in examples
                    for m in re.findall(r"(?:^|[|;&]\s*)kg\s+(\S+)", c)}
        for name in ["build", "extract", "import", "query", "repl", "stats", "check", "export", "eval", "--version"]:
            self.assertIn(name, commands)

    def test_every_command_documents_its_options(self):
        with open(DOC, encoding="utf-8") as f:
            text = f.read()
        for command in ["build", "extract", "import", "query", "repl", "stats", "check", "export", "eval"]:
            r = run_kg([command, "--help"])
            self.assertEqual(r.code, 0, r.err)
            self.assertIn("Example", r.out, command)
            self.assertIn("## `kg {}`".format(command), text)
            for option in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", r.out)) - {"--help"}):
                self.assertIn("`" + option, text, "kg {} {} is not in docs/cli.md".format(command, option))


@unittest.skipUnless(SHARED and os.path.isdir(os.path.join(SHARED, "corpus")),
                     "../shared is absent (KG_SHARED_DIR): the seed article is not available")
class SeedArticleTest(Case):
    """kg build on the article that started the project, then its investments in every format."""

    QUERY = ("MATCH (c:Company)-[i:INVESTS_IN]->(:Topic {name: 'AI'}) "
             "RETURN c.name, i.amount, i.currency, i.period ORDER BY i.amount DESC")

    def setUp(self):
        super().setUp()
        article = os.path.join(SHARED, "corpus", "seed-de-2024-08-28-bat-ai-investments.txt")
        self.kg("build", "--db", self.db, article, code=0)

    def test_three_companies_in_a_table_and_every_format(self):
        table = self.kg("query", "--db", self.db, self.QUERY, code=0).out
        lines = table.splitlines()
        self.assertEqual(lines[-1], "3 rows", table)
        cells = [[c.strip() for c in l.split("│")[1:-1]] for l in lines[3:-2]]
        self.assertEqual(sorted(c[0] for c in cells), ["Alibaba", "Baidu", "Tencent"], table)
        for c in cells:
            self.assertRegex(c[1], r"^\d{1,3}(,\d{3})+$", table)  # 23,000,000,000: grouped, no exponent
        rows = json.loads(self.kg("query", "--db", self.db, "--format", "json", self.QUERY, code=0).out)["rows"]
        self.assertEqual(sorted(r[0] for r in rows), ["Alibaba", "Baidu", "Tencent"])
        self.assertEqual([r[1] for r in rows], sorted((r[1] for r in rows), reverse=True))
        grouped = [c[1].replace(",", "") for c in cells]
        self.assertEqual([float(g) for g in grouped], [r[1] for r in rows])
        csv_out = self.kg("query", "--db", self.db, "--format", "csv", self.QUERY, code=0).out
        self.assertEqual(csv_out.splitlines()[0], "c.name,i.amount,i.currency,i.period")
        self.assertEqual(len(csv_out.splitlines()), 4)
        tsv_out = self.kg("query", "--db", self.db, "--format", "tsv", self.QUERY, code=0).out
        self.assertEqual(tsv_out.splitlines()[0], "c.name\ti.amount\ti.currency\ti.period")
        self.assertEqual(len(tsv_out.splitlines()), 4)


if __name__ == "__main__":
    unittest.main()
