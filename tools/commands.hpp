// The subcommands of `kg`, one file each. Each registers itself on the CLI11
// app and returns the function that runs it once the command line is parsed.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>
#include <kgraph/status.hpp>

namespace kgraph::tools {

using Run = std::function<int()>;

Run addImportCommand(CLI::App& app);
Run addStatsCommand(CLI::App& app);
Run addCheckCommand(CLI::App& app);
Run addExportCommand(CLI::App& app);
Run addQueryCommand(CLI::App& app);
Run addExtractCommand(CLI::App& app);
Run addBuildCommand(CLI::App& app);
Run addEvalCommand(CLI::App& app);
Run addReplCommand(CLI::App& app);

// $KG_DB, else ./kg.db.
std::string defaultDatabase();
// `--db DIR`, defaulting to defaultDatabase().
void addDbOption(CLI::App& command, std::string& db);

// Prints "error: ..." and returns the status's exit code.
int fail(const Status& status);

}  // namespace kgraph::tools
