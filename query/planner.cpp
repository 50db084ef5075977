#include "query/planner.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <functional>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "query/errors.hpp"
#include "query/expression.hpp"
#include "query/operators.hpp"

namespace kgraph::query {

namespace {

// VALUE: certainly not a node, relationship or path (a literal, arithmetic, ...).
enum class VarType : uint8_t { ANY, NODE, REL, REL_LIST, PATH, VALUE };

struct Var {
    int slot = -1;
    VarType type = VarType::ANY;
};

// Variables visible at a point of the query. Names starting with a space are
// the planner's own (anonymous pattern elements) and never shown.
using Scope = std::map<std::string, Var, std::less<>>;

bool isHidden(const std::string& name) { return !name.empty() && name[0] == ' '; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

[[noreturn]] void syntaxError(std::string message, ast::Pos pos = {}) {
    throw QueryException(ErrorKind::SYNTAX, std::move(message), pos);
}

const std::map<std::string, AggregateKind>& aggregateFunctions() {
    static const std::map<std::string, AggregateKind> m = {
        {"count", AggregateKind::COUNT},   {"sum", AggregateKind::SUM},
        {"avg", AggregateKind::AVG},       {"min", AggregateKind::MIN},
        {"max", AggregateKind::MAX},       {"collect", AggregateKind::COLLECT},
        {"stdev", AggregateKind::STDEV},   {"stdevp", AggregateKind::STDEVP},
        {"percentilecont", AggregateKind::PERCENTILE_CONT},
        {"percentiledisc", AggregateKind::PERCENTILE_DISC},
    };
    return m;
}

const std::map<std::string, GraphFunction>& graphFunctions() {
    static const std::map<std::string, GraphFunction> m = {
        {"id", GraphFunction::ID},
        {"labels", GraphFunction::LABELS},
        {"type", GraphFunction::TYPE},
        {"properties", GraphFunction::PROPERTIES},
        {"keys", GraphFunction::KEYS},
        {"nodes", GraphFunction::NODES},
        {"relationships", GraphFunction::RELATIONSHIPS},
        {"rels", GraphFunction::RELATIONSHIPS},
        {"startnode", GraphFunction::START_NODE},
        {"endnode", GraphFunction::END_NODE},
        {"length", GraphFunction::LENGTH},
        {"size", GraphFunction::SIZE},
        {"evidence", GraphFunction::EVIDENCE},
        {"aliases", GraphFunction::ALIASES},
        {"exists", GraphFunction::EXISTS},
    };
    return m;
}

bool isAggregateCall(const ast::Expr& e) {
    return e.kind == ast::ExprKind::COUNT_STAR ||
           (e.kind == ast::ExprKind::FUNCTION && aggregateFunctions().count(lower(e.name)));
}

bool containsAggregate(const ast::Expr* e) {
    if (!e) return false;
    if (isAggregateCall(*e)) return true;
    // Subqueries and comprehensions have their own scope for aggregates.
    if (e->kind == ast::ExprKind::PATTERN_COMPREHENSION || e->kind == ast::ExprKind::EXISTS_SUBQUERY) return false;
    for (const auto& a : e->args)
        if (containsAggregate(a.get())) return true;
    return false;
}

// Every variable name an expression mentions (also inside patterns).
void mentionedVariables(const ast::Expr* e, std::set<std::string>& out);

void patternVariables(const ast::Pattern& p, std::set<std::string>& out) {
    for (const auto& part : p.parts) {
        if (!part.pathVariable.empty()) out.insert(part.pathVariable);
        for (const auto& n : part.nodes) {
            if (!n.variable.empty()) out.insert(n.variable);
            mentionedVariables(n.properties.get(), out);
        }
        for (const auto& r : part.rels) {
            if (!r.variable.empty()) out.insert(r.variable);
            mentionedVariables(r.properties.get(), out);
        }
    }
}

void mentionedVariables(const ast::Expr* e, std::set<std::string>& out) {
    if (!e) return;
    if (e->kind == ast::ExprKind::VARIABLE) out.insert(e->name);
    if (e->kind == ast::ExprKind::MAP_PROJECTION) out.insert(e->variable);
    if (e->pattern) patternVariables(*e->pattern, out);
    if (e->subquery) {
        // A conservative answer: every variable named anywhere in it.
        for (const auto& c : e->subquery->clauses)
            if (const auto* m = std::get_if<ast::Match>(&c.body)) {
                patternVariables(m->pattern, out);
                mentionedVariables(m->where.get(), out);
            }
    }
    for (const auto& a : e->args) mentionedVariables(a.get(), out);
    for (const auto& item : e->projection) mentionedVariables(item.value.get(), out);
}

BoundExprPtr makeExpr(ExprOp op, ast::Pos pos = {}) {
    auto e = std::make_unique<BoundExpr>();
    e->op = op;
    e->pos = pos;
    return e;
}

BoundExprPtr slotExpr(int slot) {
    auto e = makeExpr(ExprOp::SLOT);
    e->slot = slot;
    return e;
}

BoundExprPtr andExpr(BoundExprPtr a, BoundExprPtr b) {
    if (!a) return b;
    if (!b) return a;
    auto e = makeExpr(ExprOp::AND);
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
}

// An expression that can never yield a node, relationship or path.
bool certainlyValue(const ast::Expr& e) {
    switch (e.kind) {
        case ast::ExprKind::LITERAL: return !e.value.isNull();
        case ast::ExprKind::LIST:
        case ast::ExprKind::MAP:
        case ast::ExprKind::BINARY:
        case ast::ExprKind::UNARY:
        case ast::ExprKind::IS_NULL:
        case ast::ExprKind::IS_NOT_NULL:
        case ast::ExprKind::HAS_LABELS:
        case ast::ExprKind::COUNT_STAR:
        case ast::ExprKind::LIST_COMPREHENSION:
        case ast::ExprKind::PATTERN_COMPREHENSION:
        case ast::ExprKind::QUANTIFIER:
        case ast::ExprKind::MAP_PROJECTION: return true;
        default: return false;
    }
}

// Splits a WHERE into its AND-ed parts.
void conjuncts(const ast::Expr* e, std::vector<const ast::Expr*>& out) {
    if (!e) return;
    if (e->kind == ast::ExprKind::BINARY && e->op == ast::Op::AND) {
        conjuncts(e->args[0].get(), out);
        conjuncts(e->args[1].get(), out);
        return;
    }
    out.push_back(e);
}

std::string relText(const ast::RelPattern& r, const std::string& from, const std::string& to, bool reversed) {
    std::string types;
    for (size_t i = 0; i < r.types.size(); ++i) types += (i ? "|" : ":") + r.types[i];
    std::string hops;
    if (r.variableLength)
        hops = fmt::format("*{}..{}", r.minHops.value_or(1), r.maxHops ? std::to_string(*r.maxHops) : "");
    auto name = [](const std::string& v) { return isHidden(v) ? std::string() : v; };
    ast::Direction d = r.direction;
    if (reversed && d != ast::Direction::BOTH)
        d = d == ast::Direction::OUTGOING ? ast::Direction::INCOMING : ast::Direction::OUTGOING;
    return fmt::format("({}){}-[{}{}{}]-{}({})", name(from), d == ast::Direction::INCOMING ? "<" : "",
                       name(r.variable), types, hops, d == ast::Direction::OUTGOING ? ">" : "", name(to));
}

std::string labelText(const std::vector<std::vector<std::string>>& labels) {
    std::string out;
    for (const auto& any : labels) {
        out += ':';
        for (size_t i = 0; i < any.size(); ++i) out += (i ? "|" : "") + any[i];
    }
    return out;
}

// Folds every Filter that sits right above an Expand into it, down the
// chain: the check runs per hop and no row is made for a hop that fails.
OperatorPtr absorbFilters(OperatorPtr op) {
    if (!op) return op;
    if (op->child()) op->setChild(absorbFilters(op->releaseChild()));
    auto* filter = dynamic_cast<Filter*>(op.get());
    auto* expand = filter ? dynamic_cast<Expand*>(filter->child()) : nullptr;
    if (!expand) return op;
    expand->absorb(*filter);
    return filter->releaseChild();
}

// count(*) straight over Expands: nothing reads what they bind, so the hops
// are counted per input row, walked depth-first, never made into rows
// (CountExpand). q6 of LSQB: 36 thousand rows reach the count, not 55 million.
OperatorPtr countExpansions(OperatorPtr op, AggregateSpec& count, int weightSlot) {
    std::vector<std::unique_ptr<Expand>> levels;
    while (dynamic_cast<Expand*>(op.get())) {
        OperatorPtr input = op->releaseChild();
        levels.emplace(levels.begin(), static_cast<Expand*>(op.release()));
        op = std::move(input);
    }
    if (levels.empty()) return op;
    count.weightSlot = weightSlot;
    return std::make_unique<CountExpand>(std::move(op), std::move(levels), weightSlot);
}

ast::Direction flip(ast::Direction d) {
    if (d == ast::Direction::OUTGOING) return ast::Direction::INCOMING;
    if (d == ast::Direction::INCOMING) return ast::Direction::OUTGOING;
    return d;
}

class Planner {
public:
    Planner(const graph::Graph& g, const storage::Store& store, const Value::Map& params)
        : graph_(g), store_(store), params_(params) {}

    Plan plan(const ast::Statement& st);

private:
    struct AggBinding {
        std::vector<AggregateSpec>* specs = nullptr;
        const Scope* preScope = nullptr;
        std::vector<std::pair<std::string, int>> keyTexts;  // grouping expression text -> slot
        std::map<std::string, int> keyVars;                 // grouping variable -> slot
    };

    int newSlot() { return slots_++; }
    std::string anonymous() { return fmt::format(" anon{}", anon_++); }

    // ---- expressions
    BoundExprPtr bind(const ast::Expr* e, const Scope& scope, AggBinding* agg = nullptr);
    BoundExprPtr bindImpl(const ast::Expr* e, const Scope& scope, AggBinding* agg);
    // Literals and what is computed from them alone, cheap to evaluate while planning.
    bool cheapConstant(const BoundExpr& e) const;
    // A type error in such an expression is the query's fault, found before it runs.
    void checkConstant(const BoundExpr& e);
    std::set<int> constantSlots_;  // iteration variables over literal lists
    BoundExprPtr bindFunction(const ast::Expr& e, const Scope& scope, AggBinding* agg);
    BoundExprPtr bindAggregate(const ast::Expr& e, const Scope& scope, AggBinding* agg);
    OperatorPtr bindPatternSubplan(const ast::Pattern& pattern, const ast::Expr* where, Scope& scope);

    // ---- clauses
    OperatorPtr planSingle(const ast::SingleQuery& q, Scope& scope, OperatorPtr op, std::vector<std::string>* columns,
                           std::vector<int>* columnSlots, bool subquery);
    OperatorPtr planMatch(OperatorPtr op, const ast::Match& m, Scope& scope);
    // Consecutive MATCH clauses are planned as one pattern (so the planner may
    // order all of it); each keeps relationship isomorphism among its own parts.
    struct PatternGroup {
        const ast::Pattern* pattern;
        const ast::Expr* where;
    };
    OperatorPtr planPattern(OperatorPtr op, const std::vector<PatternGroup>& groups, Scope& scope);
    OperatorPtr planPattern(OperatorPtr op, const ast::Pattern& pattern, const ast::Expr* where, Scope& scope) {
        return planPattern(std::move(op), std::vector<PatternGroup>{{&pattern, where}}, scope);
    }
    OperatorPtr planProjection(OperatorPtr op, const ast::Projection& p, const ast::Expr* where, Scope& scope,
                               bool isReturn, std::vector<std::string>* columns, std::vector<int>* columnSlots);
    OperatorPtr planCreate(OperatorPtr op, const ast::Create& c, Scope& scope);
    // `propsFrom`: the part whose property maps to use (MERGE plans a renamed copy).
    CreateSpec createSpec(const ast::PatternPart& part, Scope& scope, const Scope& before, bool merge,
                          const ast::PatternPart* propsFrom = nullptr);
    OperatorPtr planMerge(OperatorPtr op, const ast::Merge& m, Scope& scope);
    std::vector<SetSpec> setSpecs(const std::vector<ast::SetItem>& items, const Scope& scope);
    OperatorPtr planRemove(OperatorPtr op, const ast::Remove& r, Scope& scope);
    OperatorPtr planDelete(OperatorPtr op, const ast::Delete& d, Scope& scope);
    OperatorPtr planCall(OperatorPtr op, const ast::Call& c, Scope& scope, bool standalone,
                         std::vector<std::string>* columns, std::vector<int>* columnSlots);

    Var declare(Scope& scope, const std::string& name, VarType type, ast::Pos pos);
    // Equality filters for a node or relationship pattern's properties.
    BoundExprPtr propertyFilter(int slot, const ast::Expr* props, const Scope& scope);
    BoundExprPtr labelFilter(int slot, const std::vector<std::vector<std::string>>& labels);
    double labelEstimate(const std::vector<std::vector<std::string>>& labels) const;

    const graph::Graph& graph_;
    const storage::Store& store_;
    const Value::Map& params_;
    int slots_ = 0;
    int anon_ = 0;
    bool writes_ = false;
};

Var Planner::declare(Scope& scope, const std::string& name, VarType type, ast::Pos pos) {
    if (auto it = scope.find(name); it != scope.end()) {
        if (type != VarType::ANY && it->second.type != VarType::ANY && it->second.type != type)
            syntaxError(fmt::format("variable `{}` is already bound to a different type", name), pos);
        return it->second;
    }
    Var v{newSlot(), type};
    scope[name] = v;
    return v;
}

// ---- expressions

bool Planner::cheapConstant(const BoundExpr& e) const {
    switch (e.op) {
        case ExprOp::LITERAL: return true;
        case ExprOp::SLOT: return constantSlots_.count(e.slot) > 0;
        case ExprOp::PARAMETER:
        case ExprOp::SCALAR_FUNCTION:
        case ExprOp::EXISTS:
        case ExprOp::COLLECT:
        case ExprOp::LIST_COMPREHENSION:
        case ExprOp::REDUCE:
        case ExprOp::QUANTIFIER:
        case ExprOp::CASE:
        case ExprOp::MAP_PROJECTION: return false;
        default:
            for (const auto& a : e.args)
                if (a && !cheapConstant(*a)) return false;
            return true;
    }
}

void Planner::checkConstant(const BoundExpr& e) {
    switch (e.op) {
        case ExprOp::NOT: case ExprOp::AND: case ExprOp::OR: case ExprOp::XOR: case ExprOp::IN:
        case ExprOp::PROPERTY: case ExprOp::SUBSCRIPT: case ExprOp::GRAPH_FUNCTION: break;
        case ExprOp::QUANTIFIER:
            if (e.args[0] && cheapConstant(*e.args[0]) && (!e.args[1] || cheapConstant(*e.args[1]))) break;
            return;
        default: return;
    }
    if (e.op != ExprOp::QUANTIFIER)
        for (const auto& a : e.args)
            if (a && !cheapConstant(*a)) return;
    static const QueryOptions none;
    ExecContext ctx(const_cast<graph::Graph&>(graph_), const_cast<storage::Store&>(store_), true, none);
    Row row(static_cast<size_t>(slots_ + 1));
    try {
        (void)evaluate(e, row, ctx);
    } catch (const QueryException& ex) {
        if (ex.kind() == ErrorKind::TYPE) syntaxError(ex.what(), e.pos);
    }
}

BoundExprPtr Planner::bind(const ast::Expr* ep, const Scope& scope, AggBinding* agg) {
    BoundExprPtr e = bindImpl(ep, scope, agg);
    if (e) checkConstant(*e);
    return e;
}

BoundExprPtr Planner::bindImpl(const ast::Expr* ep, const Scope& scope, AggBinding* agg) {
    if (!ep) return nullptr;
    const ast::Expr& e = *ep;
    if (agg) {
        for (const auto& [text, slot] : agg->keyTexts)
            if (text == e.text && e.kind != ast::ExprKind::LITERAL) return slotExpr(slot);
    }
    using K = ast::ExprKind;
    auto out = makeExpr(ExprOp::LITERAL, e.pos);
    auto bindArgs = [&](BoundExpr& target) {
        for (const auto& a : e.args) target.args.push_back(bind(a.get(), scope, agg));
    };
    switch (e.kind) {
        case K::LITERAL:
            out->literal = e.value;
            out->constant = true;
            return out;
        case K::PARAMETER:
            if (!params_.count(e.name))
                throw QueryException(ErrorKind::PARAMETER_MISSING, fmt::format("parameter ${} is missing", e.name), e.pos);
            out->op = ExprOp::PARAMETER;
            out->name = e.name;
            return out;
        case K::VARIABLE: {
            if (agg) {
                if (auto it = agg->keyVars.find(e.name); it != agg->keyVars.end()) return slotExpr(it->second);
                if (agg->preScope->count(e.name))
                    syntaxError(fmt::format("`{}` is neither grouped by nor inside an aggregate: the aggregation "
                                            "is ambiguous",
                                            e.name),
                                e.pos);
            }
            auto it = scope.find(e.name);
            if (it == scope.end()) syntaxError(fmt::format("variable `{}` not defined", e.name), e.pos);
            return slotExpr(it->second.slot);
        }
        case K::PROPERTY:
            out->op = ExprOp::PROPERTY;
            out->name = e.name;
            bindArgs(*out);
            return out;
        case K::SUBSCRIPT: out->op = ExprOp::SUBSCRIPT; bindArgs(*out); return out;
        case K::SLICE: out->op = ExprOp::SLICE; bindArgs(*out); return out;
        case K::UNARY:
            out->op = e.op == ast::Op::NOT ? ExprOp::NOT : e.op == ast::Op::NEG ? ExprOp::NEG : ExprOp::POS;
            bindArgs(*out);
            return out;
        case K::BINARY: {
            out->astOp = e.op;
            switch (e.op) {
                case ast::Op::ADD: case ast::Op::SUB: case ast::Op::MUL: case ast::Op::DIV: case ast::Op::MOD:
                case ast::Op::POW: out->op = ExprOp::ARITHMETIC; break;
                case ast::Op::EQ: out->op = ExprOp::EQ; break;
                case ast::Op::NE: out->op = ExprOp::NE; break;
                case ast::Op::LT: case ast::Op::LE: case ast::Op::GT: case ast::Op::GE: out->op = ExprOp::COMPARE; break;
                case ast::Op::AND: out->op = ExprOp::AND; break;
                case ast::Op::OR: out->op = ExprOp::OR; break;
                case ast::Op::XOR: out->op = ExprOp::XOR; break;
                case ast::Op::IN: out->op = ExprOp::IN; break;
                case ast::Op::STARTS_WITH: case ast::Op::ENDS_WITH: case ast::Op::CONTAINS:
                    out->op = ExprOp::STRING_PREDICATE;
                    break;
                case ast::Op::REGEX_MATCH: out->op = ExprOp::REGEX; break;
                default: syntaxError("unexpected operator", e.pos);
            }
            bindArgs(*out);
            return out;
        }
        case K::IS_NULL: out->op = ExprOp::IS_NULL; bindArgs(*out); return out;
        case K::IS_NOT_NULL: out->op = ExprOp::IS_NOT_NULL; bindArgs(*out); return out;
        case K::HAS_LABELS:
            out->op = ExprOp::HAS_LABELS;
            out->keys = e.labels;
            bindArgs(*out);
            return out;
        case K::LIST: out->op = ExprOp::LIST; bindArgs(*out); return out;
        case K::MAP:
            out->op = ExprOp::MAP;
            out->keys = e.keys;
            bindArgs(*out);
            return out;
        case K::FUNCTION:
        case K::COUNT_STAR: return bindFunction(e, scope, agg);
        case K::CASE:
            out->op = ExprOp::CASE;
            bindArgs(*out);
            return out;
        case K::LIST_COMPREHENSION:
        case K::QUANTIFIER:
        case K::REDUCE: {
            Scope inner = scope;
            out->op = e.kind == K::LIST_COMPREHENSION ? ExprOp::LIST_COMPREHENSION
                      : e.kind == K::QUANTIFIER       ? ExprOp::QUANTIFIER
                                                      : ExprOp::REDUCE;
            out->quantifier = e.quantifier;
            out->name = e.kind == K::QUANTIFIER ? lower(std::string(e.text.substr(0, e.text.find('(')))) : "";
            if (e.kind == K::REDUCE) {
                out->args.push_back(bind(e.args[0].get(), scope, agg));   // init
                out->args.push_back(bind(e.args[1].get(), scope, agg));   // list
                out->slot2 = newSlot();
                out->slot = newSlot();
                inner[e.keys.at(0)] = {out->slot2, VarType::ANY};
                inner[e.variable] = {out->slot, VarType::ANY};
                out->args.push_back(bind(e.args[2].get(), inner, nullptr));
                return out;
            }
            out->args.push_back(bind(e.args[0].get(), scope, agg));
            out->slot = newSlot();
            inner[e.variable] = {out->slot, VarType::ANY};
            if (cheapConstant(*out->args[0])) constantSlots_.insert(out->slot);
            for (size_t i = 1; i < e.args.size(); ++i) out->args.push_back(bind(e.args[i].get(), inner, nullptr));
            while (out->args.size() < (e.kind == K::QUANTIFIER ? 2u : 3u)) out->args.push_back(nullptr);
            return out;
        }
        case K::PATTERN_PREDICATE:
        case K::EXISTS_SUBQUERY: {
            out->op = ExprOp::EXISTS;
            Scope inner = scope;
            if (e.subquery) {
                out->subplan = std::shared_ptr<Operator>(
                    planSingle(*e.subquery, inner, std::make_unique<Argument>(), nullptr, nullptr, true).release());
            } else {
                if (e.kind == K::PATTERN_PREDICATE) {
                    // A pattern used as a predicate may not introduce variables.
                    for (const auto& part : e.pattern->parts) {
                        for (const auto& n : part.nodes)
                            if (!n.variable.empty() && !scope.count(n.variable))
                                syntaxError(fmt::format("variable `{}` not defined", n.variable), n.pos);
                        for (const auto& r : part.rels)
                            if (!r.variable.empty() && !scope.count(r.variable))
                                syntaxError(fmt::format("variable `{}` not defined", r.variable), r.pos);
                    }
                }
                const ast::Expr* where = e.args.empty() ? nullptr : e.args[0].get();
                out->subplan = std::shared_ptr<Operator>(bindPatternSubplan(*e.pattern, where, inner).release());
            }
            return out;
        }
        case K::PATTERN_COMPREHENSION: {
            out->op = ExprOp::COLLECT;
            Scope inner = scope;
            out->subplan = std::shared_ptr<Operator>(bindPatternSubplan(*e.pattern, e.args[0].get(), inner).release());
            out->args.push_back(bind(e.args[1].get(), inner, nullptr));
            return out;
        }
        case K::MAP_PROJECTION: {
            out->op = ExprOp::MAP_PROJECTION;
            auto it = scope.find(e.variable);
            if (agg && agg->keyVars.count(e.variable)) out->args.push_back(slotExpr(agg->keyVars.at(e.variable)));
            else if (it == scope.end()) syntaxError(fmt::format("variable `{}` not defined", e.variable), e.pos);
            else out->args.push_back(slotExpr(it->second.slot));
            for (const auto& item : e.projection) {
                out->itemKinds.push_back(static_cast<uint8_t>(item.kind));
                out->keys.push_back(item.key);
                if (item.kind == ast::MapProjectionItem::Kind::VARIABLE) {
                    auto v = scope.find(item.key);
                    if (v == scope.end()) syntaxError(fmt::format("variable `{}` not defined", item.key), e.pos);
                    out->args.push_back(slotExpr(v->second.slot));
                } else if (item.kind == ast::MapProjectionItem::Kind::LITERAL) {
                    out->args.push_back(bind(item.value.get(), scope, agg));
                } else {
                    out->args.push_back(nullptr);
                }
            }
            return out;
        }
    }
    syntaxError("unsupported expression", e.pos);
}

BoundExprPtr Planner::bindAggregate(const ast::Expr& e, const Scope&, AggBinding* agg) {
    if (!agg) syntaxError(fmt::format("aggregate {} is not allowed here", e.text), e.pos);
    AggregateSpec spec;
    spec.slot = newSlot();
    spec.text = e.text;
    spec.distinct = e.distinct;
    if (e.kind == ast::ExprKind::COUNT_STAR) {
        spec.kind = AggregateKind::COUNT_STAR;
    } else {
        spec.kind = aggregateFunctions().at(lower(e.name));
        size_t want = spec.kind == AggregateKind::PERCENTILE_CONT || spec.kind == AggregateKind::PERCENTILE_DISC ? 2 : 1;
        if (e.args.size() != want)
            syntaxError(fmt::format("{}() takes {} argument{}", e.name, want, want == 1 ? "" : "s"), e.pos);
        for (const auto& a : e.args)
            if (containsAggregate(a.get())) syntaxError("aggregates cannot be nested", a->pos);
        spec.arg = bind(e.args[0].get(), *agg->preScope, nullptr);
        if (want == 2) spec.percentile = bind(e.args[1].get(), *agg->preScope, nullptr);
    }
    int slot = spec.slot;
    agg->specs->push_back(std::move(spec));
    return slotExpr(slot);
}

BoundExprPtr Planner::bindFunction(const ast::Expr& e, const Scope& scope, AggBinding* agg) {
    if (isAggregateCall(e)) return bindAggregate(e, scope, agg);
    std::string name = lower(e.name);
    auto out = makeExpr(ExprOp::SCALAR_FUNCTION, e.pos);
    out->name = e.name;
    if (e.distinct) syntaxError(fmt::format("DISTINCT is only allowed in aggregates, not in {}()", e.name), e.pos);
    for (const auto& a : e.args) out->args.push_back(bind(a.get(), scope, agg));
    if (auto g = graphFunctions().find(name); g != graphFunctions().end()) {
        if (e.args.size() != 1) syntaxError(fmt::format("{}() takes 1 argument", e.name), e.pos);
        out->op = ExprOp::GRAPH_FUNCTION;
        out->graphFunction = g->second;
        out->function = findScalarFunction("size");
        if (g->second == GraphFunction::SIZE && e.args[0]->kind == ast::ExprKind::PATTERN_PREDICATE)
            syntaxError("size() of a pattern is not supported; use COUNT { } or a pattern comprehension", e.pos);
        if (g->second == GraphFunction::EXISTS && e.args[0]->kind != ast::ExprKind::PROPERTY &&
            e.args[0]->kind != ast::ExprKind::PATTERN_PREDICATE && e.args[0]->kind != ast::ExprKind::EXISTS_SUBQUERY)
            syntaxError("exists() expects a property or a pattern", e.pos);
        return out;
    }
    const FunctionInfo* f = findScalarFunction(name);
    if (!f) syntaxError(fmt::format("unknown function {}()", e.name), e.pos);
    auto n = static_cast<int>(e.args.size());
    if (n < f->minArgs || (f->maxArgs >= 0 && n > f->maxArgs))
        syntaxError(fmt::format("{}() takes {} argument{}, got {}", e.name,
                                f->minArgs == f->maxArgs ? std::to_string(f->minArgs)
                                : f->maxArgs < 0        ? fmt::format("at least {}", f->minArgs)
                                                        : fmt::format("{} to {}", f->minArgs, f->maxArgs),
                                f->maxArgs == 1 ? "" : "s", n),
                    e.pos);
    out->function = f;
    return out;
}

OperatorPtr Planner::bindPatternSubplan(const ast::Pattern& pattern, const ast::Expr* where, Scope& scope) {
    return planPattern(std::make_unique<Argument>(), pattern, where, scope);
}

BoundExprPtr Planner::propertyFilter(int slot, const ast::Expr* props, const Scope& scope) {
    if (!props) return nullptr;
    BoundExprPtr filter;
    auto eq = [&](const std::string& key, BoundExprPtr value) {
        auto prop = makeExpr(ExprOp::PROPERTY, props->pos);
        prop->name = key;
        prop->args.push_back(slotExpr(slot));
        auto cmp = makeExpr(ExprOp::EQ, props->pos);
        cmp->args.push_back(std::move(prop));
        cmp->args.push_back(std::move(value));
        filter = andExpr(std::move(filter), std::move(cmp));
    };
    if (props->kind == ast::ExprKind::MAP) {
        for (size_t i = 0; i < props->keys.size(); ++i) eq(props->keys[i], bind(props->args[i].get(), scope));
    } else if (props->kind == ast::ExprKind::PARAMETER) {
        syntaxError("a parameter cannot stand for the properties of a pattern to match; write {key: $param}",
                    props->pos);
    } else {
        syntaxError("a pattern's properties must be a map", props->pos);
    }
    return filter;
}

BoundExprPtr Planner::labelFilter(int slot, const std::vector<std::vector<std::string>>& labels) {
    BoundExprPtr filter;
    for (const auto& anyOf : labels) {
        BoundExprPtr disjunction;
        for (const auto& l : anyOf) {
            auto has = makeExpr(ExprOp::HAS_LABELS);
            has->keys = {l};
            has->args.push_back(slotExpr(slot));
            if (!disjunction) {
                disjunction = std::move(has);
            } else {
                auto orE = makeExpr(ExprOp::OR);
                orE->args.push_back(std::move(disjunction));
                orE->args.push_back(std::move(has));
                disjunction = std::move(orE);
            }
        }
        filter = andExpr(std::move(filter), std::move(disjunction));
    }
    return filter;
}

double Planner::labelEstimate(const std::vector<std::vector<std::string>>& labels) const {
    double best = static_cast<double>(graph_.vertexCount());
    for (const auto& anyOf : labels) {
        double sum = 0;
        for (const auto& l : anyOf)
            if (auto t = store_.findToken(TokenKind::LABEL, l)) sum += static_cast<double>(graph_.labelCount(*t));
        best = std::min(best, sum);
    }
    return best;
}

// ---- patterns

OperatorPtr Planner::planPattern(OperatorPtr op, const std::vector<PatternGroup>& groups, Scope& scope) {
    struct PNode {
        std::string var;
        int slot = -1;
        bool bound = false;
        std::vector<std::vector<std::string>> labels;
        std::vector<const ast::Expr*> props;
        ast::Pos pos;
    };
    struct PRel {
        const ast::RelPattern* pat = nullptr;
        std::string var;
        int slot = -1;
        size_t left = 0, right = 0;
        bool done = false;
        bool shortest = false;
        bool all = false;
        size_t part = 0;
        size_t group = 0;
        BoundExprPtr sameAs;  // the relationship was bound before this MATCH
    };
    std::vector<PNode> nodes;
    std::map<std::string, size_t> nodeIndex;
    std::vector<PRel> rels;
    std::map<size_t, std::vector<int>> relSlots;  // per group: relationship isomorphism
    std::map<int, std::vector<std::string>> relTypesBySlot;
    const Scope outer = scope;
    std::vector<const ast::PatternPart*> parts;
    std::vector<size_t> partGroup;
    for (size_t g = 0; g < groups.size(); ++g)
        for (const auto& part : groups[g].pattern->parts) {
            parts.push_back(&part);
            partGroup.push_back(g);
        }

    auto nodeOf = [&](const ast::NodePattern& n) -> size_t {
        std::string var = n.variable.empty() ? anonymous() : n.variable;
        size_t idx;
        if (auto it = nodeIndex.find(var); it != nodeIndex.end()) {
            idx = it->second;
        } else {
            PNode p;
            p.var = var;
            p.pos = n.pos;
            if (auto s = scope.find(var); s != scope.end()) {
                if (s->second.type != VarType::NODE && s->second.type != VarType::ANY)
                    syntaxError(fmt::format("variable `{}` is not a node", var), n.pos);
                p.slot = s->second.slot;
                p.bound = true;
            } else {
                p.slot = declare(scope, var, VarType::NODE, n.pos).slot;
            }
            idx = nodes.size();
            nodeIndex[var] = idx;
            nodes.push_back(std::move(p));
        }
        for (const auto& l : n.labels) nodes[idx].labels.push_back(l);
        if (n.properties) nodes[idx].props.push_back(n.properties.get());
        return idx;
    };

    std::map<size_t, std::set<std::string>> relNames;
    std::vector<std::vector<size_t>> partNodes;
    for (size_t pi = 0; pi < parts.size(); ++pi) {
        const auto& part = *parts[pi];
        std::vector<size_t> ids;
        for (const auto& n : part.nodes) ids.push_back(nodeOf(n));
        partNodes.push_back(ids);
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const auto& r = part.rels[i];
            PRel p;
            p.pat = &r;
            p.var = r.variable.empty() ? anonymous() : r.variable;
            p.left = ids[i];
            p.right = ids[i + 1];
            p.part = pi;
            p.group = partGroup[pi];
            p.shortest = part.kind != ast::PatternPart::Kind::PLAIN;
            p.all = part.kind == ast::PatternPart::Kind::ALL_SHORTEST_PATHS;
            if (!r.variable.empty() && !relNames[p.group].insert(r.variable).second)
                syntaxError(fmt::format("relationship `{}` is used twice in one pattern", r.variable), r.pos);
            VarType type = r.variableLength || p.shortest ? VarType::REL_LIST : VarType::REL;
            if (auto s = scope.find(p.var); s != scope.end()) {
                if (s->second.type == VarType::NODE || s->second.type == VarType::PATH || s->second.type == VarType::VALUE)
                    syntaxError(fmt::format("variable `{}` is not a relationship", p.var), r.pos);
                p.sameAs = slotExpr(s->second.slot);
                p.slot = newSlot();
            } else {
                p.slot = declare(scope, p.var, type, r.pos).slot;
            }
            rels.push_back(std::move(p));
        }
        if (!part.pathVariable.empty()) {
            if (scope.count(part.pathVariable)) syntaxError(fmt::format("variable `{}` already declared", part.pathVariable), part.pos);
        }
    }

    // WHERE parts, placed as soon as what they mention is bound.
    std::vector<const ast::Expr*> pending;
    for (const auto& g : groups) conjuncts(g.where, pending);
    std::vector<std::set<std::string>> needs(pending.size());
    std::vector<bool> placed(pending.size(), false);
    for (size_t i = 0; i < pending.size(); ++i) {
        std::set<std::string> all;
        mentionedVariables(pending[i], all);
        for (const auto& v : all)
            if (!outer.count(v) && scope.count(v)) needs[i].insert(v);
    }
    std::set<std::string> boundNow;
    for (const auto& n : nodes)
        if (n.bound) boundNow.insert(n.var);
    // Path variables are bound last; conjuncts naming them wait for BuildPath.
    for (const ast::PatternPart* part : parts)
        if (!part->pathVariable.empty()) declare(scope, part->pathVariable, VarType::PATH, part->pos);

    auto placeFilters = [&](OperatorPtr o) {
        for (size_t i = 0; i < pending.size(); ++i) {
            if (placed[i]) continue;
            bool ready = std::all_of(needs[i].begin(), needs[i].end(), [&](const std::string& v) { return boundNow.count(v) > 0; });
            if (!ready) continue;
            placed[i] = true;
            o = std::make_unique<Filter>(std::move(o), bind(pending[i], scope), pending[i]->text);
        }
        return o;
    };
    auto nodeConstraints = [&](OperatorPtr o, PNode& n, bool labelsChecked) {
        BoundExprPtr f = labelsChecked ? nullptr : labelFilter(n.slot, n.labels);
        bool labelsOnly = f && n.props.empty();
        // The exact filter stays even after an index seek: the index hashes values.
        for (const ast::Expr* p : n.props) f = andExpr(std::move(f), propertyFilter(n.slot, p, scope));
        if (f) {
            auto filter = std::make_unique<Filter>(std::move(o), std::move(f),
                                                   fmt::format("({}{})", isHidden(n.var) ? "" : n.var, labelText(n.labels)));
            if (labelsOnly) filter->labelCheck = Filter::LabelCheck{n.slot, n.labels};
            o = std::move(filter);
        }
        boundNow.insert(n.var);
        return o;
    };

    // Constraints of nodes bound before this pattern apply at once.
    for (auto& n : nodes)
        if (n.bound) op = nodeConstraints(std::move(op), n, false);
    op = placeFilters(std::move(op));

    auto relTypesCount = [&](const ast::RelPattern& r) {
        if (r.types.empty()) return static_cast<double>(graph_.edgeCount());
        double sum = 0;
        for (const auto& t : r.types)
            if (auto tok = store_.findToken(TokenKind::TYPE, t)) sum += static_cast<double>(graph_.typeCount(*tok));
        return sum;
    };

    auto startNode = [&](PNode& n) {
        // An equality on a property of a labelled node: seek the property index.
        if (n.labels.size() >= 1 && n.labels[0].size() == 1) {
            for (const ast::Expr* p : n.props) {
                if (p->kind != ast::ExprKind::MAP) continue;
                for (size_t i = 0; i < p->keys.size(); ++i) {
                    std::set<std::string> vars;
                    mentionedVariables(p->args[i].get(), vars);
                    bool ready = std::all_of(vars.begin(), vars.end(), [&](const std::string& v) { return outer.count(v) || boundNow.count(v); });
                    if (!ready) continue;
                    op = std::make_unique<NodeIndexSeek>(std::move(op), n.slot, n.labels[0][0], p->keys[i],
                                                         bind(p->args[i].get(), scope), n.var);
                    n.bound = true;
                    op = nodeConstraints(std::move(op), n, false);
                    return;
                }
            }
        }
        op = std::make_unique<NodeScan>(std::move(op), n.slot, n.labels, isHidden(n.var) ? "" : n.var);
        n.bound = true;
        // NodeScan checks every label itself.
        op = nodeConstraints(std::move(op), n, true);
    };

    auto expand = [&](PRel& r, bool fromLeft) {
        PNode& from = nodes[fromLeft ? r.left : r.right];
        PNode& to = nodes[fromLeft ? r.right : r.left];
        bool into = to.bound;
        RelFilter filter;
        filter.types = r.pat->types;
        filter.direction = fromLeft ? r.pat->direction : flip(r.pat->direction);
        // Isomorphism only matters against relationships that could be this one.
        for (int other : relSlots[r.group]) {
            const std::vector<std::string>& theirs = relTypesBySlot[other];
            bool disjoint = !theirs.empty() && !r.pat->types.empty() &&
                            std::none_of(theirs.begin(), theirs.end(), [&](const std::string& t) {
                                return std::find(r.pat->types.begin(), r.pat->types.end(), t) != r.pat->types.end();
                            });
            if (!disjoint) filter.distinctFrom.push_back(other);
        }
        std::string text = relText(*r.pat, from.var, to.var, !fromLeft);
        if (r.pat->variableLength) {
            int64_t minHops = r.pat->minHops.value_or(1), maxHops = r.pat->maxHops.value_or(-1);
            BoundExprPtr props;
            if (r.pat->properties) {
                if (r.pat->properties->kind == ast::ExprKind::MAP || r.pat->properties->kind == ast::ExprKind::PARAMETER)
                    props = bind(r.pat->properties.get(), scope);
            }
            op = std::make_unique<VarExpand>(std::move(op), from.slot, r.slot, to.slot, std::move(filter), into, minHops,
                                             maxHops, !fromLeft, std::move(props), text);
        } else {
            op = std::make_unique<Expand>(std::move(op), from.slot, r.slot, to.slot, std::move(filter), into, text);
            if (auto f = propertyFilter(r.slot, r.pat->properties.get(), scope))
                op = std::make_unique<Filter>(std::move(op), std::move(f), text);
        }
        if (r.sameAs) {
            auto eq = makeExpr(ExprOp::EQ);
            eq->args.push_back(slotExpr(r.slot));
            eq->args.push_back(std::move(r.sameAs));
            op = std::make_unique<Filter>(std::move(op), std::move(eq), r.var);
        }
        r.done = true;
        relSlots[r.group].push_back(r.slot);
        relTypesBySlot[r.slot] = r.pat->types;
        boundNow.insert(r.var);
        if (!into) {
            to.bound = true;
            op = nodeConstraints(std::move(op), to, false);
        }
        op = placeFilters(std::move(op));
    };

    // The order of steps: a search over the orders of starts and expansions
    // for the one with the fewest estimated intermediate rows (relationships
    // of a type per node of the bound end's label give the fan-out; closing a
    // cycle keeps the fraction of rows whose far node is a neighbour).
    struct StepChoice {
        bool start;
        size_t index;  // node (start) or relationship (expand)
        bool fromLeft;
    };
    const double vertices = std::max(1.0, static_cast<double>(graph_.vertexCount()));
    auto fanout = [&](const PRel& r, bool fromLeft) {
        const PNode& from = nodes[fromLeft ? r.left : r.right];
        double f = relTypesCount(*r.pat) / std::max(1.0, labelEstimate(from.labels)) *
                   (r.pat->direction == ast::Direction::BOTH ? 2 : 1);
        if (r.pat->types.empty()) f *= std::max(1.0, labelEstimate(nodes[fromLeft ? r.right : r.left].labels)) / vertices;
        if (r.pat->variableLength) f = std::max(f, 1.0) * 100;
        return f;
    };
    auto startRows = [&](const PNode& n) {
        double rows = labelEstimate(n.labels);
        return n.props.empty() ? rows : std::max(1.0, rows / 10);
    };
    std::vector<StepChoice> bestOrder, order;
    double bestCost = std::numeric_limits<double>::infinity();
    size_t explored = 0;
    std::vector<bool> nodeBound(nodes.size()), relDone(rels.size());
    for (size_t i = 0; i < nodes.size(); ++i) nodeBound[i] = nodes[i].bound;
    for (size_t i = 0; i < rels.size(); ++i) relDone[i] = rels[i].shortest;
    std::function<void(double, double)> search = [&](double rows, double cost) {
        if (cost >= bestCost || ++explored > 200000) return;
        bool any = false;
        for (size_t i = 0; i < rels.size(); ++i) {
            if (relDone[i]) continue;
            bool l = nodeBound[rels[i].left], rt = nodeBound[rels[i].right];
            if (!l && !rt) continue;
            any = true;
            double next;
            if (l && rt) {
                double f = fanout(rels[i], true);
                next = rows * std::min(1.0, f / std::max(1.0, labelEstimate(nodes[rels[i].right].labels)));
            } else {
                next = rows * fanout(rels[i], l);
            }
            size_t far = l ? rels[i].right : rels[i].left;
            bool wasBound = nodeBound[far];
            relDone[i] = true;
            nodeBound[far] = true;
            order.push_back({false, i, l});
            search(next, cost + next);
            order.pop_back();
            nodeBound[far] = wasBound;
            relDone[i] = false;
        }
        if (any) return;  // finish a component before starting another
        bool unbound = false;
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (nodeBound[i]) continue;
            unbound = true;
            double next = std::max(rows, 1.0) * startRows(nodes[i]);
            nodeBound[i] = true;
            order.push_back({true, i, true});
            search(next, cost + next);
            order.pop_back();
            nodeBound[i] = false;
        }
        if (!unbound && cost < bestCost) {
            bestCost = cost;
            bestOrder = order;
        }
    };
    search(1, 0);
    for (const StepChoice& step : bestOrder) {
        if (step.start) {
            startNode(nodes[step.index]);
            op = placeFilters(std::move(op));
        } else {
            expand(rels[step.index], step.fromLeft);
        }
    }

