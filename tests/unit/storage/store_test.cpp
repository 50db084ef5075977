#include "storage/store.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "storage/bulk_loader.hpp"
#include "storage/keys.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::storage {
namespace {

namespace fs = std::filesystem;

class StoreTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::path(testing::TempDir()) /
               ("kg-store-" + std::to_string(::getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        reopen();
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    void reopen(OpenOptions options = {}) {
        store_.reset();
        auto s = Store::open(dir_.string(), options);
        ASSERT_TRUE(s.isOk()) << s.status().message();
        store_ = std::move(*s);
    }
    TokenId label(const char* name) { return *store_->findToken(TokenKind::LABEL, name); }
    TokenId type(const char* name) { return *store_->findToken(TokenKind::TYPE, name); }
    TokenId key(const char* name) { return *store_->findToken(TokenKind::PROPERTY, name); }

    // Baidu -INVESTS_IN-> AI, as one batch; returns (baidu, ai, rel).
    std::tuple<NodeId, NodeId, RelId> seed() {
        WriteBatch b = store_->beginWrite();
        NodeId baidu = b.createNode({"Company"}, {{"name", "Baidu"}, {"aliases", Value::List{"百度", "Baidu Inc."}}});
        NodeId ai = b.createNode({"Topic"}, {{"name", "AI"}, {"aliases", Value::List{"KI"}}});
        auto rel = b.createRel("INVESTS_IN", baidu, ai, {{"amount", 4.2e9}, {"currency", "CNY"}, {"period", "2024-H1"}});
        EXPECT_TRUE(rel.isOk());
        EXPECT_TRUE(b.commit().isOk());
        return {baidu, ai, *rel};
    }
    void expectClean() {
        CheckReport r = store_->check();
        EXPECT_TRUE(r.ok()) << (r.findings.empty() ? "" : r.findings[0]);
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, CreateAndReadBack) {
    auto [baidu, ai, rel] = seed();
    auto n = store_->node(baidu);
    ASSERT_TRUE(n.isOk());
    EXPECT_TRUE(n->hasLabel(label("Company")));
    ASSERT_NE(n->property(key("name")), nullptr);
    EXPECT_EQ(*n->property(key("name")), Value("Baidu"));

    auto r = store_->rel(rel);
    ASSERT_TRUE(r.isOk());
    EXPECT_EQ(r->start, baidu);
    EXPECT_EQ(r->end, ai);
    EXPECT_EQ(r->type, type("INVESTS_IN"));
    EXPECT_EQ(*r->property(key("amount")), Value(4.2e9));

    std::vector<Adjacent> out, in;
    ASSERT_TRUE(store_->scanAdjacent(baidu, Direction::OUT, std::nullopt, [&](const Adjacent& a) {
        out.push_back(a);
        return true;
    }).isOk());
    ASSERT_TRUE(store_->scanAdjacent(ai, Direction::IN, type("INVESTS_IN"), [&](const Adjacent& a) {
        in.push_back(a);
        return true;
    }).isOk());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].other, ai);
    EXPECT_EQ(out[0].rel, rel);
    ASSERT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0].other, baidu);

    EXPECT_EQ(store_->node(12345).status().code(), StatusCode::NOT_FOUND);
    EXPECT_EQ(store_->rel(12345).status().code(), StatusCode::NOT_FOUND);
    expectClean();
}

TEST_F(StoreTest, NameAndAliasIndexesNormalise) {
    auto [baidu, ai, rel] = seed();
    EXPECT_EQ(store_->findByName(label("Company"), "BAIDU"), std::vector<NodeId>{baidu});
    EXPECT_TRUE(store_->findByName(label("Topic"), "Baidu").empty());
    EXPECT_EQ(store_->findByAlias("baidu  inc."), std::vector<NodeId>{baidu});
    EXPECT_EQ(store_->findByAlias("百度"), std::vector<NodeId>{baidu});
    EXPECT_EQ(store_->findByAlias("ki"), std::vector<NodeId>{ai});

    // Renaming moves the index entry.
    WriteBatch b = store_->beginWrite();
    ASSERT_TRUE(b.setNodeProperty(baidu, "name", "Baidu Inc").isOk());
    ASSERT_TRUE(b.setNodeProperty(ai, "aliases", Value()).isOk());
    ASSERT_TRUE(b.commit().isOk());
    EXPECT_TRUE(store_->findByName(label("Company"), "Baidu").empty());
    EXPECT_EQ(store_->findByName(label("Company"), "baidu inc"), std::vector<NodeId>{baidu});
    EXPECT_TRUE(store_->findByAlias("KI").empty());
    expectClean();
}

