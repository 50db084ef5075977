// Connection and PreparedStatement: statements with parameters, parsed once,
// alone or in explicit transactions (include/kgraph/kgraph.hpp).
#include <kgraph/kgraph.hpp>

#include <mutex>
#include <shared_mutex>

#include "api/database_impl.hpp"
#include "query/engine.hpp"

namespace kgraph {

struct PreparedStatement::Impl {
    std::string text;
    query::ast::Statement statement;
    bool writes = false;
};

PreparedStatement::PreparedStatement() = default;
PreparedStatement::~PreparedStatement() = default;
PreparedStatement::PreparedStatement(const PreparedStatement&) = default;
PreparedStatement& PreparedStatement::operator=(const PreparedStatement&) = default;

const std::string& PreparedStatement::text() const {
    static const std::string none;
    return impl_ ? impl_->text : none;
}

bool PreparedStatement::writes() const { return impl_ && impl_->writes; }

struct Connection::Impl {
    Database::Impl& db;
    bool inTransaction = false;
    // The transaction's state from its first write on, with the graph held
    // alone: statements of other threads wait until it ends.
    std::unique_lock<std::shared_mutex> writerLock;
    std::unique_ptr<query::Transaction> transaction;
    bool failed = false;  // a statement failed: all was rolled back

    explicit Impl(Database::Impl& d) : db(d) {}

    Result<QueryResult> run(const query::ast::Statement& statement, const QueryOptions& options, QueryError* error) {
        if (!inTransaction) return db.runStatement(statement, options, error);
        if (failed) return Status::invalidInput("the transaction failed and was rolled back: roll it back to go on");
        // Reads before the first write need not block anybody.
        if (!transaction && !query::writes(statement)) return db.runStatement(statement, options, error);
        if (!transaction) {
            writerLock = std::unique_lock(db.graphMutex);
            if (Status s = db.ensureGraph(); !s) {
                writerLock.unlock();
                return s;
            }
            transaction = std::make_unique<query::Transaction>(*db.graph, db.graphStore(), db.readOnly());
        }
        auto result = transaction->run(statement, options, error);
        if (transaction->failed()) {
            failed = true;
            endTransaction();
            inTransaction = true;  // until the caller rolls back
        }
        return result;
    }

    // Drops what the transaction holds (undoing uncommitted writes) and lets other threads in.
    void endTransaction() {
        transaction.reset();
        if (writerLock.owns_lock()) writerLock.unlock();
        inTransaction = false;
    }
};

Connection::Connection(Database& database) : impl_(std::make_unique<Impl>(*database.impl_)) {}

Connection::~Connection() { impl_->endTransaction(); }

Result<QueryResult> Connection::query(std::string_view text, const Value::Map& parameters, QueryError* error) {
    QueryOptions options;
    options.parameters = parameters;
    return run(text, options, error);
}

Result<QueryResult> Connection::run(std::string_view text, const QueryOptions& options, QueryError* error) {
    auto statement = query::parseStatement(text, error);
    if (!statement) return statement.status();
    return impl_->run(*statement, options, error);
}

Result<PreparedStatement> Connection::prepare(std::string_view text, QueryError* error) {
    auto statement = query::parseStatement(text, error);
    if (!statement) return statement.status();
    auto impl = std::make_shared<PreparedStatement::Impl>();
    impl->text = std::string(text);
    impl->writes = query::writes(*statement);
    impl->statement = std::move(*statement);
    PreparedStatement prepared;
    prepared.impl_ = std::move(impl);
    return prepared;
}

Result<QueryResult> Connection::execute(const PreparedStatement& statement, const Value::Map& parameters,
                                        QueryError* error) {
    QueryOptions options;
    options.parameters = parameters;
    return run(statement, options, error);
}

Result<QueryResult> Connection::run(const PreparedStatement& statement, const QueryOptions& options,
                                    QueryError* error) {
    if (!statement.impl_) return Status::usage("the prepared statement is empty");
    return impl_->run(statement.impl_->statement, options, error);
}

Status Connection::begin() {
    if (impl_->inTransaction) return Status::usage("a transaction is already open on this connection");
    impl_->inTransaction = true;
    impl_->failed = false;
    return Status::ok();
}

Status Connection::commit() {
    if (!impl_->inTransaction) return Status::usage("no transaction is open on this connection");
    if (impl_->failed) {
        impl_->endTransaction();
        return Status::invalidInput("the transaction failed and was rolled back");
    }
    Status s = impl_->transaction ? impl_->transaction->commit() : Status::ok();
    impl_->endTransaction();
    return s;
}

Status Connection::rollback() {
    if (!impl_->inTransaction) return Status::usage("no transaction is open on this connection");
    impl_->endTransaction();
    return Status::ok();
}

bool Connection::inTransaction() const { return impl_->inTransaction; }

}  // namespace kgraph