    // shortestPath parts between their (now bound) ends.
    for (auto& r : rels) {
        if (!r.shortest) continue;
        const auto& part = *parts[r.part];
        RelFilter filter;
        filter.types = r.pat->types;
        filter.direction = r.pat->direction;
        int pathSlot = part.pathVariable.empty() ? -1 : scope.at(part.pathVariable).slot;
        op = std::make_unique<ShortestPathOp>(std::move(op), nodes[r.left].slot, nodes[r.right].slot, pathSlot, r.slot,
                                              std::move(filter), r.pat->minHops.value_or(1), r.pat->maxHops.value_or(-1),
                                              r.all, part.text);
        boundNow.insert(r.var);
        if (!part.pathVariable.empty()) boundNow.insert(part.pathVariable);
        op = placeFilters(std::move(op));
    }

    // Named paths.
    size_t relCursor = 0;
    for (size_t pi = 0; pi < parts.size(); ++pi) {
        const auto& part = *parts[pi];
        size_t first = relCursor;
        relCursor += part.rels.size();
        if (part.pathVariable.empty() || part.kind != ast::PatternPart::Kind::PLAIN) continue;
        std::vector<BuildPath::Step> steps;
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const PRel& r = rels[first + i];
            steps.push_back({r.slot, r.pat->variableLength, nodes[r.right].slot});
        }
        int start = nodes[partNodes[pi][0]].slot;
        op = std::make_unique<BuildPath>(std::move(op), scope.at(part.pathVariable).slot, start, std::move(steps));
        boundNow.insert(part.pathVariable);
        op = placeFilters(std::move(op));
    }
    // Whatever is left (conjuncts on outer variables only).
    for (const auto& v : needs)
        for (const auto& name : v) boundNow.insert(name);
    op = placeFilters(std::move(op));
    return absorbFilters(std::move(op));
}

