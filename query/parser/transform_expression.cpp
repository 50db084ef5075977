// Expressions: the expr rule's alternatives (operators, lookups, subscripts)
// and the atom rule's (CASE, comprehensions, quantifiers, reduce, EXISTS,
// pattern predicates, function calls, map projections).
#include <algorithm>
#include <strings.h>

#include <fmt/format.h>

#include "query/errors.hpp"
#include "query/parser/transformer.hpp"

namespace kgraph::query::parser {

namespace {

ast::Op comparisonOp(P::CompareExprContext* ctx) {
    if (ctx->EQ()) return ast::Op::EQ;
    if (ctx->NEQ()) return ast::Op::NE;
    if (ctx->LE()) return ast::Op::LE;
    if (ctx->GE()) return ast::Op::GE;
    if (ctx->LT()) return ast::Op::LT;
    return ast::Op::GT;
}

// The integer literal `ctx` is made of, or null.
P::IntegerLiteralContext* integerLiteralOf(P::ExprContext* ctx) {
    auto* atom = dynamic_cast<P::AtomExprContext*>(ctx);
    if (!atom) return nullptr;
    auto* literal = dynamic_cast<P::LiteralAtomContext*>(atom->atom());
    if (!literal || !literal->literal()->numberLiteral()) return nullptr;
    return literal->literal()->numberLiteral()->integerLiteral();
}

}  // namespace

Transformer::DepthGuard::DepthGuard(Transformer& t, antlr4::ParserRuleContext* ctx, int levels)
    : t_(t), levels_(levels) {
    if (t_.depth_ + levels > kMaxExpressionDepth)
        fail(ctx->getStart(), fmt::format("expression nested deeper than {} levels", kMaxExpressionDepth));
    t_.depth_ += levels;
}

ast::ExprPtr Transformer::transformExpr(P::ExprContext* ctx, bool predicate) {
    DepthGuard guard(*this, ctx);
    // Each alternative in its own function: only the taken path's locals sit
    // on the stack while the operands recurse.
    if (auto* c = dynamic_cast<P::AtomExprContext*>(ctx)) return transformAtom(c->atom(), predicate);
    if (auto* c = dynamic_cast<P::PropertyExprContext*>(ctx)) return transformPropertyExpr(c);
    if (auto* c = dynamic_cast<P::SubscriptExprContext*>(ctx)) return transformSubscriptExpr(c);
    if (auto* c = dynamic_cast<P::LabelExprContext*>(ctx)) return transformLabelExpr(c);
    if (auto* c = dynamic_cast<P::UnaryExprContext*>(ctx)) return transformUnaryExpr(c);
    if (auto* c = dynamic_cast<P::PowExprContext*>(ctx)) return transformBinary(ast::Op::POW, c->expr(0), c->expr(1), c);
    if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) {
        ast::Op op = c->STAR() ? ast::Op::MUL : c->DIV() ? ast::Op::DIV : ast::Op::MOD;
        return transformBinary(op, c->expr(0), c->expr(1), c);
    }
    if (auto* c = dynamic_cast<P::AddExprContext*>(ctx))
        return transformBinary(c->PLUS() ? ast::Op::ADD : ast::Op::SUB, c->expr(0), c->expr(1), c);
    if (auto* c = dynamic_cast<P::PredicateExprContext*>(ctx)) return transformPredicateExpr(c);
    if (auto* c = dynamic_cast<P::NullExprContext*>(ctx)) return transformNullExpr(c);
    if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return transformCompareExpr(c);
    if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) return transformNotExpr(c, predicate);
    if (auto* c = dynamic_cast<P::AndExprContext*>(ctx))
        return transformBinary(ast::Op::AND, c->expr(0), c->expr(1), c, predicate);
    if (auto* c = dynamic_cast<P::XorExprContext*>(ctx))
        return transformBinary(ast::Op::XOR, c->expr(0), c->expr(1), c, predicate);
    if (auto* c = dynamic_cast<P::OrExprContext*>(ctx))
        return transformBinary(ast::Op::OR, c->expr(0), c->expr(1), c, predicate);
    fail(ctx->getStart(), "unsupported expression");
}

