"""The REPL of kg (docs/cli.md, "kg repl").

On a terminal: a real one, tmux's, driven with send-keys and read with capture-pane, on a private
socket (-S in the test's own directory, -f /dev/null) so it never touches a user's tmux server.
Every wait polls the screen with a timeout instead of sleeping a fixed time.

Without a terminal: statements and commands piped to stdin, --keep-going, exit statuses.
"""
import csv
import json
import os
import shlex
import shutil
import subprocess
import time
import unittest
import xml.etree.ElementTree as ET

from kgcli import HERE, KG, ROOT, Case, SANITIZER_REPORTS, kg_env

GRAPH = os.path.join(ROOT, "examples", "graph")
ARTICLES = os.path.join(ROOT, "examples", "articles", "dev")

IMPORT_ARGS = ["--nodes", os.path.join(GRAPH, "companies.csv")] + [
    a for label, f in [("Topic", "topics"), ("Product", "products"), ("Policy", "policies"),
                       ("Country", "countries"), ("City", "cities"), ("Person", "people"),
                       ("Organization", "organizations")]
    for a in ("--nodes", "{}={}".format(label, os.path.join(GRAPH, f + ".csv")))] + [
    a for t, f in [("INVESTS_IN", "invests_in"), ("DEVELOPS", "develops"), ("SUBSIDIARY_OF", "subsidiary_of"),
                   ("IMPOSES", "imposes"), ("TARGETS", "targets"), ("LOCATED_IN", "located_in")]
    for a in ("--relationships", "{}={}".format(t, os.path.join(GRAPH, f + ".csv")))]

# A statement that runs for many seconds: 10^10 rows counted.
LONG_QUERY = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n;"