OperatorPtr Planner::planMatch(OperatorPtr op, const ast::Match& m, Scope& scope) {
    if (!m.optional) return planPattern(std::move(op), m.pattern, m.where.get(), scope);
    Scope before = scope;
    OperatorPtr inner = planPattern(std::make_unique<Argument>(), m.pattern, m.where.get(), scope);
    std::vector<int> nullSlots;
    for (const auto& [name, v] : scope)
        if (!before.count(name)) nullSlots.push_back(v.slot);
    return std::make_unique<Optional>(std::move(op), std::move(inner), std::move(nullSlots));
}

// ---- projections

OperatorPtr Planner::planProjection(OperatorPtr op, const ast::Projection& p, const ast::Expr* where, Scope& scope,
                                    bool isReturn, std::vector<std::string>* columns, std::vector<int>* columnSlots) {
    struct Item {
        const ast::Expr* expr;
        std::string name;
        bool aggregate;
        int slot = -1;
        std::optional<std::string> star;  // RETURN *: the variable
    };
    std::vector<Item> items;
    if (p.star) {
        bool any = false;
        for (const auto& [name, v] : scope) {
            if (isHidden(name)) continue;
            items.push_back({nullptr, name, false, -1, name});
            any = true;
        }
        if (!any && p.items.empty() && isReturn) syntaxError("RETURN * needs variables in scope");
    }
    for (const auto& item : p.items) {
        std::string name = item.alias.empty() ? item.expr->text : item.alias;
        if (!isReturn && item.alias.empty() && item.expr->kind != ast::ExprKind::VARIABLE)
            syntaxError(fmt::format("expression in WITH must be aliased (use AS): {}", item.expr->text), item.expr->pos);
        items.push_back({item.expr.get(), name, containsAggregate(item.expr.get()), -1, std::nullopt});
    }
    std::set<std::string> names;
    for (const auto& it : items)
        if (!names.insert(it.name).second)
            syntaxError(fmt::format("multiple result columns with the same name `{}`", it.name));

    bool aggregating = std::any_of(items.begin(), items.end(), [](const Item& i) { return i.aggregate; });
    Scope next;
    const Scope before = scope;

    if (aggregating) {
        std::vector<SlotExpr> keys;
        std::vector<AggregateSpec> specs;
        AggBinding agg;
        agg.specs = &specs;
        agg.preScope = &before;
        for (auto& it : items) {
            if (it.aggregate) continue;
            it.slot = newSlot();
            BoundExprPtr e = it.star ? slotExpr(before.at(*it.star).slot) : bind(it.expr, before);
            keys.push_back({it.slot, std::move(e), it.name});
            if (it.star) agg.keyVars[*it.star] = it.slot;
            else if (it.expr->kind == ast::ExprKind::VARIABLE) agg.keyVars[it.expr->name] = it.slot;
            else agg.keyTexts.emplace_back(it.expr->text, it.slot);
        }
        std::vector<SlotExpr> post;
        for (auto& it : items) {
            if (!it.aggregate) continue;
            it.slot = newSlot();
            post.push_back({it.slot, bind(it.expr, before, &agg), it.name});
        }
        // ORDER BY may name aggregates too: bind them now, into the same operator.
        std::vector<std::pair<const ast::SortItem*, BoundExprPtr>> orderAggs;
        Scope orderScope;
        for (const auto& it : items) orderScope[it.name] = {it.slot, VarType::ANY};
        for (const auto& s : p.orderBy) {
            bool matchesItem = false;
            for (const auto& it : items)
                if (it.expr && it.expr->text == s.expr->text) matchesItem = true;
            if (!matchesItem && containsAggregate(s.expr.get())) {
                AggBinding orderAgg = agg;
                orderAggs.emplace_back(&s, bind(s.expr.get(), orderScope, &orderAgg));
            }
        }
        if (keys.empty() && specs.size() == 1 && specs[0].kind == AggregateKind::COUNT_STAR)
            op = countExpansions(std::move(op), specs[0], newSlot());
        op = std::make_unique<Aggregate>(std::move(op), std::move(keys), std::move(specs));
        if (!post.empty()) op = std::make_unique<Project>(std::move(op), std::move(post));
        for (const auto& it : items) {
            VarType t = VarType::ANY;
            if (it.star) t = before.at(*it.star).type;
            else if (it.expr->kind == ast::ExprKind::VARIABLE && before.count(it.expr->name)) t = before.at(it.expr->name).type;
            next[it.name] = {it.slot, t};
        }
        if (p.distinct) {
            std::vector<int> slots;
            for (const auto& it : items) slots.push_back(it.slot);
            op = std::make_unique<Distinct>(std::move(op), std::move(slots));
        }
        if (!p.orderBy.empty()) {
            std::vector<SortKey> keysOut;
            size_t aggIdx = 0;
            for (const auto& s : p.orderBy) {
                BoundExprPtr e;
                if (aggIdx < orderAggs.size() && orderAggs[aggIdx].first == &s) {
                    e = std::move(orderAggs[aggIdx++].second);
                } else {
                    AggBinding byText;
                    byText.preScope = &next;
                    for (const auto& it : items) {
                        if (it.expr) byText.keyTexts.emplace_back(it.expr->text, it.slot);
                        if (it.star) byText.keyVars[*it.star] = it.slot;
                    }
                    for (const auto& [name, v] : next) byText.keyVars[name] = v.slot;
                    std::vector<AggregateSpec> none;
                    byText.specs = &none;
                    e = bind(s.expr.get(), next, &byText);
                    if (!none.empty()) syntaxError("aggregates in ORDER BY must also be returned", s.expr->pos);
                }
                keysOut.push_back({std::move(e), s.descending, s.expr->text});
            }
            op = std::make_unique<Sort>(std::move(op), std::move(keysOut));
        }
    } else {
        std::vector<SlotExpr> proj;
        for (auto& it : items) {
            if (it.star) {
                it.slot = before.at(*it.star).slot;
                next[it.name] = before.at(*it.star);
                continue;
            }
            if (it.expr->kind == ast::ExprKind::VARIABLE) {
                auto v = before.find(it.expr->name);
                if (v == before.end()) syntaxError(fmt::format("variable `{}` not defined", it.expr->name), it.expr->pos);
                it.slot = newSlot();
                proj.push_back({it.slot, slotExpr(v->second.slot), it.name});
                next[it.name] = {it.slot, v->second.type};
                continue;
            }
            it.slot = newSlot();
            proj.push_back({it.slot, bind(it.expr, before), it.name});
            next[it.name] = {it.slot, certainlyValue(*it.expr) ? VarType::VALUE : VarType::ANY};
        }
        if (!proj.empty()) op = std::make_unique<Project>(std::move(op), std::move(proj));
        if (p.distinct) {
            std::vector<int> slots;
            for (const auto& it : items) slots.push_back(it.slot);
            op = std::make_unique<Distinct>(std::move(op), std::move(slots));
        }
        if (!p.orderBy.empty()) {
            // ORDER BY sees the new names, and (without DISTINCT) the old ones they do not hide.
            Scope orderScope = p.distinct ? Scope{} : before;
            for (const auto& [name, v] : next) orderScope[name] = v;
            std::vector<SortKey> keysOut;
            for (const auto& s : p.orderBy) {
                if (containsAggregate(s.expr.get()))
                    syntaxError("aggregates in ORDER BY need an aggregating RETURN or WITH", s.expr->pos);
                BoundExprPtr e;
                if (p.distinct) {
                    AggBinding byText;
                    byText.preScope = &orderScope;
                    for (const auto& it : items)
                        if (it.expr) byText.keyTexts.emplace_back(it.expr->text, it.slot);
                    for (const auto& [name, v] : next) byText.keyVars[name] = v.slot;
                    std::vector<AggregateSpec> none;
                    byText.specs = &none;
                    Scope beforeAndNext = before;
                    for (const auto& [name, v] : next) beforeAndNext[name] = v;
                    byText.preScope = &beforeAndNext;
                    e = bind(s.expr.get(), next, &byText);
                } else {
                    e = bind(s.expr.get(), orderScope);
                }
                keysOut.push_back({std::move(e), s.descending, s.expr->text});
            }
            op = std::make_unique<Sort>(std::move(op), std::move(keysOut));
        }
    }
    auto constantCount = [&](const ast::Expr* e, const char* what) -> BoundExprPtr {
        if (!e) return nullptr;
        std::set<std::string> vars;
        mentionedVariables(e, vars);
        if (!vars.empty()) syntaxError(fmt::format("{} must not depend on variables", what), e->pos);
        if (e->kind == ast::ExprKind::LITERAL) {
            if (e->value.isInt() && e->value.asInt() < 0)
                syntaxError(fmt::format("{} must be a non-negative integer, got {}", what, e->value.asInt()), e->pos);
            if (!e->value.isInt()) syntaxError(fmt::format("{} must be an integer, got {}", what, e->value.toString()), e->pos);
        }
        return bind(e, Scope{});
    };
    if (p.skip || p.limit) {
        op = std::make_unique<Slice>(std::move(op), constantCount(p.skip.get(), "SKIP"), constantCount(p.limit.get(), "LIMIT"));
        // Writes before a LIMIT happen for every row, not just the ones returned.
        if (writes_) static_cast<Slice*>(op.get())->drainInput = true;
    }
    scope = next;
    if (where) {
        if (containsAggregate(where)) syntaxError("aggregates are not allowed in WHERE", where->pos);
        // Without aggregation or DISTINCT each row still holds what came before the WITH.
        Scope whereScope = next;
        if (!aggregating && !p.distinct)
            for (const auto& [name, v] : before) whereScope.try_emplace(name, v);
        op = std::make_unique<Filter>(std::move(op), bind(where, whereScope), where->text);
    }
    if (columns) {
        for (const auto& it : items) {
            columns->push_back(it.name);
            columnSlots->push_back(it.slot);
        }
    }
    return op;
}