ast::ExprPtr Transformer::transformBinary(ast::Op op, P::ExprContext* left, P::ExprContext* right,
                                          antlr4::ParserRuleContext* whole, bool predicate) {
    auto e = makeExpr(ast::ExprKind::BINARY, whole);
    e->op = op;
    e->args.push_back(transformExpr(left, predicate));
    e->args.push_back(transformExpr(right, predicate));
    return e;
}

ast::ExprPtr Transformer::transformPropertyExpr(P::PropertyExprContext* ctx) {
    return transformPropertyOf(ctx->expr(), ctx->propertyKey());
}

ast::ExprPtr Transformer::transformPropertyOf(P::ExprContext* target, P::PropertyKeyContext* key) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::PROPERTY;
    e->pos = position(target);
    e->text = sourceText(target->getStart(), key->getStop());
    e->name = transformSchemaName(key->schemaName());
    e->args.push_back(transformExpr(target));
    return e;
}

ast::ExprPtr Transformer::transformPropertyTarget(P::PropertyTargetContext* ctx) {
    // Fold the lookups left to right, each node spanning the text up to its end.
    DepthGuard guard(*this, ctx, static_cast<int>(std::min<size_t>(ctx->children.size(), kMaxExpressionDepth + 1)));
    auto* atom = ctx->atom();
    ast::ExprPtr result = transformAtom(atom, false);
    size_t exprIndex = 0, keyIndex = 0;
    for (size_t i = 1; i < ctx->children.size(); ++i) {
        auto* token = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[i]);
        if (!token) continue;
        auto e = std::make_unique<ast::Expr>();
        e->pos = position(atom);
        antlr4::Token* stop = nullptr;
        if (token->getSymbol()->getType() == P::DOT) {
            auto* key = ctx->propertyKey(keyIndex++);
            e->kind = ast::ExprKind::PROPERTY;
            e->name = transformSchemaName(key->schemaName());
            e->args.push_back(std::move(result));
            stop = key->getStop();
        } else if (token->getSymbol()->getType() == P::LBRACK) {
            auto* index = ctx->expr(exprIndex++);
            e->kind = ast::ExprKind::SUBSCRIPT;
            e->args.push_back(std::move(result));
            e->args.push_back(transformExpr(index));
            // '[' index ']': the tree of a successful parse has all three.
            stop = static_cast<antlr4::tree::TerminalNode*>(ctx->children[i + 2])->getSymbol();
        } else {
            continue;  // ']'
        }
        e->text = sourceText(atom->getStart(), stop);
        result = std::move(e);
    }
    return result;
}

ast::ExprPtr Transformer::transformSubscriptExpr(P::SubscriptExprContext* ctx) {
    if (!ctx->DOTDOT()) {
        if (!ctx->from) fail(ctx->RBRACK()->getSymbol(), "missing index inside [ ]");
        auto e = makeExpr(ast::ExprKind::SUBSCRIPT, ctx);
        e->args.push_back(transformExpr(ctx->expr(0)));
        e->args.push_back(transformExpr(ctx->from));
        return e;
    }
    auto e = makeExpr(ast::ExprKind::SLICE, ctx);
    e->args.push_back(transformExpr(ctx->expr(0)));
    e->args.push_back(ctx->from ? transformExpr(ctx->from) : nullptr);
    e->args.push_back(ctx->to ? transformExpr(ctx->to) : nullptr);
    return e;
}

ast::ExprPtr Transformer::transformLabelExpr(P::LabelExprContext* ctx) {
    auto e = makeExpr(ast::ExprKind::HAS_LABELS, ctx);
    e->labels = transformPlainLabels(ctx->nodeLabels());
    e->args.push_back(transformExpr(ctx->expr()));
    return e;
}

