// kg: the kgraph command. Parses the command line and hands over to one subcommand.
#include <cstdlib>
#include <vector>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "repl.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

std::string defaultDatabase() {
    const char* env = std::getenv("KG_DB");
    return env && *env ? env : "kg.db";
}

void addDbOption(CLI::App& command, std::string& db) {
    db = defaultDatabase();
    command.add_option("--db", db, "Database directory (default: $KG_DB, else ./kg.db)");
}

int fail(const Status& status) {
    printError(status.message());
    return status.exitCode();
}

}  // namespace kgraph::tools

int main(int argc, char** argv) {
    using namespace kgraph::tools;
    CLI::App app{"kg: builds knowledge graphs from documents and data files, stores them, answers queries.",
                 "kg"};
    app.set_version_flag("--version", fmt::format("kg {}", kgraph::version()));
    app.require_subcommand(0, 1);
    app.footer("Without a command, kg opens the REPL (kg repl) on $KG_DB, else ./kg.db.\n"
               "Run 'kg COMMAND --help' for a command's options and an example. Exit codes: docs/cli.md.");

    std::vector<std::pair<CLI::App*, Run>> commands;
    auto add = [&](Run (*adder)(CLI::App&)) {
        Run run = adder(app);
        commands.emplace_back(app.get_subcommands({}).back(), std::move(run));
    };
    add(addBuildCommand);
    add(addExtractCommand);
    add(addImportCommand);
    add(addStatsCommand);
    add(addCheckCommand);
    add(addExportCommand);
    add(addQueryCommand);
    add(addEvalCommand);
    add(addReplCommand);

    // CLI11 reports an unknown command only as "a subcommand is required": name it.
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        std::string names;
        for (auto& [command, run] : commands) {
            known = known || command->get_name() == argv[1];
            names += (names.empty() ? "" : ", ") + command->get_name();
        }
        if (!known) {
            printError(fmt::format("unknown command '{}'; the commands are {}", argv[1], names));
            fmt::print(stderr, "Run 'kg --help' for usage.\n");
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        printError(e.what());
        fmt::print(stderr, "Run 'kg --help' for usage.\n");
        return 2;
    }
    for (auto& [command, run] : commands)
        if (command->parsed()) return run();
    ReplOptions defaults;
    defaults.db = defaultDatabase();
    return runRepl(defaults);
}
