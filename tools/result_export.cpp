#include "result_export.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "result_format.hpp"

namespace kgraph::tools {

namespace {

Status writeAtomically(const std::string& path, const std::string& text) {
    const std::string temp = fmt::format("{}.tmp-{}", path, ::getpid());
    FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    int err = errno;
    ok = std::fclose(f) == 0 && ok;
    if (ok && std::rename(temp.c_str(), path.c_str()) == 0) return Status::ok();
    err = ok ? errno : err;
    std::remove(temp.c_str());
    return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(err)));
}

}  // namespace

Result<ResultExport> exportResult(Database& db, const QueryResult& result, const std::string& format,
                                  const std::string& path) {
    if (format == "csv") {
        KG_RETURN_IF_ERROR(writeAtomically(path, formatResult(result, OutputFormat::CSV)));
        return ResultExport{0, 0, result.rows.size()};
    }
    if (format != "dot" && format != "graphml" && format != "json")
        return Status::invalidInput(fmt::format("no export format '{}': dot, graphml, json or csv", format));
    if (result.nodes.empty() && result.relationships.empty())
        return Status::invalidInput("the result holds no nodes or relationships to draw; ':export csv FILE' writes its rows");
    // The graph's own exporters, as `kg export` uses them, on the elements of the result.
    ExportRequest request;
    request.format = format;
    request.path = path;
    for (const auto& [id, node] : result.nodes) request.nodeIds.push_back(id);
    for (const auto& [id, rel] : result.relationships) request.relationshipIds.push_back(id);
    auto written = db.exportGraph(request, nullptr);
    if (!written) return written.status();
    return ResultExport{written->nodes, written->relationships, result.rows.size()};
}

}  // namespace kgraph::tools
