// Format dispatch and the atomic write of export files and directories.
#include "graph/export/export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph {

namespace {

namespace fs = std::filesystem;

// Beside the target, so the final rename stays within one file system.
std::string tempPathFor(const std::string& path) { return fmt::format("{}.tmp-{}", path, ::getpid()); }

// Flushes a written file to disk, so the rename never publishes a file whose
// content a crash could still lose.
Status syncFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(err)));
    return Status::ok();
}

Status writeFileAtomically(const Graph& g, const Subgraph& sub, const ExportOptions& options,
                           const std::string& path) {
    const std::string temp = tempPathFor(path);
    Status status;
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        if (!file) return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
        status = writeExport(g, sub, options, file);
        file.flush();
        if (status.isOk() && !file)
            status = Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    if (status.isOk()) status = syncFile(temp);
    if (status.isOk() && std::rename(temp.c_str(), path.c_str()) != 0)
        status = Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    if (!status.isOk()) std::remove(temp.c_str());
    return status;
}

Status writeDirectoryAtomically(const Graph& g, const Subgraph& sub, std::string path) {
    // "dump/" names the directory "dump"; its temporary goes beside it, not into it.
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    std::error_code ec;
    fs::file_type existing = fs::symlink_status(path, ec).type();
    if (existing != fs::file_type::not_found && existing != fs::file_type::none)
        return Status::invalidInput(fmt::format("{} exists; a CSV export writes a new directory", path));
    const std::string temp = tempPathFor(path);
    fs::remove_all(temp, ec);  // left over by a crashed export of this pid
    if (!fs::create_directory(temp, ec))
        return Status::ioError(fmt::format("cannot create directory {}: {}", path, ec.message()));
    Status status = exporters::writeCsv(g, sub, temp, path);
    if (status.isOk()) {
        fs::rename(temp, path, ec);
        if (ec) status = Status::ioError(fmt::format("cannot create directory {}: {}", path, ec.message()));
    }
    if (!status.isOk()) fs::remove_all(temp, ec);
    return status;
}

}  // namespace

Result<ExportFormat> parseExportFormat(const std::string& name) {
    if (name == "dot") return ExportFormat::DOT;
    if (name == "graphml") return ExportFormat::GRAPHML;
    if (name == "json") return ExportFormat::JSON;
    if (name == "csv") return ExportFormat::CSV;
    if (name == "nt") return ExportFormat::NTRIPLES;
    return Status::invalidInput(fmt::format("unknown export format '{}' (dot, graphml, json, csv or nt)", name));
}

Status writeExport(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out) {
    switch (options.format) {
        case ExportFormat::DOT: return exporters::writeDot(g, sub, options, out);
        case ExportFormat::GRAPHML: return exporters::writeGraphml(g, sub, out);
        case ExportFormat::JSON: return exporters::writeJson(g, sub, out);
        case ExportFormat::NTRIPLES: return exporters::writeNtriples(g, sub, options, out);
        case ExportFormat::CSV:
            return Status::invalidInput("a CSV export is a directory of files: write it to a path");
    }
    return Status::invalidInput("unknown export format");
}

Status exportToPath(const Graph& g, const Subgraph& sub, const ExportOptions& options, const std::string& path) {
    if (path.empty()) return Status::invalidInput("no path to export to");
    if (options.format == ExportFormat::CSV) return writeDirectoryAtomically(g, sub, path);
    return writeFileAtomically(g, sub, options, path);
}

}  // namespace kgraph::graph
