#include "query/expression.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "query/expr/value_ops.hpp"
#include "query/operator.hpp"

namespace kgraph::query {

namespace {

[[noreturn]] void typeError(const BoundExpr& e, std::string message) {
    throwError(ErrorKind::TYPE, std::move(message), e.pos);
}

const char* typeOf(const Value& v) { return typeName(v.type()).data(); }

// A list index: negative counts from the end; nullopt when out of range.
std::optional<size_t> listIndex(int64_t i, size_t size) {
    if (i < 0) i += static_cast<int64_t>(size);
    if (i < 0 || static_cast<uint64_t>(i) >= size) return std::nullopt;
    return static_cast<size_t>(i);
}

int64_t clampBound(int64_t i, size_t size) {
    auto n = static_cast<int64_t>(size);
    if (i < 0) i += n;
    return std::clamp<int64_t>(i, 0, n);
}

Value listOf(const Value& v, const BoundExpr& e, const char* what) {
    if (!v.isList() && !v.isNull()) typeError(e, fmt::format("{} expects a list, got {}", what, typeOf(v)));
    return v;
}

Value evidenceOf(const Value& target, ExecContext& ctx) {
    storage::ElementRef ref;
    if (target.isNode()) ref = {storage::ElementRef::Kind::NODE, target.asNode().id};
    else ref = {storage::ElementRef::Kind::REL, target.asRelationship().id};
    Value::List out;
    for (const storage::EvidenceRecord& ev : ctx.store.evidenceOf(ref)) {
        Value::Map m;
        Value docNode = Value(Value::Node{ev.document});
        auto prop = [&](const char* key) {
            std::optional<TokenId> token;
            return ctx.vertexOf(docNode.asNode()) == graph::kNoVertex ? Value() : propertyOf(docNode, key, token, ctx);
        };
        Value key = prop("key");
        m["doc"] = key.isNull() ? Value(static_cast<int64_t>(ev.document)) : key;
        m["title"] = prop("title");
        m["url"] = prop("url");
        m["published"] = prop("published");
        m["sentence"] = Value(ev.sentence);
        m["start"] = Value(static_cast<int64_t>(ev.start));
        m["end"] = Value(static_cast<int64_t>(ev.end));
        m["rule"] = Value(ev.rule);
        out.emplace_back(std::move(m));
    }
    return Value(std::move(out));
}

Value graphFunction(const BoundExpr& e, Row& row, ExecContext& ctx) {
    Value arg = evaluate(*e.args[0], row, ctx);
    if (e.graphFunction == GraphFunction::EXISTS) return Value(!arg.isNull());
    if (arg.isNull()) return Value();
    auto expect = [&](bool ok, const char* what) {
        if (!ok) typeError(e, fmt::format("{}() expects {}, got {}", e.name, what, typeOf(arg)));
    };
    graph::Graph& g = ctx.graph;
    switch (e.graphFunction) {
        case GraphFunction::ID:
            expect(arg.isNode() || arg.isRelationship(), "a node or relationship");
            return Value(static_cast<int64_t>(arg.isNode() ? arg.asNode().id : arg.asRelationship().id));
        case GraphFunction::LABELS: {
            expect(arg.isNode(), "a node");
            Value::List out;
            VertexIndex v = ctx.vertexOf(arg.asNode());
            if (v != graph::kNoVertex)
                for (TokenId l : g.labels(v)) out.emplace_back(ctx.tokenName(TokenKind::LABEL, l));
            return Value(std::move(out));
        }
        case GraphFunction::TYPE: {
            expect(arg.isRelationship(), "a relationship");
            EdgeIndex ed = ctx.edgeOf(arg.asRelationship());
            if (ed == graph::kNoEdge) return Value();
            return Value(ctx.tokenName(TokenKind::TYPE, g.type(ed)));
        }
        case GraphFunction::PROPERTIES:
            if (arg.isMap()) return arg;
            expect(arg.isNode() || arg.isRelationship(), "a node, relationship or map");
            return Value(propertiesOf(arg, ctx));
        case GraphFunction::KEYS: {
            Value::List out;
            if (arg.isMap()) {
                for (const auto& [k, v] : arg.asMap()) out.emplace_back(k);
                return Value(std::move(out));
            }
            expect(arg.isNode() || arg.isRelationship(), "a node, relationship or map");
            for (const auto& [k, v] : propertiesOf(arg, ctx)) out.emplace_back(k);
            return Value(std::move(out));
        }
        case GraphFunction::NODES: {
            expect(arg.isPath(), "a path");
            Value::List out;
            for (uint64_t id : arg.asPath().nodes) out.emplace_back(Value::Node{id});
            return Value(std::move(out));
        }
        case GraphFunction::RELATIONSHIPS: {
            expect(arg.isPath(), "a path");
            Value::List out;
            for (uint64_t id : arg.asPath().relationships) out.emplace_back(Value::Relationship{id});
            return Value(std::move(out));
        }
        case GraphFunction::START_NODE:
        case GraphFunction::END_NODE: {
            expect(arg.isRelationship(), "a relationship");
            EdgeIndex ed = ctx.edgeOf(arg.asRelationship());
            if (ed == graph::kNoEdge) return Value();
            VertexIndex v = e.graphFunction == GraphFunction::START_NODE ? g.source(ed) : g.target(ed);
            return ctx.nodeValue(v);
        }
        case GraphFunction::LENGTH:
            if (arg.isPath()) return Value(static_cast<int64_t>(arg.asPath().relationships.size()));
            if (arg.isList()) return Value(static_cast<int64_t>(arg.asList().size()));
            if (arg.isString()) return e.function->call(std::span<const Value>(&arg, 1));
            expect(false, "a path");
            return Value();
        case GraphFunction::SIZE:
            if (arg.isPath()) typeError(e, "size() expects a string or list, got path");
            return e.function->call(std::span<const Value>(&arg, 1));
        case GraphFunction::EVIDENCE:
            expect(arg.isNode() || arg.isRelationship(), "a node or relationship");
            return evidenceOf(arg, ctx);
        case GraphFunction::ALIASES: {
            expect(arg.isNode(), "a node");
            std::optional<TokenId> token;
            Value a = propertyOf(arg, "aliases", token, ctx);
            if (a.isList()) return a;
            Value::List out;
            if (!a.isNull()) out.push_back(std::move(a));
            return Value(std::move(out));
        }
        case GraphFunction::EXISTS:
        case GraphFunction::DEGREE: break;
    }
    return Value();
}

}  // namespace

Value propertyOf(const Value& target, const std::string& key, std::optional<TokenId>& token, ExecContext& ctx) {
    switch (target.type()) {
        case Value::Type::NUL: return Value();
        case Value::Type::MAP: {
            auto it = target.asMap().find(key);
            return it == target.asMap().end() ? Value() : it->second;
        }
        case Value::Type::NODE: {
            VertexIndex v = ctx.vertexOf(target.asNode());
            if (v == graph::kNoVertex) return Value();
            if (!token && !(token = ctx.findToken(TokenKind::PROPERTY, key))) return Value();
            const Value* p = ctx.graph.property(v, *token);
            return p ? *p : Value();
        }
        case Value::Type::RELATIONSHIP: {
            EdgeIndex e = ctx.edgeOf(target.asRelationship());
            if (e == graph::kNoEdge) return Value();
            if (!token && !(token = ctx.findToken(TokenKind::PROPERTY, key))) return Value();
            const Value* p = ctx.graph.edgeProperty(e, *token);
            return p ? *p : Value();
        }
        default:
            throwError(ErrorKind::TYPE, fmt::format("cannot read property '{}' of a {}", key, typeOf(target)));
    }
}

Value::Map propertiesOf(const Value& entity, ExecContext& ctx) {
    Value::Map out;
    const storage::PropertyList* props = nullptr;
    if (entity.isNode()) {
        VertexIndex v = ctx.vertexOf(entity.asNode());
        if (v != graph::kNoVertex) props = &ctx.graph.properties(v);
    } else if (entity.isRelationship()) {
        EdgeIndex e = ctx.edgeOf(entity.asRelationship());
        if (e != graph::kNoEdge) props = &ctx.graph.edgeProperties(e);
    }
    if (props)
        for (const auto& [k, v] : *props) out.emplace(ctx.tokenName(TokenKind::PROPERTY, k), v);
    return out;
}

bool evaluatePredicate(const BoundExpr& e, Row& row, ExecContext& ctx) {
    Value v = evaluate(e, row, ctx);
    if (v.isNull()) return false;
    if (!v.isBool()) typeError(e, fmt::format("expected a boolean predicate, got {}", typeOf(v)));
    return v.asBool();
}

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx) {
    auto arg = [&](size_t i) { return evaluate(*e.args[i], row, ctx); };
    switch (e.op) {
        case ExprOp::LITERAL: return e.literal;
        case ExprOp::PARAMETER: {
            auto it = ctx.options.parameters.find(e.name);
            if (it == ctx.options.parameters.end())
                throwError(ErrorKind::PARAMETER_MISSING, fmt::format("parameter ${} is missing", e.name), e.pos);
            return it->second;
        }
        case ExprOp::SLOT: return row[static_cast<size_t>(e.slot)];
        case ExprOp::PROPERTY: return propertyOf(arg(0), e.name, e.token, ctx);
        case ExprOp::SUBSCRIPT: {
            Value base = arg(0), index = arg(1);
            if (base.isNull() || index.isNull()) return Value();
            if (base.isList()) {
                if (!index.isInt()) typeError(e, fmt::format("a list index must be an integer, got {}", typeOf(index)));
                auto i = listIndex(index.asInt(), base.asList().size());
                return i ? base.asList()[*i] : Value();
            }
            if (base.isMap() || base.isNode() || base.isRelationship()) {
                if (!index.isString()) typeError(e, fmt::format("a map key must be a string, got {}", typeOf(index)));
                std::optional<TokenId> token;
                return propertyOf(base, index.asString(), token, ctx);
            }
            typeError(e, fmt::format("cannot index a {}", typeOf(base)));
        }
        case ExprOp::SLICE: {
            Value base = arg(0);
            Value from = e.args[1] ? arg(1) : Value(), to = e.args[2] ? arg(2) : Value();
            if (base.isNull()) return Value();
            if (!base.isList()) typeError(e, fmt::format("cannot slice a {}", typeOf(base)));
            if ((e.args[1] && from.isNull()) || (e.args[2] && to.isNull())) return Value();
            if ((!from.isNull() && !from.isInt()) || (!to.isNull() && !to.isInt()))
                typeError(e, "list slice bounds must be integers");
            const auto& list = base.asList();
            int64_t a = from.isNull() ? 0 : clampBound(from.asInt(), list.size());
            int64_t b = to.isNull() ? static_cast<int64_t>(list.size()) : clampBound(to.asInt(), list.size());
            Value::List out;
            for (int64_t i = a; i < b; ++i) out.push_back(list[static_cast<size_t>(i)]);
            return Value(std::move(out));
        }
        case ExprOp::NOT: return toValue(triNot(truthOf(arg(0))));
        case ExprOp::NEG: return negate(arg(0));
        case ExprOp::POS: {
            Value v = arg(0);
            if (!v.isNull() && !v.isInt() && !v.isFloat()) typeError(e, fmt::format("cannot apply unary + to {}", typeOf(v)));
            return v;
        }
        case ExprOp::ARITHMETIC: return arithmetic(e.astOp, arg(0), arg(1));
        case ExprOp::EQ: return toValue(equals(arg(0), arg(1)));
        case ExprOp::NE: return toValue(triNot(equals(arg(0), arg(1))));
        case ExprOp::COMPARE: return toValue(compare(e.astOp, arg(0), arg(1)));
        case ExprOp::AND: {
            Tri a = truthOf(arg(0));
            if (a == Tri::FALSE) {
                truthOf(arg(1));  // still a type error when the other side is not boolean
                return Value(false);
            }
            return toValue(triAnd(a, truthOf(arg(1))));
        }
        case ExprOp::OR: {
            Tri a = truthOf(arg(0));
            if (a == Tri::TRUE) {
                truthOf(arg(1));
                return Value(true);
            }
            return toValue(triOr(a, truthOf(arg(1))));
        }
        case ExprOp::XOR: return toValue(triXor(truthOf(arg(0)), truthOf(arg(1))));
        case ExprOp::IN: return toValue(inList(arg(0), arg(1)));
        case ExprOp::STRING_PREDICATE: return toValue(stringPredicate(e.astOp, arg(0), arg(1)));
        case ExprOp::REGEX: return toValue(regexMatch(arg(0), arg(1)));
        case ExprOp::IS_NULL: return Value(arg(0).isNull());
        case ExprOp::IS_NOT_NULL: return Value(!arg(0).isNull());
        case ExprOp::HAS_LABELS: {
            Value target = arg(0);
            if (target.isNull()) return Value();
            if (!target.isNode()) typeError(e, fmt::format("label check needs a node, got {}", typeOf(target)));
            VertexIndex v = ctx.vertexOf(target.asNode());
            if (v == graph::kNoVertex) return Value(false);
            if (e.tokens.size() != e.keys.size()) e.tokens.assign(e.keys.size(), std::nullopt);
            for (size_t i = 0; i < e.keys.size(); ++i) {
                if (!e.tokens[i]) e.tokens[i] = ctx.findToken(TokenKind::LABEL, e.keys[i]);
                if (!e.tokens[i] || !ctx.graph.hasLabel(v, *e.tokens[i])) return Value(false);
            }
            return Value(true);
        }
        case ExprOp::LIST: {
            Value::List out;
            out.reserve(e.args.size());
            for (size_t i = 0; i < e.args.size(); ++i) out.push_back(arg(i));
            return Value(std::move(out));
        }
        case ExprOp::MAP: {
            Value::Map out;
            for (size_t i = 0; i < e.args.size(); ++i) out.insert_or_assign(e.keys[i], arg(i));
            return Value(std::move(out));
        }
        case ExprOp::SCALAR_FUNCTION: {
            std::vector<Value> values;
            values.reserve(e.args.size());
            for (size_t i = 0; i < e.args.size(); ++i) values.push_back(arg(i));
            try {
                return e.function->call(values);
            } catch (QueryException& ex) {
                if (ex.pos().line) throw;
                throw QueryException(ex.kind(), ex.what(), e.pos);
            }
        }
        case ExprOp::GRAPH_FUNCTION: return graphFunction(e, row, ctx);
        case ExprOp::CASE: {
            size_t pairs = (e.args.size() - 2) / 2;
            if (e.args[0]) {
                Value test = arg(0);
                for (size_t i = 0; i < pairs; ++i)
                    if (equals(test, arg(1 + 2 * i)) == Tri::TRUE) return arg(2 + 2 * i);
            } else {
                for (size_t i = 0; i < pairs; ++i)
                    if (evaluatePredicate(*e.args[1 + 2 * i], row, ctx)) return arg(2 + 2 * i);
            }
            return e.args.back() ? evaluate(*e.args.back(), row, ctx) : Value();
        }
        case ExprOp::LIST_COMPREHENSION: {
            Value source = listOf(arg(0), e, "a list comprehension");
            if (source.isNull()) return Value();
            Value::List out;
            for (const Value& item : source.asList()) {
                ctx.tick();
                row[static_cast<size_t>(e.slot)] = item;
                if (e.args[1] && !evaluatePredicate(*e.args[1], row, ctx)) continue;
                out.push_back(e.args[2] ? arg(2) : item);
            }
            return Value(std::move(out));
        }
        case ExprOp::QUANTIFIER: {
            Value source = listOf(arg(0), e, fmt::format("{}()", e.name).c_str());
            if (source.isNull()) return Value();
            size_t trues = 0, unknowns = 0;
            for (const Value& item : source.asList()) {
                ctx.tick();
                row[static_cast<size_t>(e.slot)] = item;
                Tri t = e.args[1] ? truthOf(arg(1)) : Tri::TRUE;
                if (t == Tri::TRUE) ++trues;
                else if (t == Tri::UNKNOWN) ++unknowns;
            }
            size_t n = source.asList().size(), falses = n - trues - unknowns;
            switch (e.quantifier) {
                case ast::Quantifier::ALL: return falses ? Value(false) : unknowns ? Value() : Value(true);
                case ast::Quantifier::ANY: return trues ? Value(true) : unknowns ? Value() : Value(false);
                case ast::Quantifier::NONE: return trues ? Value(false) : unknowns ? Value() : Value(true);
                case ast::Quantifier::SINGLE:
                    if (trues > 1) return Value(false);
                    if (unknowns) return Value();
                    return Value(trues == 1);
            }
            return Value();
        }
        case ExprOp::REDUCE: {
            row[static_cast<size_t>(e.slot2)] = arg(0);
            Value source = listOf(arg(1), e, "reduce()");
            if (source.isNull()) return Value();
            for (const Value& item : source.asList()) {
                ctx.tick();
                row[static_cast<size_t>(e.slot)] = item;
                row[static_cast<size_t>(e.slot2)] = arg(2);
            }
            return row[static_cast<size_t>(e.slot2)];
        }
        case ExprOp::EXISTS: {
            e.subplan->open(ctx, row);
            return Value(e.subplan->pull(ctx, row));
        }
        case ExprOp::COLLECT: {
            Value::List out;
            e.subplan->open(ctx, row);
            while (e.subplan->pull(ctx, row)) {
                out.push_back(arg(0));
                ctx.reserve(ExecContext::approxSize(out.back()));
            }
            return Value(std::move(out));
        }
        case ExprOp::MAP_PROJECTION: {
            Value base = arg(0);
            if (base.isNull()) return Value();
            if (!base.isMap() && !base.isNode() && !base.isRelationship())
                typeError(e, fmt::format("a map projection needs a map, node or relationship, got {}", typeOf(base)));
            Value::Map out;
            using Kind = ast::MapProjectionItem::Kind;
            for (size_t i = 0; i < e.keys.size(); ++i) {
                switch (static_cast<Kind>(e.itemKinds[i])) {
                    case Kind::PROPERTY: {
                        std::optional<TokenId> token;
                        out.insert_or_assign(e.keys[i], propertyOf(base, e.keys[i], token, ctx));
                        break;
                    }
                    case Kind::ALL_PROPERTIES:
                        if (base.isMap()) {
                            for (const auto& [k, v] : base.asMap()) out.insert_or_assign(k, v);
                        } else {
                            for (auto& [k, v] : propertiesOf(base, ctx)) out.insert_or_assign(k, std::move(v));
                        }
                        break;
                    case Kind::VARIABLE:
                    case Kind::LITERAL: out.insert_or_assign(e.keys[i], arg(1 + i)); break;
                }
            }
            return Value(std::move(out));
        }
    }
    return Value();
}

}  // namespace kgraph::query