ast::ExprPtr Transformer::transformUnaryExpr(P::UnaryExprContext* ctx) {
    // -9223372036854775808 is one literal: its digits alone are out of range.
    if (ctx->MINUS()) {
        if (auto* literal = integerLiteralOf(ctx->expr())) {
            auto e = makeExpr(ast::ExprKind::LITERAL, ctx);
            e->value = Value(transformIntegerLiteral(literal, /*negative=*/true));
            return e;
        }
    }
    auto e = makeExpr(ast::ExprKind::UNARY, ctx);
    e->op = ctx->MINUS() ? ast::Op::NEG : ast::Op::POS;
    e->args.push_back(transformExpr(ctx->expr()));
    return e;
}

ast::ExprPtr Transformer::transformPredicateExpr(P::PredicateExprContext* ctx) {
    ast::Op op = ctx->STARTS()     ? ast::Op::STARTS_WITH
                 : ctx->ENDS()     ? ast::Op::ENDS_WITH
                 : ctx->CONTAINS() ? ast::Op::CONTAINS
                 : ctx->REGEX()    ? ast::Op::REGEX_MATCH
                                   : ast::Op::IN;
    return transformBinary(op, ctx->expr(0), ctx->expr(1), ctx);
}

ast::ExprPtr Transformer::transformNullExpr(P::NullExprContext* ctx) {
    auto e = makeExpr(ctx->NOT() ? ast::ExprKind::IS_NOT_NULL : ast::ExprKind::IS_NULL, ctx);
    e->args.push_back(transformExpr(ctx->expr()));
    return e;
}

ast::ExprPtr Transformer::transformCompareExpr(P::CompareExprContext* ctx) {
    // a < b < c is (a < b) AND (b < c). The tree nests left: collect the
    // chain without recursion, then pair each operator with its operands.
    std::vector<P::CompareExprContext*> chain{ctx};
    while (auto* inner = dynamic_cast<P::CompareExprContext*>(chain.back()->expr(0))) chain.push_back(inner);
    std::reverse(chain.begin(), chain.end());
    if (chain.size() == 1) return transformBinary(comparisonOp(ctx), ctx->expr(0), ctx->expr(1), ctx);
    // Each link nests one AND deeper: refuse a runaway chain before building it.
    DepthGuard guard(*this, ctx, static_cast<int>(std::min<size_t>(chain.size(), kMaxExpressionDepth + 1)) - 1);
    ast::ExprPtr result;
    for (size_t i = 0; i < chain.size(); ++i) {
        P::ExprContext* left = i == 0 ? chain[0]->expr(0) : chain[i - 1]->expr(1);
        P::ExprContext* right = chain[i]->expr(1);
        auto comparison = std::make_unique<ast::Expr>();
        comparison->kind = ast::ExprKind::BINARY;
        comparison->op = comparisonOp(chain[i]);
        comparison->pos = position(left);
        comparison->text = sourceText(left->getStart(), right->getStop());
        comparison->args.push_back(transformExpr(left));
        comparison->args.push_back(transformExpr(right));
        if (!result) {
            result = std::move(comparison);
            continue;
        }
        // Each AND spans the chain so far: its text is `a < b < c` up to here.
        auto both = std::make_unique<ast::Expr>();
        both->kind = ast::ExprKind::BINARY;
        both->op = ast::Op::AND;
        both->pos = position(ctx);
        both->text = sourceText(ctx->getStart(), right->getStop());
        both->args.push_back(std::move(result));
        both->args.push_back(std::move(comparison));
        result = std::move(both);
    }
    return result;
}

ast::ExprPtr Transformer::transformNotExpr(P::NotExprContext* ctx, bool predicate) {
    auto e = makeExpr(ast::ExprKind::UNARY, ctx);
    e->op = ast::Op::NOT;
    e->args.push_back(transformExpr(ctx->expr(), predicate));
    return e;
}