// ---- writes

CreateSpec Planner::createSpec(const ast::PatternPart& part, Scope& scope, const Scope& before, bool merge,
                               const ast::PatternPart* propsFrom) {
    if (!propsFrom) propsFrom = &part;
    CreateSpec spec;
    std::vector<int> nodeSlots;
    std::set<std::string> createdHere;
    for (size_t ni = 0; ni < part.nodes.size(); ++ni) {
        const auto& n = part.nodes[ni];
        const ast::Expr* props = propsFrom->nodes[ni].properties.get();
        std::string var = n.variable.empty() ? anonymous() : n.variable;
        bool wasBound = before.count(var) > 0;
        if (wasBound || createdHere.count(var)) {
            if (!n.labels.empty() || props) {
                if (wasBound || !merge)
                    syntaxError(fmt::format("variable `{}` is already declared; it cannot take labels or properties here", var), n.pos);
            }
            if (wasBound && part.rels.empty() && !merge)
                syntaxError(fmt::format("variable `{}` is already declared", var), n.pos);
            Var v = scope.count(var) ? scope.at(var) : before.at(var);
            if (v.type != VarType::NODE && v.type != VarType::ANY)
                syntaxError(fmt::format("variable `{}` is not a node", var), n.pos);
            nodeSlots.push_back(v.slot);
            if (wasBound) spec.nodes.push_back({v.slot, true, {}, nullptr});
            continue;
        }
        Var v = declare(scope, var, VarType::NODE, n.pos);
        createdHere.insert(var);
        NodeToCreate c;
        c.slot = v.slot;
        for (const auto& anyOf : n.labels) {
            if (anyOf.size() != 1) syntaxError("a node to create cannot have alternative labels", n.pos);
            c.labels.push_back(anyOf[0]);
        }
        c.properties = bind(props, scope);
        spec.nodes.push_back(std::move(c));
        nodeSlots.push_back(v.slot);
    }
    std::vector<BuildPath::Step> steps;
    for (size_t i = 0; i < part.rels.size(); ++i) {
        const auto& r = part.rels[i];
        if (r.types.size() != 1)
            syntaxError("a relationship to create needs exactly one type", r.pos);
        if (r.direction == ast::Direction::BOTH && !merge)
            syntaxError("a relationship to create needs a direction", r.pos);
        if (r.variableLength) syntaxError("a variable-length relationship cannot be created", r.pos);
        std::string var = r.variable.empty() ? anonymous() : r.variable;
        if (before.count(var) || (scope.count(var) && !merge))
            syntaxError(fmt::format("variable `{}` is already declared", var), r.pos);
        Var v = declare(scope, var, VarType::REL, r.pos);
        RelToCreate c;
        c.slot = v.slot;
        c.type = r.types[0];
        bool backwards = r.direction == ast::Direction::INCOMING;
        c.start = backwards ? nodeSlots[i + 1] : nodeSlots[i];
        c.end = backwards ? nodeSlots[i] : nodeSlots[i + 1];
        c.properties = bind(propsFrom->rels[i].properties.get(), scope);
        spec.rels.push_back(std::move(c));
        steps.push_back({v.slot, false, nodeSlots[i + 1]});
    }
    if (!part.pathVariable.empty()) {
        Var v = declare(scope, part.pathVariable, VarType::PATH, part.pos);
        spec.paths.emplace_back(v.slot, std::move(steps));
        spec.pathStarts.push_back(nodeSlots[0]);
    }
    return spec;
}

