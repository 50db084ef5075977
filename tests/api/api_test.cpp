// The C++ embedding API (include/kgraph/kgraph.hpp) through libkgraph.so, as
// a program that embeds kgraph sees it: connections, parameters, every value
// type, errors with positions, transactions, prepared statements, ingestion,
// export, and two threads on one Database.
#include <kgraph/kgraph.hpp>

#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

namespace kgraph {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "kg-api-test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string path(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

class ApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = Database::open(dir_.path("kg.db"));
        ASSERT_TRUE(opened) << opened.status().message();
        db_ = std::move(*opened);
        connection_ = std::make_unique<Connection>(*db_);
        run("CREATE (:Company {name: 'Alibaba', founded: 1999})-[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]->"
            "(:Topic {name: 'AI'}), (:Company {name: 'Baidu', founded: 2000})");
    }
    void TearDown() override {
        connection_.reset();
        db_.reset();
    }

    QueryResult run(std::string_view text, const Value::Map& parameters = {}) {
        QueryError error;
        auto r = connection_->query(text, parameters, &error);
        EXPECT_TRUE(r) << text << ": " << r.status().message();
        return r ? std::move(*r) : QueryResult{};
    }
    int64_t count(std::string_view text) { return run(text).rows.at(0).at(0).asInt(); }

    TempDir dir_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<Connection> connection_;
};

TEST_F(ApiTest, QueriesTakeParameters) {
    auto r = run("MATCH (c:Company {name: $name}) RETURN c.founded AS founded", {{"name", "Alibaba"}});
    ASSERT_EQ(r.columns, std::vector<std::string>{"founded"});
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0][0], Value(1999));

    QueryOptions options;
    options.parameters = {{"names", Value::List{"Alibaba", "Baidu"}}};
    auto both = connection_->run("MATCH (c:Company) WHERE c.name IN $names RETURN count(*)", options);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->rows[0][0], Value(2));
}

TEST_F(ApiTest, ResultsCarryEveryValueType) {
    auto r = run(
        "MATCH p = (c:Company {name: 'Alibaba'})-[i:INVESTS_IN]->(t) "
        "RETURN null AS n, true AS b, 42 AS i, 4.2e9 AS f, 'text' AS s, [1, 'two'] AS l, {k: 1.5} AS m, "
        "c, i AS rel, p");
    ASSERT_EQ(r.rows.size(), 1u);
    const auto& row = r.rows[0];
    EXPECT_TRUE(row[0].isNull());
    EXPECT_EQ(row[1], Value(true));
    EXPECT_EQ(row[2], Value(42));
    EXPECT_EQ(row[3], Value(4.2e9));
    EXPECT_EQ(row[4], Value("text"));
    EXPECT_EQ(row[5], Value(Value::List{1, "two"}));
    EXPECT_EQ(row[6], Value(Value::Map{{"k", 1.5}}));

    ASSERT_TRUE(row[7].isNode());
    const NodeData* company = r.node(row[7].asNode());
    ASSERT_NE(company, nullptr);
    EXPECT_EQ(company->labels, std::vector<std::string>{"Company"});
    EXPECT_EQ(company->properties.at("name"), Value("Alibaba"));

    ASSERT_TRUE(row[8].isRelationship());
    const RelationshipData* invests = r.relationship(row[8].asRelationship());
    ASSERT_NE(invests, nullptr);
    EXPECT_EQ(invests->type, "INVESTS_IN");
    EXPECT_EQ(invests->start, company->id);
    EXPECT_EQ(invests->properties.at("currency"), Value("CNY"));

    ASSERT_TRUE(row[9].isPath());
    EXPECT_EQ(row[9].asPath().nodes.size(), 2u);
    EXPECT_EQ(row[9].asPath().relationships, std::vector<uint64_t>{invests->id});

    std::string json = r.toJson();
    EXPECT_NE(json.find("\"columns\":[\"n\",\"b\",\"i\",\"f\",\"s\",\"l\",\"m\",\"c\",\"rel\",\"p\"]"), std::string::npos);
    EXPECT_NE(json.find("null,true,42,4.2e9,\"text\",[1,\"two\"],{\"k\":1.5}"), std::string::npos) << json;
    EXPECT_NE(json.find("\"labels\":[\"Company\"]"), std::string::npos) << json;
    EXPECT_NE(json.find("\"type\":\"INVESTS_IN\""), std::string::npos) << json;
    EXPECT_NE(json.find("{\"nodes\":[{"), std::string::npos) << json;
    EXPECT_EQ(r.toJson(row[5]), "[1,\"two\"]");
    EXPECT_EQ(r.toJson(Value("tab\there\bbell\x01")), "\"tab\\there\\bbell\\u0001\"");

    auto explained = run("EXPLAIN MATCH (c:Company) RETURN c");
    EXPECT_NE(explained.toJson().find(",\"plan\":\""), std::string::npos) << explained.toJson();
}

