// Splitting a query script into its `;`-separated statements, and mapping a
// position inside one statement back to the script, so `kg query -f FILE`
// reports errors at the line of the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::tools {

// One statement of a script.
struct ScriptStatement {
    // From its first to its last significant character: leading and trailing
    // white space and comments are left out, and so is the closing `;`.
    std::string_view text;
    size_t offset = 0;  // byte offset of text[0] in the script
    int line = 1;       // 1-based line of text[0] in the script
    int column = 1;     // 1-based column of text[0], counted in code points as the parser counts
};

// Splits `script` at each `;` that is not inside a 'string', a "string", a
// `quoted name` or a comment (`// ...` to the end of the line, `/* ... */`).
// Strings take backslash escapes; a quoted name ends at the next backtick (so
// a doubled backtick reads as two quoted names back to back, which splits the
// same way). Statements with nothing but white space and comments are dropped.
// An unterminated string or comment runs to the end of the script: the parser
// reports it.
std::vector<ScriptStatement> splitStatements(std::string_view script);

// How far `script` holds whole statements: the offset just past its last `;`
// outside strings, quoted names and comments; 0 when there is none. The REPL
// runs script[0, end) and keeps the rest for the next line.
size_t endOfLastStatement(std::string_view script);

// Whether `script` holds anything but white space and comments.
bool hasCode(std::string_view script);

// A position (1-based line and column) inside `statement`, moved to the script it came from.
struct ScriptPosition {
    int line = 0;
    int column = 0;
};
ScriptPosition toScriptPosition(const ScriptStatement& statement, int line, int column);

// If `message` starts with "line L:C: ", the same message with L:C moved to the
// script; otherwise `message` unchanged.
std::string relocateMessage(const ScriptStatement& statement, std::string_view message);

// The `line`-th line of `script` and a caret line under `column` (1-based, in
// code points): two lines, each ending in '\n'. A line longer than `maxBytes`
// is cut to a window around the column, marked with "..." at the cut ends.
// Tabs in the shown line become spaces so the caret lines up. Empty when the
// script has no such line.
std::string excerptAt(std::string_view script, int line, int column, size_t maxBytes = 200);

}  // namespace kgraph::tools
