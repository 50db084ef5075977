// The query engine's entry points: a statement in, a QueryResult out.
#pragma once

#include <memory>
#include <string_view>

#include <kgraph/kgraph.hpp>

#include "graph/graph.hpp"
#include "query/ast.hpp"
#include "storage/store.hpp"

namespace kgraph::query {

// Parses one statement; see query/parser/parser.hpp.
Result<ast::Statement> parseStatement(std::string_view text, QueryError* error);

// Whether running `statement` may write (the caller then needs exclusive access).
bool writes(const ast::Statement& statement);

// Plans and runs `statement` over `graph`. A statement that writes does so
// through one batch of `store`, committed at its end: on any failure neither
// the store nor the graph changes. `readOnly` refuses writes (BUSY).
Result<QueryResult> run(graph::Graph& graph, storage::Store& store, bool readOnly, const ast::Statement& statement,
                        const QueryOptions& options, QueryError* error);

// An explicit transaction: its statements share one ExecContext, so one
// write batch, which holds the store's write lock from the first write on.
// Each statement sees the writes of those before it (they are applied to
// `graph` at once); commit() writes all of them in one atomic batch, and
// destruction without commit() undoes them in the graph (the store never saw
// them). The caller holds exclusive access to `graph` for the transaction's
// whole life. A statement that fails while running rolls back everything and
// leaves the transaction failed; one that fails to compile changes nothing.
class Transaction {
public:
    Transaction(graph::Graph& graph, storage::Store& store, bool readOnly);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Result<QueryResult> run(const ast::Statement& statement, const QueryOptions& options, QueryError* error);
    // Commits every statement's writes. The transaction is spent afterwards.
    Status commit();
    // Whether a statement failed while running (all was rolled back) or commit() ran.
    bool failed() const { return failed_; }

private:
    struct State;
    std::unique_ptr<State> state_;
    bool failed_ = false;
};

}  // namespace kgraph::query