OperatorPtr Planner::planCreate(OperatorPtr op, const ast::Create& c, Scope& scope) {
    writes_ = true;
    CreateSpec all;
    for (const auto& part : c.pattern.parts) {
        // Nodes an earlier part created are bound for the later ones: (a)-[:R]->(b), (b)-[:S]->(a).
        const Scope beforePart = scope;
        CreateSpec s = createSpec(part, scope, beforePart, false);
        // A node created by an earlier part is bound for the later ones.
        for (auto& n : s.nodes) all.nodes.push_back(std::move(n));
        for (auto& r : s.rels) all.rels.push_back(std::move(r));
        for (auto& p : s.paths) all.paths.push_back(std::move(p));
        for (int st : s.pathStarts) all.pathStarts.push_back(st);
    }
    // Nodes bound before only need checking once.
    return std::make_unique<Create>(std::move(op), std::move(all), "");
}

OperatorPtr Planner::planMerge(OperatorPtr op, const ast::Merge& m, Scope& scope) {
    writes_ = true;
    const Scope before = scope;
    for (const auto& n : m.part.nodes)
        if (before.count(n.variable) && m.part.rels.empty())
            syntaxError(fmt::format("variable `{}` is already declared", n.variable), n.pos);
    for (const auto& r : m.part.rels) {
        if (!r.variable.empty() && before.count(r.variable))
            syntaxError(fmt::format("variable `{}` is already declared", r.variable), r.pos);
        if (r.variableLength) syntaxError("MERGE cannot use a variable-length relationship", r.pos);
        if (r.types.size() != 1) syntaxError("a relationship to merge needs exactly one type", r.pos);
    }
    // Match and create share slots: plan the match first, then the create over the same scope.
    // The AST part is not copyable (it owns expressions); plan from a renamed view of it.
    Scope matchScope = before;
    OperatorPtr match;
    {
        ast::Pattern view;
        view.parts.resize(1);
        ast::PatternPart& p = view.parts[0];
        p.pos = m.part.pos;
        p.kind = m.part.kind;
        p.pathVariable = m.part.pathVariable;
        p.text = m.part.text;
        // Shallow copies: expressions stay owned by the AST; planPattern only reads them.
        for (const auto& n : m.part.nodes) {
            ast::NodePattern c;
            c.pos = n.pos;
            c.variable = n.variable.empty() ? "" : n.variable;
            c.labels = n.labels;
            p.nodes.push_back(std::move(c));
        }
        for (const auto& r : m.part.rels) {
            ast::RelPattern c;
            c.pos = r.pos;
            c.variable = r.variable;
            c.types = r.types;
            c.direction = r.direction;
            p.rels.push_back(std::move(c));
        }
        // Anonymous elements need names so create and match agree on slots.
        for (auto& n : p.nodes)
            if (n.variable.empty()) n.variable = anonymous();
        for (auto& r : p.rels)
            if (r.variable.empty()) r.variable = anonymous();
        match = planPattern(std::make_unique<Argument>(), view, nullptr, matchScope);
        // Property constraints: bound against the match scope.
        for (size_t i = 0; i < m.part.nodes.size(); ++i)
            if (auto f = propertyFilter(matchScope.at(p.nodes[i].variable).slot, m.part.nodes[i].properties.get(), matchScope))
                match = std::make_unique<Filter>(std::move(match), std::move(f), "");
        for (size_t i = 0; i < m.part.rels.size(); ++i)
            if (auto f = propertyFilter(matchScope.at(p.rels[i].variable).slot, m.part.rels[i].properties.get(), matchScope))
                match = std::make_unique<Filter>(std::move(match), std::move(f), "");
        // The create side uses the same names.
        ast::PatternPart named;
        named.pos = m.part.pos;
        named.pathVariable = m.part.pathVariable;
        for (size_t i = 0; i < m.part.nodes.size(); ++i) {
            ast::NodePattern c;
            c.pos = m.part.nodes[i].pos;
            c.variable = p.nodes[i].variable;
            c.labels = m.part.nodes[i].labels;
            named.nodes.push_back(std::move(c));
        }
        for (size_t i = 0; i < m.part.rels.size(); ++i) {
            ast::RelPattern c;
            c.pos = m.part.rels[i].pos;
            c.variable = p.rels[i].variable;
            c.types = m.part.rels[i].types;
            c.direction = m.part.rels[i].direction == ast::Direction::BOTH ? ast::Direction::OUTGOING
                                                                           : m.part.rels[i].direction;
            named.rels.push_back(std::move(c));
        }
        Scope declared = before;
        CreateSpec spec = createSpec(named, declared, before, true, &m.part);
        // Remap the create's fresh slots onto the match's.
        std::map<int, int> remap;
        for (const auto& [name, v] : declared)
            if (!before.count(name) && matchScope.count(name)) remap[v.slot] = matchScope.at(name).slot;
        auto re = [&](int s) { return remap.count(s) ? remap.at(s) : s; };
        for (auto& n : spec.nodes) n.slot = re(n.slot);
        for (auto& r : spec.rels) {
            r.slot = re(r.slot);
            r.start = re(r.start);
            r.end = re(r.end);
        }
        for (auto& [slot, steps] : spec.paths) {
            slot = re(slot);
            for (auto& s : steps) {
                s.rel = re(s.rel);
                s.node = re(s.node);
            }
        }
        for (auto& s : spec.pathStarts) s = re(s);
        scope = matchScope;
        std::vector<SetSpec> onCreate = setSpecs(m.onCreate, scope), onMatch = setSpecs(m.onMatch, scope);
        return std::make_unique<MergeOp>(std::move(op), std::move(match), std::move(spec), std::move(onCreate),
                                         std::move(onMatch), m.part.text);
    }
}