// ---- atoms

ast::ExprPtr Transformer::transformAtom(P::AtomContext* ctx, bool predicate) {
    if (auto* c = dynamic_cast<P::LiteralAtomContext*>(ctx)) return transformLiteral(c->literal());
    if (auto* c = dynamic_cast<P::ParameterAtomContext*>(ctx)) return transformParameter(c->parameter());
    if (auto* c = dynamic_cast<P::VariableAtomContext*>(ctx)) {
        auto e = makeExpr(ast::ExprKind::VARIABLE, c);
        e->name = transformVariable(c->variable());
        return e;
    }
    if (auto* c = dynamic_cast<P::ParenthesizedAtomContext*>(ctx)) {
        auto e = transformExpr(c->expr(), predicate);
        // The parentheses belong to the text: RETURN (1 + 2) names its column "(1 + 2)".
        e->pos = position(c);
        e->text = sourceText(c);
        return e;
    }
    if (auto* c = dynamic_cast<P::FunctionAtomContext*>(ctx)) return transformFunctionAtom(c);
    if (auto* c = dynamic_cast<P::CountStarAtomContext*>(ctx)) return makeExpr(ast::ExprKind::COUNT_STAR, c);
    if (auto* c = dynamic_cast<P::CaseAtomContext*>(ctx)) return transformCaseAtom(c);
    if (auto* c = dynamic_cast<P::ListComprehensionAtomContext*>(ctx)) return transformListComprehensionAtom(c);
    if (auto* c = dynamic_cast<P::PatternComprehensionAtomContext*>(ctx)) return transformPatternComprehensionAtom(c);
    if (auto* c = dynamic_cast<P::QuantifierAtomContext*>(ctx)) return transformQuantifierAtom(c);
    if (auto* c = dynamic_cast<P::ReduceAtomContext*>(ctx)) return transformReduceAtom(c);
    if (auto* c = dynamic_cast<P::ExistsAtomContext*>(ctx)) return transformExistsAtom(c);
    if (auto* c = dynamic_cast<P::PatternAtomContext*>(ctx)) return transformPatternAtom(c, predicate);
    if (auto* c = dynamic_cast<P::MapProjectionAtomContext*>(ctx)) return transformMapProjectionAtom(c);
    fail(ctx->getStart(), "unsupported expression");
}

ast::ExprPtr Transformer::transformCaseAtom(P::CaseAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::CASE, ctx);
    bool generic = ctx->test == nullptr;
    e->args.push_back(generic ? nullptr : transformExpr(ctx->test));
    for (auto* alternative : ctx->caseAlternative()) {
        // In CASE WHEN p THEN ..., p is tested like a WHERE.
        e->args.push_back(transformExpr(alternative->expr(0), /*predicate=*/generic));
        e->args.push_back(transformExpr(alternative->expr(1)));
    }
    e->args.push_back(ctx->elseExpr ? transformExpr(ctx->elseExpr) : nullptr);
    return e;
}

ast::ExprPtr Transformer::transformListComprehensionAtom(P::ListComprehensionAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::LIST_COMPREHENSION, ctx);
    e->variable = transformVariable(ctx->variable());
    auto exprs = ctx->expr();
    size_t next = 0;
    e->args.push_back(transformExpr(exprs[next++]));
    e->args.push_back(ctx->WHERE() ? transformExpr(exprs[next++], /*predicate=*/true) : nullptr);
    e->args.push_back(ctx->PIPE() ? transformExpr(exprs[next++]) : nullptr);
    return e;
}

ast::ExprPtr Transformer::transformPatternComprehensionAtom(P::PatternComprehensionAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::PATTERN_COMPREHENSION, ctx);
    e->pattern = std::make_shared<ast::Pattern>();
    e->pattern->parts.push_back(transformRelationshipsPattern(ctx->relationshipsPattern(), ctx->variable()));
    auto exprs = ctx->expr();
    e->args.push_back(ctx->WHERE() ? transformExpr(exprs[0], /*predicate=*/true) : nullptr);
    e->args.push_back(transformExpr(exprs.back()));
    return e;
}

