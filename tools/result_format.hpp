// How `kg query` (and the REPL) print a QueryResult: an aligned table for
// people, one JSON object per statement, CSV or TSV for other programs
// (docs/cli.md, "kg query"). Pure functions of the result, no I/O, so they
// test without a database.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <kgraph/kgraph.hpp>
#include <kgraph/value.hpp>

namespace kgraph::tools {

enum class OutputFormat : uint8_t { TABLE, JSON, CSV, TSV };

// "table", "json", "csv", "tsv"; nullopt for anything else.
std::optional<OutputFormat> parseOutputFormat(std::string_view name);

// The whole output for one statement, ending in '\n'; empty when the format
// prints nothing for it (csv and tsv for a statement without columns).
//   table: a box around header and rows, then "N rows" and, when the statement
//          changed the graph, what it changed; EXPLAIN/PROFILE add the plan.
//   json:  one line {"columns":[...],"rows":[[...]]} (plus "plan" for EXPLAIN/PROFILE).
//   csv:   header and rows, RFC 4180 quoting; nested values as their JSON text.
//   tsv:   the same with tabs; tab, newline, CR and backslash escaped as \t \n \r \\.
//
// `maxWidth` (table only; 0: no limit) is the width of the terminal: the widest
// columns are narrowed until the table fits (down to kMinColumnWidth each),
// and their cells cut with '…'. Give it only when a person reads the table;
// piped output stays whole. `footerNote` (table only) is added to the first
// footer line in parentheses: "4 rows (1.2 ms)".
std::string formatResult(const QueryResult& result, OutputFormat format, size_t maxWidth = 0,
                         std::string_view footerNote = {});

// How narrow a column of a table may become to fit `maxWidth`.
constexpr size_t kMinColumnWidth = 8;

// `text` cut to at most `width` terminal columns, ending in '…' when cut.
std::string truncateToWidth(const std::string& text, size_t width);

// What the output of two statements is separated by in `format` ("\n" or "").
std::string_view statementSeparator(OutputFormat format);

// ---- Building blocks, exposed for the REPL and the tests.

// A float as kgraph prints it everywhere: the shortest text that reads back as
// the same double, always with a '.' or an exponent; plain decimals for
// 1e-3 <= |d| < 1e7 (0.25, 1234567.0), otherwise scientific (4.2e9, 1.0e-4);
// NaN, Infinity, -Infinity.
std::string formatFloat(double d);

// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string toValidUtf8(std::string_view s);

// The columns `s` takes on a terminal: East Asian wide and full-width
// characters count 2, combining marks and other zero-width characters 0,
// everything else 1 (by code point; invalid bytes count 1 each).
size_t displayWidth(std::string_view s);

// `s` as a JSON string literal, quotes included.
std::string jsonString(std::string_view s);

// A value as JSON (the json format's cells). Nodes, relationships and paths
// are expanded with what `result` holds for them.
std::string jsonValue(const Value& v, const QueryResult& result);

// A value in Cypher literal style, strings quoted: 'Alibaba', [1, 2.0],
// {name: 'x'}, (:Company {name: 'Alibaba'}), [:INVESTS_IN {amount: 4.2e9}],
// (:A)-[:T]->(:B). The table prints this, except that a top-level string is
// shown unquoted (`cell`).
std::string cypherLiteral(const Value& v, const QueryResult& result);

// A table cell: cypherLiteral, but a string unquoted with its control
// characters escaped (\n, \t), so every row stays on one line, and a whole
// float from 1e7 to 2^53 with its digits grouped (2.3e10 -> 23,000,000,000),
// as amounts of money read best.
std::string cell(const Value& v, const QueryResult& result);

// 1234567 -> "1,234,567"
std::string withThousands(uint64_t n);

// "Nodes created: 2, properties set: 3"; empty when nothing changed.
std::string describeChanges(const QueryStats& stats);

}  // namespace kgraph::tools
