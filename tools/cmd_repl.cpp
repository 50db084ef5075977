// kg repl: the interactive shell (repl.cpp), or a script from a pipe.
#include <memory>

#include "commands.hpp"
#include "repl.hpp"

namespace kgraph::tools {

Run addReplCommand(CLI::App& app) {
    auto options = std::make_shared<ReplOptions>();
    CLI::App* cmd = app.add_subcommand("repl", "Type statements and :commands with line editing (plain 'kg' on a terminal)");
    addDbOption(*cmd, options->db);
    cmd->add_option("--format", options->format, "How results print: table, json, csv or tsv (:format changes it)")
        ->check(CLI::IsMember({"table", "json", "csv", "tsv"}))
        ->capture_default_str();
    cmd->add_option("--param", options->params, "$NAME for the statements, as kg query's --param (repeatable)")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false);
    cmd->add_flag("--keep-going", options->keepGoing,
                  "Without a terminal: report a failed statement or command and go on (exit status: the first failure's)");
    cmd->footer(
        "On a terminal: line editing, history in ~/.kg_history, Tab completion, Ctrl-C cancels, Ctrl-D leaves;\n"
        ":help lists the commands. Without one, the lines of stdin run as a script, without prompts, and the\n"
        "first failure stops it.\n\n"
        "Examples:\n"
        "  kg repl --db kg.db\n"
        "  kg> MATCH (c:Company)-[i:INVESTS_IN]->(t:Topic)\n"
        "  ..> RETURN c.name, i.amount ORDER BY i.amount DESC;\n"
        "  printf 'MATCH (n) RETURN count(*);\\n:schema\\n' | kg repl --db kg.db");
    return [options] { return runRepl(*options); };
}

}  // namespace kgraph::tools