class Terminal:
    """kg in a tmux pane of 160 x 50 on a private server."""

    def __init__(self, test, args, home):
        self.test = test
        # One server per terminal: a test may start a second session while the first one's pane lingers.
        self.socket = os.path.join(test.dir, "tmux-{}.sock".format(len(os.listdir(test.dir))))
        self.asan_log = os.path.join(test.dir, "asan")
        env = {"HOME": home, "NO_COLOR": "1", "TERM": "screen", "LANG": "C.UTF-8",
               # The slow unwinder sees through libc's wcsdup to libedit, which leaks the names of the
               # editor functions kg adds (libedit.supp says which).
               "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") + ":fast_unwind_on_malloc=0:log_path=" +
                               self.asan_log,
               "LSAN_OPTIONS": "suppressions=" + os.path.join(HERE, "libedit.supp"),
               "PATH": os.environ.get("PATH", "")}
        # kg's exit status goes to a file: tmux's pane_dead_status sometimes never arrives.
        self.status_file = self.socket + ".status"
        kg = " ".join(shlex.quote(a) for a in
                      ["env", "-i"] + ["{}={}".format(k, v) for k, v in env.items()] + [KG] + list(args))
        # The shell ignores the Ctrl-C meant for kg (kg sets its own handler), so it lives to write the status.
        command = "sh -c {}".format(shlex.quote("trap '' INT; {}; echo $? > {}".format(kg, shlex.quote(self.status_file))))
        self.tmux("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-s", "kg", "-c", test.dir,
                  command)
        self.tmux("set-option", "-t", "kg", "remain-on-exit", "on")
        self.tmux("set-option", "-t", "kg", "history-limit", "5000")

    def tmux(self, *args):
        return subprocess.run(["tmux", "-S", self.socket] + list(args), check=True, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=30).stdout.decode("utf-8", "replace")

    def keys(self, *keys):
        """tmux key names: 'Enter', 'Up', 'Tab', 'C-c', 'C-d'."""
        self.tmux("send-keys", "-t", "kg", *keys)

    def type(self, text):
        # tmux reads an argument that ends in ';' as the end of its command: send that ';' escaped.
        if text.endswith(";"):
            self.tmux("send-keys", "-t", "kg", "-l", text[:-1])
            text = "\\;"
        self.tmux("send-keys", "-t", "kg", "-l", text)

    def enter(self, line):
        self.type(line)
        self.keys("Enter")

    def screen(self):
        """Everything the pane shows and has scrolled off, trailing blanks stripped."""
        text = self.tmux("capture-pane", "-p", "-J", "-t", "kg", "-S", "-5000")
        return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")

    def wait_for(self, predicate, what, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                self.test.fail("waited {} s for {}; the screen:\n{}".format(timeout, what, screen))
            time.sleep(0.05)

    def wait_text(self, text, count=1, timeout=60):
        """Waits until `text` shows `count` times; returns the screen."""
        return self.wait_for(lambda s: s.count(text) >= count, "{!r} x{}".format(text, count), timeout)

    def wait_prompt(self, count):
        """Waits for the `count`-th main prompt `kg> ` (trailing blanks are stripped) to be the last line."""
        def shown(screen):
            lines = screen.splitlines()
            return bool(lines) and sum(l.startswith("kg>") for l in lines) >= count and lines[-1] == "kg>"
        return self.wait_for(shown, "prompt #{}".format(count))

    def exit_status(self):
        """kg's exit status once it has exited (128 + N for signal N), else None."""
        try:
            with open(self.status_file) as f:
                text = f.read().strip()
            return int(text) if text else None
        except FileNotFoundError:
            return None

    def press(self, key, done, what, tries=10):
        """Presses `key` until `done(screen)`. libedit shows the prompt a moment before it puts the
        terminal in raw mode, and a Ctrl-C or Ctrl-D pressed in that moment goes to the terminal's
        line discipline instead (a person cannot press that fast; a test can): press again."""
        for _ in range(tries - 1):
            self.keys(key)
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                if done(self.screen()):
                    return
                time.sleep(0.05)
        self.keys(key)
        self.wait_for(done, what)

    def quit(self, key="C-d"):
        """Ctrl-D at the prompt (or :quit, with key=None)."""
        self.wait_for(lambda s: s.splitlines()[-1:] == ["kg>"], "the prompt")
        if key is None:
            self.enter(":quit")
        else:
            self.press(key, lambda s: self.exit_status() is not None, "kg to exit")

    def wait_exit(self, timeout=60):
        """kg's exit status, once tmux knows it (pane_dead may come before pane_dead_status)."""
        self.wait_for(lambda s: self.exit_status() is not None, "kg to exit", timeout)
        return self.exit_status()

    def close(self):
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30)
        logs = [f for f in os.listdir(self.test.dir) if f.startswith("asan.")]
        for f in logs:
            with open(os.path.join(self.test.dir, f), errors="replace") as log:
                report = log.read()
            if any(r in report for r in SANITIZER_REPORTS):  # not the list of suppressions used
                self.test.fail("sanitizer report:\n" + report[-5000:])