TEST_F(StoreTest, LabelScanAndCounters) {
    auto [baidu, ai, rel] = seed();
    std::vector<NodeId> companies;
    ASSERT_TRUE(store_->scanLabel(label("Company"), [&](NodeId n) {
        companies.push_back(n);
        return true;
    }).isOk());
    EXPECT_EQ(companies, std::vector<NodeId>{baidu});
    Counts c = store_->counts();
    EXPECT_EQ(c.nodes, 2u);
    EXPECT_EQ(c.rels, 1u);
    EXPECT_EQ(c.perLabel[label("Company")], 1u);
    EXPECT_EQ(c.perType[type("INVESTS_IN")], 1u);
    EXPECT_EQ((c.perProperty[{key("amount"), Value::Type::FLOAT}]), 1u);
    EXPECT_EQ((c.perProperty[{key("name"), Value::Type::STRING}]), 2u);
}

TEST_F(StoreTest, UpdateLabelsAndProperties) {
    auto [baidu, ai, rel] = seed();
    WriteBatch b = store_->beginWrite();
    ASSERT_TRUE(b.addLabel(baidu, "Organization").isOk());
    ASSERT_TRUE(b.removeLabel(ai, "Topic").isOk());
    ASSERT_TRUE(b.addLabel(ai, "Field").isOk());
    ASSERT_TRUE(b.setRelProperty(rel, "amount", 5.0e9).isOk());
    ASSERT_TRUE(b.setRelProperty(rel, "currency", Value()).isOk());
    ASSERT_TRUE(b.commit().isOk());
    EXPECT_TRUE(store_->node(baidu)->hasLabel(label("Organization")));
    EXPECT_FALSE(store_->node(ai)->hasLabel(label("Topic")));
    EXPECT_EQ(*store_->rel(rel)->property(key("amount")), Value(5.0e9));
    EXPECT_EQ(store_->rel(rel)->property(key("currency")), nullptr);
    Counts c = store_->counts();
    EXPECT_EQ(c.perLabel.count(label("Topic")), 0u);
    EXPECT_EQ(c.perLabel[label("Field")], 1u);
    expectClean();
}

