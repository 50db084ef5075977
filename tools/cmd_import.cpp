// kg import: bulk import of neo4j-admin CSV files.
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct ImportArgs {
    std::string db;
    std::vector<std::string> nodes, relationships;
    std::string delimiter = ",", arrayDelimiter = ";", quote = "\"", idType = "string";
    bool skipBadRows = false;
};

// "|", "\t" or "TAB" -> the one character.
Result<char> delimiterChar(const std::string& s, const char* option) {
    if (s == "\\t" || s == "TAB" || s == "tab") return '\t';
    if (s.size() != 1) return Status::usage(fmt::format("{} takes one character, not '{}'", option, s));
    return s[0];
}

int runImport(const ImportArgs& args) {
    ImportOptions options;
    options.nodes = args.nodes;
    options.relationships = args.relationships;
    auto d = delimiterChar(args.delimiter, "--delimiter");
    auto a = delimiterChar(args.arrayDelimiter, "--array-delimiter");
    auto q = delimiterChar(args.quote, "--quote");
    for (const auto* r : {&d, &a, &q})
        if (!*r) return fail(r->status());
    options.delimiter = *d;
    options.arrayDelimiter = *a;
    options.quote = *q;
    options.integerIds = args.idType == "integer";
    options.skipBadRows = args.skipBadRows;

    ProgressLine progress;
    options.progress = [&](const ImportProgress& p) {
        progress.update(p.bytesRead, p.bytesTotal, p.rows, p.seconds, "rows");
    };
    uint64_t shown = 0;
    options.badRow = [&](const std::string& message) {
        constexpr uint64_t kShowAtMost = 20;  // the count in the summary tells the rest
        if (++shown > kShowAtMost) return;
        progress.clear();
        fmt::print(stderr, "skipped: {}\n", message);
    };

    if (Status valid = validateImportOptions(options); !valid.isOk()) return fail(valid);
    auto db = Database::open(args.db);
    if (!db) return fail(db.status());
    auto summary = (*db)->importCsv(options);
    progress.clear();
    if (!summary) return fail(summary.status());
    double rate = summary->seconds > 0 ? static_cast<double>(summary->relationships) / summary->seconds : 0;
    fmt::print("imported {} nodes and {} relationships from {} in {:.2f} s ({} relationships/s)\n",
               withThousands(summary->nodes), withThousands(summary->relationships), humanBytes(summary->bytes),
               summary->seconds, withThousands(static_cast<uint64_t>(rate)));
    if (summary->badRows) fmt::print("skipped {} bad rows\n", withThousands(summary->badRows));
    return 0;
}

}  // namespace

Run addImportCommand(CLI::App& app) {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("import", "Bulk-import CSV files in the neo4j-admin import format");
    addDbOption(*cmd, args->db);
    cmd->add_option("--nodes", args->nodes, "[Label1:Label2=]FILE[,FILE...]: a node file group")->type_name("SPEC");
    cmd->add_option("--relationships", args->relationships, "[TYPE=]FILE[,FILE...]: a relationship file group")
        ->type_name("SPEC");
    cmd->add_option("--delimiter", args->delimiter, "Field delimiter (one character, or TAB)")->capture_default_str();
    cmd->add_option("--array-delimiter", args->arrayDelimiter, "Delimiter of array items and labels")
        ->capture_default_str();
    cmd->add_option("--quote", args->quote, "Quote character")->capture_default_str();
    cmd->add_option("--id-type", args->idType, "How a named id:ID column is stored: string or integer")
        ->check(CLI::IsMember({"string", "integer"}))
        ->capture_default_str();
    cmd->add_flag("--skip-bad-rows", args->skipBadRows, "Report and skip bad rows instead of importing nothing");
    cmd->footer(
        "The import is all or nothing: a bad row stops it (FILE:LINE: reason) and leaves the database as it was.\n\n"
        "Example:\n"
        "  kg import --db kg.db --nodes examples/graph/companies.csv --nodes Topic=examples/graph/topics.csv \\\n"
        "            --relationships INVESTS_IN=examples/graph/invests_in.csv");
    return [args] {
        if (args->nodes.empty() && args->relationships.empty())
            return fail(Status::usage("import: name at least one --nodes or --relationships file"));
        return runImport(*args);
    };
}

}  // namespace kgraph::tools
