#!/usr/bin/env python3
"""Print the `kg import` arguments that load a neo4j-admin style dataset folder.

    bench/import_args.py DATASET_DIR            one argument per line (for `mapfile -t`)
    bench/import_args.py --shell DATASET_DIR    one shell-quoted line

The folder holds `|`-delimited CSV files with neo4j-admin import headers, as the LSQB and LDBC SNB
datasets in ../shared/datasets/ do:

  Label.csv        a node file (its header has an :ID column)          -> --nodes Label=PATH
  A_rel_B.csv      a relationship file (its header has :START_ID)      -> --relationships A_rel_B=PATH
  X_1.csv, X_2...  further parts of X.csv: the same label or type as X.csv

The relationship type is the whole file stem (`Person_knows_Person`), because the LSQB queries name
types that way (`[:Person_knows_Person]`). A part file that starts with its own header line becomes a
group of its own (`--relationships X=X_1.csv`); a part without a header is appended to X.csv's group
(`--relationships X=X.csv,X_1.csv`), where kg reads the header from the first file only, as
neo4j-admin does. Files that are not *.csv are skipped.
"""

import argparse
import os
import re
import shlex
import sys

DELIMITER = "|"
PART = re.compile(r"^(?P<base>.+)_(?P<n>\d+)$")
HEADER_KIND = re.compile(r":(ID|START_ID|END_ID|TYPE|LABEL|IGNORE)(\([^)]*\))?$", re.IGNORECASE)


def first_line(path):
    with open(path, "r", encoding="utf-8", errors="replace", newline="") as f:
        return f.readline().rstrip("\r\n")


def header_kinds(line):
    """The special column kinds of a header line (ID, START_ID, ...); empty if it is not a header."""
    kinds = set()
    for field in line.split(DELIMITER):
        m = HEADER_KIND.search(field.strip())
        if m:
            kinds.add(m.group(1).upper())
    return kinds


def part_key(stem):
    """'X_1' -> ('X', 1); 'X' -> ('X', 0)."""
    m = PART.match(stem)
    return (m.group("base"), int(m.group("n"))) if m else (stem, 0)


def build_args(folder):
    names = sorted(n for n in os.listdir(folder)
                   if n.lower().endswith(".csv") and os.path.isfile(os.path.join(folder, n)))
    stems = {n[:-4]: os.path.join(folder, n) for n in names}

    # Group part files under their base file (only if that base file exists).
    groups = {}  # base stem -> [(part number, stem)]
    for stem in stems:
        base, n = part_key(stem)
        if n == 0 or base not in stems:
            base, n = stem, 0
        groups.setdefault(base, []).append((n, stem))

    nodes, rels = [], []
    for base in sorted(groups):
        parts = sorted(groups[base])
        base_path = stems[base]
        base_header = first_line(base_path)
        kinds = header_kinds(base_header)
        if "START_ID" in kinds or "END_ID" in kinds:
            option, out = "--relationships", rels
        elif "ID" in kinds or "LABEL" in kinds:
            option, out = "--nodes", nodes
        else:
            sys.exit(f"error: {base_path}:1: no neo4j-admin header (no :ID or :START_ID column)")
        width = len(base_header.split(DELIMITER))

        group = [base_path]
        separate = []
        for n, stem in parts:
            if n == 0:
                continue
            path = stems[stem]
            line = first_line(path)
            if header_kinds(line):
                separate.append(path)  # its own header: its own group
            elif len(line.split(DELIMITER)) == width or line == "":
                group.append(path)  # data only: read under the base file's header
            else:
                sys.exit(f"error: {path}:1: no header and {len(line.split(DELIMITER))} fields, "
                         f"but {base_path} has {width} columns")
        out.append((option, f"{base}={','.join(group)}"))
        for path in separate:
            out.append((option, f"{base}={path}"))

    args = ["--delimiter", DELIMITER]
    for option, spec in nodes + rels:
        args += [option, spec]
    return args


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset_dir")
    parser.add_argument("--shell", action="store_true", help="print one shell-quoted line")
    a = parser.parse_args()
    if not os.path.isdir(a.dataset_dir):
        sys.exit(f"error: {a.dataset_dir}: not a directory")
    args = build_args(a.dataset_dir)
    if len(args) == 2:
        sys.exit(f"error: {a.dataset_dir}: no CSV files")
    if a.shell:
        print(" ".join(shlex.quote(x) for x in args))
    else:
        print("\n".join(args))


if __name__ == "__main__":
    main()
