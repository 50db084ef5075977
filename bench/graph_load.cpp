// Benchmark: load a database from RocksDB into the in-memory graph.
//
//   graph_load DB [RUNS]
//
// Prints one line per run and a summary: relationships/s of the load, bytes
// per relationship of topology (without properties), and peak RSS.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "graph/graph.hpp"
#include "storage/store.hpp"

using namespace kgraph;

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: graph_load DB [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    storage::OpenOptions options;
    options.readOnly = true;
    auto store = storage::Store::open(argv[1], options);
    if (!store) {
        fmt::print(stderr, "error: {}\n", store.status().message());
        return 1;
    }
    std::vector<double> seconds;
    graph::MemoryUsage memory;
    size_t rels = 0, nodes = 0;
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        auto g = graph::Graph::load(**store);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!g) {
            fmt::print(stderr, "error: {}\n", g.status().message());
            return 1;
        }
        rels = (*g)->edgeCount();
        nodes = (*g)->vertexCount();
        memory = (*g)->memoryUsage();
        seconds.push_back(s);
        fmt::print("run {}: {:.3f} s\n", r + 1, s);
    }
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    fmt::print("nodes {}  relationships {}\n", nodes, rels);
    fmt::print("median load {:.3f} s = {:.2f} M relationships/s\n", median, static_cast<double>(rels) / median / 1e6);
    fmt::print("memory: topology {:.1f} MiB ({:.1f} B/relationship), vertices {:.1f} MiB, properties {:.1f} MiB, "
               "indexes {:.1f} MiB\n",
               memory.topologyBytes / 1048576.0, static_cast<double>(memory.topologyBytes) / static_cast<double>(rels),
               memory.vertexBytes / 1048576.0, memory.propertyBytes / 1048576.0, memory.indexBytes / 1048576.0);
    fmt::print("peak RSS {:.1f} MiB\n", usage.ru_maxrss / 1024.0);
    return 0;
}
