// What several kg commands share: opening a database the way `kg query` and
// the REPL do, running a statement on it, reporting query errors against the
// script they came from, parameters from the command line, writing to stdout,
// running GraphViz, and the text of `kg stats`.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/kgraph.hpp>

#include "statements.hpp"

namespace kgraph::tools {

// Error messages quote at most this much of what the user typed (docs/cli.md).
constexpr size_t kMaxQuoted = 200;

// `text`, cut to kMaxQuoted bytes at a character boundary with "..." added.
std::string shortened(std::string_view text);

// ---- the database of kg query and the REPL

enum class Access {
    READ_WRITE,
    ABSENT,  // no database yet: read as empty, created by the first statement that writes
    LOCKED,  // a writer holds it: read the last committed state, writes fail with BUSY
};

struct OpenDatabase {
    std::string path;
    std::unique_ptr<Database> db;
    Access access = Access::READ_WRITE;
};

// Opens `path` for writing without creating it; when absent or locked, for reading.
Result<OpenDatabase> openDatabase(const std::string& path);

// Runs one statement. The first statement that writes to an absent database
// creates it and runs again there (it read nothing yet, and failed whole).
Result<QueryResult> runStatement(OpenDatabase& db, std::string_view text, const QueryOptions& options,
                                 QueryError* error);

// Prints the error of a failed statement: one line, with the position counted
// in the whole script; for syntax errors the offending line and a caret.
// Returns the exit code.
int reportQueryError(const Status& status, const QueryError& error, const ScriptStatement& statement,
                     std::string_view script);

// ---- parameters

// "NAME=VALUE": VALUE is JSON when it parses as JSON, else a plain string.
Status addParam(Value::Map& params, const std::string& nameEqualsValue);
// '{"name": value, ...}'.
Status addParamsJson(Value::Map& params, const std::string& json);

// ---- output

// Reads `in` to its end.
Result<std::string> readAll(FILE* in, const std::string& name);
// Reads the file at `path`; IO_ERROR naming it when that fails.
Result<std::string> readFile(const std::string& path);

// Writes `text` to stdout. False when the reader went away (EPIPE); an I/O
// error on other failures.
Result<bool> writeOut(std::string_view text);

// The columns of the terminal on stdout; 0 when stdout is not a terminal, so
// piped and redirected tables are never cut.
size_t terminalWidth();

// ---- other programs

// The full path of `program` on $PATH; empty when it is not there.
std::string findOnPath(const std::string& program);

// Runs `argv` and waits; fills `errors` with what it wrote to stderr.
// Returns its exit status, or -1 when it could not run or died of a signal.
int runProgram(const std::vector<std::string>& argv, std::string& errors);

// The first line of a program's complaint, short enough for one error line.
std::string firstLine(const std::string& text);

// Runs GraphViz's dot on the DOT file `dotPath`, writing `format` (svg, png,
// pdf) to `output` atomically.
Status renderDot(const std::string& dotPath, const std::string& format, const std::string& output);

// ---- kg stats

// What `kg stats` prints: the counts, then the tables of labels, types and property keys.
std::string statsText(const DatabaseStats& stats, const std::string& db);
// The tables alone: labels and types with their counts, property keys with types and counts.
std::string schemaText(const DatabaseStats& stats);

}  // namespace kgraph::tools