TEST_F(ApiTest, ErrorsSayWhereAndWhat) {
    QueryError error;
    auto r = connection_->query("MATCH (c:Company)\nRETURN b", Value::Map{}, &error);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(error.kind, "SyntaxError");
    EXPECT_TRUE(error.atCompileTime);
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 8);
    EXPECT_NE(r.status().message().find("line 2:8"), std::string::npos) << r.status().message();

    error = {};
    auto missing = connection_->query("RETURN $nope", Value::Map{}, &error);
    ASSERT_FALSE(missing);
    EXPECT_EQ(error.kind, "ParameterMissing");

    error = {};
    auto runtime = connection_->query("RETURN 1 / 0", Value::Map{}, &error);
    ASSERT_FALSE(runtime);
    EXPECT_FALSE(error.atCompileTime);
}

TEST_F(ApiTest, TransactionSeesItsOwnWritesAndCommitsThemTogether) {
    ASSERT_TRUE(connection_->begin());
    EXPECT_TRUE(connection_->inTransaction());
    run("CREATE (:Company {name: 'Tencent'})");
    EXPECT_EQ(count("MATCH (c:Company {name: 'Tencent'}) RETURN count(*)"), 1);
    run("MATCH (c:Company {name: 'Tencent'}), (t:Topic {name: 'AI'}) CREATE (c)-[:INVESTS_IN]->(t)");
    // Labels, types and keys the transaction made are seen by its later statements.
    run("CREATE (:Startup {valuation: 1})-[:SPUN_OFF_FROM]->(:Startup {valuation: 2})");
    EXPECT_EQ(count("MATCH (:Startup)-[:SPUN_OFF_FROM]->(s:Startup) RETURN sum(s.valuation)"), 2);
    ASSERT_TRUE(connection_->commit());
    EXPECT_FALSE(connection_->inTransaction());

    // Durable: a fresh open of the directory sees both statements.
    connection_.reset();
    db_.reset();
    db_ = std::move(*Database::open(dir_.path("kg.db")));
    connection_ = std::make_unique<Connection>(*db_);
    EXPECT_EQ(count("MATCH (:Company {name: 'Tencent'})-[:INVESTS_IN]->(:Topic) RETURN count(*)"), 1);
}

TEST_F(ApiTest, RolledBackTransactionLeavesNoTrace) {
    const DatabaseStats before = db_->stats();
    ASSERT_TRUE(connection_->begin());
    run("CREATE (:Company {name: 'Tencent'})-[:PARTNERS_WITH]->(:Company {name: 'Ghost'})");
    run("MATCH (c:Company {name: 'Alibaba'}) SET c.founded = 1, c:Listed");
    run("MATCH (t:Topic) DETACH DELETE t");
    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 4);
    ASSERT_TRUE(connection_->rollback());

    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 2);
    EXPECT_EQ(count("MATCH (t:Topic) RETURN count(*)"), 1);
    EXPECT_EQ(count("MATCH (c:Company {name: 'Alibaba'}) WHERE c.founded = 1999 AND NOT c:Listed RETURN count(*)"), 1);
    EXPECT_EQ(count("MATCH ()-[r]->() RETURN count(*)"), 1);
    const DatabaseStats after = db_->stats();
    EXPECT_EQ(after.nodes, before.nodes);
    EXPECT_EQ(after.relationships, before.relationships);
    EXPECT_TRUE(db_->check().ok());

    // And a new type or label the transaction made is unknown afterwards.
    EXPECT_EQ(count("MATCH ()-[r:PARTNERS_WITH]->() RETURN count(*)"), 0);
}

TEST_F(ApiTest, UncommittedTransactionIsUndoneWhenTheConnectionGoes) {
    {
        Connection other(*db_);
        ASSERT_TRUE(other.begin());
        ASSERT_TRUE(other.query("CREATE (:Company {name: 'Tencent'})"));
    }
    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 2);
}

TEST_F(ApiTest, FailedStatementRollsBackTheTransaction) {
    ASSERT_TRUE(connection_->begin());
    run("CREATE (:Company {name: 'Tencent'})");
    // A compile error changes nothing: the transaction goes on.
    EXPECT_FALSE(connection_->query("RETURN nope"));
    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 3);
    // A runtime error rolls all of it back.
    EXPECT_FALSE(connection_->query("MATCH (c:Company) RETURN 1 / 0"));
    EXPECT_FALSE(connection_->query("RETURN 1"));
    Status committed = connection_->commit();
    EXPECT_EQ(committed.code(), StatusCode::INVALID_INPUT);
    EXPECT_FALSE(connection_->inTransaction());
    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 2);
}

