#include "command_support.hpp"

#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "terminal.hpp"

extern char** environ;

namespace kgraph::tools {

std::string shortened(std::string_view text) {
    if (text.size() <= kMaxQuoted) return std::string(text);
    size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

// ---------------------------------------------------------------- the database

Result<OpenDatabase> openDatabase(const std::string& path) {
    OpenOptions rw;
    rw.createIfMissing = false;  // only a write creates it
    auto db = Database::open(path, rw);
    if (db) return OpenDatabase{path, std::move(*db), Access::READ_WRITE};
    Access access;
    if (db.status().code() == StatusCode::NOT_FOUND) access = Access::ABSENT;
    else if (db.status().code() == StatusCode::BUSY) access = Access::LOCKED;
    else return db.status();
    OpenOptions ro;
    ro.readOnly = true;
    auto reader = Database::open(path, ro);
    if (!reader) return reader.status();
    return OpenDatabase{path, std::move(*reader), access};
}

Result<QueryResult> runStatement(OpenDatabase& db, std::string_view text, const QueryOptions& options,
                                 QueryError* error) {
    auto result = db.db->query(text, options, error);
    if (result || db.access != Access::ABSENT || result.status().code() != StatusCode::BUSY) return result;
    auto created = Database::open(db.path);
    if (!created) return created.status();
    db.db = std::move(*created);
    db.access = Access::READ_WRITE;
    if (error) *error = QueryError{};
    return db.db->query(text, options, error);
}

int reportQueryError(const Status& status, const QueryError& error, const ScriptStatement& statement,
                     std::string_view script) {
    printError(relocateMessage(statement, status.message()));
    if (error.excerpt.empty() || error.line <= 0) return status.exitCode();
    std::string excerpt;
    if (error.line == 1 && statement.column > 1) {
        // The statement starts inside a line of the script: show the whole line.
        ScriptPosition at = toScriptPosition(statement, error.line, error.column);
        excerpt = excerptAt(script, at.line, at.column);
    }
    if (excerpt.empty()) excerpt = error.excerpt;
    if (excerpt.back() != '\n') excerpt += '\n';
    std::fputs(excerpt.c_str(), stderr);
    return status.exitCode();
}

// ---------------------------------------------------------------- parameters

namespace {

Result<Value> fromJson(const nlohmann::json& j, std::string_view name) {
    using T = nlohmann::json::value_t;
    switch (j.type()) {
        case T::null: return Value();
        case T::boolean: return Value(j.get<bool>());
        case T::number_integer: return Value(j.get<int64_t>());
        case T::number_unsigned: {
            auto u = j.get<uint64_t>();
            if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return Status::usage(fmt::format("parameter {}: {} is past the largest integer, {}", name, u,
                                                 std::numeric_limits<int64_t>::max()));
            return Value(static_cast<int64_t>(u));
        }
        case T::number_float: return Value(j.get<double>());
        case T::string: return Value(j.get<std::string>());
        case T::array: {
            Value::List list;
            for (const auto& item : j) {
                auto v = fromJson(item, name);
                if (!v) return v.status();
                list.push_back(std::move(*v));
            }
            return Value(std::move(list));
        }
        case T::object: {
            Value::Map map;
            for (const auto& [k, item] : j.items()) {
                auto v = fromJson(item, name);
                if (!v) return v.status();
                map.insert_or_assign(k, std::move(*v));
            }
            return Value(std::move(map));
        }
        default: return Status::usage(fmt::format("parameter {}: a value JSON cannot hold", name));
    }
}

}  // namespace

Status addParam(Value::Map& params, const std::string& arg) {
    size_t eq = arg.find('=');
    std::string_view name = std::string_view(arg).substr(0, eq);
    if (name.starts_with('$')) name.remove_prefix(1);
    if (eq == std::string::npos || name.empty())
        return Status::usage(fmt::format("--param takes NAME=VALUE, not '{}'", shortened(arg)));
    std::string text = arg.substr(eq + 1);
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        params.insert_or_assign(std::string(name), Value(std::move(text)));
        return Status::ok();
    }
    auto v = fromJson(j, name);
    if (!v) return v.status();
    params.insert_or_assign(std::string(name), std::move(*v));
    return Status::ok();
}

Status addParamsJson(Value::Map& params, const std::string& text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> from "at" on.
        std::string why = e.what();
        size_t at = why.find(" at ");
        why = at == std::string::npos ? why : why.substr(at + 1);
        return Status::usage(fmt::format("--params-json is not valid JSON: {}", shortened(why)));
    }
    if (!j.is_object())
        return Status::usage(fmt::format("--params-json takes a JSON object {{\"name\": value, ...}}, not '{}'",
                                         shortened(text)));
    for (const auto& [k, item] : j.items()) {
        auto v = fromJson(item, k);
        if (!v) return v.status();
        params.insert_or_assign(k, std::move(*v));
    }
    return Status::ok();
}

