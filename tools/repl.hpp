// The REPL of `kg` (docs/cli.md, "kg repl"): statements and `:commands` read
// line by line, from a terminal with line editing, or from a pipe as a script.
#pragma once

#include <string>
#include <vector>

namespace kgraph::tools {

struct ReplOptions {
    std::string db;
    std::string format = "table";
    std::vector<std::string> params;  // NAME=VALUE, as kg query's --param
    bool keepGoing = false;           // without a terminal: report failures and go on
};

// Runs the REPL on stdin; returns the exit status.
int runRepl(const ReplOptions& options);

}  // namespace kgraph::tools
