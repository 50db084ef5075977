// Tab completion in the REPL: what may follow the word before the cursor.
// Pure functions of the line and the words the database knows, so they test
// without a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::tools {

// The names the open database uses, read from its statistics, and the session's parameters.
struct Vocabulary {
    std::vector<std::string> labels;
    std::vector<std::string> types;
    std::vector<std::string> propertyKeys;
    std::vector<std::string> parameters;
};

struct Completion {
    size_t wordStart = 0;                 // the candidates replace line[wordStart, cursor)
    std::vector<std::string> candidates;  // sorted, without duplicates
};

// What the word that ends at `line.size()` (the cursor) may become:
//   `:he` at the start of a line      REPL commands (`:help`)
//   `(c:Comp`, `[r:INV`               labels and relationship types
//   `c.na`                            property keys
//   `algo.pa`                         procedures
//   `$na`                             parameters
//   anything else                     keywords, functions (with their `(`) and `algo.`
// Matching ignores case; a keyword comes back in the case of what was typed,
// `mat` -> `match `, `MAT` -> `MATCH `. Keywords and commands end in a space.
Completion complete(std::string_view line, const Vocabulary& vocabulary);

// The longest prefix every candidate shares, ignoring case, in the case of the first.
std::string commonPrefix(const std::vector<std::string>& candidates);

// The REPL's commands, `:help` first.
const std::vector<std::string>& replCommands();
// The functions completion offers, as written in queries (`toUpper`).
const std::vector<std::string>& functionNames();
// The procedures completion offers (`algo.pagerank`).
const std::vector<std::string>& procedureNames();

}  // namespace kgraph::tools
