// kg query: runs statements and prints their results as a table, JSON, CSV or TSV.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "result_format.hpp"
#include "statements.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct QueryArgs {
    std::string db;
    std::string format = "table";
    std::vector<std::string> params;
    std::vector<std::string> paramsJson;
    bool timing = false;
    double timeoutSeconds = 0;
    double maxMemoryMb = 0;
    std::string file;
    std::string query;
    CLI::App* command = nullptr;
    CLI::Option* paramOption = nullptr;
    CLI::Option* paramsJsonOption = nullptr;
    CLI::Option* fileOption = nullptr;
    CLI::Option* queryOption = nullptr;
};

// Error messages quote at most this much of what the user typed (docs/cli.md).
constexpr size_t kMaxQuoted = 200;

std::string shortened(std::string_view text) {
    if (text.size() <= kMaxQuoted) return std::string(text);
    size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

// ---------------------------------------------------------------- parameters

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

// `--param NAME=VALUE`: VALUE is JSON when it parses as JSON, else a plain string.
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

// `--params-json '{"name": value, ...}'`.
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

// Both options in the order they were given, so a later one wins.
Result<Value::Map> collectParams(const QueryArgs& args) {
    Value::Map params;
    size_t nextParam = 0, nextJson = 0;
    for (const CLI::Option* option : args.command->parse_order()) {
        if (option == args.paramOption && nextParam < args.params.size())
            KG_RETURN_IF_ERROR(addParam(params, args.params[nextParam++]));
        else if (option == args.paramsJsonOption && nextJson < args.paramsJson.size())
            KG_RETURN_IF_ERROR(addParamsJson(params, args.paramsJson[nextJson++]));
    }
    return params;
}

// ---------------------------------------------------------------- input

Result<std::string> readAll(FILE* in, const std::string& name) {
    std::string text;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
    if (std::ferror(in)) return Status::ioError(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
    return text;
}

Result<std::string> readScript(const QueryArgs& args) {
    if (args.queryOption->count() > 0) return args.query;
    if (args.fileOption->count() > 0 && args.file != "-") {
        std::error_code ec;
        if (std::filesystem::is_directory(args.file, ec))
            return Status::ioError(fmt::format("cannot read {}: it is a directory", args.file));
        FILE* f = std::fopen(args.file.c_str(), "rb");
        if (!f) return Status::ioError(fmt::format("cannot read {}: {}", args.file, std::strerror(errno)));
        auto text = readAll(f, args.file);
        std::fclose(f);
        return text;
    }
    if (args.fileOption->count() == 0 && isTerminal(stdin))
        return Status::usage("no query: give one as an argument, name a file with -f FILE, or pipe statements "
                             "to stdin");
    return readAll(stdin, "stdin");
}

// ---------------------------------------------------------------- the database

// How the database is open.
enum class Access {
    READ_WRITE,
    ABSENT,  // no database yet: read as empty, created by the first statement that writes
    LOCKED,  // a writer holds it: read the last committed state, writes fail with BUSY
};

struct OpenDatabase {
    std::unique_ptr<Database> db;
    Access access = Access::READ_WRITE;
};

Result<OpenDatabase> openDatabase(const std::string& path) {
    OpenOptions rw;
    rw.createIfMissing = false;  // only a write creates it
    auto db = Database::open(path, rw);
    if (db) return OpenDatabase{std::move(*db), Access::READ_WRITE};
    Access access;
    if (db.status().code() == StatusCode::NOT_FOUND) access = Access::ABSENT;
    else if (db.status().code() == StatusCode::BUSY) access = Access::LOCKED;
    else return db.status();
    OpenOptions ro;
    ro.readOnly = true;
    auto reader = Database::open(path, ro);
    if (!reader) return reader.status();
    return OpenDatabase{std::move(*reader), access};
}

// ---------------------------------------------------------------- output

// Writes `text` to stdout. False when the reader went away (EPIPE); an I/O
// error on other failures.
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

// The columns of the terminal on stdout; 0 when stdout is not a terminal, so
// piped and redirected tables are never cut.
size_t terminalWidth() {
    if (!isTerminal(stdout)) return 0;
    struct winsize ws {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    const char* columns = std::getenv("COLUMNS");
    int n = columns ? std::atoi(columns) : 0;
    return n > 0 ? static_cast<size_t>(n) : 80;
}

// The error of a failed statement: one line, with the position counted in the
// whole script; for syntax errors the offending line and a caret below it.
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

int runQuery(const QueryArgs& args) {
    auto format = parseOutputFormat(args.format);
    if (!format) return fail(Status::usage(fmt::format("--format: no format '{}'", shortened(args.format))));
    QueryOptions options;
    auto params = collectParams(args);
    if (!params) return fail(params.status());
    options.parameters = std::move(*params);
    options.timeoutSeconds = args.timeoutSeconds;
    options.maxMemoryBytes = static_cast<size_t>(args.maxMemoryMb * 1024 * 1024);
    if (args.maxMemoryMb > 0 && options.maxMemoryBytes == 0) options.maxMemoryBytes = 1;

    auto script = readScript(args);
    if (!script) return fail(script.status());
    std::vector<ScriptStatement> statements = splitStatements(*script);
    if (statements.empty()) return 0;

    auto opened = openDatabase(args.db);
    if (!opened) return fail(opened.status());
    OpenDatabase& db = *opened;

    // A reader that goes away early (`| head`) makes writes fail instead of killing us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    const size_t maxWidth = terminalWidth();
    bool first = true;
    for (const ScriptStatement& statement : statements) {
        QueryError error;
        auto result = db.db->query(statement.text, options, &error);
        if (!result && db.access == Access::ABSENT && result.status().code() == StatusCode::BUSY) {
            // The first statement that writes creates the database; it read nothing yet
            // and a failed statement changes nothing, so it runs again on the new one.
            auto created = Database::open(args.db);
            if (!created) return fail(created.status());
            db = OpenDatabase{std::move(*created), Access::READ_WRITE};
            error = QueryError{};
            result = db.db->query(statement.text, options, &error);
        }
        if (!result) return reportQueryError(result.status(), error, statement, *script);
        std::string text = formatResult(*result, *format, maxWidth);
        if (!text.empty() && !first) text.insert(0, statementSeparator(*format));
        first = first && text.empty();
        auto written = writeOut(text);
        if (!written) return fail(written.status());
        if (!*written) return 0;  // the reader's choice, not our failure
        if (args.timing) fmt::print(stderr, "time: {:.1f} ms\n", result->executionMs);
    }
    return 0;
}

// CLI11's NonNegativeNumber names the largest double in its complaint; this says it shorter.
CLI::Validator nonNegativeNumber() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            errno = 0;
            double d = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(d) || d < 0)
                return fmt::format("takes a number, 0 or more, not '{}'", shortened(text));
            return "";
        },
        "");
}

}  // namespace

