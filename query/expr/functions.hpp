// The scalar functions that need nothing but their arguments: string, math,
// list and conversion functions (DESIGN.md, "Query language"). Functions that
// look into the graph (id, labels, type, properties and keys of entities,
// nodes, relationships, startNode, endNode, length of a path, evidence,
// aliases) are the evaluator's.
#pragma once

#include <span>
#include <string_view>

#include <kgraph/value.hpp>

namespace kgraph::query {

using ScalarFunction = Value (*)(std::span<const Value> args);

struct FunctionInfo {
    std::string_view name;  // lower case
    int minArgs = 0;
    int maxArgs = 0;  // -1: any number
    ScalarFunction call = nullptr;
};

// Looks a function up by its name in any case (toUpper, TOUPPER); nullptr when
// unknown. Errors at call time throw QueryException: TypeError for an argument
// of the wrong type (toInteger of a list, as the TCK's TypeConversion2 [8]
// wants), ArgumentError for a value out of range (substring with a negative
// length, range with step 0, toInteger of 1e30); range() gives ArgumentError
// for non-integer arguments too, as the TCK's List11 [5] wants. A null argument
// gives null (coalesce aside). keys() and properties() take maps only: a node,
// relationship or path is a TypeError here (the evaluator answers those).
// REQUIRES for `call`: minArgs <= args.size() <= maxArgs (the planner checks).
const FunctionInfo* findScalarFunction(std::string_view name);

}  // namespace kgraph::query
