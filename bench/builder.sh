#!/usr/bin/env bash
# The knowledge builder's budgets (docs/DESIGN.md): extraction ≥ 5 MB/s of article text on one
# core, and `kg build` ≥ 1,000 articles/s of 2 KB into RocksDB.
#
#   bench/builder.sh [BUILD_DIR] [ARTICLES] [RUNS]   (default build/release, 5000 articles, 3 runs)
#
# Generates ARTICLES articles of ~2 KB (bench/make_articles.py, fixed seed), then RUNS times: a
# `kg extract` over all of them (one process: process start and rule loading included) and a
# fresh `kg build` of the same folder. Each run prints its wall-clock rate, the CPU time kg used
# (user + system) and the share of the host's CPU time the hypervisor stole meanwhile: this host
# is a virtual machine whose two cores are shared, and a run with much stolen time says little.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
n=${2:-5000}
runs=${3:-3}
kg=$build/tools/kg
work=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-builder.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

python3 "$here/make_articles.py" "$work/articles" "$n"
python3 - "$kg" "$work" "$n" "$runs" <<'PY'
import glob, os, resource, shutil, subprocess, sys, time

kg, work, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
articles = sorted(glob.glob(os.path.join(work, "articles", "*.md")))
mb = sum(os.path.getsize(a) for a in articles) / 1e6

def cpu_times():
    # /proc/stat's first line: user nice system idle iowait irq softirq steal ...
    with open("/proc/stat") as f:
        return [int(x) for x in f.readline().split()[1:9]]

def timed(argv, stdout):
    before_host, before_self = cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    out = subprocess.run(argv, stdout=stdout, check=True, text=True)
    wall = time.monotonic() - start
    after_host, after_self = cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    host = [b - a for a, b in zip(before_host, after_host)]
    steal = 100 * host[7] / max(1, sum(host))
    cpu = (after_self.ru_utime - before_self.ru_utime) + (after_self.ru_stime - before_self.ru_stime)
    return out, wall, cpu, steal

for run in range(1, runs + 1):
    with open(os.path.join(work, "extract.jsonl"), "w") as sink:
        _, wall, cpu, steal = timed([kg, "extract", *articles], sink)
    print(f"run {run}: kg extract: {n} articles, {mb:.1f} MB: {wall:.2f} s wall = {mb / wall:.1f} MB/s; "
          f"CPU {cpu:.2f} s = {mb / cpu:.1f} MB/s per core; steal {steal:.0f}%")
    db = os.path.join(work, "db")
    shutil.rmtree(db, ignore_errors=True)
    out, wall, cpu, steal = timed([kg, "build", "--db", db, os.path.join(work, "articles")], subprocess.PIPE)
    print(f"run {run}: kg build: {n} articles: {wall:.2f} s wall = {n / wall:.0f} articles/s; "
          f"CPU {cpu:.2f} s on two threads; steal {steal:.0f}%")
    print(f"run {run}: kg build said: {out.stdout.strip()}")
PY