TEST_F(StoreTest, DeleteNeedsDetachAndTakesEvidenceAlong) {
    auto [baidu, ai, rel] = seed();
    WriteBatch b = store_->beginWrite();
    NodeId doc = b.createNode({"Document"}, {{"title", "BAT"}});
    ASSERT_TRUE(b.putDocument("bat-2024-08-28", doc, "sha256:1").isOk());
    ASSERT_TRUE(b.addEvidence({ElementRef::Kind::REL, rel}, doc, 10, 80, "Baidu investierte ...", "invest.de").isOk());
    ASSERT_TRUE(b.addEvidence({ElementRef::Kind::NODE, baidu}, doc, 10, 15, "Baidu investierte ...", "gazetteer").isOk());
    ASSERT_TRUE(b.commit().isOk());
    EXPECT_EQ(store_->evidenceOf({ElementRef::Kind::REL, rel}).size(), 1u);
    EXPECT_EQ(store_->evidenceFromDocument(doc).size(), 2u);
    EXPECT_EQ(store_->counts().evidence, 2u);

    WriteBatch plain = store_->beginWrite();
    Status s = plain.deleteNode(baidu);
    EXPECT_EQ(s.code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(s.message().find("DETACH"), std::string::npos);
    ASSERT_TRUE(plain.deleteNode(baidu, /*detach=*/true).isOk());
    ASSERT_TRUE(plain.commit().isOk());
    EXPECT_EQ(store_->node(baidu).status().code(), StatusCode::NOT_FOUND);
    EXPECT_EQ(store_->rel(rel).status().code(), StatusCode::NOT_FOUND);
    EXPECT_TRUE(store_->evidenceFromDocument(doc).empty());
    EXPECT_EQ(store_->counts().evidence, 0u);
    EXPECT_EQ(store_->counts().rels, 0u);
    EXPECT_TRUE(store_->findByAlias("百度").empty());
    expectClean();
}

TEST_F(StoreTest, DocumentsAndEvidenceByDocument) {
    WriteBatch b = store_->beginWrite();
    NodeId doc = b.createNode({"Document"}, {{"title", "one"}});
    NodeId x = b.createNode({"Company"}, {{"name", "X"}});
    ASSERT_TRUE(b.putDocument("doc-1", doc, "h1").isOk());
    ASSERT_TRUE(b.addEvidence({ElementRef::Kind::NODE, x}, doc, 0, 1, "X.", "r").isOk());
    ASSERT_TRUE(b.commit().isOk());
    auto d = store_->document("doc-1");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->node, doc);
    EXPECT_EQ(d->hash, "h1");
    EXPECT_FALSE(store_->document("doc-2").has_value());

    // Re-ingesting a document replaces the evidence it contributed.
    WriteBatch again = store_->beginWrite();
    ASSERT_TRUE(again.deleteEvidenceFromDocument(doc).isOk());
    ASSERT_TRUE(again.putDocument("doc-1", doc, "h2").isOk());
    ASSERT_TRUE(again.commit().isOk());
    EXPECT_TRUE(store_->evidenceOf({ElementRef::Kind::NODE, x}).empty());
    EXPECT_EQ(store_->document("doc-1")->hash, "h2");
    EXPECT_EQ(store_->counts().documents, 1u);
    expectClean();
}

TEST_F(StoreTest, AFailedBatchLeavesNothing) {
    auto [baidu, ai, rel] = seed();
    Counts before = store_->counts();
    {
        WriteBatch b = store_->beginWrite();
        NodeId n = b.createNode({"Company"}, {{"name", "Tencent"}});
        ASSERT_TRUE(b.createRel("INVESTS_IN", n, ai, {}).isOk());
        ASSERT_TRUE(b.setNodeProperty(baidu, "name", "changed").isOk());
        auto bad = b.createRel("INVESTS_IN", n, 999999, {});  // midway: an unknown end node
        EXPECT_EQ(bad.status().code(), StatusCode::NOT_FOUND);
        // The caller gives up: the batch is dropped uncommitted.
    }
    EXPECT_EQ(store_->counts(), before);
    EXPECT_TRUE(store_->findByName(label("Company"), "Tencent").empty());
    EXPECT_EQ(*store_->node(baidu)->property(key("name")), Value("Baidu"));
    EXPECT_FALSE(store_->findToken(TokenKind::PROPERTY, "changed").has_value());
    // And the write lock was released: the next batch works.
    WriteBatch next = store_->beginWrite();
    next.createNode({"Company"}, {{"name", "Tencent"}});
    ASSERT_TRUE(next.commit().isOk());
    EXPECT_EQ(store_->counts().nodes, before.nodes + 1);
    expectClean();
}

TEST_F(StoreTest, EverythingSurvivesReopen) {
    auto [baidu, ai, rel] = seed();
    Counts before = store_->counts();
    reopen();
    EXPECT_EQ(store_->counts(), before);
    EXPECT_EQ(*store_->node(baidu)->property(key("name")), Value("Baidu"));
    EXPECT_EQ(store_->rel(rel)->end, ai);
    EXPECT_EQ(store_->findByAlias("KI"), std::vector<NodeId>{ai});
    // Ids continue after the stored ones.
    WriteBatch b = store_->beginWrite();
    NodeId next = b.createNode({"Company"}, {});
    ASSERT_TRUE(b.commit().isOk());
    EXPECT_GT(next, ai);
    expectClean();
}

TEST_F(StoreTest, ReadOnlyOpenSeesCommittedState) {
    seed();
    store_.reset();
    OpenOptions ro;
    ro.readOnly = true;
    auto reader = Store::open(dir_.string(), ro);
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    EXPECT_TRUE((*reader)->readOnly());
    EXPECT_EQ((*reader)->counts().nodes, 2u);
    // A writer may open alongside the reader.
    auto writer = Store::open(dir_.string());
    ASSERT_TRUE(writer.isOk()) << writer.status().message();
}

