// kg build: articles into the database, each document one atomic write.
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct BuildArgs {
    std::string db;
    std::string rules;
    std::vector<std::string> paths;
};

int runBuild(const BuildArgs& args) {
    auto db = Database::open(args.db);
    if (!db) return fail(db.status());
    ProgressLine progress;
    BuildOptions options;
    options.rulesPath = args.rules;
    options.progress = [&](const BuildProgress& p) {
        progress.update(p.files, p.filesTotal, p.files, p.seconds, "documents");
    };
    auto summary = (*db)->build(args.paths, options);
    progress.clear();
    if (!summary) return fail(summary.status());
    uint64_t entities = 0, relations = 0;
    for (const auto& f : summary->files) {
        if (f.outcome == BuildFileResult::Outcome::FAILED) printError(fmt::format("{}: {}", f.path, f.message));
        entities += f.entities;
        relations += f.relations;
    }
    const uint64_t total = summary->files.size();
    const double rate = summary->seconds > 0 ? static_cast<double>(total) / summary->seconds : 0;
    fmt::print("{} documents in {:.2f} s ({:.0f}/s): {} added, {} changed, {} unchanged, {} failed; "
               "{} entities and {} relations extracted\n",
               withThousands(total), summary->seconds, rate, summary->added, summary->changed, summary->unchanged,
               summary->failed, withThousands(entities), withThousands(relations));
    return summary->failed > 0 ? 1 : 0;
}

}  // namespace

Run addBuildCommand(CLI::App& app) {
    auto args = std::make_shared<BuildArgs>();
    CLI::App* cmd = app.add_subcommand("build", "Build the graph from articles (.txt, .md; folders recursively)");
    addDbOption(*cmd, args->db);
    cmd->add_option("--rules", args->rules, "Rules file (docs/rules.md); default: the rules kgraph ships")
        ->check(CLI::ExistingFile);
    cmd->add_option("PATH", args->paths, "Files and folders")->required();
    cmd->footer("Example:\n  kg build --db kg.db examples/articles\n  kg query --db kg.db \"MATCH (c:Company) RETURN c.name\"");
    return [args] { return runBuild(*args); };
}

}  // namespace kgraph::tools
