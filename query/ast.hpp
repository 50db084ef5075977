// The abstract syntax tree of the query language: what the parser produces
// (query/parser) and the binder reads. Plain data, no ANTLR types; every node
// keeps where it started in the query text for error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <kgraph/value.hpp>

namespace kgraph::query::ast {

// 1-based line and column (in code points) of the first character.
struct Pos {
    uint32_t line = 0;
    uint32_t column = 0;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Pattern;
struct PatternPart;
struct SingleQuery;

enum class ExprKind : uint8_t {
    LITERAL,           // value
    PARAMETER,         // name ($name or $0)
    VARIABLE,          // name
    PROPERTY,          // args[0].name
    SUBSCRIPT,         // args[0][args[1]]
    SLICE,             // args[0][args[1]..args[2]]; a missing bound is null
    UNARY,             // op (NOT, NEG, POS) args[0]
    BINARY,            // args[0] op args[1]
    IS_NULL,           // args[0] IS NULL
    IS_NOT_NULL,       // args[0] IS NOT NULL
    HAS_LABELS,        // args[0]:A:B (every label in `labels`), as in WHERE n:A:B
    LIST,              // [args...]
    MAP,               // {keys[i]: args[i]}
    FUNCTION,          // name(args...), `distinct` for count(DISTINCT x); name as written, may hold dots
    COUNT_STAR,        // count(*)
    CASE,              // see below
    LIST_COMPREHENSION,  // [variable IN args[0] WHERE args[1] | args[2]]; args[1], args[2] may be null
    QUANTIFIER,        // quantifier(variable IN args[0] WHERE args[1]); args[1] may be null
    REDUCE,            // reduce(keys[0] = args[0], variable IN args[1] | args[2])
    PATTERN_COMPREHENSION,  // [pattern WHERE args[0] | args[1]]; args[0] may be null
    PATTERN_PREDICATE, // a pattern used as a boolean expression: WHERE (a)-->(b)
    EXISTS_SUBQUERY,   // EXISTS { MATCH pattern WHERE args[0] } or EXISTS { full query }
    MAP_PROJECTION,    // variable {items}: see MapProjectionItem
};

enum class Op : uint8_t {
    // UNARY
    NOT, NEG, POS,
    // BINARY arithmetic
    ADD, SUB, MUL, DIV, MOD, POW,
    // BINARY comparison; a chain a < b < c arrives as (a < b) AND (b < c)
    EQ, NE, LT, LE, GT, GE,
    // BINARY boolean
    AND, OR, XOR,
    // BINARY string and list predicates
    IN, STARTS_WITH, ENDS_WITH, CONTAINS, REGEX_MATCH,
};

enum class Quantifier : uint8_t { ALL, ANY, NONE, SINGLE };

struct MapProjectionItem {
    enum class Kind : uint8_t { PROPERTY, ALL_PROPERTIES, VARIABLE, LITERAL };
    Kind kind = Kind::PROPERTY;
    std::string key;  // PROPERTY: .key; VARIABLE: the variable; LITERAL: key: value
    ExprPtr value;    // LITERAL only
};

struct Expr {
    ExprKind kind = ExprKind::LITERAL;
    Pos pos;
    Op op = Op::NOT;
    Quantifier quantifier = Quantifier::ALL;
    bool distinct = false;  // FUNCTION
    Value value;            // LITERAL
    std::string name;       // PARAMETER, VARIABLE, PROPERTY (the key), FUNCTION
    std::string variable;   // comprehensions, quantifiers, REDUCE (the iteration variable), MAP_PROJECTION
    std::vector<std::string> keys;    // MAP keys; REDUCE: the accumulator
    std::vector<std::string> labels;  // HAS_LABELS
    std::vector<ExprPtr> args;
    // CASE: `args` = [test or null, when1, then1, when2, then2, ..., else or null].
    // Simple CASE compares test = when_i; generic CASE (test null) evaluates when_i.
    std::shared_ptr<Pattern> pattern;           // PATTERN_* and EXISTS_SUBQUERY (the MATCH form)
    std::shared_ptr<SingleQuery> subquery;      // EXISTS_SUBQUERY holding a whole query
    std::vector<MapProjectionItem> projection;  // MAP_PROJECTION
    // The expression exactly as written in the query (whitespace kept), used
    // to name unaliased columns: RETURN n.name -> column "n.name".
    std::string text;
};

// ---- patterns

struct NodePattern {
    Pos pos;
    std::string variable;  // empty when anonymous
    // Conjunction of disjunctions: `:A:B` is {{A}, {B}}, `:A|B` is {{A, B}}.
    std::vector<std::vector<std::string>> labels;
    ExprPtr properties;  // a MAP or PARAMETER expression, or null
};

enum class Direction : uint8_t { OUTGOING, INCOMING, BOTH };  // -->, <--, -- (and <-->)

struct RelPattern {
    Pos pos;
    std::string variable;
    std::vector<std::string> types;  // alternatives: [:A|B]; empty: any
    Direction direction = Direction::BOTH;
    bool variableLength = false;     // [*], [*2], [*1..3], [*..3], [*2..]
    std::optional<int64_t> minHops;  // when variableLength; absent means 1
    std::optional<int64_t> maxHops;  // when variableLength; absent means unbounded
    ExprPtr properties;
};

// One comma-separated part of a pattern: p = shortestPath((a)-[*]->(b)).
struct PatternPart {
    enum class Kind : uint8_t { PLAIN, SHORTEST_PATH, ALL_SHORTEST_PATHS };
    Pos pos;
    Kind kind = Kind::PLAIN;
    std::string pathVariable;        // empty when unnamed
    std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
    std::vector<RelPattern> rels;
    std::string text;                // as written
};

struct Pattern {
    std::vector<PatternPart> parts;
};

// ---- clauses

struct ReturnItem {
    ExprPtr expr;
    std::string alias;  // empty: none given; the column is then expr->text
};

struct SortItem {
    ExprPtr expr;
    bool descending = false;
};

// The body shared by WITH and RETURN.
struct Projection {
    bool distinct = false;
    bool star = false;  // RETURN * / WITH *, possibly followed by more items
    std::vector<ReturnItem> items;
    std::vector<SortItem> orderBy;
    ExprPtr skip;
    ExprPtr limit;
};

struct SetItem {
    enum class Kind : uint8_t {
        PROPERTY,     // target.key = value (target: any expression yielding a node or relationship)
        REPLACE,      // variable = value (a map, node or relationship)
        MERGE,        // variable += value
        LABELS,       // variable:A:B
    };
    Pos pos;
    Kind kind = Kind::PROPERTY;
    ExprPtr target;  // PROPERTY: the PROPERTY expression (args[0] is the entity)
    std::string variable;
    std::vector<std::string> labels;
    ExprPtr value;
};

struct RemoveItem {
    enum class Kind : uint8_t { PROPERTY, LABELS };
    Pos pos;
    Kind kind = Kind::PROPERTY;
    ExprPtr target;  // PROPERTY: the PROPERTY expression
    std::string variable;
    std::vector<std::string> labels;
};

struct Match {
    bool optional = false;
    Pattern pattern;
    ExprPtr where;
};

struct Unwind {
    ExprPtr list;
    std::string variable;
};

struct With {
    Projection projection;
    ExprPtr where;
};

struct Return {
    Projection projection;
};

struct Create {
    Pattern pattern;
};

struct Merge {
    PatternPart part;
    std::vector<SetItem> onCreate;
    std::vector<SetItem> onMatch;
};

struct Set {
    std::vector<SetItem> items;
};

struct Remove {
    std::vector<RemoveItem> items;
};

struct Delete {
    bool detach = false;
    std::vector<ExprPtr> targets;
};

struct YieldItem {
    std::string field;
    std::string alias;  // empty: the field's name
};

struct Call {
    std::string procedure;  // dotted name as written: algo.pagerank
    bool hasArgumentList = false;  // CALL p without parentheses takes arguments from parameters
    std::vector<ExprPtr> args;
    bool yieldStar = false;
    std::vector<YieldItem> yields;
    ExprPtr where;  // YIELD ... WHERE
};

using ClauseBody = std::variant<Match, Unwind, With, Return, Create, Merge, Set, Remove, Delete, Call>;

struct Clause {
    Pos pos;
    ClauseBody body;
};

struct SingleQuery {
    std::vector<Clause> clauses;
};

struct Statement {
    enum class Mode : uint8_t { NORMAL, EXPLAIN, PROFILE };
    Mode mode = Mode::NORMAL;
    // Queries joined by UNION: unionAll[i] joins queries[i] and queries[i + 1].
    std::vector<SingleQuery> queries;
    std::vector<bool> unionAll;
};

}  // namespace kgraph::query::ast
