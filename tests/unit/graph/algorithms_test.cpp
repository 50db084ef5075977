// Algorithm results against NetworkX references (tests/data/algorithms/README.md).
#include "graph/algorithms/algorithms.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

#include <stdexcept>

#include <gtest/gtest.h>

#include "storage/bulk_loader.hpp"
#include "storage/store.hpp"

namespace kgraph::graph {
namespace {

namespace fs = std::filesystem;
using storage::TokenKind;

const fs::path kData = fs::path(KG_SOURCE_DIR) / "tests/data/algorithms";
const fs::path kWikiVote = fs::path(KG_SHARED_DIR) / "datasets/snap/wiki-Vote";

// Rows of a CSV file without quoting, split on ','; the header is skipped when asked.
std::vector<std::vector<std::string>> readCsv(const fs::path& path, bool header = true) {
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << path;
    std::vector<std::vector<std::string>> rows;
    std::string line;
    if (header) std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string f;
        while (std::getline(ss, f, ',')) fields.push_back(f);
        rows.push_back(fields);
    }
    return rows;
}

// A graph loaded from an id list and an edge list (`src,dst[,weight]`), nodes
// labelled N, relationships typed E, weights as property `weight`.
class AlgoGraph {
public:
    AlgoGraph(const fs::path& nodes, const fs::path& edges, bool header) {
        // ctest runs cases in parallel processes: the directory must be this process's own.
        dir_ = fs::path(testing::TempDir()) / ("kg-algo-" + std::to_string(::getpid()) + "-" + edges.filename().string());
        fs::remove_all(dir_);
        auto opened = storage::Store::open(dir_.string());
        if (!opened) throw std::runtime_error(opened.status().message());
        store_ = std::move(*opened);
        auto loader = store_->beginBulkLoad();
        TokenId label = loader->token(TokenKind::LABEL, "N"), type = loader->token(TokenKind::TYPE, "E");
        TokenId idKey = loader->token(TokenKind::PROPERTY, "id"), weightKey = loader->token(TokenKind::PROPERTY, "weight");
        for (const auto& row : readCsv(nodes, header)) {
            int64_t id = std::stoll(row[0]);
            nodeOf_[id] = loader->addNode(std::vector<TokenId>{label}, {{idKey, Value(id)}});
        }
        for (const auto& row : readCsv(edges, header)) {
            storage::PropertyList props;
            if (row.size() > 2) props.emplace_back(weightKey, Value(std::stod(row[2])));
            loader->addRel(type, nodeOf_.at(std::stoll(row[0])), nodeOf_.at(std::stoll(row[1])), std::move(props));
        }
        EXPECT_TRUE(loader->commit().isOk());
        loader.reset();
        graph_ = std::move(*Graph::load(*store_));
        for (const auto& [id, node] : nodeOf_) idOf_[graph_->vertexOf(node)] = id;
    }
    ~AlgoGraph() {
        graph_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }
    const Graph& g() const { return *graph_; }
    VertexIndex v(int64_t id) const { return graph_->vertexOf(nodeOf_.at(id)); }
    int64_t id(VertexIndex v) const { return idOf_.at(v); }
    const std::map<int64_t, NodeId>& ids() const { return nodeOf_; }
    TokenId token(TokenKind kind, const char* name) const { return *store_->findToken(kind, name); }
    std::string pathText(const Path& p) const {
        std::string s;
        for (VertexIndex x : p.vertices) s += (s.empty() ? "" : "|") + std::to_string(id(x));
        return s;
    }

private:
    fs::path dir_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<Graph> graph_;
    std::map<int64_t, NodeId> nodeOf_;
    std::map<VertexIndex, int64_t> idOf_;
};

AlgoGraph smallGraph(const char* name) {
    return AlgoGraph(kData / (std::string(name) + ".nodes.csv"), kData / (std::string(name) + ".edges.csv"), true);
}

// Component ids of ours, checked against canonical groups (component = smallest id in it).
void expectSameComponents(const AlgoGraph& a, const std::vector<uint32_t>& ours, const fs::path& reference) {
    std::map<uint32_t, int64_t> smallest;
    for (const auto& [id, node] : a.ids()) {
        uint32_t c = ours[a.v(id)];
        if (!smallest.count(c)) smallest[c] = id;  // ids() ascends
    }
    for (const auto& row : readCsv(reference))
        EXPECT_EQ(smallest[ours[a.v(std::stoll(row[0]))]], std::stoll(row[1])) << "node " << row[0];
}

TEST(AlgorithmsTest, PageRankMatchesNetworkX) {
    AlgoGraph a = smallGraph("a");
    PageRankResult r = pageRank(a.g(), {}, {0.85, 1000, 1e-12});
    EXPECT_TRUE(r.converged);
    double sum = 0;
    for (const auto& row : readCsv(kData / "a.pagerank.csv")) {
        EXPECT_NEAR(r.scores[a.v(std::stoll(row[0]))], std::stod(row[1]), 1e-12) << "node " << row[0];
        sum += r.scores[a.v(std::stoll(row[0]))];
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(AlgorithmsTest, ComponentsMatchNetworkX) {
    AlgoGraph a = smallGraph("a");
    expectSameComponents(a, weaklyConnectedComponents(a.g(), {}), kData / "a.wcc.csv");
    expectSameComponents(a, stronglyConnectedComponents(a.g(), {}), kData / "a.scc.csv");
}

TEST(AlgorithmsTest, BetweennessMatchesNetworkXExactly) {
    for (const char* name : {"a", "d"}) {
        AlgoGraph a = smallGraph(name);
        std::vector<double> normalized = betweenness(a.g(), {}, true);
        std::vector<double> raw = betweenness(a.g(), {}, false);
        for (const auto& row : readCsv(kData / (std::string(name) + ".betweenness.csv"))) {
            VertexIndex v = a.v(std::stoll(row[0]));
            EXPECT_NEAR(normalized[v], std::stod(row[1]), 1e-12) << name << " node " << row[0];
            EXPECT_NEAR(raw[v], std::stod(row[2]), 1e-9) << name << " node " << row[0];
        }
    }
}

TEST(AlgorithmsTest, DegreesInEachDirection) {
    AlgoGraph a = smallGraph("a");
    AlgoScope in, out, both;
    in.direction = Direction::IN;
    both.direction = Direction::BOTH;
    auto din = degrees(a.g(), in), dout = degrees(a.g(), out), dboth = degrees(a.g(), both);
    for (const auto& row : readCsv(kData / "a.degrees.csv")) {
        VertexIndex v = a.v(std::stoll(row[0]));
        EXPECT_EQ(din[v], std::stoll(row[1])) << row[0];
        EXPECT_EQ(dout[v], std::stoll(row[2])) << row[0];
        EXPECT_EQ(dboth[v], std::stoll(row[3])) << row[0];
    }
}

TEST(AlgorithmsTest, DijkstraMatchesNetworkX) {
    AlgoGraph b = smallGraph("b");
    TokenId weight = b.token(TokenKind::PROPERTY, "weight");
    std::set<int64_t> reachable;
    for (const auto& row : readCsv(kData / "b.dijkstra-paths.csv")) {
        int64_t target = std::stoll(row[1]);
        reachable.insert(target);
        auto r = weightedShortestPath(b.g(), b.v(1), b.v(target), {}, weight);
        ASSERT_TRUE(r.isOk()) << r.status().message();
        ASSERT_TRUE(r->has_value()) << "target " << target;
        EXPECT_DOUBLE_EQ((*r)->cost, std::stod(row[2])) << "target " << target;
        EXPECT_EQ((*r)->path.edges.size() + 1, (*r)->path.vertices.size());
        if (row[3] == "1") {
            EXPECT_EQ(b.pathText((*r)->path), row[4]) << "target " << target;
        }
    }
    for (const auto& [id, node] : b.ids()) {
        if (reachable.count(id)) continue;
        auto r = weightedShortestPath(b.g(), b.v(1), b.v(id), {}, weight);
        ASSERT_TRUE(r.isOk());
        EXPECT_FALSE(r->has_value()) << "node " << id << " should be unreachable";
    }
    // A missing weight is an error, not a silent zero.
    auto bad = weightedShortestPath(b.g(), b.v(1), b.v(2), {}, b.token(TokenKind::PROPERTY, "id"));
    EXPECT_EQ(bad.status().code(), StatusCode::INVALID_INPUT);
}

TEST(AlgorithmsTest, AllShortestPathsInBothDirectionsAndDirected) {
    AlgoGraph c = smallGraph("c");
    auto texts = [&](Direction d) {
        AlgoScope scope;
        scope.direction = d;
        auto paths = allShortestPaths(c.g(), c.v(1), c.v(9), scope);
        EXPECT_TRUE(paths.isOk());
        std::set<std::string> out;
        for (const Path& p : *paths) out.insert(c.pathText(p));
        return out;
    };
    std::set<std::string> want, wantDirected;
    for (const auto& row : readCsv(kData / "c.all-shortest-paths.csv")) want.insert(row[0]);
    for (const auto& row : readCsv(kData / "c.all-shortest-paths-directed.csv")) wantDirected.insert(row[0]);
    EXPECT_EQ(texts(Direction::BOTH), want);
    EXPECT_EQ(texts(Direction::OUT), wantDirected);

    AlgoScope both;
    both.direction = Direction::BOTH;
    auto one = shortestPath(c.g(), c.v(1), c.v(9), both);
    ASSERT_TRUE(one.has_value());
    EXPECT_TRUE(want.count(c.pathText(*one))) << c.pathText(*one);
    auto limited = allShortestPaths(c.g(), c.v(1), c.v(9), both, 3);
    EXPECT_EQ(limited.status().code(), StatusCode::LIMIT_EXCEEDED);
}

TEST(AlgorithmsTest, ScopeLimitsLabelsAndTypes) {
    AlgoGraph a = smallGraph("a");
    AlgoScope none;
    none.types = {a.token(TokenKind::LABEL, "N") + 1000};  // a type no edge has
    std::vector<int64_t> d = degrees(a.g(), none);
    for (const auto& [id, node] : a.ids()) EXPECT_EQ(d[a.v(id)], 0) << id;
    std::vector<uint32_t> wcc = weaklyConnectedComponents(a.g(), none);
    std::set<uint32_t> distinct;
    for (const auto& [id, node] : a.ids()) distinct.insert(wcc[a.v(id)]);
    EXPECT_EQ(distinct.size(), a.ids().size()) << "without edges every vertex is its own component";
    AlgoScope noLabel;
    noLabel.labels = {a.token(TokenKind::LABEL, "N") + 1000};
    EXPECT_TRUE(std::isnan(pageRank(a.g(), noLabel).scores[a.v(1)]));
}

// ---- SNAP wiki-Vote

class WikiVoteTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        if (fs::exists(kWikiVote / "edges.csv"))
            graph_ = new AlgoGraph(kWikiVote / "nodes.csv", kWikiVote / "edges.csv", false);
    }
    static void TearDownTestSuite() {
        delete graph_;
        graph_ = nullptr;
    }
    void SetUp() override {
        if (!graph_) GTEST_SKIP() << "../shared/datasets/snap/wiki-Vote not present";
    }
    static std::map<uint64_t, uint64_t> sizeHistogram(const AlgoGraph& a, const std::vector<uint32_t>& comp) {
        std::map<uint32_t, uint64_t> sizes;
        for (const auto& [id, node] : a.ids()) ++sizes[comp[a.v(id)]];
        std::map<uint64_t, uint64_t> histogram;
        for (const auto& [c, n] : sizes) ++histogram[n];
        return histogram;
    }
    static std::map<uint64_t, uint64_t> referenceHistogram(const char* file) {
        std::map<uint64_t, uint64_t> h;
        for (const auto& row : readCsv(kData / file)) h[std::stoull(row[0])] = std::stoull(row[1]);
        return h;
    }
    static AlgoGraph* graph_;
};
AlgoGraph* WikiVoteTest::graph_ = nullptr;

TEST_F(WikiVoteTest, Sizes) {
    EXPECT_EQ(graph_->g().vertexCount(), 7116u);
    EXPECT_EQ(graph_->g().edgeCount(), 103689u);
}

TEST_F(WikiVoteTest, ComponentSizes) {
    EXPECT_EQ(sizeHistogram(*graph_, weaklyConnectedComponents(graph_->g(), {})), referenceHistogram("wiki-vote.wcc.csv"));
    EXPECT_EQ(sizeHistogram(*graph_, stronglyConnectedComponents(graph_->g(), {})), referenceHistogram("wiki-vote.scc.csv"));
}

TEST_F(WikiVoteTest, BfsDistances) {
    for (const char* file : {"wiki-vote.bfs.csv", "wiki-vote.bfs-undirected.csv"}) {
        AlgoScope scope;
        if (std::string(file).find("undirected") != std::string::npos) scope.direction = Direction::BOTH;
        std::map<int64_t, std::map<int64_t, int64_t>> want;
        for (const auto& row : readCsv(kData / file)) want[std::stoll(row[0])][std::stoll(row[1])] = std::stoll(row[2]);
        for (const auto& [source, targets] : want) {
            std::vector<int64_t> d = bfsDistances(graph_->g(), graph_->v(source), scope);
            size_t reached = 0;
            for (const auto& [id, node] : graph_->ids()) {
                int64_t got = d[graph_->v(id)];
                auto it = targets.find(id);
                EXPECT_EQ(got, it == targets.end() ? -1 : it->second) << file << " " << source << "->" << id;
                reached += got >= 0;
            }
            EXPECT_EQ(reached, targets.size());
        }
    }
}

TEST_F(WikiVoteTest, PageRankWithinOneMillionth) {
    PageRankResult r = pageRank(graph_->g(), {}, {0.85, 1000, 1e-12});
    EXPECT_TRUE(r.converged);
    double worst = 0;
    for (const auto& row : readCsv(kData / "wiki-vote.pagerank.csv"))
        worst = std::max(worst, std::abs(r.scores[graph_->v(std::stoll(row[0]))] - std::stod(row[1])));
    EXPECT_LT(worst, 1e-6);
    EXPECT_LT(worst, 1e-12) << "same start, dangling rule and stopping rule as NetworkX: should agree to rounding";
}

}  // namespace
}  // namespace kgraph::graph
