// kg stats: what the database holds.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>
#include <nlohmann/json.hpp>

#include "command_support.hpp"
#include "commands.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct StatsArgs {
    std::string db;
    std::string format = "text";
};

nlohmann::ordered_json toJson(const DatabaseStats& s, const std::string& db) {
    nlohmann::ordered_json j;
    j["database"] = db;
    j["nodes"] = s.nodes;
    j["relationships"] = s.relationships;
    j["documents"] = s.documents;
    j["evidence"] = s.evidence;
    j["bytes_on_disk"] = s.bytesOnDisk;
    j["labels"] = nlohmann::ordered_json::object();
    for (const auto& [name, n] : s.labels) j["labels"][name] = n;
    j["types"] = nlohmann::ordered_json::object();
    for (const auto& [name, n] : s.types) j["types"][name] = n;
    j["properties"] = nlohmann::ordered_json::array();
    for (const auto& p : s.properties) j["properties"].push_back({{"key", p.key}, {"type", p.type}, {"count", p.count}});
    return j;
}

int runStats(const StatsArgs& args) {
    OpenOptions options;
    options.readOnly = true;
    auto db = Database::open(args.db, options);
    if (!db) return fail(db.status());
    DatabaseStats s = (*db)->stats();
    if (args.format == "json") {
        fmt::print("{}\n", toJson(s, args.db).dump());
        return 0;
    }
    fmt::print("{}", statsText(s, args.db));
    return 0;
}

}  // namespace

Run addStatsCommand(CLI::App& app) {
    auto args = std::make_shared<StatsArgs>();
    CLI::App* cmd = app.add_subcommand("stats", "Count nodes per label, relationships per type, property keys");
    addDbOption(*cmd, args->db);
    cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->footer("Example:\n  kg stats --db kg.db\n  kg stats --db kg.db --format json");
    return [args] { return runStats(*args); };
}

}  // namespace kgraph::tools
