"""Helpers for the end-to-end tests of the `kg` command (standard library only).

Environment:
  KG_BIN         the kg binary (ctest passes $<TARGET_FILE:kg>); else `kg` on PATH
  KG_SHARED_DIR  ../shared next to the repository; the dataset tests skip without it

Every test runs in its own temporary directory (also the working directory of
kg, so a default ./kg.db never lands in the source tree) and runs kg with
stdin=DEVNULL, so kg sees no terminal: no progress line, no colours.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from collections import namedtuple

KG = os.environ.get("KG_BIN") or shutil.which("kg") or "kg"
if os.sep in KG:
    KG = os.path.abspath(KG)  # kg runs in each test's own directory
SHARED = os.environ.get("KG_SHARED_DIR", "")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The one line a successful import prints on stdout.
IMPORTED = re.compile(r"^imported (?P<nodes>[\d,]+) nodes and (?P<rels>[\d,]+) relationships "
                      r"from \d+(\.\d)? (B|KiB|MiB|GiB) in \d+\.\d\d s \([\d,]+ relationships/s\)$")

Run = namedtuple("Run", "code out err")

SANITIZER_REPORTS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def kg_env():
    env = dict(os.environ)
    env.pop("KG_DB", None)  # every call names --db, or tests the default on purpose
    env["NO_COLOR"] = "1"
    return env


def run_kg(args, cwd=None, timeout=900):
    """Runs kg with `args`; returns Run(exit status, stdout, stderr)."""
    p = subprocess.run([KG] + list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, env=kg_env(), timeout=timeout)
    decode = lambda b: b.decode("utf-8", errors="replace")  # noqa: E731
    return Run(p.returncode, decode(p.stdout), decode(p.stderr))


def describe(args, r):
    return "kg {} -> exit {}\nstdout:\n{}\nstderr:\n{}".format(" ".join(args), r.code, r.out[-3000:], r.err[-3000:])


def prop_types(st):
    """{(key, type): count} from `kg stats --format json`."""
    return {(p["key"], p["type"]): p["count"] for p in st["properties"]}


def scratch_dirs(db):
    """Scratch directories of bulk loads (bulk.tmp-PID) left in the database directory."""
    if not os.path.isdir(db):
        return []
    return sorted(d for d in os.listdir(db) if d.startswith("bulk.tmp"))


class Case(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if not (os.path.isfile(KG) and os.access(KG, os.X_OK)):
            raise AssertionError("KG_BIN={!r} is not an executable; run through ctest or set KG_BIN".format(KG))

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="kg-cli-")
        self.dir = os.path.realpath(self.tmp.name)
        self.db = os.path.join(self.dir, "db")

    def tearDown(self):
        self.tmp.cleanup()

    # --- files -------------------------------------------------------------------------------

    def write(self, name, text):
        """Writes `text` (str, written byte for byte as UTF-8, or bytes) to DIR/name; returns the path."""
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        return path

    # --- running kg --------------------------------------------------------------------------

    def kg(self, *args, code=None, timeout=900):
        """Runs kg in the test directory; with `code`, asserts the exit status (and, for 0, a quiet stderr)."""
        r = run_kg(args, cwd=self.dir, timeout=timeout)
        # A signal or a status of 128 or more is always a bug (docs/cli.md); so is a sanitizer
        # report, which exits 1 and could otherwise pass for bad input.
        self.assertTrue(0 <= r.code < 128, describe(args, r))
        for report in SANITIZER_REPORTS:
            self.assertNotIn(report, r.err, describe(args, r))
        if code is not None:
            self.assertEqual(r.code, code, describe(args, r))
            if code == 0:
                self.assertEqual(r.err, "", describe(args, r))
        return r

    def kg_import(self, *args, db=None):
        """A successful import: exit 0, nothing on stderr, one summary line. Returns (nodes, relationships)."""
        r = self.kg("import", "--db", db or self.db, *args, code=0)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), 1, describe(args, r))
        m = IMPORTED.match(lines[0])
        self.assertIsNotNone(m, describe(args, r))
        return int(m.group("nodes").replace(",", "")), int(m.group("rels").replace(",", ""))

    def stats(self, db=None):
        """`kg stats --format json` without the fields that change without a write."""
        db = db or self.db
        r = self.kg("stats", "--db", db, "--format", "json", code=0)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), 1, r.out)
        st = json.loads(lines[0])
        self.assertEqual(st.pop("database"), db)
        self.assertIsInstance(st.pop("bytes_on_disk"), int)
        return st

    def graph(self, db=None):
        """The stored graph through `kg export --format json` (Cytoscape.js elements):
        (nodes, edges), nodes as [{"labels": [...], "props": {...}}] in export order,
        edges as [{"type", "source": node index, "target": node index, "props"}]."""
        r = self.kg("export", "--db", db or self.db, "--format", "json", code=0)
        doc = json.loads(r.out)

        def props(data, reserved):
            out = {}
            for k, v in data.items():
                if k in reserved:
                    continue
                out[k[len("property:"):] if k.startswith("property:") else k] = v
            return out

        index = {}
        nodes = []
        for n in doc["elements"]["nodes"]:
            d = n["data"]
            index[d["id"]] = len(nodes)
            nodes.append({"labels": sorted(d["labels"]), "props": props(d, ("id", "labels"))})
        edges = []
        for e in doc["elements"]["edges"]:
            d = e["data"]
            edges.append({"type": d["type"], "source": index[d["source"]], "target": index[d["target"]],
                          "props": props(d, ("id", "source", "target", "type"))})
        return nodes, edges

    def check(self, db=None):
        r = self.kg("check", "--db", db or self.db, code=0)
        self.assertRegex(r.out, r"^ok: [\d,]+ elements checked, every index and counter agrees\n$")

    # --- assertions --------------------------------------------------------------------------

    def assertOneError(self, r, *needles, code=1, args=()):
        """Exit `code`, nothing on stdout, exactly one stderr line `error: ...` holding every needle."""
        self.assertEqual(r.code, code, describe(args, r))
        self.assertEqual(r.out, "", describe(args, r))
        self.assertTrue(r.err.endswith("\n"), describe(args, r))
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, describe(args, r))
        self.assertTrue(lines[0].startswith("error: "), describe(args, r))
        for n in needles:
            self.assertIn(n, lines[0], describe(args, r))
        return lines[0]

    def assertUsageError(self, r, args=()):
        """Exit 2, nothing on stdout; the first stderr line, and only it, is `error: ...`
        (CLI11 may add a hint line `Run 'kg --help' for usage.`)."""
        self.assertEqual(r.code, 2, describe(args, r))
        self.assertEqual(r.out, "", describe(args, r))
        lines = r.err.splitlines()
        self.assertGreaterEqual(len(lines), 1, describe(args, r))
        self.assertTrue(lines[0].startswith("error: "), describe(args, r))
        self.assertEqual([l for l in lines if l.startswith("error")], lines[:1], describe(args, r))
        self.assertNotIn("AddressSanitizer", r.err)
        for extra in lines[1:]:
            self.assertRegex(extra, r"^Run 'kg( \w+)? --help' for", describe(args, r))
