#include "query/engine.hpp"

#include <chrono>
#include <new>

#include <fmt/format.h>

#include "query/context.hpp"
#include "query/errors.hpp"
#include "query/operator.hpp"
#include "query/parser/parser.hpp"
#include "query/planner.hpp"

namespace kgraph::query {

const char* errorKindName(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::SYNTAX: return "SyntaxError";
        case ErrorKind::SEMANTIC: return "SemanticError";
        case ErrorKind::PARAMETER_MISSING: return "ParameterMissing";
        case ErrorKind::TYPE: return "TypeError";
        case ErrorKind::ARGUMENT: return "ArgumentError";
        case ErrorKind::ARITHMETIC: return "ArithmeticError";
        case ErrorKind::ENTITY_NOT_FOUND: return "EntityNotFound";
        case ErrorKind::CONSTRAINT: return "ConstraintVerificationFailed";
        case ErrorKind::LIMIT: return "LimitExceeded";
        case ErrorKind::CANCELLED: return "Cancelled";
        case ErrorKind::BUSY: return "Busy";
        case ErrorKind::PROCEDURE: return "ProcedureError";
    }
    return "Error";
}

namespace {

Status failure(const QueryException& ex, bool compileTime, QueryError* error) {
    std::string message = ex.what();
    if (ex.pos().line) message = fmt::format("line {}:{}: {}", ex.pos().line, ex.pos().column, message);
    if (error) {
        error->kind = errorKindName(ex.kind());
        error->atCompileTime = compileTime;
        error->line = static_cast<int>(ex.pos().line);
        error->column = static_cast<int>(ex.pos().column);
    }
    switch (ex.kind()) {
        case ErrorKind::LIMIT:
        case ErrorKind::CANCELLED: return Status::limitExceeded(message);
        case ErrorKind::BUSY: return Status::busy(message);
        default: return Status::invalidInput(message);
    }
}

// Every node and relationship a value refers to, with what it holds now.
void collectEntities(const Value& v, ExecContext& ctx, QueryResult& out) {
    auto node = [&](uint64_t id) {
        if (out.nodes.count(id)) return;
        NodeData d;
        d.id = id;
        VertexIndex x = ctx.graph.vertexOf(id);
        if (x != graph::kNoVertex) {
            for (TokenId l : ctx.graph.labels(x)) d.labels.push_back(ctx.tokenName(TokenKind::LABEL, l));
            std::sort(d.labels.begin(), d.labels.end());
            for (const auto& [k, p] : ctx.graph.properties(x)) d.properties.emplace(ctx.tokenName(TokenKind::PROPERTY, k), p);
        }
        out.nodes.emplace(id, std::move(d));
    };
    auto rel = [&](uint64_t id) {
        if (out.relationships.count(id)) return;
        RelationshipData d;
        d.id = id;
        EdgeIndex e = ctx.graph.edgeOf(id);
        if (e != graph::kNoEdge) {
            d.type = ctx.tokenName(TokenKind::TYPE, ctx.graph.type(e));
            d.start = ctx.graph.nodeId(ctx.graph.source(e));
            d.end = ctx.graph.nodeId(ctx.graph.target(e));
            for (const auto& [k, p] : ctx.graph.edgeProperties(e))
                d.properties.emplace(ctx.tokenName(TokenKind::PROPERTY, k), p);
        }
        out.relationships.emplace(id, std::move(d));
    };
    switch (v.type()) {
        case Value::Type::NODE: node(v.asNode().id); break;
        case Value::Type::RELATIONSHIP: rel(v.asRelationship().id); break;
        case Value::Type::PATH:
            for (uint64_t id : v.asPath().nodes) node(id);
            for (uint64_t id : v.asPath().relationships) rel(id);
            break;
        case Value::Type::LIST:
            for (const Value& x : v.asList()) collectEntities(x, ctx, out);
            break;
        case Value::Type::MAP:
            for (const auto& [k, x] : v.asMap()) collectEntities(x, ctx, out);
            break;
        default: break;
    }
}

}  // namespace

