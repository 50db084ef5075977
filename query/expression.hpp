// Bound expressions: the planner's form of ast::Expr. Variables are row slots,
// functions are resolved, aggregates are slots their operator fills, and
// subqueries (pattern predicates, EXISTS, pattern comprehensions) are plans.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/ast.hpp"
#include "query/context.hpp"
#include "query/expr/functions.hpp"

namespace kgraph::query {

class Operator;

enum class ExprOp : uint8_t {
    LITERAL, PARAMETER, SLOT,
    PROPERTY, SUBSCRIPT, SLICE,
    NOT, NEG, POS, ARITHMETIC, EQ, NE, COMPARE, AND, OR, XOR, IN, STRING_PREDICATE, REGEX,
    IS_NULL, IS_NOT_NULL, HAS_LABELS,
    LIST, MAP, SCALAR_FUNCTION, GRAPH_FUNCTION,
    CASE, LIST_COMPREHENSION, QUANTIFIER, REDUCE,
    EXISTS,           // the subplan yields a row
    COLLECT,          // pattern comprehension: args[0] per subplan row
    MAP_PROJECTION,
};

// Functions that look into the graph.
enum class GraphFunction : uint8_t {
    ID, LABELS, TYPE, PROPERTIES, KEYS, NODES, RELATIONSHIPS, START_NODE, END_NODE, LENGTH, SIZE,
    EVIDENCE, ALIASES, EXISTS, DEGREE,
};

struct BoundExpr {
    ExprOp op = ExprOp::LITERAL;
    ast::Op astOp = ast::Op::NOT;
    ast::Quantifier quantifier = ast::Quantifier::ALL;
    ast::Pos pos;
    int slot = -1;   // SLOT; iteration variable of comprehensions; REDUCE: the element
    int slot2 = -1;  // REDUCE: the accumulator
    Value literal;
    std::string name;  // PARAMETER, PROPERTY key, function name
    std::vector<std::string> keys;  // MAP keys, HAS_LABELS labels, MAP_PROJECTION item keys
    std::vector<uint8_t> itemKinds;  // MAP_PROJECTION: ast::MapProjectionItem::Kind per key
    std::vector<std::unique_ptr<BoundExpr>> args;  // null entries allowed where ast allows
    const FunctionInfo* function = nullptr;
    GraphFunction graphFunction = GraphFunction::ID;
    std::shared_ptr<Operator> subplan;
    // Resolved once found (a token never changes once it exists).
    mutable std::optional<TokenId> token;
    mutable std::vector<std::optional<TokenId>> tokens;
    // True when the value depends on nothing in the row (folded by the planner).
    bool constant = false;
};

using BoundExprPtr = std::unique_ptr<BoundExpr>;

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx);
// WHERE: only TRUE passes.
bool evaluatePredicate(const BoundExpr& e, Row& row, ExecContext& ctx);

// Property of an entity or map value; null for null. TypeError otherwise.
Value propertyOf(const Value& target, const std::string& key, std::optional<TokenId>& token, ExecContext& ctx);
// The properties of a node or relationship as a map.
Value::Map propertiesOf(const Value& entity, ExecContext& ctx);

}  // namespace kgraph::query
