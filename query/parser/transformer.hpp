// Transformer: the parse tree of grammar/KgQuery.g4 -> the AST of
// query/ast.hpp. One method per grammar rule, named after it; clauses,
// patterns, expressions and literals each in their own transform_*.cpp.
// Private to query/parser: this header is the only one that names ANTLR
// contexts, and nothing outside this folder includes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "KgQueryParser.h"
#include "antlr4-runtime.h"
#include "query/ast.hpp"

namespace kgraph::query::parser {

using P = grammar::KgQueryParser;

// Expressions nested deeper than this are refused. Brackets are bounded
// before parsing (parser.cpp), but a chain of operators, a OR b OR c ...,
// nests one level per operator without any. The walks over the AST recurse
// per level: here and in its destruction 10000 levels fit in 8 MiB of stack
// under AddressSanitizer, but the evaluator (query/expression.cpp) overflows
// near 2000, so the bound is 1000.
constexpr int kMaxExpressionDepth = 1000;

class Transformer {
public:
    // `source` is the UTF-8 text the tree was parsed from: the text of
    // expressions (column names) is cut from it.
    explicit Transformer(std::string_view source);

    // Throws QueryException(SYNTAX) at the first construct the grammar admits
    // but the language does not (an integer out of range, a bad escape, ...).
    ast::Statement transformStatement(P::StatementContext* ctx);

private:
    // transform_clause.cpp
    void transformQuery(P::QueryContext* ctx, std::vector<ast::SingleQuery>& queries, std::vector<bool>& unionAll);
    ast::SingleQuery transformSingleQuery(P::SingleQueryContext* ctx);
    ast::Clause transformClause(P::ClauseContext* ctx);
    ast::ClauseBody transformClauseBody(P::ClauseContext* ctx);
    ast::Match transformMatchClause(P::MatchClauseContext* ctx);
    ast::Unwind transformUnwindClause(P::UnwindClauseContext* ctx);
    ast::With transformWithClause(P::WithClauseContext* ctx);
    ast::Return transformReturnClause(P::ReturnClauseContext* ctx);
    ast::Projection transformProjectionBody(P::ProjectionBodyContext* ctx);
    ast::Create transformCreateClause(P::CreateClauseContext* ctx);
    ast::Merge transformMergeClause(P::MergeClauseContext* ctx);
    ast::Set transformSetClause(P::SetClauseContext* ctx);
    ast::SetItem transformSetItem(P::SetItemContext* ctx);
    ast::Remove transformRemoveClause(P::RemoveClauseContext* ctx);
    ast::RemoveItem transformRemoveItem(P::RemoveItemContext* ctx);
    ast::Delete transformDeleteClause(P::DeleteClauseContext* ctx);
    ast::Call transformCallClause(P::CallClauseContext* ctx);
    ast::ExprPtr transformWhere(P::WhereContext* ctx);

    // transform_pattern.cpp
    ast::Pattern transformPattern(P::PatternContext* ctx);
    ast::PatternPart transformPatternPart(P::PatternPartContext* ctx);
    // A pattern inside an expression; `path` names it ([p = (a)-->(b) | p]).
    ast::PatternPart transformRelationshipsPattern(P::RelationshipsPatternContext* ctx, P::VariableContext* path);
    ast::NodePattern transformNodePattern(P::NodePatternContext* ctx);
    ast::RelPattern transformRelationshipPattern(P::RelationshipPatternContext* ctx);
    std::vector<std::vector<std::string>> transformNodeLabels(P::NodeLabelsContext* ctx);
    // Labels where only :A:B is allowed (SET, REMOVE, expressions).
    std::vector<std::string> transformPlainLabels(P::NodeLabelsContext* ctx);
    ast::ExprPtr transformProperties(P::PropertiesContext* ctx);