Result<ast::Statement> parseStatement(std::string_view text, QueryError* error) { return parse(text, error); }

bool writes(const ast::Statement& statement) { return statementWrites(statement); }

namespace {

// Plans and runs `statement` in `ctx`. With `commit`, its writes are committed
// at the end; without, they stay pending in `ctx` (applied to the graph, so
// later statements of a transaction see them). A failure while running rolls
// back everything `ctx` holds.
Result<QueryResult> runIn(ExecContext& ctx, const ast::Statement& statement, bool commit, QueryError* error) {
    Plan plan;
    try {
        plan = planStatement(statement, ctx.graph, ctx.store, ctx.options.parameters);
    } catch (const QueryException& ex) {
        return failure(ex, true, error);
    }
    QueryResult result;
    if (statement.mode == ast::Statement::Mode::EXPLAIN) {
        result.plan = describePlan(*plan.root, false);
        return result;
    }
    ctx.profiling = statement.mode == ast::Statement::Mode::PROFILE;
    result.columns = plan.columns;
    auto start = std::chrono::steady_clock::now();
    try {
        Row row(static_cast<size_t>(plan.slotCount));
        plan.root->open(ctx, row);
        size_t bytes = 0;
        // A statement without RETURN produces no rows, however many its clauses saw.
        const bool returns = !plan.columns.empty();
        while (plan.root->pull(ctx, row)) {
            if (!returns) continue;
            std::vector<Value> out;
            out.reserve(plan.columnSlots.size());
            for (int s : plan.columnSlots) out.push_back(row[static_cast<size_t>(s)]);
            size_t b = 0;
            for (const Value& v : out) b += ExecContext::approxSize(v);
            bytes += b;
            ctx.reserve(b);
            result.rows.push_back(std::move(out));
        }
        if (!commit) ctx.flushWrites();
        Status committed = commit ? ctx.commit() : Status::ok();
        if (!committed.isOk()) {
            if (error) {
                error->kind = committed.code() == StatusCode::BUSY ? "Busy" : "IOError";
                error->atCompileTime = false;
            }
            return committed;
        }
        for (const auto& r : result.rows)
            for (const Value& v : r) collectEntities(v, ctx, result);
        ctx.release(bytes);
    } catch (const QueryException& ex) {
        ctx.rollback();
        return failure(ex, false, error);
    } catch (const std::bad_alloc&) {
        ctx.rollback();
        return failure(QueryException(ErrorKind::LIMIT, "the query ran out of memory"), false, error);
    }
    result.executionMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    result.stats = ctx.stats;
    if (ctx.profiling) result.plan = describePlan(*plan.root, true);
    return result;
}

}  // namespace

Result<QueryResult> run(graph::Graph& graph, storage::Store& store, bool readOnly, const ast::Statement& statement,
                        const QueryOptions& options, QueryError* error) {
    ExecContext ctx(graph, store, readOnly, options);
    return runIn(ctx, statement, true, error);
}

struct Transaction::State {
    QueryOptions options;  // the running statement's; the context refers to it
    ExecContext ctx;
    State(graph::Graph& graph, storage::Store& store, bool readOnly) : ctx(graph, store, readOnly, options) {}
};

Transaction::Transaction(graph::Graph& graph, storage::Store& store, bool readOnly)
    : state_(std::make_unique<State>(graph, store, readOnly)) {}

Transaction::~Transaction() = default;  // the context rolls back what it holds

Result<QueryResult> Transaction::run(const ast::Statement& statement, const QueryOptions& options, QueryError* error) {
    if (failed_) return Status::invalidInput("the transaction failed and was rolled back: roll it back to go on");
    QueryError local;
    if (!error) error = &local;
    state_->options = options;
    state_->ctx.beginStatement();
    auto result = runIn(state_->ctx, statement, false, error);
    if (!result.isOk() && !error->atCompileTime) failed_ = true;
    return result;
}

Status Transaction::commit() {
    if (failed_) return Status::invalidInput("the transaction failed and was rolled back");
    failed_ = true;  // spent either way
    return state_->ctx.commit();
}

}  // namespace kgraph::query
