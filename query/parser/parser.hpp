// parse(): query text -> AST. The ANTLR parser behind it stays in this folder.
#pragma once

#include <string_view>

#include <kgraph/kgraph.hpp>

#include "query/ast.hpp"

namespace kgraph::query {

// Parses one statement (a trailing ';' is allowed). On a syntax error returns
// INVALID_INPUT with the message "line L:C: <what is wrong>" (one line) and,
// when `error` is given, fills it: kind "SyntaxError", atCompileTime, line,
// column and the excerpt (the offending line, at most 200 bytes, and a caret
// line under the column).
Result<ast::Statement> parse(std::string_view text, QueryError* error = nullptr);

}  // namespace kgraph::query
