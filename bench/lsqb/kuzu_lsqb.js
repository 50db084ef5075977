#!/usr/bin/env node
// The LSQB queries on Kùzu (the embedded peer of DESIGN.md's budget), for bench/lsqb/run.sh.
//
//   node bench/lsqb/kuzu_lsqb.js [options]
//     --kuzu-home DIR     where `npm install kuzu` was run (default $KUZU_HOME; see kuzu.sh)
//     --dataset DIR       the LSQB CSVs (default ../shared/datasets/lsqb-sf01 from the repository)
//     --queries DIR       the kg query files q1.cypher ... q9.cypher (default: this script's folder)
//     --runs N            timed runs per query after one warm-up run (default 5)
//     --copy-threads N    threads for the schema and COPY (default 2)
//     --threads N         threads for the queries (default 1)
//     --only q1,q5        run only these queries
//     --show              print each query as sent to Kùzu on stderr
//
// Creates a fresh on-disk database in a temporary folder ($TMPDIR), creates the schema (one node
// table per node file, one rel table per relationship file: Kùzu needs a schema, and its types are
// the file names, as in `kg import`), COPYs every CSV and times the COPY, then runs each query once
// to warm up and N times timed, single-threaded. Prints JSON lines on stdout:
//
//   {"kind":"copy","ms":3012.4,"threads":2,"nodes":432235,"relationships":2080404}
//   {"kind":"query","query":"q1","count":8773828,"median_ms":3118.2,"runs_ms":[...],"threads":1}
//
// A query's time is the wall-clock time of Connection.querySync plus reading the one result row,
// measured in this process (Kùzu's Node API reports no separate execution time), so it includes
// Kùzu's parsing and planning, a few milliseconds.
//
// The queries are read from the same q1..q9.cypher files that kg runs. The only translation is
// Kùzu's syntax for a label disjunction on a node: `(m:Post|Comment)` becomes `(m:Post:Comment)`,
// which Kùzu reads as "a node of table Post or of table Comment". Relationship type alternatives
// `[:A|B]`, `EXISTS { MATCH ... }`, `OPTIONAL MATCH` and `id(x)` are written as Kùzu writes them.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