    // transform_expression.cpp. `predicate`: the expression stands where a
    // truth value is tested (WHERE, the operands of AND/OR/XOR/NOT there,
    // exists(), CASE WHEN), the only place a pattern may be used.
    ast::ExprPtr transformExpr(P::ExprContext* ctx, bool predicate = false);
    ast::ExprPtr transformPropertyExpr(P::PropertyExprContext* ctx);
    ast::ExprPtr transformSubscriptExpr(P::SubscriptExprContext* ctx);
    ast::ExprPtr transformLabelExpr(P::LabelExprContext* ctx);
    ast::ExprPtr transformUnaryExpr(P::UnaryExprContext* ctx);
    ast::ExprPtr transformPredicateExpr(P::PredicateExprContext* ctx);
    ast::ExprPtr transformNullExpr(P::NullExprContext* ctx);
    ast::ExprPtr transformCompareExpr(P::CompareExprContext* ctx);
    ast::ExprPtr transformNotExpr(P::NotExprContext* ctx, bool predicate);
    ast::ExprPtr transformBinary(ast::Op op, P::ExprContext* left, P::ExprContext* right,
                                 antlr4::ParserRuleContext* whole, bool predicate = false);
    ast::ExprPtr transformAtom(P::AtomContext* ctx, bool predicate);
    ast::ExprPtr transformCaseAtom(P::CaseAtomContext* ctx);
    ast::ExprPtr transformListComprehensionAtom(P::ListComprehensionAtomContext* ctx);
    ast::ExprPtr transformPatternComprehensionAtom(P::PatternComprehensionAtomContext* ctx);
    ast::ExprPtr transformQuantifierAtom(P::QuantifierAtomContext* ctx);
    ast::ExprPtr transformReduceAtom(P::ReduceAtomContext* ctx);
    ast::ExprPtr transformExistsAtom(P::ExistsAtomContext* ctx);
    ast::ExprPtr transformPatternAtom(P::PatternAtomContext* ctx, bool predicate);
    ast::ExprPtr transformFunctionAtom(P::FunctionAtomContext* ctx);
    ast::ExprPtr transformMapProjectionAtom(P::MapProjectionAtomContext* ctx);
    // `target.key` as a PROPERTY expression; its text runs from the target to the key.
    ast::ExprPtr transformPropertyOf(P::ExprContext* target, P::PropertyKeyContext* key);
    // The target of SET n.p = and REMOVE n.p: a PROPERTY expression.
    ast::ExprPtr transformPropertyTarget(P::PropertyTargetContext* ctx);

    // transform_literal.cpp
    ast::ExprPtr transformLiteral(P::LiteralContext* ctx);
    ast::ExprPtr transformMapLiteral(P::MapLiteralContext* ctx);
    ast::ExprPtr transformParameter(P::ParameterContext* ctx);
    int64_t transformIntegerLiteral(P::IntegerLiteralContext* ctx, bool negative = false);
    double transformFloatLiteral(antlr4::tree::TerminalNode* token);
    std::string transformStringLiteral(antlr4::Token* token);
    std::string transformVariable(P::VariableContext* ctx);
    std::string transformSymbolicName(P::SymbolicNameContext* ctx);
    std::string transformSchemaName(P::SchemaNameContext* ctx);

    // Shared helpers.
    ast::ExprPtr makeExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx);
    std::string sourceText(antlr4::ParserRuleContext* ctx);
    // The source from the first character of `start` to the last of `stop`.
    std::string sourceText(antlr4::Token* start, antlr4::Token* stop);
    static ast::Pos position(antlr4::Token* token);
    static ast::Pos position(antlr4::ParserRuleContext* ctx) { return position(ctx->getStart()); }
    [[noreturn]] static void fail(antlr4::Token* at, std::string message);

    // Counts the expression levels being built; see kMaxExpressionDepth.
    class DepthGuard {
    public:
        DepthGuard(Transformer& t, antlr4::ParserRuleContext* ctx, int levels = 1);
        ~DepthGuard() { t_.depth_ -= levels_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Transformer& t_;
        int levels_;
    };

    std::string_view source_;
    // Byte offset of each code point (ANTLR's token indices count code
    // points), and one past the end; empty when the text is ASCII.
    std::vector<uint32_t> byteOffset_;
    int depth_ = 0;
};

}  // namespace kgraph::query::parser