@unittest.skipUnless(shutil.which("tmux"), "tmux is not installed (scripts/install-deps.sh installs it)")
class TerminalTest(Case):
    def setUp(self):
        super().setUp()
        self.home = os.path.join(self.dir, "home")
        os.makedirs(self.home)
        self.kg("import", "--db", self.db, *IMPORT_ARGS, code=0)
        self.terminals = []

    def tearDown(self):
        for t in self.terminals:
            t.close()
        super().tearDown()

    def repl(self, db=None):
        t = Terminal(self, ["repl", "--db", db or self.db], self.home)
        self.terminals.append(t)
        t.wait_prompt(1)
        return t

    def test_multi_line_statement_completion_and_history(self):
        t = self.repl()
        t.type("MATCH (c:Comp")
        t.keys("Tab")
        t.wait_text("MATCH (c:Company")
        t.enter(")")
        t.wait_text("\n..>")
        t.enter("RETURN count(*) AS companies;")
        screen = t.wait_text(" row (")  # "1 row (0.1 ms)": the row count and the time
        self.assertRegex(screen, r"│ +5 │")
        t.wait_prompt(2)
        # Up brings back the whole statement, as one line.
        t.keys("Up")
        t.wait_text("kg> MATCH (c:Company) RETURN count(*) AS companies;")
        t.keys("Enter")
        t.wait_text(" row (", count=2)
        t.wait_prompt(3)
        t.quit()
        self.assertEqual(t.wait_exit(), 0)
        with open(os.path.join(self.home, ".kg_history"), errors="replace") as f:
            self.assertIn("companies;", f.read())
        # A new session has the history of the old one.
        t2 = self.repl()
        t2.keys("Up")
        t2.wait_text("kg> MATCH (c:Company) RETURN count(*) AS companies;")
        t2.keys("Enter")
        t2.wait_text(" row (")
        t2.wait_prompt(2)

    def test_semicolons_in_strings_and_blank_lines(self):
        t = self.repl()
        t.keys("Enter")
        t.wait_prompt(2)
        t.enter("RETURN 'a;b' AS s,")
        t.wait_text("\n..>")
        t.enter("'c' AS t;")
        screen = t.wait_text(" row (")
        self.assertRegex(screen, r"│ a;b │ c +│")

    def test_ctrl_c_cancels_a_query_and_clears_a_line(self):
        t = self.repl()
        t.enter(LONG_QUERY)
        t.wait_text(LONG_QUERY)
        time.sleep(1)  # well into the query; no wait on the screen can say so
        t.keys("C-c")
        screen = t.wait_text("error: cancelled", timeout=30)
        self.assertNotIn("10000000000", screen)
        t.wait_prompt(2)
        # At the prompt Ctrl-C throws the typed statement away.
        t.type("MATCH (n")
        t.wait_text("kg> MATCH (n")
        t.press("C-c", lambda s: s.splitlines()[-1:] == ["kg>"] and s.count("kg>") >= 3, "a new prompt")
        t.enter("RETURN 41 + 1 AS answer;")
        screen = t.wait_text(" row (")
        self.assertRegex(screen, r"│ +42 │")
        t.quit()
        self.assertEqual(t.wait_exit(), 0)

    def test_schema_export_and_render(self):
        t = self.repl()
        t.enter(":schema")
        screen = t.wait_text("property (type)")
        self.assertRegex(screen, r"\nCompany +5\n")
        self.assertRegex(screen, r"\nINVESTS_IN +4\n")
        t.wait_prompt(2)
        t.enter("MATCH (c:Company)-[i:INVESTS_IN]->(t:Topic) RETURN c, i, t;")
        t.wait_text("4 rows (")
        t.wait_prompt(3)
        t.enter(":export graphml invest.graphml")
        t.wait_text("exported 6 nodes and 4 relationships to invest.graphml")
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        root = ET.parse(os.path.join(self.dir, "invest.graphml")).getroot()
        self.assertEqual(len(root.findall(".//g:node", ns)), 6)
        self.assertEqual(len(root.findall(".//g:edge", ns)), 4)
        t.enter(":export csv names.csv MATCH (c:Company) RETURN c.name ORDER BY c.name")
        t.wait_text("exported 5 rows to names.csv")
        with open(os.path.join(self.dir, "names.csv"), newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["c.name"])
        self.assertEqual(len(rows), 6)
        t.enter(":render invest.svg")
        t.wait_text("to invest.svg")
        svg = ET.parse(os.path.join(self.dir, "invest.svg")).getroot()
        self.assertTrue(svg.tag.endswith("svg"), svg.tag)
        self.assertIn("Alibaba", ET.tostring(svg, encoding="unicode"))
        t.quit(None)
        self.assertEqual(t.wait_exit(), 0)

    def test_evidence_of_built_facts(self):
        db = os.path.join(self.dir, "articles.db")
        self.kg("build", "--db", db, ARTICLES, code=0)
        t = self.repl(db)
        t.enter("MATCH (c:Company)-[r:INVESTS_IN]->(x) RETURN c.name, r, x.name LIMIT 1;")
        t.wait_text("1 row (")
        t.enter(":evidence")
        screen = t.wait_text("│ fact")
        self.assertRegex(screen, r"│ sentence +│ document +│ date")
        self.assertRegex(screen, r" INVESTS_IN .*│ \d{4}-\d\d-\d\d")

    def test_ctrl_d_exits_without_a_database(self):
        t = Terminal(self, ["repl", "--db", os.path.join(self.dir, "new.db")], self.home)
        self.terminals.append(t)
        screen = t.wait_prompt(1)
        self.assertIn("does not exist yet", screen)
        t.quit()
        self.assertEqual(t.wait_exit(), 0)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "new.db")))


