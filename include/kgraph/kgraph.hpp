// kgraph: the embedding API for C++ (docs/api.md).
//
// A Database is one database directory opened by this process. Its methods
// are safe to call from several threads; writes are serialised inside.
// Failures come back as Status / Result values (status.hpp), never as
// exceptions, and carry the exit code the `kg` command uses for them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

namespace kgraph {

// The version of this library, "MAJOR.MINOR.PATCH".
const char* version();

struct OpenOptions {
    // Open for reading only: no lock is taken, so this works while another
    // process writes; it sees the state committed when it opened. A directory
    // that does not exist then reads as an empty database.
    bool readOnly = false;
    // Create the directory and an empty database when none exists (read-write only).
    bool createIfMissing = true;
    // Memory for cached data blocks. More makes repeated reads faster.
    size_t cacheBytes = size_t{64} << 20;
};

struct ImportProgress {
    uint64_t rows = 0;
    uint64_t bytesRead = 0;
    uint64_t bytesTotal = 0;
    double seconds = 0;
};

// A bulk import in the neo4j-admin CSV format (docs/import.md).
struct ImportOptions {
    // `[Label1:Label2=]F.csv[,F2.csv...]`, as on the command line.
    std::vector<std::string> nodes;
    // `[TYPE=]F.csv[,F2.csv...]`.
    std::vector<std::string> relationships;
    char delimiter = ',';
    char arrayDelimiter = ';';
    char quote = '"';
    // Store named `id:ID` columns as integer properties instead of strings.
    bool integerIds = false;
    // Report and skip bad rows instead of stopping (and importing nothing).
    bool skipBadRows = false;
    std::function<void(const ImportProgress&)> progress;
    std::function<void(const std::string& message)> badRow;
};

// Checks the parts of `options` that need no file (the SPEC syntax), so a
// caller can refuse a bad command line before it opens, and so creates, a
// database. USAGE on a malformed SPEC.
Status validateImportOptions(const ImportOptions& options);

struct ImportSummary {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
    uint64_t badRows = 0;
    uint64_t bytes = 0;
    double seconds = 0;
};

struct PropertyStats {
    std::string key;
    std::string type;  // "integer", "string", ...
    uint64_t count = 0;  // nodes and relationships with a value of this type
};

struct DatabaseStats {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
    uint64_t documents = 0;
    uint64_t evidence = 0;
    uint64_t bytesOnDisk = 0;
    std::vector<std::pair<std::string, uint64_t>> labels;  // nodes per label, by name
    std::vector<std::pair<std::string, uint64_t>> types;   // relationships per type, by name
    std::vector<PropertyStats> properties;                  // by key, then type
};

struct CheckResult {
    uint64_t elementsChecked = 0;
    uint64_t findingCount = 0;
    std::vector<std::string> findings;  // the first ones, one line each
    bool ok() const { return findingCount == 0; }
};

// An export of the graph, or a part of it (docs/export.md).
struct ExportRequest {
    // "dot", "graphml", "json", "csv" (neo4j-admin import files) or "nt" (N-Triples).
    std::string format = "dot";
    // A file (for csv a new directory) written atomically; empty writes to the stream instead.
    std::string path;
    // Only nodes with any of these labels; only relationships of any of these types.
    // Empty: all. A name the database does not know selects nothing.
    std::vector<std::string> labels;
    std::vector<std::string> types;
    // When set: only nodes within `depth` hops (either direction) of the nodes
    // with this name or alias.
    std::string around;
    int depth = 1;
    // DOT: one cluster per label.
    bool clusterByLabel = false;
    // N-Triples: the base of every IRI; empty means https://kgraph.local/.
    std::string iriBase;
    // When either is set: exactly these nodes and relationships, with the ends
    // of each relationship (the elements of a QueryResult: the REPL's :export);
    // labels, types and around must then be empty.
    std::vector<uint64_t> nodeIds;
    std::vector<uint64_t> relationshipIds;
};

struct ExportSummary {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
};

// ---- Queries (docs/query.md)

struct QueryOptions {
    // $name parameters.
    Value::Map parameters;
    // Stop with LIMIT_EXCEEDED after this long; 0: no limit.
    double timeoutSeconds = 0;
    // Stop with LIMIT_EXCEEDED when intermediate results (rows held by sorts,
    // aggregations, DISTINCT, collected lists, expansions) exceed this; 0: no limit.
    size_t maxMemoryBytes = 0;
    // When set, the statement stops with LIMIT_EXCEEDED (QueryError kind
    // "Cancelled") soon after another thread or a signal handler stores true.
    const std::atomic<bool>* cancel = nullptr;
};

// What a node or relationship of a result holds, as of the end of its statement.
struct NodeData {
    uint64_t id = 0;
    std::vector<std::string> labels;  // sorted by name
    Value::Map properties;
};
struct RelationshipData {
    uint64_t id = 0;
    std::string type;
    uint64_t start = 0;
    uint64_t end = 0;
    Value::Map properties;
};

// What a statement changed.
struct QueryStats {
    uint64_t nodesCreated = 0;
    uint64_t nodesDeleted = 0;
    uint64_t relationshipsCreated = 0;
    uint64_t relationshipsDeleted = 0;
    uint64_t propertiesSet = 0;
    uint64_t labelsAdded = 0;
    uint64_t labelsRemoved = 0;
    bool containsUpdates() const {
        return nodesCreated || nodesDeleted || relationshipsCreated || relationshipsDeleted || propertiesSet ||
               labelsAdded || labelsRemoved;
    }
};

struct QueryResult {
    // Column names: the alias, or the expression as written (`n.name`, `count(*)`).
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    // Every node and relationship that a row refers to (also inside lists, maps and paths).
    std::map<uint64_t, NodeData> nodes;
    std::map<uint64_t, RelationshipData> relationships;
    QueryStats stats;
    // EXPLAIN: the plan; PROFILE: the plan with rows and time per operator. Empty otherwise.
    std::string plan;
    double executionMs = 0;  // execution only, without parsing and planning