TEST_F(ApiTest, TransactionCallsOutOfOrderAreUsageErrors) {
    EXPECT_EQ(connection_->commit().code(), StatusCode::USAGE);
    EXPECT_EQ(connection_->rollback().code(), StatusCode::USAGE);
    ASSERT_TRUE(connection_->begin());
    EXPECT_EQ(connection_->begin().code(), StatusCode::USAGE);
    ASSERT_TRUE(connection_->commit());  // nothing written: fine
}

TEST_F(ApiTest, PreparedStatementRunsWithDifferentParameters) {
    QueryError error;
    auto prepared = connection_->prepare("MATCH (c:Company {name: $name}) RETURN c.founded", &error);
    ASSERT_TRUE(prepared) << prepared.status().message();
    EXPECT_FALSE(prepared->writes());
    auto alibaba = connection_->execute(*prepared, {{"name", "Alibaba"}});
    auto baidu = connection_->execute(*prepared, {{"name", "Baidu"}});
    ASSERT_TRUE(alibaba && baidu);
    EXPECT_EQ(alibaba->rows.at(0).at(0), Value(1999));
    EXPECT_EQ(baidu->rows.at(0).at(0), Value(2000));

    auto insert = connection_->prepare("CREATE (:Company {name: $name})");
    ASSERT_TRUE(insert);
    EXPECT_TRUE(insert->writes());
    for (const char* name : {"A", "B", "C"}) ASSERT_TRUE(connection_->execute(*insert, {{"name", name}}));
    EXPECT_EQ(count("MATCH (c:Company) RETURN count(*)"), 5);

    auto bad = connection_->prepare("MATCH (c RETURN c", &error);
    ASSERT_FALSE(bad);
    EXPECT_EQ(error.kind, "SyntaxError");
    EXPECT_EQ(connection_->execute(PreparedStatement{}).status().code(), StatusCode::USAGE);
}

TEST_F(ApiTest, DocumentsAndFactsGoInAsText) {
    auto added = db_->addDocument("bat-2024",
                                  "Alibaba investierte im ersten Halbjahr 4,2 Milliarden Yuan in KI. "
                                  "Baidu und Tencent folgten.",
                                  {{"title", "BAT: KI"}, {"published", "2024-08-28"}, {"lang", "de"}});
    ASSERT_TRUE(added) << added.status().message();
    EXPECT_EQ(added->outcome, BuildFileResult::Outcome::ADDED);
    EXPECT_EQ(added->path, "bat-2024");
    auto again = db_->addDocument("bat-2024",
                                  "Alibaba investierte im ersten Halbjahr 4,2 Milliarden Yuan in KI. "
                                  "Baidu und Tencent folgten.",
                                  {{"title", "BAT: KI"}, {"published", "2024-08-28"}, {"lang", "de"}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->outcome, BuildFileResult::Outcome::UNCHANGED);
    auto doc = run("MATCH (d:Document {key: 'bat-2024'}) RETURN d.title, d.published");
    ASSERT_EQ(doc.rows.size(), 1u);
    EXPECT_EQ(doc.rows[0][0], Value("BAT: KI"));
    EXPECT_EQ(doc.rows[0][1], Value("2024-08-28"));
    EXPECT_FALSE(db_->addDocument("../escape", "text"));

    auto facts = db_->addFacts("llm",
                               R"({"subject": {"label": "Company", "name": "Tencent"}, "predicate": "PARTNERS_WITH", )"
                               R"("object": {"label": "Company", "name": "Baidu"}})"
                               "\n");
    ASSERT_TRUE(facts) << facts.status().message();
    EXPECT_EQ(facts->added, 1u);
    EXPECT_EQ(count("MATCH (:Company {name: 'Tencent'})-[:PARTNERS_WITH]->(:Company {name: 'Baidu'}) RETURN count(*)"), 1);
}

TEST_F(ApiTest, ExportsToAStream) {
    std::ostringstream dot;
    ExportRequest request;
    request.format = "dot";
    auto summary = db_->exportGraph(request, &dot);
    ASSERT_TRUE(summary) << summary.status().message();
    EXPECT_EQ(summary->nodes, 3u);
    EXPECT_EQ(summary->relationships, 1u);
    EXPECT_NE(dot.str().find("digraph"), std::string::npos);
    EXPECT_NE(dot.str().find("INVESTS_IN"), std::string::npos);

    std::ostringstream nt;
    request.format = "nt";
    ASSERT_TRUE(db_->exportGraph(request, &nt));
    EXPECT_NE(nt.str().find("Alibaba"), std::string::npos);
}

// What the REPL's :export does: the elements of a result, the ends of its relationships with them.
TEST_F(ApiTest, ExportsTheElementsOfAResult) {
    auto r = run("MATCH (:Company {name: 'Alibaba'})-[i:INVESTS_IN]->() RETURN i");
    ASSERT_EQ(r.relationships.size(), 1u);
    ExportRequest request;
    request.format = "json";
    for (const auto& [id, rel] : r.relationships) request.relationshipIds.push_back(id);
    std::ostringstream json;
    auto summary = db_->exportGraph(request, &json);
    ASSERT_TRUE(summary) << summary.status().message();
    EXPECT_EQ(summary->relationships, 1u);
    EXPECT_EQ(summary->nodes, 2u);  // the relationship's ends, not the third node of the graph
    EXPECT_NE(json.str().find("Alibaba"), std::string::npos);

    request.nodeIds = {987654321};  // a node the graph does not have is left out
    request.relationshipIds.clear();
    summary = db_->exportGraph(request, &json);
    ASSERT_TRUE(summary) << summary.status().message();
    EXPECT_EQ(summary->nodes, 0u);

    request.labels = {"Company"};  // ids and a selection by label do not mix
    EXPECT_FALSE(db_->exportGraph(request, &json));
}

TEST_F(ApiTest, AlgorithmsRunAsProcedures) {
    auto r = run("CALL algo.pagerank() YIELD node, score RETURN node.name AS name, score ORDER BY score DESC LIMIT 1");
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0][0], Value("AI"));
}

