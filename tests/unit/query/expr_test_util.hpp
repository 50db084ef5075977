// Helpers shared by the query/expr tests: building lists and maps, and
// checking the kind of a QueryException.
#pragma once

#include <cmath>
#include <ostream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <kgraph/value.hpp>

#include "query/errors.hpp"
#include "query/expr/value_ops.hpp"

namespace kgraph {
// Readable gtest output for values.
inline void PrintTo(const Value& v, std::ostream* os) { *os << v.toString(); }
}  // namespace kgraph

namespace kgraph::query {
inline void PrintTo(Tri t, std::ostream* os) { *os << (t == Tri::TRUE ? "TRUE" : t == Tri::FALSE ? "FALSE" : "UNKNOWN"); }
}  // namespace kgraph::query

namespace kgraph::query::test {

inline Value L(std::initializer_list<Value> items) { return Value(Value::List(items)); }
inline Value L(const std::vector<Value>& items) { return Value(Value::List(items)); }
inline Value M(std::initializer_list<std::pair<const std::string, Value>> entries) { return Value(Value::Map(entries)); }

inline const Value kNaN(std::nan(""));

// Runs f, which must throw a QueryException of `kind`; returns its message.
template <typename F>
std::string expectError(ErrorKind kind, F&& f) {
    try {
        f();
    } catch (const QueryException& e) {
        EXPECT_EQ(static_cast<int>(e.kind()), static_cast<int>(kind)) << "message: " << e.what();
        return e.what();
    }
    ADD_FAILURE() << "expected a QueryException of kind " << static_cast<int>(kind) << ", none was thrown";
    return {};
}

}  // namespace kgraph::query::test