function usage(msg) {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write("usage: node kuzu_lsqb.js [--kuzu-home DIR] [--dataset DIR] [--queries DIR] " +
                       "[--runs N] [--copy-threads N] [--threads N] [--only q1,q2] [--show]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const here = __dirname;
  const opts = {
    kuzuHome: process.env.KUZU_HOME || "",
    dataset: path.resolve(here, "../../../shared/datasets/lsqb-sf01"),
    queries: here,
    runs: 5,
    copyThreads: 2,
    threads: 1,
    only: null,
    show: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    const count = (min) => {
      const s = value();
      if (!/^\d+$/.test(s) || Number(s) < min) usage(`${a}: expected an integer >= ${min}, got '${s}'`);
      return Number(s);
    };
    switch (a) {
      case "--kuzu-home": opts.kuzuHome = value(); break;
      case "--dataset": opts.dataset = value(); break;
      case "--queries": opts.queries = value(); break;
      case "--runs": opts.runs = count(1); break;
      case "--copy-threads": opts.copyThreads = count(1); break;
      case "--threads": opts.threads = count(1); break;
      case "--only": opts.only = value().split(",").filter((s) => s); break;
      case "--show": opts.show = true; break;
      case "-h": case "--help": usage(); break;
      default: usage(`unknown argument '${a}'`);
    }
  }
  if (!opts.kuzuHome) usage("no Kùzu: set KUZU_HOME or pass --kuzu-home (bench/lsqb/kuzu.sh installs it)");
  return opts;
}

// The neo4j-admin header of a CSV: "id:ID(Person)" for nodes, ":START_ID(A)|:END_ID(B)" for
// relationships. The table names come from the file names, as in bench/import_args.py.
function readSchema(dataset) {
  const files = fs.readdirSync(dataset).filter((f) => f.endsWith(".csv")).sort();
  const nodes = [], rels = [];
  for (const f of files) {
    const file = path.join(dataset, f);
    const header = fs.readFileSync(file, "utf8").split("\n", 1)[0].trim();
    const table = f.slice(0, -4);
    const start = header.match(/:START_ID\((\w+)\)/), end = header.match(/:END_ID\((\w+)\)/);
    if (start && end) {
      rels.push({ table, file, from: start[1], to: end[1] });
    } else if (/:ID\(/.test(header)) {
      if (header.split("|").length !== 1) throw new Error(`${file}: expected the single column id:ID(...)`);
      nodes.push({ table, file });
    } else {
      throw new Error(`${file}:1: no neo4j-admin header`);
    }
  }
  if (nodes.length === 0 || rels.length === 0) throw new Error(`${dataset}: no LSQB CSV files`);
  return { nodes, rels };
}

// `(var:A|B|C)` -> `(var:A:B:C)`: Kùzu's node-table union. Only node patterns (in parentheses).
function toKuzu(query) {
  return query.replace(/\(\s*(\w*)\s*:\s*(\w+(?:\s*\|\s*\w+)+)/g,
                       (_, v, labels) => `(${v}:${labels.split("|").map((s) => s.trim()).join(":")}`);
}

function elapsedMs(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function scalar(conn, statement) {
  const rows = conn.querySync(statement).getAllSync();
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${statement}`);
  const values = Object.values(rows[0]);
  if (values.length !== 1) throw new Error(`expected one column, got ${values.length}: ${statement}`);
  return Number(values[0]);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let kuzu;
  try {
    kuzu = require(path.join(path.resolve(opts.kuzuHome), "node_modules", "kuzu"));
  } catch (e) {
    process.stderr.write(`error: cannot load Kùzu from ${opts.kuzuHome}/node_modules/kuzu: ${e.message}\n` +
                         "run bench/lsqb/kuzu.sh --install first\n");
    process.exit(2);
  }
  const schema = readSchema(opts.dataset);
  const names = (opts.only || [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `q${i}`));
  const queries = names.map((name) => {
    const file = path.join(opts.queries, `${name}.cypher`);
    if (!fs.existsSync(file)) usage(`no query file ${file}`);
    return { name, text: toKuzu(fs.readFileSync(file, "utf8").trim()) };
  });

  const work = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), "kg-bench-kuzu."));
  const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
  process.on("exit", cleanup);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

  const db = new kuzu.Database(path.join(work, "lsqb.kz"));
  const conn = new kuzu.Connection(db, opts.copyThreads);
  conn.initSync();

  for (const n of schema.nodes) conn.querySync(`CREATE NODE TABLE ${n.table} (id INT64, PRIMARY KEY (id))`);
  for (const r of schema.rels) conn.querySync(`CREATE REL TABLE ${r.table} (FROM ${r.from} TO ${r.to})`);

  const quote = (s) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  let t0 = process.hrtime.bigint();
  for (const t of [...schema.nodes, ...schema.rels]) {
    conn.querySync(`COPY ${t.table} FROM ${quote(t.file)} (HEADER=true, DELIM='|')`);
  }
  const copyMs = elapsedMs(t0);
  const nodes = scalar(conn, "MATCH (n) RETURN count(*)");
  const relationships = scalar(conn, "MATCH ()-[r]->() RETURN count(*)");
  console.log(JSON.stringify({ kind: "copy", ms: +copyMs.toFixed(1), threads: opts.copyThreads,
                               nodes, relationships }));

  conn.setMaxNumThreadForExec(opts.threads);
  for (const q of queries) {
    if (opts.show) process.stderr.write(`-- ${q.name} (Kùzu)\n${q.text}\n`);
    const runs = [];
    let count = null;
    for (let run = 0; run <= opts.runs; run++) {
      t0 = process.hrtime.bigint();
      const c = scalar(conn, q.text);
      const ms = elapsedMs(t0);
      if (count !== null && c !== count) throw new Error(`${q.name}: run ${run} counted ${c}, run 0 ${count}`);
      count = c;
      if (run > 0) runs.push(+ms.toFixed(1));  // run 0 is the warm-up
    }
    console.log(JSON.stringify({ kind: "query", query: q.name, count, median_ms: +median(runs).toFixed(1),
                                 runs_ms: runs, threads: opts.threads }));
  }
  conn.closeSync();
  db.closeSync();
}

try {
  main();
} catch (e) {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
}