TEST(ApiOpen, ReadOnlyDatabaseRefusesWrites) {
    TempDir dir;
    {
        auto db = Database::open(dir.path("kg.db"));
        ASSERT_TRUE(db);
        ASSERT_TRUE((*db)->query("CREATE (:Company {name: 'Alibaba'})"));
    }
    OpenOptions options;
    options.readOnly = true;
    options.cacheBytes = 1 << 20;
    auto db = Database::open(dir.path("kg.db"), options);
    ASSERT_TRUE(db);
    Connection connection(**db);
    auto read = connection.query("MATCH (c:Company) RETURN c.name");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->rows.size(), 1u);
    ASSERT_TRUE(connection.begin());
    auto write = connection.query("CREATE (:Company {name: 'Baidu'})");
    EXPECT_EQ(write.status().code(), StatusCode::BUSY);
    EXPECT_TRUE(connection.rollback());
}

// Two threads read the same Database while a third writes in transactions:
// every read sees a consistent count (never a half-done transaction).
TEST(ApiConcurrency, ThreadsQueryOneDatabase) {
    TempDir dir;
    auto opened = Database::open(dir.path("kg.db"));
    ASSERT_TRUE(opened);
    Database& db = **opened;
    ASSERT_TRUE(db.query("UNWIND range(1, 200) AS i CREATE (:Item {n: i})"));

    constexpr int kRounds = 40;
    std::atomic<int> failures{0};
    auto reader = [&] {
        Connection connection(db);
        auto prepared = connection.prepare("MATCH (i:Item) WHERE i.n <= $max RETURN count(*) AS c, sum(i.n) AS s");
        if (!prepared) return void(++failures);
        for (int round = 0; round < kRounds; ++round) {
            auto r = connection.execute(*prepared, {{"max", 100}});
            if (!r || r->rows.at(0).at(0) != Value(100) || r->rows.at(0).at(1) != Value(5050)) ++failures;
            // A property lookup: its index is built on first use, by whichever thread comes first.
            auto item = connection.query("MATCH (i:Item {n: $n}) RETURN i.n", {{"n", round + 1}});
            if (!item || item->rows.size() != 1 || item->rows[0][0] != Value(round + 1)) ++failures;
            // Pairs are committed or rolled back together: the count is always even.
            auto pairs = connection.query("MATCH (p:Pair) RETURN count(*)");
            if (!pairs || pairs->rows.at(0).at(0).asInt() % 2 != 0) ++failures;
        }
    };
    auto writer = [&] {
        Connection connection(db);
        for (int round = 0; round < kRounds / 2; ++round) {
            if (!connection.begin()) ++failures;
            if (!connection.query("CREATE (:Pair {round: $r})", {{"r", round}})) ++failures;
            if (!connection.query("CREATE (:Pair {round: $r})", {{"r", round}})) ++failures;
            if (!(round % 3 ? connection.commit() : connection.rollback())) ++failures;
        }
    };
    std::thread a(reader), b(reader), w(writer);
    a.join();
    b.join();
    w.join();
    EXPECT_EQ(failures.load(), 0);
    auto pairs = db.query("MATCH (p:Pair) RETURN count(*)");
    ASSERT_TRUE(pairs);
    EXPECT_EQ(pairs->rows[0][0], Value(2 * 13));  // rounds 1..19 not divisible by 3
}

}  // namespace
}  // namespace kgraph
