// Benchmark: PageRank and weakly connected components on a SNAP graph.
//
//   graph_algorithms NODES.csv EDGES.csv [RUNS]
//
// Loads the edge list (one `src,dst` or `src<TAB>dst` a line, no header) into
// a scratch database through the bulk loader, loads the in-memory graph, then
// times each algorithm RUNS times and prints the medians: PageRank as edges
// per second per iteration (fixed 20 iterations), WCC as edges per second.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>

#include "graph/algorithms/algorithms.hpp"
#include "graph/graph.hpp"
#include "storage/bulk_loader.hpp"
#include "storage/store.hpp"

using namespace kgraph;
namespace fs = std::filesystem;

namespace {

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename F>
double median(int runs, F&& f) {
    std::vector<double> t;
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        f();
        t.push_back(seconds(start));
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

int64_t parse(std::string_view s) {
    int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: graph_algorithms NODES.csv EDGES.csv [RUNS]\n");
        return 2;
    }
    const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
    fs::path dir = fs::temp_directory_path() / fmt::format("kg-bench-algo-{}", ::getpid());
    fs::remove_all(dir);
    {
        auto store = storage::Store::open(dir.string());
        if (!store) {
            fmt::print(stderr, "error: {}\n", store.status().message());
            return 1;
        }
        auto loader = (*store)->beginBulkLoad();
        storage::TokenId label = loader->token(storage::TokenKind::LABEL, "Node");
        storage::TokenId type = loader->token(storage::TokenKind::TYPE, "EDGE");
        std::unordered_map<int64_t, storage::NodeId> nodes;
        std::ifstream in(argv[1]);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) nodes[parse(line)] = loader->addNode(std::vector<storage::TokenId>{label}, {});
        std::ifstream edges(argv[2]);
        while (std::getline(edges, line)) {
            size_t sep = line.find_first_of(",\t ");
            if (sep == std::string::npos) continue;
            auto s = nodes.find(parse(std::string_view(line).substr(0, sep)));
            auto d = nodes.find(parse(std::string_view(line).substr(sep + 1)));
            if (s == nodes.end() || d == nodes.end()) continue;
            loader->addRel(type, s->second, d->second, {});
        }
        if (Status st = loader->commit(); !st.isOk()) {
            fmt::print(stderr, "error: {}\n", st.message());
            return 1;
        }
        loader.reset();
        auto g = graph::Graph::load(**store);
        if (!g) {
            fmt::print(stderr, "error: {}\n", g.status().message());
            return 1;
        }
        const graph::Graph& graph = **g;
        const double m = static_cast<double>(graph.edgeCount());
        fmt::print("graph: {} nodes, {} relationships\n", graph.vertexCount(), graph.edgeCount());

        constexpr int kIterations = 20;
        graph::PageRankOptions pr{0.85, kIterations, 0.0};  // tolerance 0: run every iteration
        double prTime = median(runs, [&] { (void)graph::pageRank(graph, {}, pr); });
        double wccTime = median(runs, [&] { (void)graph::weaklyConnectedComponents(graph, {}); });
        graph::AlgoScope out;
        double projectTime = median(runs, [&] { (void)graph::degrees(graph, out); });
        fmt::print("pagerank  {} iterations: median {:.3f} s = {:.1f} M edges/s per iteration\n", kIterations, prTime,
                   m * kIterations / prTime / 1e6);
        fmt::print("wcc       median {:.3f} s = {:.1f} M edges/s\n", wccTime, m / wccTime / 1e6);
        fmt::print("projection (degree) median {:.3f} s = {:.1f} M edges/s\n", projectTime, m / projectTime / 1e6);
    }
    fs::remove_all(dir);
    return 0;
}