std::vector<SetSpec> Planner::setSpecs(const std::vector<ast::SetItem>& items, const Scope& scope) {
    std::vector<SetSpec> out;
    for (const auto& item : items) {
        SetSpec s;
        s.kind = item.kind;
        if (item.kind == ast::SetItem::Kind::PROPERTY) {
            s.target = bind(item.target->args[0].get(), scope);
            s.key = item.target->name;
        } else {
            auto it = scope.find(item.variable);
            if (it == scope.end()) syntaxError(fmt::format("variable `{}` not defined", item.variable), item.pos);
            s.target = slotExpr(it->second.slot);
        }
        s.labels = item.labels;
        if (item.value) {
            if (containsAggregate(item.value.get())) syntaxError("aggregates are not allowed in SET", item.pos);
            s.value = bind(item.value.get(), scope);
        }
        out.push_back(std::move(s));
    }
    return out;
}

OperatorPtr Planner::planRemove(OperatorPtr op, const ast::Remove& r, Scope& scope) {
    writes_ = true;
    std::vector<SetSpec> specs;
    for (const auto& item : r.items) {
        SetSpec s;
        s.remove = true;
        if (item.kind == ast::RemoveItem::Kind::PROPERTY) {
            s.kind = ast::SetItem::Kind::PROPERTY;
            s.target = bind(item.target->args[0].get(), scope);
            s.key = item.target->name;
        } else {
            s.kind = ast::SetItem::Kind::LABELS;
            auto it = scope.find(item.variable);
            if (it == scope.end()) syntaxError(fmt::format("variable `{}` not defined", item.variable), item.pos);
            s.target = slotExpr(it->second.slot);
            s.labels = item.labels;
        }
        specs.push_back(std::move(s));
    }
    return std::make_unique<SetOp>(std::move(op), std::move(specs), "Remove");
}

