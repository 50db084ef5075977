// The shared article corpus (../shared/corpus) for the text tests. Tests that
// need it skip with a message when ../shared is absent.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kgraph::ingest::corpus {

inline const std::filesystem::path kDir = std::filesystem::path(KG_SHARED_DIR) / "corpus";
inline const std::filesystem::path kSeedArticle = kDir / "seed-de-2024-08-28-bat-ai-investments.txt";

// Every regular file of the corpus, sorted; empty when it is absent.
inline std::vector<std::filesystem::path> files() {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(kDir, error)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace kgraph::ingest::corpus

// Skips the current test when the shared corpus is not there.
#define KG_REQUIRE_CORPUS()                                                         \
    do {                                                                            \
        if (::kgraph::ingest::corpus::files().empty()) {                            \
            GTEST_SKIP() << "no corpus at " << ::kgraph::ingest::corpus::kDir.string() \
                         << " (../shared is absent)";                               \
        }                                                                           \
    } while (0)