ast::ExprPtr Transformer::transformQuantifierAtom(P::QuantifierAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::QUANTIFIER, ctx);
    e->quantifier = ctx->ALL()    ? ast::Quantifier::ALL
                    : ctx->ANY()  ? ast::Quantifier::ANY
                    : ctx->NONE() ? ast::Quantifier::NONE
                                  : ast::Quantifier::SINGLE;
    e->variable = transformVariable(ctx->variable());
    auto exprs = ctx->expr();
    e->args.push_back(transformExpr(exprs[0]));
    e->args.push_back(ctx->WHERE() ? transformExpr(exprs[1], /*predicate=*/true) : nullptr);
    return e;
}

ast::ExprPtr Transformer::transformReduceAtom(P::ReduceAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::REDUCE, ctx);
    e->keys.push_back(transformVariable(ctx->variable(0)));
    e->variable = transformVariable(ctx->variable(1));
    for (auto* x : ctx->expr()) e->args.push_back(transformExpr(x));
    return e;
}

ast::ExprPtr Transformer::transformExistsAtom(P::ExistsAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::EXISTS_SUBQUERY, ctx);
    if (!ctx->query()) {  // EXISTS { (a)-->(b) WHERE ... }
        e->pattern = std::make_shared<ast::Pattern>(transformPattern(ctx->pattern()));
        if (ctx->where()) e->args.push_back(transformWhere(ctx->where()));
        return e;
    }
    std::vector<ast::SingleQuery> queries;
    std::vector<bool> unionAll;
    transformQuery(ctx->query(), queries, unionAll);
    if (queries.size() != 1) fail(ctx->query()->UNION(0)->getSymbol(), "UNION is not allowed inside EXISTS { }");
    auto& clauses = queries[0].clauses;
    auto clauseContexts = ctx->query()->singleQuery(0)->clause();
    for (size_t i = 0; i < clauses.size(); ++i) {
        const auto& body = clauses[i].body;
        if (std::holds_alternative<ast::Create>(body) || std::holds_alternative<ast::Merge>(body) ||
            std::holds_alternative<ast::Set>(body) || std::holds_alternative<ast::Remove>(body) ||
            std::holds_alternative<ast::Delete>(body))
            fail(clauseContexts[i]->getStart(),
                 fmt::format("EXISTS {{ }} cannot contain {}: it only reads",
                             clauseContexts[i]->getStart()->getText()));
    }
    // EXISTS { MATCH pattern WHERE p } is the pattern form; anything longer
    // (WITH, RETURN, several clauses) stays a query.
    if (clauses.size() == 1) {
        if (auto* match = std::get_if<ast::Match>(&clauses[0].body); match && !match->optional) {
            e->pattern = std::make_shared<ast::Pattern>(std::move(match->pattern));
            if (match->where) e->args.push_back(std::move(match->where));
            return e;
        }
    }
    e->subquery = std::make_shared<ast::SingleQuery>(std::move(queries[0]));
    return e;
}

ast::ExprPtr Transformer::transformPatternAtom(P::PatternAtomContext* ctx, bool predicate) {
    // openCypher (and Neo4j 5) allow a bare pattern only where it is tested:
    // as a value it would be a list of paths, which a comprehension spells out.
    if (!predicate)
        fail(ctx->getStart(),
             "a pattern can only be a predicate (in WHERE or exists()); for a list use a pattern "
             "comprehension [(a)-->(b) | b]");
    auto e = makeExpr(ast::ExprKind::PATTERN_PREDICATE, ctx);
    e->pattern = std::make_shared<ast::Pattern>();
    e->pattern->parts.push_back(transformRelationshipsPattern(ctx->relationshipsPattern(), nullptr));
    return e;
}

