// kg query: runs statements and prints their results as a table, JSON, CSV or TSV.
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "command_support.hpp"
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

Result<std::string> readScript(const QueryArgs& args) {
    if (args.queryOption->count() > 0) return args.query;
    if (args.fileOption->count() > 0 && args.file != "-") return readFile(args.file);
    if (args.fileOption->count() == 0 && isTerminal(stdin))
        return Status::usage("no query: give one as an argument, name a file with -f FILE, or pipe statements "
                             "to stdin");
    return readAll(stdin, "stdin");
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
        auto result = runStatement(db, statement.text, options, &error);
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
