// kg check: integrity of the stored graph.
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct CheckArgs {
    std::string db;
    size_t maxFindings = 100;
};

int runCheck(const CheckArgs& args) {
    OpenOptions options;
    options.readOnly = true;
    auto db = Database::open(args.db, options);
    if (!db) return fail(db.status());
    CheckResult r = (*db)->check(args.maxFindings);
    for (const auto& f : r.findings) fmt::print("{}\n", f);
    if (r.findingCount > r.findings.size())
        fmt::print("... and {} more findings\n", withThousands(r.findingCount - r.findings.size()));
    if (!r.ok()) {
        printError(fmt::format("{} is damaged: {} findings", args.db, withThousands(r.findingCount)));
        return Status::corruption("").exitCode();
    }
    fmt::print("ok: {} elements checked, every index and counter agrees\n", withThousands(r.elementsChecked));
    return 0;
}

}  // namespace

Run addCheckCommand(CLI::App& app) {
    auto args = std::make_shared<CheckArgs>();
    CLI::App* cmd = app.add_subcommand("check", "Cross-check every index and counter against the stored graph");
    addDbOption(*cmd, args->db);
    cmd->add_option("--max-findings", args->maxFindings, "Findings to list at most")->capture_default_str();
    cmd->footer("Exit status 0 when the database is sound, 5 when something disagrees.\n\n"
                "Example:\n  kg check --db kg.db");
    return [args] { return runCheck(*args); };
}

}  // namespace kgraph::tools
