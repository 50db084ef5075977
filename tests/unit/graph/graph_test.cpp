#include "graph/graph.hpp"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "storage/bulk_loader.hpp"
#include "storage/store.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::graph {
namespace {

namespace fs = std::filesystem;
using storage::TokenKind;

class GraphTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::path(testing::TempDir()) /
               ("kg-graph-" + std::to_string(::getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        auto s = storage::Store::open(dir_.string());
        ASSERT_TRUE(s.isOk()) << s.status().message();
        store_ = std::move(*s);
        // The seed article in miniature.
        storage::WriteBatch b = store_->beginWrite();
        baidu_ = b.createNode({"Company"}, {{"name", "Baidu"}, {"aliases", Value::List{"百度"}}});
        alibaba_ = b.createNode({"Company"}, {{"name", "Alibaba"}, {"aliases", Value::List{"Alibabas"}}});
        cloud_ = b.createNode({"Company"}, {{"name", "Alibaba Cloud"}});
        ai_ = b.createNode({"Topic"}, {{"name", "AI"}, {"aliases", Value::List{"KI"}}});
        bailian_ = b.createNode({"Product"}, {{"name", "Bailian"}});
        invests1_ = *b.createRel("INVESTS_IN", baidu_, ai_, {{"amount", 4.2e9}, {"currency", "CNY"}});
        invests2_ = *b.createRel("INVESTS_IN", alibaba_, ai_, {{"amount", 23e9}, {"currency", "CNY"}});
        develops_ = *b.createRel("DEVELOPS", cloud_, bailian_, {});
        subsidiary_ = *b.createRel("SUBSIDIARY_OF", cloud_, alibaba_, {});
        ASSERT_TRUE(b.commit().isOk());
        reload();
    }
    void TearDown() override {
        graph_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }
    void reload() {
        auto g = Graph::load(*store_);
        ASSERT_TRUE(g.isOk()) << g.status().message();
        graph_ = std::move(*g);
    }
    TokenId token(TokenKind kind, const char* name) { return *store_->findToken(kind, name); }
    VertexIndex v(NodeId n) { return graph_->vertexOf(n); }
    std::vector<NodeId> outNeighbours(NodeId n, std::optional<TokenId> type = std::nullopt) {
        std::vector<NodeId> out;
        graph_->forEachOut(v(n), type, [&](EdgeIndex, VertexIndex o) { return out.push_back(graph_->nodeId(o)), true; });
        std::sort(out.begin(), out.end());
        return out;
    }
    std::vector<NodeId> inNeighbours(NodeId n, std::optional<TokenId> type = std::nullopt) {
        std::vector<NodeId> out;
        graph_->forEachIn(v(n), type, [&](EdgeIndex, VertexIndex o) { return out.push_back(graph_->nodeId(o)), true; });
        std::sort(out.begin(), out.end());
        return out;
    }
    // Every fact of the graph, as comparable text.
    std::vector<std::string> dump(const Graph& g) {
        std::vector<std::string> facts;
        for (VertexIndex x = 0; x < g.vertexCapacity(); ++x) {
            if (!g.vertexLive(x)) continue;
            std::string f = "node " + std::to_string(g.nodeId(x));
            for (TokenId l : g.labels(x)) f += " :" + store_->tokenName(TokenKind::LABEL, l);
            for (const auto& [k, val] : g.properties(x)) f += " " + store_->tokenName(TokenKind::PROPERTY, k) + "=" + val.toString();
            facts.push_back(f);
            g.forEachOut(x, std::nullopt, [&](EdgeIndex e, VertexIndex o) {
                std::string r = "rel " + std::to_string(g.relId(e)) + " " + std::to_string(g.nodeId(x)) + "-" +
                                store_->tokenName(TokenKind::TYPE, g.type(e)) + "->" + std::to_string(g.nodeId(o));
                for (const auto& [k, val] : g.edgeProperties(e))
                    r += " " + store_->tokenName(TokenKind::PROPERTY, k) + "=" + val.toString();
                facts.push_back(r);
                return true;
            });
        }
        std::sort(facts.begin(), facts.end());
        return facts;
    }

    fs::path dir_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<Graph> graph_;
    NodeId baidu_, alibaba_, cloud_, ai_, bailian_;
    RelId invests1_, invests2_, develops_, subsidiary_;
};

TEST_F(GraphTest, LoadsEveryNodeAndRelationship) {
    EXPECT_EQ(graph_->vertexCount(), 5u);
    EXPECT_EQ(graph_->edgeCount(), 4u);
    EXPECT_EQ(outNeighbours(cloud_), (std::vector<NodeId>{alibaba_, bailian_}));
    EXPECT_EQ(inNeighbours(ai_), (std::vector<NodeId>{baidu_, alibaba_}));
    TokenId develops = token(TokenKind::TYPE, "DEVELOPS");
    EXPECT_EQ(outNeighbours(cloud_, develops), std::vector<NodeId>{bailian_});
    EXPECT_EQ(inNeighbours(bailian_, develops), std::vector<NodeId>{cloud_});
    EXPECT_TRUE(outNeighbours(baidu_, develops).empty());
    EXPECT_EQ(graph_->outDegree(v(cloud_)), 2u);
    EXPECT_EQ(graph_->inDegree(v(ai_), token(TokenKind::TYPE, "INVESTS_IN")), 2u);

    EdgeIndex e = graph_->edgeOf(invests1_);
    ASSERT_NE(e, kNoEdge);
    EXPECT_EQ(graph_->nodeId(graph_->source(e)), baidu_);
    EXPECT_EQ(graph_->nodeId(graph_->target(e)), ai_);
    EXPECT_EQ(*graph_->edgeProperty(e, token(TokenKind::PROPERTY, "amount")), Value(4.2e9));
    EXPECT_TRUE(graph_->hasLabel(v(baidu_), token(TokenKind::LABEL, "Company")));
    EXPECT_EQ(*graph_->property(v(bailian_), token(TokenKind::PROPERTY, "name")), Value("Bailian"));
}

TEST_F(GraphTest, IndexesFindByLabelNameAliasAndProperty) {
    TokenId company = token(TokenKind::LABEL, "Company");
    std::vector<VertexIndex> companies = graph_->verticesWithLabel(company);
    EXPECT_EQ(companies.size(), 3u);
    EXPECT_EQ(graph_->edgesWithType(token(TokenKind::TYPE, "INVESTS_IN")).size(), 2u);
    EXPECT_EQ(graph_->findByName(company, "alibaba cloud"), std::vector<VertexIndex>{v(cloud_)});
    EXPECT_TRUE(graph_->findByName(token(TokenKind::LABEL, "Topic"), "Baidu").empty());
    EXPECT_EQ(graph_->findByAlias("ki"), std::vector<VertexIndex>{v(ai_)});
    EXPECT_EQ(graph_->findByAlias("百度"), std::vector<VertexIndex>{v(baidu_)});
    EXPECT_EQ(graph_->findByProperty(company, token(TokenKind::PROPERTY, "name"), Value("Baidu")),
              std::vector<VertexIndex>{v(baidu_)});
    EXPECT_TRUE(graph_->findByProperty(company, token(TokenKind::PROPERTY, "name"), Value("baidu")).empty());
}

TEST_F(GraphTest, WritesReachStoreAndGraphAlike) {
    TokenId name = token(TokenKind::PROPERTY, "name");
    TokenId company = token(TokenKind::LABEL, "Company");
    // Build the property index before the write, so the write must update it.
    EXPECT_EQ(graph_->findByProperty(company, name, Value("Tencent")).size(), 0u);
    storage::WriteBatch b = store_->beginWrite();
    NodeId tencent = b.createNode({"Company"}, {{"name", "Tencent"}, {"aliases", Value::List{"腾讯"}}});
    RelId r = *b.createRel("INVESTS_IN", tencent, ai_, {{"amount", 23e9}});
    ASSERT_TRUE(b.setNodeProperty(baidu_, "name", "Baidu Inc").isOk());
    ASSERT_TRUE(b.setRelProperty(invests2_, "period", "2024-H1").isOk());
    ASSERT_TRUE(b.deleteRel(develops_).isOk());
    ASSERT_TRUE(b.deleteNode(bailian_).isOk());
    ASSERT_TRUE(graph_->commit(b).isOk());

    EXPECT_EQ(graph_->vertexCount(), 5u);
    EXPECT_EQ(graph_->edgeCount(), 4u);
    EXPECT_EQ(graph_->deltaEdgeCount(), 1u);
    EXPECT_EQ(inNeighbours(ai_), (std::vector<NodeId>{baidu_, alibaba_, tencent}));
    EXPECT_EQ(outNeighbours(tencent, token(TokenKind::TYPE, "INVESTS_IN")), std::vector<NodeId>{ai_});
    EXPECT_EQ(outNeighbours(cloud_), std::vector<NodeId>{alibaba_});
    EXPECT_EQ(graph_->vertexOf(bailian_), kNoVertex);
    EXPECT_EQ(graph_->edgeOf(develops_), kNoEdge);
    EXPECT_NE(graph_->edgeOf(r), kNoEdge);
    EXPECT_EQ(graph_->findByName(company, "Tencent"), std::vector<VertexIndex>{v(tencent)});
    EXPECT_TRUE(graph_->findByName(company, "Baidu").empty());
    EXPECT_EQ(graph_->findByName(company, "baidu inc"), std::vector<VertexIndex>{v(baidu_)});
    EXPECT_EQ(graph_->findByAlias("腾讯"), std::vector<VertexIndex>{v(tencent)});
    EXPECT_EQ(graph_->findByProperty(company, name, Value("Tencent")), std::vector<VertexIndex>{v(tencent)});
    EXPECT_EQ(graph_->verticesWithLabel(token(TokenKind::LABEL, "Product")).size(), 0u);

    // The graph in memory equals a fresh load of what the store holds.
    std::vector<std::string> before = dump(*graph_);
    auto fresh = Graph::load(*store_);
    ASSERT_TRUE(fresh.isOk());
    EXPECT_EQ(dump(**fresh), before);
    // And compaction changes nothing visible.
    graph_->compact();
    EXPECT_EQ(graph_->deltaEdgeCount(), 0u);
    EXPECT_EQ(dump(*graph_), before);
    EXPECT_EQ(graph_->findByAlias("腾讯"), std::vector<VertexIndex>{graph_->vertexOf(tencent)});
}

TEST_F(GraphTest, AFailedCommitChangesNothing) {
    std::vector<std::string> before = dump(*graph_);
    storage::WriteBatch b = store_->beginWrite();
    b.createNode({"Company"}, {{"name", "Tencent"}});
    ASSERT_TRUE(b.deleteNode(ai_, /*detach=*/true).isOk());
    Status s = b.deleteNode(ai_);  // already deleted in this batch
    EXPECT_FALSE(s.isOk());
    // Dropping the batch: neither store nor graph change.
    { storage::WriteBatch dropped = std::move(b); }
    EXPECT_EQ(dump(*graph_), before);
    reload();
    EXPECT_EQ(dump(*graph_), before);
}

TEST_F(GraphTest, ManyWritesTriggerCompactionAndStayConsistent) {
    storage::WriteBatch b = store_->beginWrite();
    std::vector<NodeId> nodes;
    for (int i = 0; i < 3000; ++i) nodes.push_back(b.createNode({"Person"}, {{"name", "p" + std::to_string(i)}}));
    for (int i = 0; i < 6000; ++i) ASSERT_TRUE(b.createRel("KNOWS", nodes[i % 3000], nodes[(i * 7 + 1) % 3000], {}).isOk());
    ASSERT_TRUE(graph_->commit(b).isOk());
    EXPECT_EQ(graph_->deltaEdgeCount(), 0u) << "6000 new edges on 4 should have compacted";
    EXPECT_EQ(graph_->edgeCount(), 6004u);
    auto fresh = Graph::load(*store_);
    ASSERT_TRUE(fresh.isOk());
    EXPECT_EQ(dump(**fresh), dump(*graph_));
    EXPECT_TRUE(store_->check().ok());
}

TEST_F(GraphTest, MemoryUsageIsAccounted) {
    MemoryUsage m = graph_->memoryUsage();
    EXPECT_GT(m.topologyBytes, 0u);
    EXPECT_GT(m.propertyBytes, 0u);
    EXPECT_GT(m.indexBytes, 0u);
    EXPECT_EQ(m.total(), m.topologyBytes + m.vertexBytes + m.propertyBytes + m.indexBytes);
}

}  // namespace
}  // namespace kgraph::graph
