#include "repl_complete.hpp"

#include <algorithm>
#include <cctype>

namespace kgraph::tools {

namespace {

const std::vector<std::string>& keywords() {
    static const std::vector<std::string> all = {
        "ALL",    "AND",      "AS",      "ASC",     "BY",     "CALL",     "CASE",   "CONTAINS", "CREATE",
        "DELETE", "DESC",     "DETACH",  "DISTINCT", "ELSE",  "END",      "ENDS",   "EXISTS",   "EXPLAIN",
        "FALSE",  "IN",       "IS",      "LIMIT",   "MATCH",  "MERGE",    "NOT",    "NULL",     "ON",
        "OPTIONAL", "OR",     "ORDER",   "PROFILE", "REMOVE", "RETURN",   "SET",    "SKIP",     "STARTS",
        "THEN",   "TRUE",     "UNION",   "UNWIND",  "WHEN",   "WHERE",    "WITH",   "XOR",      "YIELD",
    };
    return all;
}

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
    if (prefix.size() > text.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[i]) != lower(prefix[i])) return false;
    return true;
}

bool isLowerCase(std::string_view word) {
    return std::none_of(word.begin(), word.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

void addMatching(std::vector<std::string>& out, const std::vector<std::string>& names, std::string_view prefix,
                 std::string_view suffix = "") {
    for (const std::string& name : names)
        if (startsWithIgnoringCase(name, prefix)) out.push_back(name + std::string(suffix));
}

void sortUnique(std::vector<std::string>& names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
}

// The identifier just before `end` (for `c.na`, the `c`).
std::string_view identifierBefore(std::string_view line, size_t end) {
    size_t start = end;
    while (start > 0 && isWordChar(line[start - 1])) --start;
    return line.substr(start, end - start);
}

bool onlySpaceBefore(std::string_view line, size_t end) {
    return std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(end),
                       [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

const std::vector<std::string>& replCommands() {
    static const std::vector<std::string> all = {":help",   ":schema", ":stats",  ":explain", ":evidence",
                                                 ":export", ":render", ":format", ":timing",  ":param",
                                                 ":read",   ":quit"};
    return all;
}

const std::vector<std::string>& functionNames() {
    // The scalar functions of query/expr/functions.cpp, the graph functions and the aggregates of
    // query/planner.cpp; tests/unit/tools checks that the engine knows each scalar one.
    static const std::vector<std::string> all = {
        "abs",       "acos",        "aliases",        "asin",        "atan",          "atan2",
        "avg",       "ceil",        "coalesce",       "collect",     "cos",           "cot",
        "count",     "degrees",     "e",              "endNode",     "evidence",      "exp",
        "floor",     "haversin",    "head",           "id",          "isEmpty",       "isNaN",
        "keys",      "labels",      "last",           "left",        "length",        "log",
        "log10",     "ltrim",       "max",            "min",         "nodes",         "percentileCont",
        "percentileDisc", "pi",     "properties",     "radians",     "rand",          "range",
        "relationships", "replace", "reverse",        "right",       "round",         "rtrim",
        "sign",      "sin",         "size",           "split",       "sqrt",          "startNode",
        "stDev",     "stDevP",      "substring",      "sum",         "tail",          "tan",
        "toBoolean", "toBooleanOrNull", "toFloat",    "toFloatOrNull", "toInteger",   "toIntegerOrNull",
        "toLower",   "toString",    "toStringOrNull", "toUpper",     "trim",          "type",
    };
    return all;
}

const std::vector<std::string>& procedureNames() {
    static const std::vector<std::string> all = {"algo.betweenness", "algo.degree", "algo.pagerank",
                                                 "algo.scc",         "algo.shortestPath", "algo.wcc"};
    return all;
}

Completion complete(std::string_view line, const Vocabulary& vocabulary) {
    Completion out;
    size_t start = line.size();
    while (start > 0 && isWordChar(line[start - 1])) --start;
    out.wordStart = start;
    std::string_view word = line.substr(start);
    char before = start > 0 ? line[start - 1] : '\0';
    auto& c = out.candidates;
    if (before == ':' && onlySpaceBefore(line, start - 1)) {
        out.wordStart = start - 1;
        addMatching(c, replCommands(), line.substr(start - 1), " ");
    } else if (before == ':' || before == '|') {
        addMatching(c, vocabulary.labels, word);
        addMatching(c, vocabulary.types, word);
    } else if (before == '$') {
        addMatching(c, vocabulary.parameters, word);
    } else if (before == '.') {
        std::string_view owner = identifierBefore(line, start - 1);
        if (startsWithIgnoringCase("algo", owner) && owner.size() == 4) {
            out.wordStart = start - 5;
            addMatching(c, procedureNames(), line.substr(out.wordStart));
        } else if (!owner.empty()) {
            addMatching(c, vocabulary.propertyKeys, word);
        }
    } else if (!word.empty()) {
        std::vector<std::string> keywordMatches;
        addMatching(keywordMatches, keywords(), word, " ");
        if (isLowerCase(word))
            for (std::string& k : keywordMatches) std::transform(k.begin(), k.end(), k.begin(), lower);
        c = std::move(keywordMatches);
        addMatching(c, functionNames(), word, "(");
        if (startsWithIgnoringCase("algo", word)) c.emplace_back("algo.");
    }
    sortUnique(c);
    return out;
}

std::string commonPrefix(const std::vector<std::string>& candidates) {
    if (candidates.empty()) return "";
    std::string prefix = candidates.front();
    for (const std::string& other : candidates) {
        size_t n = 0;
        while (n < prefix.size() && n < other.size() && lower(prefix[n]) == lower(other[n])) ++n;
        prefix.resize(n);
    }
    return prefix;
}

}  // namespace kgraph::tools
