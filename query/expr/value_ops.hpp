// openCypher value semantics over kgraph::Value: three-valued comparison,
// ordering, equivalence for grouping, checked arithmetic, string and list
// predicates. Errors throw QueryException (query/errors.hpp): TypeError for
// operands of the wrong type, ArithmeticError for integer overflow and
// integer division by zero.
#pragma once

#include <cstddef>
#include <cstdint>

#include <kgraph/value.hpp>

#include "query/ast.hpp"

namespace kgraph::query {

// Three-valued logic: null is UNKNOWN.
enum class Tri : uint8_t { FALSE, TRUE, UNKNOWN };

inline Value toValue(Tri t) { return t == Tri::UNKNOWN ? Value() : Value(t == Tri::TRUE); }
// A boolean or null as Tri; TypeError for anything else ("expected a boolean, got <type>").
Tri truthOf(const Value& v);
Tri triNot(Tri a);
Tri triAnd(Tri a, Tri b);
Tri triOr(Tri a, Tri b);
Tri triXor(Tri a, Tri b);

// `a = b`: numbers by value (1 = 1.0), NaN equal to nothing, null -> UNKNOWN,
// lists element-wise and maps key-wise (UNKNOWN when only nulls decide),
// nodes/relationships/paths by identity, different types FALSE.
Tri equals(const Value& a, const Value& b);

// `a < b` etc. (op is LT, LE, GT, GE): numbers, strings, booleans and lists
// (lexicographically) compare among themselves; anything else, or null
// involved -> UNKNOWN. NaN against a number is FALSE for all four (TCK
// Comparison2 [5]); NaN against a non-number is UNKNOWN like any type mismatch.
// Lists compare element by element until a pair differs: [1, null] >= [1] is
// TRUE, [1, 2] >= [1, null] UNKNOWN. Integers and floats compare exactly
// (2^53 + 1 > 2^53 as a float). EQ and NE are accepted too and mean equals().
Tri compare(ast::Op op, const Value& a, const Value& b);

// The total order of ORDER BY (ascending): map < node < relationship < list <
// path < string < boolean < number < null; NaN after every other number;
// false < true; lists lexicographically by this same order. <0, 0, >0.
// Maps by size, then entry by entry in key order (key, then value); nodes and
// relationships by id; paths by their node/relationship ids in walking order.
// A strict weak ordering; 0 exactly when equivalent() (1 and 1.0, -0.0 and 0.0,
// NaN and NaN are 0).
int orderCompare(const Value& a, const Value& b);

// Equivalence for DISTINCT, grouping keys and UNION: like equals() but null is
// equivalent to null, NaN to NaN, and 1 to 1.0. hashValue agrees with it.
bool equivalent(const Value& a, const Value& b);
size_t hashValue(const Value& v);

// Arithmetic (op is ADD, SUB, MUL, DIV, MOD, POW). Integers stay integers and
// are checked (overflow, division or modulo by zero: ArithmeticError); a float
// operand makes a float (x / 0.0 is Infinity or NaN); POW is always float.
// ADD also concatenates strings (string + number formats the number), lists
// (list + list) and appends/prepends (list + x, x + list). null -> null.
// Integer division truncates (-7 / 2 = -3), modulo takes the dividend's sign
// (-7 % 2 = -1), INT64_MIN / -1 is ArithmeticError and INT64_MIN % -1 is 0;
// float modulo is fmod. Other operand types: TypeError ("cannot add string and
// boolean").
Value arithmetic(ast::Op op, const Value& a, const Value& b);
Value negate(const Value& a);  // checked: -INT64_MIN is ArithmeticError

// STARTS_WITH, ENDS_WITH, CONTAINS: strings only, otherwise (or null) UNKNOWN.
Tri stringPredicate(ast::Op op, const Value& a, const Value& b);
// `x IN list`: TRUE if some element equals x; UNKNOWN if none does but some
// comparison was UNKNOWN; null list -> UNKNOWN; a non-list -> TypeError.
Tri inList(const Value& x, const Value& list);
// `s =~ pattern` with RE2 (linear time), the whole string must match; null ->
// UNKNOWN; a non-string -> UNKNOWN; a bad pattern -> ArgumentError naming it.
// Compiled patterns are cached per thread.
Tri regexMatch(const Value& s, const Value& pattern);

}  // namespace kgraph::query