ast::ExprPtr Transformer::transformFunctionAtom(P::FunctionAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::FUNCTION, ctx);
    auto* name = ctx->functionName();
    if (name->EXISTS()) {
        e->name = name->EXISTS()->getText();
    } else {
        for (auto* part : name->symbolicName()) e->name += (e->name.empty() ? "" : ".") + transformSymbolicName(part);
    }
    e->distinct = ctx->DISTINCT() != nullptr;
    if (e->distinct && ctx->expr().empty()) fail(ctx->DISTINCT()->getSymbol(), "DISTINCT needs an argument");
    // exists((a)-->(b)) tests a pattern, the older spelling of a pattern predicate.
    bool tests = strcasecmp(e->name.c_str(), "exists") == 0;
    for (auto* arg : ctx->expr()) e->args.push_back(transformExpr(arg, tests));
    return e;
}

ast::ExprPtr Transformer::transformMapProjectionAtom(P::MapProjectionAtomContext* ctx) {
    auto e = makeExpr(ast::ExprKind::MAP_PROJECTION, ctx);
    e->variable = transformVariable(ctx->variable());
    for (auto* item : ctx->mapProjectionItem()) {
        ast::MapProjectionItem out;
        if (auto* property = dynamic_cast<P::ProjectPropertyContext*>(item)) {
            out.kind = ast::MapProjectionItem::Kind::PROPERTY;
            out.key = transformSchemaName(property->propertyKey()->schemaName());
        } else if (dynamic_cast<P::ProjectAllContext*>(item)) {
            out.kind = ast::MapProjectionItem::Kind::ALL_PROPERTIES;
        } else if (auto* literal = dynamic_cast<P::ProjectLiteralContext*>(item)) {
            out.kind = ast::MapProjectionItem::Kind::LITERAL;
            out.key = transformSchemaName(literal->propertyKey()->schemaName());
            out.value = transformExpr(literal->expr());
        } else if (auto* variable = dynamic_cast<P::ProjectVariableContext*>(item)) {
            out.kind = ast::MapProjectionItem::Kind::VARIABLE;
            out.key = transformVariable(variable->variable());
        }
        e->projection.push_back(std::move(out));
    }
    return e;
}

// ---- shared helpers

ast::ExprPtr Transformer::makeExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->pos = position(ctx);
    e->text = sourceText(ctx);
    return e;
}

Transformer::Transformer(std::string_view source) : source_(source) {
    bool ascii = std::all_of(source.begin(), source.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return;
    byteOffset_.reserve(source.size() + 1);
    for (size_t i = 0; i < source.size(); ++i)
        if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) byteOffset_.push_back(static_cast<uint32_t>(i));
    byteOffset_.push_back(static_cast<uint32_t>(source.size()));
}

std::string Transformer::sourceText(antlr4::ParserRuleContext* ctx) {
    return sourceText(ctx->getStart(), ctx->getStop());
}

std::string Transformer::sourceText(antlr4::Token* start, antlr4::Token* stop) {
    // Cut from the UTF-8 text directly: the char stream would convert from
    // UTF-32 on every call, and a chain of n operators asks for n texts.
    if (!start || !stop || stop->getStopIndex() < start->getStartIndex()) return {};
    size_t first = start->getStartIndex();
    size_t last = stop->getStopIndex() + 1;
    if (!byteOffset_.empty()) {
        first = byteOffset_[first];
        last = byteOffset_[last];
    }
    return std::string(source_.substr(first, last - first));
}

ast::Pos Transformer::position(antlr4::Token* token) {
    return {static_cast<uint32_t>(token->getLine()), static_cast<uint32_t>(token->getCharPositionInLine() + 1)};
}

void Transformer::fail(antlr4::Token* at, std::string message) {
    throw QueryException(ErrorKind::SYNTAX, std::move(message), position(at));
}

}  // namespace kgraph::query::parser
