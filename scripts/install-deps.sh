#!/usr/bin/env bash
# Installs the Debian packages kgraph needs to build, test and run its demo.
# Idempotent: does nothing when every package is present; runs `apt-get update`
# only when something is missing. This is the one list of dependencies: the
# Makefile's `demo` and `test` targets call it, and so does CI through `make test`.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make
  # libraries
  librocksdb-dev          # storage/
  libboost-graph-dev      # graph/
  libantlr4-runtime-dev   # query/ parser runtime (4.9)
  antlr4                  # grammar/ code generator (4.7.2, needs Java)
  libicu-dev              # ingest/ segmentation, case folding
  libssl-dev              # ingest/text content hashes (SHA-256)
  libre2-dev              # query/ linear-time =~
  libcli11-dev            # tools/ argument parsing
  libfmt-dev              # formatting
  nlohmann-json3-dev      # JSON in and out
  libedit-dev             # tools/ REPL line editing
  libjemalloc-dev         # tools/ kg's allocator (not under the sanitizers)
  pybind11-dev python3-dev  # python/
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz                # real `dot` checks DOT exports
  tmux                    # drives the REPL in a real terminal
  python3                 # test and benchmark scripts
  time                    # /usr/bin/time -v for peak RSS in benchmarks
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