// ---------------------------------------------------------------- output

Result<std::string> readAll(FILE* in, const std::string& name) {
    std::string text;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
    if (std::ferror(in)) return Status::ioError(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
    return text;
}

Result<std::string> readFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return Status::ioError(fmt::format("cannot read {}: it is a directory", path));
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status::ioError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    auto text = readAll(f, path);
    std::fclose(f);
    return text;
}

Result<bool> writeOut(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        if (errno == EPIPE) return false;
        return Status::ioError(fmt::format("cannot write the output: {}", std::strerror(errno)));
    }
    if (std::fflush(stdout) != 0) {
        if (errno == EPIPE) return false;
        return Status::ioError(fmt::format("cannot write the output: {}", std::strerror(errno)));
    }
    return true;
}

size_t terminalWidth() {
    if (!isTerminal(stdout)) return 0;
    struct winsize ws {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    const char* columns = std::getenv("COLUMNS");
    int n = columns ? std::atoi(columns) : 0;
    return n > 0 ? static_cast<size_t>(n) : 80;
}

// ---------------------------------------------------------------- other programs

std::string findOnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "";
    while (true) {
        size_t colon = dirs.find(':');
        std::string dir(dirs.substr(0, colon));
        std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        if (colon == std::string_view::npos) return "";
        dirs.remove_prefix(colon + 1);
    }
}

int runProgram(const std::vector<std::string>& argv, std::string& errors) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (rc != 0) {
        ::close(pipeFds[0]);
        errors = std::strerror(rc);
        return -1;
    }
    // Read to the end before waiting, so a chatty child never blocks on a full pipe.
    char buf[4096];
    ssize_t n;
    while ((n = ::read(pipeFds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0) errors.append(buf, static_cast<size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    return line.size() > kMaxQuoted ? line.substr(0, kMaxQuoted) + "..." : line;
}

Status renderDot(const std::string& dotPath, const std::string& format, const std::string& output) {
    std::string dot = findOnPath("dot");
    if (dot.empty())
        return Status::invalidInput("rendering needs GraphViz's dot, which is not installed (apt-get install graphviz)");
    const std::string tempOut = fmt::format("{}.tmp-{}", output, ::getpid());
    std::string errors;
    int rc = runProgram({dot, "-T" + format, "-o", tempOut, dotPath}, errors);
    if (rc != 0) {
        std::remove(tempOut.c_str());
        std::string why = firstLine(errors);
        return Status::invalidInput(fmt::format("dot failed{}{}", why.empty() ? "" : ": ", why));
    }
    if (std::rename(tempOut.c_str(), output.c_str()) != 0) {
        int err = errno;
        std::remove(tempOut.c_str());
        return Status::ioError(fmt::format("cannot write {}: {}", output, std::strerror(err)));
    }
    return Status::ok();
}

// ---------------------------------------------------------------- kg stats

namespace {

std::string countTable(const std::string& heading, const std::string& countHeading,
                       const std::vector<std::pair<std::string, uint64_t>>& rows) {
    if (rows.empty()) return "";
    size_t width = heading.size();
    size_t countWidth = countHeading.size();
    for (const auto& [name, n] : rows) {
        width = std::max(width, displayWidth(name));
        countWidth = std::max(countWidth, withThousands(n).size());
    }
    std::string out = fmt::format("\n{:<{}}  {:>{}}\n", heading, width, countHeading, countWidth);
    for (const auto& [name, n] : rows) {
        std::string fill(width - displayWidth(name), ' ');
        out += fmt::format("{}{}  {:>{}}\n", name, fill, withThousands(n), countWidth);
    }
    return out;
}

}  // namespace

std::string schemaText(const DatabaseStats& s) {
    std::string out = countTable("label", "nodes", s.labels);
    out += countTable("type", "relationships", s.types);
    std::vector<std::pair<std::string, uint64_t>> props;
    for (const auto& p : s.properties) props.emplace_back(fmt::format("{} ({})", p.key, p.type), p.count);
    out += countTable("property (type)", "elements", props);
    return out;
}

std::string statsText(const DatabaseStats& s, const std::string& db) {
    std::string out = fmt::format("database       {} ({} on disk)\n", db, humanBytes(s.bytesOnDisk));
    size_t w = withThousands(std::max({s.nodes, s.relationships, s.documents, s.evidence})).size();
    out += fmt::format("nodes          {:>{}}\n", withThousands(s.nodes), w);
    out += fmt::format("relationships  {:>{}}\n", withThousands(s.relationships), w);
    out += fmt::format("documents      {:>{}}\n", withThousands(s.documents), w);
    out += fmt::format("evidence       {:>{}}\n", withThousands(s.evidence), w);
    return out + schemaText(s);
}

}  // namespace kgraph::tools