OperatorPtr Planner::planDelete(OperatorPtr op, const ast::Delete& d, Scope& scope) {
    writes_ = true;
    std::vector<BoundExprPtr> targets;
    for (const auto& t : d.targets) {
        if (t->kind == ast::ExprKind::HAS_LABELS) syntaxError("DELETE cannot remove labels; use REMOVE", t->pos);
        if (containsAggregate(t.get())) syntaxError("aggregates are not allowed in DELETE", t->pos);
        targets.push_back(bind(t.get(), scope));
        const BoundExpr& target = *targets.back();
        if (cheapConstant(target) && !(target.op == ExprOp::LITERAL && target.literal.isNull()))
            syntaxError("DELETE needs a node, relationship or path", t->pos);
    }
    return std::make_unique<DeleteOp>(std::move(op), std::move(targets), d.detach);
}

OperatorPtr Planner::planCall(OperatorPtr op, const ast::Call& c, Scope& scope, bool standalone,
                              std::vector<std::string>* columns, std::vector<int>* columnSlots) {
    std::vector<std::string> fields = procedureFields(c.procedure);
    if (fields.empty())
        throw QueryException(ErrorKind::PROCEDURE, fmt::format("there is no procedure {}", c.procedure));
    std::vector<BoundExprPtr> args;
    for (const auto& a : c.args) {
        if (containsAggregate(a.get())) syntaxError("aggregates are not allowed as procedure arguments", a->pos);
        args.push_back(bind(a.get(), scope));
    }
    std::vector<ProcedureOutput> outputs;
    if (c.yields.empty() || c.yieldStar) {
        if (!standalone && !c.yieldStar && !fields.empty())
            syntaxError(fmt::format("CALL {} inside a query needs YIELD", c.procedure));
        for (const auto& f : fields) {
            Var v = declare(scope, f, VarType::ANY, {});
            outputs.push_back({f, v.slot});
            if (standalone && columns) {
                columns->push_back(f);
                columnSlots->push_back(v.slot);
            }
        }
    } else {
        for (const auto& y : c.yields) {
            if (std::find(fields.begin(), fields.end(), y.field) == fields.end())
                syntaxError(fmt::format("{} yields no field `{}` (it yields {})", c.procedure, y.field,
                                        fmt::join(fields, ", ")));
            std::string name = y.alias.empty() ? y.field : y.alias;
            if (scope.count(name)) syntaxError(fmt::format("variable `{}` is already declared", name));
            Var v = declare(scope, name, y.field == "node" ? VarType::NODE : VarType::ANY, {});
            outputs.push_back({y.field, v.slot});
            if (standalone && columns) {
                columns->push_back(name);
                columnSlots->push_back(v.slot);
            }
        }
    }
    op = std::make_unique<ProcedureCall>(std::move(op), c.procedure, std::move(args), std::move(outputs));
    if (c.where) op = std::make_unique<Filter>(std::move(op), bind(c.where.get(), scope), c.where->text);
    return op;
}