Run addQueryCommand(CLI::App& app) {
    auto args = std::make_shared<QueryArgs>();
    CLI::App* cmd = app.add_subcommand("query", "Run statements of the query language and print their results");
    args->command = cmd;
    addDbOption(*cmd, args->db);
    cmd->add_option("--format", args->format, "table, json (one object per statement a line), csv or tsv")
        ->check(CLI::IsMember({"table", "json", "csv", "tsv"}))
        ->capture_default_str();
    args->paramOption = cmd->add_option("--param", args->params,
                                        "$NAME for the statements; VALUE is JSON when it parses (3, true, "
                                        "\"x\", [1,2]), else a string (repeatable)")
                            ->type_name("NAME=VALUE")
                            ->allow_extra_args(false);
    args->paramsJsonOption =
        cmd->add_option("--params-json", args->paramsJson, "Parameters as one JSON object; merged with --param, "
                                                             "a later one winning")
            ->type_name("JSON")
            ->allow_extra_args(false);
    cmd->add_flag("--timing", args->timing, "Write 'time: MS ms' per statement (execution only) to stderr");
    cmd->add_option("--timeout", args->timeoutSeconds, "Stop a statement after this long (exit 4); 0: no limit")
        ->check(nonNegativeNumber())
        ->type_name("SECONDS");
    cmd->add_option("--max-memory", args->maxMemoryMb,
                    "Stop a statement whose intermediate results pass this (exit 4); 0: no limit")
        ->check(nonNegativeNumber())
        ->type_name("MB");
    args->fileOption =
        cmd->add_option("-f,--file", args->file, "Read the statements from FILE ('-': stdin)")->type_name("FILE");
    args->queryOption =
        cmd->add_option("QUERY", args->query, "The statements (';'-separated); without QUERY and -f: stdin");
    args->fileOption->excludes(args->queryOption);
    cmd->footer(
        "Statements run in order, each atomically; the first that fails stops the run (those before it\n"
        "keep their effects). A database that does not exist yet reads as empty; the first statement\n"
        "that writes creates it. While a writer holds the database, reads see its last committed state\n"
        "and a statement that writes fails with exit 3.\n\n"
        "Examples:\n"
        "  kg query --db kg.db \"MATCH (c:Company)-[i:INVESTS_IN]->(t) RETURN c.name, i.amount, t.name\"\n"
        "  kg query --db kg.db --format json --param name=Alibaba \"MATCH (c {name: \\$name}) RETURN c\"\n"
        "  kg query --db kg.db -f queries.cypher --format csv > out.csv");
    return [args] { return runQuery(*args); };
}

}  // namespace kgraph::tools
