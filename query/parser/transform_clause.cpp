// Statements and clauses: statement, query, singleQuery, clause and each
// *Clause rule of grammar/KgQuery.g4.
#include "query/errors.hpp"
#include "query/parser/transformer.hpp"

namespace kgraph::query::parser {

ast::Statement Transformer::transformStatement(P::StatementContext* ctx) {
    ast::Statement statement;
    if (ctx->EXPLAIN()) statement.mode = ast::Statement::Mode::EXPLAIN;
    if (ctx->PROFILE()) statement.mode = ast::Statement::Mode::PROFILE;
    transformQuery(ctx->query(), statement.queries, statement.unionAll);
    return statement;
}

void Transformer::transformQuery(P::QueryContext* ctx, std::vector<ast::SingleQuery>& queries,
                                 std::vector<bool>& unionAll) {
    for (auto* single : ctx->singleQuery()) queries.push_back(transformSingleQuery(single));
    // The UNION tokens sit between the single queries, each ALL right after its UNION.
    const auto& children = ctx->children;
    for (size_t i = 0; i < children.size(); ++i) {
        auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(children[i]);
        if (!t || t->getSymbol()->getType() != P::UNION) continue;
        auto* next = i + 1 < children.size() ? dynamic_cast<antlr4::tree::TerminalNode*>(children[i + 1]) : nullptr;
        unionAll.push_back(next && next->getSymbol()->getType() == P::ALL);
    }
}

ast::SingleQuery Transformer::transformSingleQuery(P::SingleQueryContext* ctx) {
    ast::SingleQuery query;
    auto clauses = ctx->clause();
    for (auto* clause : clauses) {
        // openCypher allows YIELD * and arguments taken implicitly from
        // parameters only in a standalone CALL: inside a query the columns and
        // arguments would depend on the procedure's signature.
        if (auto* call = clause->callClause(); call && clauses.size() > 1) {
            if (call->yieldItems() && call->yieldItems()->STAR())
                fail(call->yieldItems()->getStart(), "YIELD * is only allowed when CALL is the whole query");
            if (!call->LPAREN())
                fail(call->procedureName()->getStop(),
                     "CALL inside a query needs an argument list: " + sourceText(call->procedureName()) + "(...)");
        }
        query.clauses.push_back(transformClause(clause));
    }
    return query;
}

ast::Clause Transformer::transformClause(P::ClauseContext* ctx) {
    ast::Clause clause;
    clause.pos = position(ctx);
    clause.body = transformClauseBody(ctx);
    return clause;
}

ast::ClauseBody Transformer::transformClauseBody(P::ClauseContext* ctx) {
    if (auto* c = ctx->matchClause()) return transformMatchClause(c);
    if (auto* c = ctx->unwindClause()) return transformUnwindClause(c);
    if (auto* c = ctx->withClause()) return transformWithClause(c);
    if (auto* c = ctx->returnClause()) return transformReturnClause(c);
    if (auto* c = ctx->createClause()) return transformCreateClause(c);
    if (auto* c = ctx->mergeClause()) return transformMergeClause(c);
    if (auto* c = ctx->setClause()) return transformSetClause(c);
    if (auto* c = ctx->removeClause()) return transformRemoveClause(c);
    if (auto* c = ctx->deleteClause()) return transformDeleteClause(c);
    if (auto* c = ctx->callClause()) return transformCallClause(c);
    fail(ctx->getStart(), "unsupported clause");
}

ast::ExprPtr Transformer::transformWhere(P::WhereContext* ctx) {
    if (!ctx) return nullptr;
    return transformExpr(ctx->expr(), /*predicate=*/true);
}

ast::Match Transformer::transformMatchClause(P::MatchClauseContext* ctx) {
    ast::Match match;
    match.optional = ctx->OPTIONAL() != nullptr;
    match.pattern = transformPattern(ctx->pattern());
    match.where = transformWhere(ctx->where());
    return match;
}

ast::Unwind Transformer::transformUnwindClause(P::UnwindClauseContext* ctx) {
    ast::Unwind unwind;
    unwind.list = transformExpr(ctx->expr());
    unwind.variable = transformVariable(ctx->variable());
    return unwind;
}

ast::With Transformer::transformWithClause(P::WithClauseContext* ctx) {
    ast::With with;
    with.projection = transformProjectionBody(ctx->projectionBody());
    with.where = transformWhere(ctx->where());
    return with;
}

ast::Return Transformer::transformReturnClause(P::ReturnClauseContext* ctx) {
    ast::Return ret;
    ret.projection = transformProjectionBody(ctx->projectionBody());
    return ret;
}

ast::Projection Transformer::transformProjectionBody(P::ProjectionBodyContext* ctx) {
    ast::Projection projection;
    projection.distinct = ctx->DISTINCT() != nullptr;
    projection.star = ctx->projectionItems()->STAR() != nullptr;
    for (auto* item : ctx->projectionItems()->projectionItem()) {
        ast::ReturnItem out;
        out.expr = transformExpr(item->expr());
        if (item->variable()) out.alias = transformVariable(item->variable());
        projection.items.push_back(std::move(out));
    }
    if (auto* order = ctx->order()) {
        for (auto* sort : order->sortItem()) {
            ast::SortItem out;
            out.expr = transformExpr(sort->expr());
            out.descending = sort->DESC() || sort->DESCENDING();
            projection.orderBy.push_back(std::move(out));
        }
    }
    if (ctx->skip()) projection.skip = transformExpr(ctx->skip()->expr());
    if (ctx->limit()) projection.limit = transformExpr(ctx->limit()->expr());
    return projection;
}

ast::Create Transformer::transformCreateClause(P::CreateClauseContext* ctx) {
    ast::Create create;
    create.pattern = transformPattern(ctx->pattern());
    return create;
}

ast::Merge Transformer::transformMergeClause(P::MergeClauseContext* ctx) {
    ast::Merge merge;
    merge.part = transformPatternPart(ctx->patternPart());
    for (auto* action : ctx->mergeAction()) {
        auto& items = action->MATCH() ? merge.onMatch : merge.onCreate;
        for (auto* item : action->setItem()) items.push_back(transformSetItem(item));
    }
    return merge;
}

ast::Set Transformer::transformSetClause(P::SetClauseContext* ctx) {
    ast::Set set;
    for (auto* item : ctx->setItem()) set.items.push_back(transformSetItem(item));
    return set;
}

ast::SetItem Transformer::transformSetItem(P::SetItemContext* ctx) {
    ast::SetItem item;
    item.pos = position(ctx);
    if (auto* c = dynamic_cast<P::SetPropertyContext*>(ctx)) {
        item.kind = ast::SetItem::Kind::PROPERTY;
        item.target = transformPropertyTarget(c->propertyTarget());
        item.value = transformExpr(c->expr());
        return item;
    }
    if (auto* c = dynamic_cast<P::SetReplaceContext*>(ctx)) {
        item.kind = ast::SetItem::Kind::REPLACE;
        item.variable = transformVariable(c->variable());
        item.value = transformExpr(c->expr());
        return item;
    }
    if (auto* c = dynamic_cast<P::SetMergeContext*>(ctx)) {
        item.kind = ast::SetItem::Kind::MERGE;
        item.variable = transformVariable(c->variable());
        item.value = transformExpr(c->expr());
        return item;
    }
    if (auto* c = dynamic_cast<P::SetLabelsContext*>(ctx)) {
        item.kind = ast::SetItem::Kind::LABELS;
        item.variable = transformVariable(c->variable());
        item.labels = transformPlainLabels(c->nodeLabels());
        return item;
    }
    fail(ctx->getStart(), "unsupported SET item");
}

ast::Remove Transformer::transformRemoveClause(P::RemoveClauseContext* ctx) {
    ast::Remove remove;
    for (auto* item : ctx->removeItem()) remove.items.push_back(transformRemoveItem(item));
    return remove;
}

ast::RemoveItem Transformer::transformRemoveItem(P::RemoveItemContext* ctx) {
    ast::RemoveItem item;
    item.pos = position(ctx);
    if (auto* c = dynamic_cast<P::RemoveLabelsContext*>(ctx)) {
        item.kind = ast::RemoveItem::Kind::LABELS;
        item.variable = transformVariable(c->variable());
        item.labels = transformPlainLabels(c->nodeLabels());
        return item;
    }
    if (auto* c = dynamic_cast<P::RemovePropertyContext*>(ctx)) {
        item.kind = ast::RemoveItem::Kind::PROPERTY;
        item.target = transformPropertyTarget(c->propertyTarget());
        return item;
    }
    fail(ctx->getStart(), "unsupported REMOVE item");
}

ast::Delete Transformer::transformDeleteClause(P::DeleteClauseContext* ctx) {
    ast::Delete del;
    del.detach = ctx->DETACH() != nullptr;
    for (auto* e : ctx->expr()) del.targets.push_back(transformExpr(e));
    return del;
}

ast::Call Transformer::transformCallClause(P::CallClauseContext* ctx) {
    ast::Call call;
    for (auto* part : ctx->procedureName()->schemaName())
        call.procedure += (call.procedure.empty() ? "" : ".") + transformSchemaName(part);
    call.hasArgumentList = ctx->LPAREN() != nullptr;
    for (auto* e : ctx->expr()) call.args.push_back(transformExpr(e));
    if (auto* yield = ctx->yieldItems()) {
        call.yieldStar = yield->STAR() != nullptr;
        for (auto* item : yield->yieldItem()) {
            ast::YieldItem out;
            out.field = transformSymbolicName(item->symbolicName());
            if (item->variable()) out.alias = transformVariable(item->variable());
            call.yields.push_back(std::move(out));
        }
        call.where = transformWhere(yield->where());
    }
    return call;
}

}  // namespace kgraph::query::parser