// ---- queries

OperatorPtr Planner::planSingle(const ast::SingleQuery& q, Scope& scope, OperatorPtr op,
                                std::vector<std::string>* columns, std::vector<int>* columnSlots, bool subquery) {
    bool returned = false;
    for (size_t i = 0; i < q.clauses.size(); ++i) {
        const ast::Clause& clause = q.clauses[i];
        if (returned) syntaxError("RETURN must be the last clause", clause.pos);
        // A run of MATCH clauses becomes one pattern the planner can order as a whole.
        if (const auto* m = std::get_if<ast::Match>(&clause.body); m && !m->optional) {
            std::vector<PatternGroup> run{{&m->pattern, m->where.get()}};
            while (i + 1 < q.clauses.size()) {
                const auto* next = std::get_if<ast::Match>(&q.clauses[i + 1].body);
                if (!next || next->optional) break;
                run.push_back({&next->pattern, next->where.get()});
                ++i;
            }
            op = planPattern(std::move(op), run, scope);
            if (i + 1 == q.clauses.size() && !subquery)
                syntaxError("a query must end with RETURN or an updating clause", q.clauses[i].pos);
            continue;
        }
        bool last = i + 1 == q.clauses.size();
        std::visit(
            [&](const auto& c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, ast::Match>) {
                    op = planMatch(std::move(op), c, scope);
                } else if constexpr (std::is_same_v<T, ast::Unwind>) {
                    if (containsAggregate(c.list.get())) syntaxError("aggregates are not allowed in UNWIND", c.list->pos);
                    BoundExprPtr list = bind(c.list.get(), scope);
                    if (scope.count(c.variable))
                        syntaxError(fmt::format("variable `{}` is already declared", c.variable), clause.pos);
                    Var v = declare(scope, c.variable, VarType::ANY, clause.pos);
                    op = std::make_unique<Unwind>(std::move(op), std::move(list), v.slot, c.list->text);
                } else if constexpr (std::is_same_v<T, ast::With>) {
                    op = planProjection(std::move(op), c.projection, c.where.get(), scope, false, nullptr, nullptr);
                } else if constexpr (std::is_same_v<T, ast::Return>) {
                    op = planProjection(std::move(op), c.projection, nullptr, scope, true, columns, columnSlots);
                    returned = true;
                } else if constexpr (std::is_same_v<T, ast::Create>) {
                    op = planCreate(std::move(op), c, scope);
                } else if constexpr (std::is_same_v<T, ast::Merge>) {
                    op = planMerge(std::move(op), c, scope);
                } else if constexpr (std::is_same_v<T, ast::Set>) {
                    writes_ = true;
                    op = std::make_unique<SetOp>(std::move(op), setSpecs(c.items, scope), "Set");
                } else if constexpr (std::is_same_v<T, ast::Remove>) {
                    op = planRemove(std::move(op), c, scope);
                } else if constexpr (std::is_same_v<T, ast::Delete>) {
                    op = planDelete(std::move(op), c, scope);
                } else if constexpr (std::is_same_v<T, ast::Call>) {
                    op = planCall(std::move(op), c, scope, q.clauses.size() == 1 && !subquery, columns, columnSlots);
                    if (last && q.clauses.size() > 1 && !subquery)
                        syntaxError("a query cannot end with CALL ... YIELD; add RETURN", clause.pos);
                }
            },
            clause.body);
        if (last && !subquery) {
            bool ok = std::holds_alternative<ast::Return>(clause.body) || std::holds_alternative<ast::Create>(clause.body) ||
                      std::holds_alternative<ast::Merge>(clause.body) || std::holds_alternative<ast::Set>(clause.body) ||
                      std::holds_alternative<ast::Remove>(clause.body) || std::holds_alternative<ast::Delete>(clause.body) ||
                      std::holds_alternative<ast::Call>(clause.body);
            if (!ok) syntaxError("a query must end with RETURN or an updating clause", clause.pos);
        }
    }
    return op;
}

Plan Planner::plan(const ast::Statement& st) {
    Plan plan;
    std::vector<OperatorPtr> roots;
    std::vector<std::vector<std::string>> columns(st.queries.size());
    std::vector<std::vector<int>> slots(st.queries.size());
    for (size_t i = 0; i < st.queries.size(); ++i) {
        Scope scope;
        roots.push_back(planSingle(st.queries[i], scope, std::make_unique<Argument>(), &columns[i], &slots[i], false));
    }
    OperatorPtr root = std::move(roots[0]);
    plan.columns = columns[0];
    plan.columnSlots = slots[0];
    for (size_t i = 1; i < roots.size(); ++i) {
        if (columns[i] != plan.columns) syntaxError("all parts of a UNION must return the same columns");
        if (st.unionAll[i - 1] != st.unionAll[0]) syntaxError("UNION and UNION ALL cannot be mixed");
        std::vector<int> out;
        for (size_t c = 0; c < plan.columns.size(); ++c) out.push_back(newSlot());
        root = std::make_unique<Union>(std::move(root), std::move(roots[i]), plan.columnSlots, slots[i], out,
                                       st.unionAll[i - 1]);
        plan.columnSlots = out;
    }
    plan.root = std::move(root);
    plan.slotCount = slots_;
    plan.writes = writes_;
    return plan;
}

}  // namespace

bool statementWrites(const ast::Statement& statement) {
    for (const auto& q : statement.queries)
        for (const auto& c : q.clauses)
            if (std::holds_alternative<ast::Create>(c.body) || std::holds_alternative<ast::Merge>(c.body) ||
                std::holds_alternative<ast::Set>(c.body) || std::holds_alternative<ast::Remove>(c.body) ||
                std::holds_alternative<ast::Delete>(c.body))
                return true;
    return false;
}

Plan planStatement(const ast::Statement& statement, const graph::Graph& graph, const storage::Store& store,
                   const Value::Map& parameters) {
    Planner planner(graph, store, parameters);
    return planner.plan(statement);
}

}  // namespace kgraph::query
