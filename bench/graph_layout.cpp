// Measurement behind graph/graph.hpp's choice of layout: a Boost
// compressed_sparse_row_graph against a bidirectional adjacency_list, both
// holding the relationships of a database (id and type per edge).
//
//   graph_layout DB
//
// Prints, per layout: build time, heap bytes per relationship (mallinfo2
// before and after), and the time of one full scan of out-edges and in-edges.
#include <malloc.h>

#include <chrono>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <fmt/format.h>

#include "storage/store.hpp"

using namespace kgraph;

namespace {

struct EdgeData {
    storage::RelId rel;
    storage::TokenId type;
};

// Allocated bytes, including the large blocks malloc maps separately.
size_t heapBytes() {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

template <typename G>
uint64_t scan(const G& g) {
    uint64_t sum = 0;
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) sum += boost::target(e, g);
        for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) sum += boost::source(e, g);
    }
    return sum;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: graph_layout DB\n");
        return 2;
    }
    storage::OpenOptions options;
    options.readOnly = true;
    auto store = storage::Store::open(argv[1], options);
    if (!store) {
        fmt::print(stderr, "error: {}\n", store.status().message());
        return 1;
    }
    std::vector<uint32_t> vertexOf;
    uint32_t n = 0;
    (void)(*store)->scanNodes([&](const storage::NodeRecord& node) {
        if (vertexOf.size() <= node.id) vertexOf.resize(node.id + 1);
        vertexOf[node.id] = n++;
        return true;
    });
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    std::vector<EdgeData> data;
    (void)(*store)->scanRels([&](const storage::RelRecord& r) {
        pairs.emplace_back(vertexOf[r.start], vertexOf[r.end]);
        data.push_back({r.id, r.type});
        return true;
    });
    const double m = static_cast<double>(pairs.size());
    fmt::print("{} vertices, {} relationships\n", n, pairs.size());

    {
        size_t before = heapBytes();
        auto t = std::chrono::steady_clock::now();
        boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeData, boost::no_property,
                                           uint32_t, uint32_t>
            csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), data.begin(), n);
        double build = since(t);
        double bytes = static_cast<double>(heapBytes() - before) / m;
        t = std::chrono::steady_clock::now();
        uint64_t check = scan(csr);
        fmt::print("csr             build {:.3f} s  {:.1f} B/relationship  scan {:.3f} s  ({})\n", build, bytes,
                   since(t), check % 7);
    }
    {
        size_t before = heapBytes();
        auto t = std::chrono::steady_clock::now();
        boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData> list(n);
        for (size_t i = 0; i < pairs.size(); ++i) boost::add_edge(pairs[i].first, pairs[i].second, data[i], list);
        double build = since(t);
        double bytes = static_cast<double>(heapBytes() - before) / m;
        t = std::chrono::steady_clock::now();
        uint64_t check = scan(list);
        fmt::print("adjacency_list  build {:.3f} s  {:.1f} B/relationship  scan {:.3f} s  ({})\n", build, bytes,
                   since(t), check % 7);
    }
    return 0;
}