TEST_F(StoreTest, SecondWriterIsBusy) {
    auto second = Store::open(dir_.string());
    ASSERT_FALSE(second.isOk());
    EXPECT_EQ(second.status().code(), StatusCode::BUSY);
    EXPECT_NE(second.status().message().find("locked"), std::string::npos);
}

TEST_F(StoreTest, OpenRejectsWhatIsNotAKgraphDatabase) {
    store_.reset();
    fs::path file = dir_ / "plain.txt";
    fs::create_directories(dir_ / "other");
    std::ofstream(file) << "hello";
    std::ofstream(dir_ / "other" / "notes.md") << "# notes";

    auto onFile = Store::open(file.string());
    EXPECT_EQ(onFile.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(onFile.status().message().find("not a kgraph database"), std::string::npos);
    auto onDir = Store::open((dir_ / "other").string());
    EXPECT_EQ(onDir.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(onDir.status().message().find("not a kgraph database"), std::string::npos);

    OpenOptions noCreate;
    noCreate.createIfMissing = false;
    EXPECT_EQ(Store::open((dir_ / "absent").string(), noCreate).status().code(), StatusCode::NOT_FOUND);
    EXPECT_FALSE(fs::exists(dir_ / "absent"));
}

TEST_F(StoreTest, OpenRejectsANewerFormat) {
    std::string newer;
    putFixed32(newer, kFormatVersion + 1);
    ASSERT_TRUE(store_->testPutRaw("meta", kFormatVersionKey, newer).isOk());
    store_.reset();
    auto s = Store::open(dir_.string());
    ASSERT_FALSE(s.isOk());
    EXPECT_EQ(s.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(s.status().message().find("newer"), std::string::npos) << s.status().message();
}

TEST_F(StoreTest, OpenRejectsADatabaseWithoutFormatVersion) {
    ASSERT_TRUE(store_->testDeleteRaw("meta", kFormatVersionKey).isOk());
    store_.reset();
    auto s = Store::open(dir_.string());
    EXPECT_EQ(s.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_NE(s.status().message().find("not a kgraph database"), std::string::npos);
}

// ---- bulk loading

TEST_F(StoreTest, BulkLoadIsAllOrNothing) {
    seed();
    Counts before = store_->counts();
    {
        auto loader = store_->beginBulkLoad();
        TokenId person = loader->token(TokenKind::LABEL, "Person");
        TokenId knows = loader->token(TokenKind::TYPE, "KNOWS");
        TokenId name = loader->token(TokenKind::PROPERTY, "name");
        NodeId a = loader->addNode(std::vector<TokenId>{person}, {{name, Value("Ann")}});
        NodeId b = loader->addNode(std::vector<TokenId>{person}, {{name, Value("Bo")}});
        loader->addRel(knows, a, b, {});
        // Dropped without commit.
    }
    EXPECT_EQ(store_->counts(), before);
    EXPECT_FALSE(store_->findToken(TokenKind::LABEL, "Person").has_value());
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().filename().string().find("bulk.tmp"), std::string::npos) << entry.path();
    expectClean();
}

TEST_F(StoreTest, BulkLoadCommitsIntoAnExistingStore) {
    auto [baidu, ai, rel] = seed();
    auto loader = store_->beginBulkLoad();
    TokenId company = loader->token(TokenKind::LABEL, "Company");
    TokenId invests = loader->token(TokenKind::TYPE, "INVESTS_IN");
    TokenId name = loader->token(TokenKind::PROPERTY, "name");
    TokenId aliases = loader->token(TokenKind::PROPERTY, "aliases");
    EXPECT_EQ(company, label("Company"));  // existing tokens are reused
    NodeId tencent = loader->addNode(std::vector<TokenId>{company},
                                     {{name, Value("Tencent")}, {aliases, Value(Value::List{"腾讯"})}});
    RelId r = loader->addRel(invests, tencent, ai, {{name, Value()}});
    ASSERT_TRUE(loader->commit().isOk());
    loader.reset();

    EXPECT_EQ(store_->counts().nodes, 3u);
    EXPECT_EQ(store_->counts().rels, 2u);
    EXPECT_EQ(store_->findByName(label("Company"), "tencent"), std::vector<NodeId>{tencent});
    EXPECT_EQ(store_->findByAlias("腾讯"), std::vector<NodeId>{tencent});
    EXPECT_EQ(store_->rel(r)->end, ai);
    size_t incoming = 0;
    ASSERT_TRUE(store_->scanAdjacent(ai, Direction::IN, std::nullopt, [&](const Adjacent&) {
        ++incoming;
        return true;
    }).isOk());
    EXPECT_EQ(incoming, 2u);
    expectClean();
    reopen();
    EXPECT_EQ(store_->counts().rels, 2u);
    expectClean();
}

// ---- check finds what was broken on purpose

class CheckTest : public StoreTest {
protected:
    void expectFinding(const std::string& needle) {
        CheckReport r = store_->check();
        ASSERT_FALSE(r.ok()) << "expected a finding containing '" << needle << "'";
        bool found = false;
        for (const auto& f : r.findings) found = found || f.find(needle) != std::string::npos;
        EXPECT_TRUE(found) << "first finding: " << r.findings[0];
    }
};

TEST_F(CheckTest, DanglingAdjacencyEntry) {
    auto [baidu, ai, rel] = seed();
    ASSERT_TRUE(store_->testPutRaw("out", keys::adjacency(baidu, type("INVESTS_IN"), ai, 777), "").isOk());
    expectFinding("missing relationship 777");
}

TEST_F(CheckTest, MissingAdjacencyEntry) {
    auto [baidu, ai, rel] = seed();
    ASSERT_TRUE(store_->testDeleteRaw("in", keys::adjacency(ai, type("INVESTS_IN"), baidu, rel)).isOk());
    expectFinding("no incoming adjacency entry");
}

TEST_F(CheckTest, RelationshipToDeletedNode) {
    auto [baidu, ai, rel] = seed();
    ASSERT_TRUE(store_->testDeleteRaw("nodes", keys::id(ai)).isOk());
    expectFinding("ends at missing node");
}

TEST_F(CheckTest, StaleLabelIndexEntry) {
    auto [baidu, ai, rel] = seed();
    ASSERT_TRUE(store_->testPutRaw("labels", keys::label(label("Topic"), baidu), "").isOk());
    expectFinding("the node says not");
}

TEST_F(CheckTest, StaleNameIndexEntry) {
    auto [baidu, ai, rel] = seed();
    std::string k = keys::namePrefix(label("Company"), "ghost");
    putFixed64(k, baidu);
    ASSERT_TRUE(store_->testPutRaw("names", k, "").isOk());
    expectFinding("name index entry");
}

TEST_F(CheckTest, CounterDisagrees) {
    seed();
    ASSERT_TRUE(store_->testPutRaw("meta", keys::countKey("nodes"), keys::id(5)).isOk());
    reopen();
    expectFinding("counter 'nodes' says 5, recount finds 2");
}

TEST_F(CheckTest, UnreadableRecord) {
    auto [baidu, ai, rel] = seed();
    ASSERT_TRUE(store_->testPutRaw("rels", keys::id(rel), "\x01").isOk());
    expectFinding("unreadable");
}

TEST_F(CheckTest, TokenWithoutItsReverseEntry) {
    seed();
    ASSERT_TRUE(store_->testPutRaw("tokens", keys::tokenById('L', 999), "Ghost").isOk());
    expectFinding("no matching by-name entry");
}

TEST_F(CheckTest, EvidenceOfMissingElement) {
    auto [baidu, ai, rel] = seed();
    WriteBatch b = store_->beginWrite();
    NodeId doc = b.createNode({"Document"}, {});
    ASSERT_TRUE(b.addEvidence({ElementRef::Kind::REL, rel}, doc, 0, 5, "s", "r").isOk());
    ASSERT_TRUE(b.commit().isOk());
    ASSERT_TRUE(store_->testDeleteRaw("rels", keys::id(rel)).isOk());
    expectFinding("supports missing element");
}

}  // namespace
}  // namespace kgraph::storage