class ScriptTest(Case):
    """Without a terminal on stdin: no prompts, the first failure stops (unless --keep-going)."""

    def setUp(self):
        super().setUp()
        self.kg("import", "--db", self.db, *IMPORT_ARGS, code=0)

    def pipe(self, text, *args, env=None):
        p = subprocess.run([KG] + list(args), input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           cwd=self.dir, env=env or kg_env(), timeout=300)
        r = type("Run", (), {})()
        r.code, r.out, r.err = p.returncode, p.stdout.decode(), p.stderr.decode()
        self.assertTrue(0 <= r.code < 128, r.err)
        for report in SANITIZER_REPORTS:
            self.assertNotIn(report, r.err)
        return r

    def test_statements_print_as_kg_query_prints_them(self):
        script = ("MATCH (c:Company)\nRETURN c.name\nORDER BY c.name;\n\n// a comment\n"
                  "MATCH (t:Topic) RETURN t.name ORDER BY t.name; RETURN 1 AS one\n")
        r = self.pipe(script, "repl", "--db", self.db)
        q = self.kg("query", "--db", self.db, script, code=0)
        self.assertEqual((r.code, r.err), (0, ""))
        self.assertEqual(r.out, q.out)
        self.assertNotIn("kg>", r.out)

    def test_commands_between_statements(self):
        script = ":format csv\nMATCH (t:Topic) RETURN t.name ORDER BY t.name;\n:param n 2\nRETURN $n * 2 AS x;\n:quit\nRETURN 1;\n"
        r = self.pipe(script, "repl", "--db", self.db)
        self.assertEqual((r.code, r.err), (0, ""))
        self.assertEqual(r.out, "t.name\nAI\nlarge language models\n\nx\n4\n")

    def test_schema_and_stats(self):
        r = self.pipe(":schema\n", "repl", "--db", self.db)
        self.assertEqual(r.code, 0, r.err)
        self.assertTrue(r.out.startswith("label         nodes\nCity              1\n"), r.out)
        s = self.pipe(":stats\n", "repl", "--db", self.db)
        self.assertIn("nodes          14\n", s.out)

    def test_first_failure_stops_with_its_status(self):
        script = "RETURN 1 AS a;\nRETURN\n  nosuch AS b;\nRETURN 3 AS c;\n"
        r = self.pipe(script, "repl", "--db", self.db, "--format", "csv")
        self.assertEqual(r.code, 1)
        self.assertEqual(r.out, "a\n1\n")
        self.assertTrue(r.err.startswith("error: line 3:3: "), r.err)
        self.assertIn("nosuch", r.err)

    def test_syntax_error_counts_lines_of_the_input(self):
        r = self.pipe("RETURN 1 AS a;\n\nMATCH (n) RETRN n;\n", "repl", "--db", self.db)
        self.assertEqual(r.code, 1)
        lines = r.err.splitlines()
        self.assertTrue(lines[0].startswith("error: line 3:11: "), r.err)
        self.assertEqual(lines[1:], ["MATCH (n) RETRN n", "          ^"])

    def test_keep_going_runs_the_rest_and_exits_with_the_first_failure(self):
        script = "RETURN 1/0 AS a;\n:nosuchcommand\nRETURN 3 AS c;\n"
        r = self.pipe(script, "repl", "--db", self.db, "--format", "csv", "--keep-going")
        self.assertEqual(r.code, 1)
        self.assertEqual(r.out, "c\n3\n")
        self.assertEqual(len(r.err.splitlines()), 2, r.err)
        self.assertIn("no command ':nosuchcommand'", r.err)

    def test_unknown_command_is_a_usage_error(self):
        r = self.pipe(":frobnicate\nRETURN 1;\n", "repl", "--db", self.db)
        self.assertEqual(r.code, 2)
        self.assertEqual(r.out, "")

    def test_last_statement_needs_no_semicolon(self):
        r = self.pipe("RETURN 5 AS five", "repl", "--db", self.db, "--format", "csv")
        self.assertEqual((r.code, r.out), (0, "five\n5\n"))

    def test_plain_kg_reads_stdin_on_the_default_database(self):
        env = kg_env()
        env["KG_DB"] = self.db
        r = self.pipe("MATCH (n) RETURN count(*) AS n;\n", env=env)
        self.assertEqual(r.code, 0, r.err)
        self.assertIn("│ 14 │", r.out)

    def test_writes_create_an_absent_database(self):
        db = os.path.join(self.dir, "new.db")
        r = self.pipe("MATCH (n) RETURN count(*) AS n;\nCREATE (:Topic {name: 'x'});\n", "repl", "--db", db,
                      "--format", "csv")
        self.assertEqual((r.code, r.err), (0, ""))
        self.assertEqual(r.out, "n\n0\n")
        self.assertEqual(self.stats(db)["nodes"], 1)

    def test_read_runs_a_file(self):
        self.write("q.cypher", "MATCH (t:Topic) RETURN t.name ORDER BY t.name;\nRETURN 2 AS two;\n")
        r = self.pipe(":read q.cypher\n", "repl", "--db", self.db, "--format", "csv")
        self.assertEqual((r.code, r.err), (0, ""))
        self.assertEqual(r.out, "t.name\nAI\nlarge language models\n\ntwo\n2\n")
        r = self.pipe(":read missing.cypher\n", "repl", "--db", self.db)
        self.assertEqual(r.code, 5)
        self.assertIn("missing.cypher", r.err)

    def test_export_without_a_result_fails(self):
        r = self.pipe(":export dot out.dot\n", "repl", "--db", self.db)
        self.assertEqual(r.code, 1)
        self.assertIn("no result yet", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out.dot")))

    def test_export_dot_and_json_of_a_query(self):
        # A query after the file name is a one-off: the last result stays the one before.
        r = self.pipe("MATCH (c:Company {name: 'Tencent'})-[i:INVESTS_IN]->(t) RETURN i;\n"
                      ":export json out.json MATCH (c:Company {name: 'Baidu'})-[i:INVESTS_IN]->(t) RETURN i\n"
                      ":export dot out.dot\n", "repl", "--db", self.db, "--format", "csv")
        self.assertEqual((r.code, r.err), (0, ""))
        self.assertEqual(r.out.splitlines()[-2:], ["exported 2 nodes and 1 relationships to out.json",
                                                   "exported 2 nodes and 1 relationships to out.dot"])
        with open(os.path.join(self.dir, "out.dot")) as f:
            self.assertIn('label="Tencent"', f.read())
        with open(os.path.join(self.dir, "out.json")) as f:
            doc = json.load(f)
        self.assertEqual(sorted(n["data"]["name"] for n in doc["elements"]["nodes"]), ["AI", "Baidu"])
        self.assertEqual(doc["elements"]["edges"][0]["data"]["amount"], 4.2e9)
        if shutil.which("dot"):
            p = subprocess.run(["dot", "-Tsvg", os.path.join(self.dir, "out.dot")], stdout=subprocess.PIPE,
                               timeout=60)
            self.assertEqual(p.returncode, 0)


if __name__ == "__main__":
    unittest.main()