    // What a node or relationship of a row holds; null for one the rows do not refer to.
    const NodeData* node(const Value::Node& n) const {
        auto it = nodes.find(n.id);
        return it == nodes.end() ? nullptr : &it->second;
    }
    const RelationshipData* relationship(const Value::Relationship& r) const {
        auto it = relationships.find(r.id);
        return it == relationships.end() ? nullptr : &it->second;
    }
    // The result as `kg query --format json` prints it (docs/cli.md): one line
    // {"columns":[...],"rows":[[...]]}, nodes, relationships and paths expanded,
    // and "plan" after them when there is one.
    std::string toJson() const;
    // One value of the result (a cell of `rows`) in that JSON shape.
    std::string toJson(const Value& value) const;
};

// Why a query failed, for tools that tell kinds of error apart (the openCypher
// TCK's names). The Status carries the message.
struct QueryError {
    // "SyntaxError", "SemanticError", "ParameterMissing", "TypeError",
    // "ArgumentError", "ArithmeticError", "EntityNotFound", "ConstraintVerificationFailed",
    // or "LimitExceeded", "Busy", "IOError".
    std::string kind;
    bool atCompileTime = false;
    // Where in the query (1-based; 0 when unknown) and, for syntax errors, the
    // offending line (at most 200 bytes) with a caret under the column.
    int line = 0;
    int column = 0;
    std::string excerpt;
};

// ---- the knowledge builder (docs/rules.md, docs/cli.md: kg extract, kg build)

// What extraction found in one document: entities by canonical name, and
// relations between them with normalised properties (amount, currency,
// period, share, role). The shape `kg extract --format json` prints.
struct ExtractedEntity {
    std::string label;
    std::string name;
    std::vector<std::string> aliases;
};

struct ExtractedRelation {
    std::string type;
    std::string subject;  // entity names
    std::string object;
    Value::Map properties;
};

struct ExtractedDocument {
    std::string doc;   // the file name without extension
    std::string lang;  // "de", "en"
    std::vector<ExtractedEntity> entities;
    std::vector<ExtractedRelation> relations;
};

struct ExtractOptions {
    // A rules file (docs/rules.md); empty: the rules kgraph ships.
    std::string rulesPath;
};

// Extraction without a database, with one set of rules.
class Extractor {
public:
    // Loads the rules: INVALID_INPUT with the place of the mistake for bad
    // ones, IO_ERROR for a file that cannot be read.
    static Result<std::unique_ptr<Extractor>> open(const ExtractOptions& options = {});
    ~Extractor();
    Extractor(const Extractor&) = delete;
    Extractor& operator=(const Extractor&) = delete;

