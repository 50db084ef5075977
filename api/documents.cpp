// Database::addDocument and addFacts: single documents given in memory, built
// exactly as Database::build builds files, by handing it one private file.
#include <kgraph/kgraph.hpp>

#include <fstream>

#include "api/database_impl.hpp"

namespace kgraph {

namespace {

// What a key may be: a file name of its own, so the document key comes out as given.
bool isPlainName(const std::string& key) {
    return !key.empty() && key.size() <= 200 && key.find_first_of("/\\\n\r\t") == std::string::npos &&
           key[0] != '.' && key.find('\0') == std::string::npos;
}

// Writes `content` to DIR/NAME in a fresh scratch directory.
Result<std::string> writeScratchFile(const api::ScratchDir& dir, const std::string& name, std::string_view content) {
    if (dir.path().empty()) return Status::ioError("cannot create a temporary directory");
    std::string path = dir.path() + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return Status::ioError("cannot write " + path);
    return path;
}

// A YAML single-quoted scalar on one line (the article header's front matter).
std::string yamlQuoted(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "''";
        else out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out + "'";
}

}  // namespace

Result<BuildFileResult> Database::addDocument(const std::string& key, std::string_view text,
                                              const std::map<std::string, std::string>& metadata,
                                              const BuildOptions& options) {
    if (!isPlainName(key)) return Status::invalidInput("document key '" + key.substr(0, 200) + "' is not a plain name");
    std::string article;
    if (!metadata.empty()) {
        article = "---\n";
        for (const auto& [field, value] : metadata) {
            if (!isPlainName(field) || field.find(':') != std::string::npos)
                return Status::invalidInput("metadata field '" + field.substr(0, 200) + "' is not a plain name");
            article += field + ": " + yamlQuoted(value) + "\n";
        }
        article += "---\n";
    }
    article += text;
    api::ScratchDir dir;
    auto path = writeScratchFile(dir, key + ".md", article);
    if (!path) return path.status();
    auto summary = build({*path}, options);
    if (!summary) return summary.status();
    if (summary->files.size() != 1) return Status::invalidInput("document '" + key + "' was not built");
    BuildFileResult result = std::move(summary->files.front());
    result.path = key;
    if (result.outcome == BuildFileResult::Outcome::FAILED) return Status::invalidInput(key + ": " + result.message);
    return result;
}

Result<BuildSummary> Database::addFacts(const std::string& name, std::string_view jsonl) {
    if (!isPlainName(name)) return Status::invalidInput("facts name '" + name.substr(0, 200) + "' is not a plain name");
    api::ScratchDir dir;
    auto path = writeScratchFile(dir, name + ".jsonl", jsonl);
    if (!path) return path.status();
    auto summary = build({*path});
    if (!summary) return summary.status();
    // Name the source as the caller did, not by the scratch file.
    for (auto& file : summary->files)
        if (file.path.starts_with(*path)) file.path = name + file.path.substr(path->size());
    return summary;
}

}  // namespace kgraph
