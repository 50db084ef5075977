// QueryException: how errors travel inside the query engine. Deep inside an
// expression or an operator loop a throw is the plain way out; the engine's
// entry point (query/engine.cpp) turns it into a Status and a QueryError, so
// no exception leaves the query module.
#pragma once

#include <stdexcept>
#include <string>

#include "query/ast.hpp"

namespace kgraph::query {

// The openCypher TCK's error kinds.
enum class ErrorKind : uint8_t {
    SYNTAX,           // SyntaxError
    SEMANTIC,         // SemanticError
    PARAMETER_MISSING,
    TYPE,             // TypeError
    ARGUMENT,         // ArgumentError
    ARITHMETIC,       // ArithmeticError
    ENTITY_NOT_FOUND,
    CONSTRAINT,       // ConstraintVerificationFailed (DELETE of a node that still has relationships)
    LIMIT,            // timeout or memory bound
    CANCELLED,        // QueryOptions::cancel was set (Ctrl-C in the REPL)
    BUSY,             // a write on a database this process may only read
    PROCEDURE,        // ProcedureError: an unknown procedure
};

const char* errorKindName(ErrorKind kind);

class QueryException : public std::runtime_error {
public:
    QueryException(ErrorKind kind, std::string message, ast::Pos pos = {})
        : std::runtime_error(std::move(message)), kind_(kind), pos_(pos) {}
    ErrorKind kind() const { return kind_; }
    ast::Pos pos() const { return pos_; }

private:
    ErrorKind kind_;
    ast::Pos pos_;
};

[[noreturn]] inline void throwError(ErrorKind kind, std::string message, ast::Pos pos = {}) {
    throw QueryException(kind, std::move(message), pos);
}

}  // namespace kgraph::query