    // Reads one article (.txt, .md, with an optional metadata header,
    // docs/cli.md) and extracts from it. INVALID_INPUT with the reason for a
    // file that is not a readable article (binary, not UTF-8, empty, too large).
    Result<ExtractedDocument> extractFile(const std::string& path) const;
    // The same for text in memory; `key` names the document.
    Result<ExtractedDocument> extractText(const std::string& key, std::string_view text) const;

private:
    struct Impl;
    explicit Extractor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

struct BuildProgress {
    uint64_t files = 0;       // done so far
    uint64_t filesTotal = 0;
    uint64_t bytes = 0;
    double seconds = 0;
};

struct BuildOptions {
    std::string rulesPath;  // empty: the rules kgraph ships
    std::function<void(const BuildProgress&)> progress;
};

struct BuildFileResult {
    enum class Outcome { ADDED, CHANGED, UNCHANGED, FAILED };
    std::string path;
    Outcome outcome = Outcome::FAILED;
    std::string message;  // FAILED: why
    uint64_t entities = 0, relations = 0;
};

struct BuildSummary {
    uint64_t added = 0, changed = 0, unchanged = 0, failed = 0;
    uint64_t bytes = 0;
    double seconds = 0;
    std::vector<BuildFileResult> files;
};

class Database {
public:
    // Opens (or creates) the database in `path`. See Status codes: BUSY when
    // another process writes to it, INVALID_INPUT when `path` is not a kgraph
    // database or is from a newer version.
    static Result<std::unique_ptr<Database>> open(const std::string& path, const OpenOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::string& path() const;

    // Imports CSV files all or nothing. REQUIRES: opened read-write.
    Result<ImportSummary> importCsv(const ImportOptions& options);

    DatabaseStats stats() const;

    // Builds the graph from articles: files and folders (recursively; .txt
    // and .md). Each document is one atomic write; one already built from the
    // same content is skipped, one whose content changed replaces its facts.
    // A file that cannot be read or extracted is reported in the summary and
    // the build goes on. Fails as a whole only for bad rules (INVALID_INPUT),
    // a missing path (NOT_FOUND) or a store error. REQUIRES: opened read-write.
    Result<BuildSummary> build(const std::vector<std::string>& paths, const BuildOptions& options = {});

    // Writes the graph in one of the export formats to `request.path`, or to
    // `*out` when the path is empty (not for csv: USAGE). Fails with NOT_FOUND
    // when `around` names no node, INVALID_INPUT for an unknown format or data
    // the format cannot hold; a failed export leaves no file behind.
    Result<ExportSummary> exportGraph(const ExportRequest& request, std::ostream* out) const;

    // Cross-checks every index and counter; lists at most `maxFindings` findings.
    CheckResult check(size_t maxFindings = 100) const;

    // Runs one statement. Reads see the last committed state; a statement that
    // writes is atomic: all of it reaches disk and memory, or none. Failures:
    // INVALID_INPUT (syntax, semantics, runtime errors), LIMIT_EXCEEDED,
    // BUSY (a write on a database opened read-only or locked by a writer).
    // `error`, when given, is filled on failure.
    Result<QueryResult> query(std::string_view text, const QueryOptions& options = {},
                              QueryError* error = nullptr);

    // ---- ingestion of single documents (docs/api.md)

    // Builds one article given as text, as `build` would a file `KEY.md`
    // holding it: `metadata` (title, source, url, published, lang; strings)
    // goes into the article's header. Re-adding the same key with other text
    // replaces what the document stated. INVALID_INPUT for a key that is not
    // a plain file name or text that is not an article; the outcome says
    // whether it was ADDED, CHANGED or UNCHANGED.
    Result<BuildFileResult> addDocument(const std::string& key, std::string_view text,
                                        const std::map<std::string, std::string>& metadata = {},
                                        const BuildOptions& options = {});
    // Builds JSONL facts (docs/facts.md) given as text; `name` names the
    // document of the lines without a `source`. A bad line fails its document
    // only: see the summary.
    Result<BuildSummary> addFacts(const std::string& name, std::string_view jsonl);

private:
    friend class Connection;
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// ---- Connections, prepared statements, transactions

// A statement parsed once, to run many times with different parameters
// (Connection::execute). It is planned at each run against the graph as it
// is then, which costs little next to parsing. Cheap to copy; immutable, so
// any number of threads may run the same one through their own Connections.
class PreparedStatement {
public:
    PreparedStatement();  // empty: running it fails with USAGE
    ~PreparedStatement();
    PreparedStatement(const PreparedStatement&);
    PreparedStatement& operator=(const PreparedStatement&);

    const std::string& text() const;
    // Whether it may write (CREATE, MERGE, SET, REMOVE, DELETE).
    bool writes() const;

private:
    friend class Connection;
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

// A session on a Database: runs statements, alone or in an explicit
// transaction. Not thread-safe: give each thread its own Connection (any
// number may share one Database). Must not outlive its Database.
//
// Outside a transaction each statement commits on its own, as Database::query.
// Inside one (begin() .. commit() or rollback()), statements see the writes of
// those before them, and commit() makes all of them durable in one atomic
// write; rollback(), destroying the Connection, or the process dying leaves
// no trace of them. From its first write until its end a transaction holds
// the database's writer lock: other threads' statements wait for it, so keep
// transactions short, and do not run statements through another Connection
// or Database::query on the same thread meanwhile (they would wait forever).
// A statement that fails while running rolls the whole transaction back
// (commit() then fails; rollback() ends it); one that fails to compile
// (a syntax error, a missing parameter) changes nothing.
class Connection {
public:
    explicit Connection(Database& database);
    ~Connection();  // rolls back an open transaction
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one statement with `$name` parameters. Failures as Database::query.
    Result<QueryResult> query(std::string_view text, const Value::Map& parameters = {}, QueryError* error = nullptr);
    // The same with every option: parameters, timeout, memory bound, cancellation.
    Result<QueryResult> run(std::string_view text, const QueryOptions& options, QueryError* error = nullptr);

    // Parses a statement for execute(). INVALID_INPUT (and `error`) for a syntax error.
    Result<PreparedStatement> prepare(std::string_view text, QueryError* error = nullptr);
    Result<QueryResult> execute(const PreparedStatement& statement, const Value::Map& parameters = {},
                                QueryError* error = nullptr);
    Result<QueryResult> run(const PreparedStatement& statement, const QueryOptions& options,
                            QueryError* error = nullptr);

    // USAGE when a transaction is already open.
    Status begin();
    // USAGE without an open transaction; INVALID_INPUT when a statement of it
    // failed (it was rolled back); IO_ERROR when the store refused the write
    // (nothing was written). The transaction is over either way.
    Status commit();
    // Undoes the open transaction's writes. USAGE without one.
    Status rollback();
    bool inTransaction() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kgraph
