// writeDocument with a BuildMemory: what the build remembers between
// documents must give the same store as reading it back, and must be
// forgotten when someone else writes in between.
#include "ingest/builder/builder.hpp"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

namespace kgraph::ingest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kText = "Lumora invests in AI.";

Evidence evidence(uint32_t begin, uint32_t end) {
    Evidence ev;
    ev.sentenceEnd = static_cast<uint32_t>(kText.size());
    ev.begin = begin, ev.end = end;
    ev.rule = "test";
    return ev;
}

ExtractedEntity entity(std::string label, std::string name, std::vector<std::string> aliases = {}) {
    ExtractedEntity e;
    e.entity = {std::move(label), std::move(name), std::move(aliases)};
    e.evidence.push_back(evidence(0, 6));
    return e;
}

Extraction lumoraInvests(std::vector<std::string> aliases) {
    Extraction x;
    x.entities = {entity("Company", "Lumora", std::move(aliases)), entity("Topic", "AI")};
    ExtractedRelation r;
    r.relation = {"INVESTS_IN", "Lumora", "AI", {}};
    r.evidence.push_back(evidence(0, 20));
    x.relations.push_back(std::move(r));
    return x;
}

class BuilderTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::path(testing::TempDir()) /
               ("kg-builder-" + std::to_string(::getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        auto s = storage::Store::open(dir_.string());
        ASSERT_TRUE(s.isOk()) << s.status().message();
        store_ = std::move(*s);
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }

    void write(const std::string& key, const Extraction& x) {
        DocumentFacts facts;
        facts.key = key;
        facts.hash = key;
        facts.text = kText;
        facts.extraction = &x;
        storage::WriteBatch batch = store_->beginWrite();
        memory_.beginDocument(*store_);
        auto outcome = writeDocument(*store_, batch, facts, &memory_);
        ASSERT_TRUE(outcome.isOk()) << outcome.status().message();
        ASSERT_TRUE(batch.commit().isOk());
        memory_.committed(*store_, *outcome);
    }

    std::vector<storage::NodeId> companies(std::string_view name) {
        return store_->findByName(*store_->findToken(storage::TokenKind::LABEL, "Company"), name);
    }

    fs::path dir_;
    std::unique_ptr<storage::Store> store_;
    BuildMemory memory_;
};

TEST_F(BuilderTest, RemembersEntitiesAcrossDocumentsAndStillMergesNewAliases) {
    write("a", lumoraInvests({"Lumora AG"}));
    write("b", lumoraInvests({"Lumora AG"}));
    write("c", lumoraInvests({"Lumora Holding"}));
    auto ids = companies("Lumora");
    ASSERT_EQ(ids.size(), 1u);
    auto node = store_->node(ids[0]);
    ASSERT_TRUE(node.isOk());
    const Value* aliases = node->property(*store_->findToken(storage::TokenKind::PROPERTY, "aliases"));
    ASSERT_NE(aliases, nullptr);
    EXPECT_EQ(*aliases, Value(Value::List{Value("Lumora AG"), Value("Lumora Holding")}));
    EXPECT_EQ(store_->counts().nodes, 5u);  // three documents, Lumora, AI
    size_t invests = 0;
    ASSERT_TRUE(store_->scanAdjacent(ids[0], storage::Direction::OUT, std::nullopt, [&](const storage::Adjacent&) {
                         ++invests;
                         return true;
                     }).isOk());
    EXPECT_EQ(invests, 1u);  // one INVESTS_IN, stated three times
    EXPECT_EQ(store_->evidenceOf({storage::ElementRef::Kind::NODE, ids[0]}).size(), 3u);
    EXPECT_TRUE(store_->check().findings.empty());
}

TEST_F(BuilderTest, ForgetsWhatAnotherWriterChanged) {
    write("a", lumoraInvests({}));
    const storage::NodeId first = companies("Lumora").at(0);
    {
        // Someone else deletes Lumora between two documents of the build.
        storage::WriteBatch batch = store_->beginWrite();
        ASSERT_TRUE(batch.deleteNode(first, /*detach=*/true).isOk());
        ASSERT_TRUE(batch.commit().isOk());
    }
    write("b", lumoraInvests({}));
    auto ids = companies("Lumora");
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_NE(ids[0], first);  // created anew, not the deleted one remembered
    EXPECT_TRUE(store_->check().findings.empty());
}

}  // namespace
}  // namespace kgraph::ingest
