// The openCypher TCK against kgraph, through the public API.
//
//   tck_runner [--features DIR] [--filter TEXT] [--verbose] [--list-failures FILE]
//              [--baseline FILE] [--update-baseline FILE]
//
// Runs every in-scope scenario of the TCK's Gherkin features on a fresh
// database each, prints passed/total per feature directory and in all, and
// with --baseline fails (exit 1) when fewer scenarios pass than the number
// the file records. Scope (README.md beside this file): clauses/ except
// clauses/call, expressions/ except expressions/temporal, and
// useCases/countingSubgraphMatches; scenarios that use temporal functions are
// out of scope wherever they are, and so are those the TCK tags @ignore. A
// Scenario Outline counts once per Examples row.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <kgraph/kgraph.hpp>

#include "tck_values.hpp"

namespace fs = std::filesystem;
using namespace kgraph;

namespace {

struct Table {
    std::vector<std::vector<std::string>> rows;  // rows[0] is the header when there is one
};

struct Step {
    std::string text;  // without the Given/When/Then keyword
    std::string docstring;
    Table table;
    int line = 0;
};

struct Scenario {
    std::string feature;  // path below features/
    std::string name;
    int line = 0;
    std::vector<Step> steps;  // background steps first
};

std::vector<std::string> splitWords(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

std::vector<std::string> tableCells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool started = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (c == '|') {
            if (started) cells.push_back(trim(cell));
            cell.clear();
            started = true;
        } else {
            cell += c;
        }
    }
    return cells;
}

std::string substitute(std::string s, const std::map<std::string, std::string>& values) {
    for (const auto& [k, v] : values) {
        std::string key = "<" + k + ">";
        for (size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + v.size())) s.replace(p, key.size(), v);
    }
    return s;
}

// Parses one feature file into scenarios, Scenario Outlines expanded per Examples row.
std::vector<Scenario> parseFeature(const fs::path& file, const std::string& relative) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);

    std::vector<Scenario> out;
    std::vector<Step> background;
    struct Pending {
        Scenario scenario;
        bool outline = false;
        bool ignored = false;  // tagged @ignore: the TCK's own mark for a scenario not to run
        Table examples;
    };
    bool ignoreNext = false, ignoreFeature = false;
    std::optional<Pending> current;
    std::vector<Step>* steps = nullptr;
    bool inExamples = false;

    auto flush = [&]() {
        if (!current) return;
        Pending& p = *current;
        if (p.ignored) {
            current.reset();
            return;
        }
        std::vector<Step> all = background;
        all.insert(all.end(), p.scenario.steps.begin(), p.scenario.steps.end());
        if (!p.outline) {
            p.scenario.steps = all;
            out.push_back(p.scenario);
        } else if (!p.examples.rows.empty()) {
            const auto& header = p.examples.rows[0];
            for (size_t r = 1; r < p.examples.rows.size(); ++r) {
                std::map<std::string, std::string> values;
                for (size_t c = 0; c < header.size() && c < p.examples.rows[r].size(); ++c)
                    values[header[c]] = p.examples.rows[r][c];
                Scenario s = p.scenario;
                s.name += " [" + std::to_string(r) + "]";
                s.steps = all;
                for (Step& st : s.steps) {
                    st.text = substitute(st.text, values);
                    st.docstring = substitute(st.docstring, values);
                    for (auto& row : st.table.rows)
                        for (auto& cell : row) cell = substitute(cell, values);
                }
                out.push_back(std::move(s));
            }
        }
        current.reset();
    };

    for (size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        if (t.empty() || t[0] == '#') continue;
        if (t[0] == '@') {
            for (const auto& tag : splitWords(t))
                if (tag == "@ignore") ignoreNext = true;
            continue;
        }
        if (t.rfind("Feature:", 0) == 0) {
            ignoreFeature = ignoreNext;
            ignoreNext = false;
            continue;
        }
        if (t.rfind("Background:", 0) == 0) {
            steps = &background;
            inExamples = false;
            continue;
        }
        if (t.rfind("Scenario Outline:", 0) == 0 || t.rfind("Scenario Template:", 0) == 0 || t.rfind("Scenario:", 0) == 0) {
            flush();
            current.emplace();
            current->outline = t.rfind("Scenario:", 0) != 0;
            current->ignored = ignoreFeature || ignoreNext;
            ignoreNext = false;
            current->scenario.feature = relative;
            current->scenario.name = trim(t.substr(t.find(':') + 1));
            current->scenario.line = static_cast<int>(i + 1);
            steps = &current->scenario.steps;
            inExamples = false;
            continue;
        }
        if (t.rfind("Examples:", 0) == 0) {
            inExamples = true;
            continue;
        }
        if (t[0] == '|') {
            auto cells = tableCells(t);
            if (inExamples && current) {
                // Further Examples blocks repeat the header: keep one.
                if (!current->examples.rows.empty() && cells == current->examples.rows[0]) continue;
                current->examples.rows.push_back(cells);
            } else if (steps && !steps->empty()) {
                steps->back().table.rows.push_back(cells);
            }
            continue;
        }
        if (t.rfind("\"\"\"", 0) == 0) {
            size_t indent = lines[i].find("\"\"\"");
            std::string doc;
            for (++i; i < lines.size() && trim(lines[i]).rfind("\"\"\"", 0) != 0; ++i) {
                std::string l = lines[i];
                size_t strip = std::min(indent, l.find_first_not_of(' ') == std::string::npos ? l.size() : l.find_first_not_of(' '));
                doc += l.substr(strip) + "\n";
            }
            if (steps && !steps->empty()) steps->back().docstring = doc;
            continue;
        }
        for (const char* kw : {"Given ", "When ", "Then ", "And ", "But "}) {
            if (t.rfind(kw, 0) == 0 && steps) {
                Step s;
                s.text = t.substr(std::string(kw).size());
                if (!s.text.empty() && s.text.back() == ':') s.text.pop_back();
                s.line = static_cast<int>(i + 1);
                steps->push_back(std::move(s));
                inExamples = false;
                break;
            }
        }
    }
    flush();
    return out;
}

bool inScope(const std::string& feature) {
    auto under = [&](const char* dir) { return feature.rfind(dir, 0) == 0; };
    if (under("clauses/call") || under("expressions/temporal")) return false;
    return under("clauses/") || under("expressions/") || under("useCases/countingSubgraphMatches");
}

bool temporal(const Scenario& s) {
    static const std::regex calls(R"((^|[^A-Za-z_.])(date|datetime|localdatetime|localtime|time|duration)\s*\()",
                                  std::regex::icase);
    for (const Step& st : s.steps) {
        if (std::regex_search(st.text, calls) || std::regex_search(st.docstring, calls)) return true;
        for (const auto& row : st.table.rows)
            for (const auto& cell : row)
                if (std::regex_search(cell, calls)) return true;
    }
    return false;
}

// What the TCK's side effects count: the graph's nodes, relationships, label
// names in use, and (element, key, value) property triples. A side effect is
// the difference between two snapshots, so changing a value is one property
// removed and one added, and a label counts once however many nodes gain it.
struct Snapshot {
    std::set<uint64_t> nodes, rels;
    std::set<std::string> labels, properties;

    static std::optional<Snapshot> take(Database& db) {
        Snapshot s;
        auto n = db.query("MATCH (n) RETURN n");
        auto r = db.query("MATCH ()-[r]->() RETURN r");
        if (!n || !r) return std::nullopt;
        for (const auto& [id, node] : n->nodes) {
            s.nodes.insert(id);
            for (const auto& l : node.labels) s.labels.insert(l);
            for (const auto& [k, v] : node.properties) s.properties.insert("n" + std::to_string(id) + "." + k + "=" + v.toString());
        }
        for (const auto& [id, rel] : r->relationships) {
            s.rels.insert(id);
            for (const auto& [k, v] : rel.properties) s.properties.insert("r" + std::to_string(id) + "." + k + "=" + v.toString());
        }
        return s;
    }

    template <typename T>
    static long minus(const std::set<T>& a, const std::set<T>& b) {
        long n = 0;
        for (const auto& x : a) n += !b.count(x);
        return n;
    }
};

struct Outcome {
    bool passed = false;
    std::string reason;
};

// One database serves every scenario: "an empty graph" empties it with a
// query instead of creating a RocksDB directory per scenario (which took most
// of the run's time).
class ScenarioRun {
public:
    ScenarioRun(Database& db, bool verbose) : db_(&db), verbose_(verbose) {}

    Outcome run(const Scenario& s) {
        for (const Step& st : s.steps) {
            std::string why = step(st);
            if (!why.empty()) return {false, "line " + std::to_string(st.line) + ": " + why};
        }
        if (!executed_) return {false, "no query was executed"};
        return {true, ""};
    }

private:
    Status openFresh() {
        auto r = db_->query("MATCH (n) DETACH DELETE n");
        return r.status();
    }

    QueryOptions options() const {
        QueryOptions o;
        o.parameters = params_;
        o.timeoutSeconds = 10;
        o.maxMemoryBytes = size_t{1} << 30;
        return o;
    }

    std::string step(const Step& st) {
        const std::string& t = st.text;
        if (t == "an empty graph" || t == "any graph") {
            Status s = openFresh();
            return s.isOk() ? "" : "cannot empty the database: " + s.message();
        }
        if (t == "having executed") {
            QueryError err;
            auto r = db_->query(st.docstring, options(), &err);
            return r.isOk() ? "" : "setup query failed: " + r.status().message();
        }
        if (t == "parameters are") {
            for (const auto& row : st.table.rows) {
                if (row.size() != 2) return "bad parameter row";
                auto v = tck::parseExpected(row[1]);
                if (!v) return "cannot parse parameter value " + row[1];
                auto value = tck::toValue(*v);
                if (!value) return "parameter value is not a plain value: " + row[1];
                params_[row[0]] = *value;
            }
            return "";
        }
        if (t == "executing query" || t == "executing control query") {
            executed_ = true;
            query_ = st.docstring;
            error_ = QueryError{};
            before_ = Snapshot::take(*db_);
            result_ = db_->query(st.docstring, options(), &error_);
            after_ = Snapshot::take(*db_);
            if (result_->isOk() == false) {
                errorMessage_ = result_->status().message();
            }
            return "";
        }
        if (!result_) return "a check before any query: " + t;
        const bool ok = result_->isOk();
        if (t.rfind("the result should be", 0) == 0) {
            if (!ok) return "query failed: " + error_.kind + ": " + errorMessage_;
            if (t == "the result should be empty") {
                return (**result_).rows.empty() ? "" : "expected no rows, got " + std::to_string((**result_).rows.size());
            }
            bool ordered = t.find("in order") != std::string::npos && t.find("in any order") == std::string::npos;
            bool ignoreListOrder = t.find("ignoring element order for lists") != std::string::npos;
            return tck::compareResult(**result_, st.table.rows, ordered, ignoreListOrder);
        }
        if (t == "no side effects" || t == "the side effects should be") {
            if (!ok) return "query failed: " + error_.kind + ": " + errorMessage_;
            std::map<std::string, long> want;
            for (const auto& row : st.table.rows)
                if (row.size() == 2) want[row[0]] = std::stol(row[1]);
            if (!before_ || !after_) return "cannot read the graph to count side effects";
            const Snapshot& b = *before_;
            const Snapshot& a = *after_;
            std::vector<std::pair<std::string, std::pair<long, long>>> checks = {
                {"+nodes", {want["+nodes"], Snapshot::minus(a.nodes, b.nodes)}},
                {"-nodes", {want["-nodes"], Snapshot::minus(b.nodes, a.nodes)}},
                {"+relationships", {want["+relationships"], Snapshot::minus(a.rels, b.rels)}},
                {"-relationships", {want["-relationships"], Snapshot::minus(b.rels, a.rels)}},
                {"+labels", {want["+labels"], Snapshot::minus(a.labels, b.labels)}},
                {"-labels", {want["-labels"], Snapshot::minus(b.labels, a.labels)}},
                {"+properties", {want["+properties"], Snapshot::minus(a.properties, b.properties)}},
                {"-properties", {want["-properties"], Snapshot::minus(b.properties, a.properties)}},
            };
            for (const auto& [what, pair] : checks)
                if (pair.first != pair.second)
                    return what + ": expected " + std::to_string(pair.first) + ", got " + std::to_string(pair.second);
            return "";
        }
        static const std::regex raised(R"(an? (\w+) should be raised at (compile time|runtime|any time): ?(\S*))");
        std::smatch m;
        if (std::regex_match(t, m, raised)) {
            if (ok) return "expected " + m[1].str() + " (" + m[3].str() + "), the query succeeded";
            if (error_.kind != m[1].str())
                return "expected " + m[1].str() + " (" + m[3].str() + "), got " + error_.kind + ": " + errorMessage_;
            if (m[2] == "compile time" && !error_.atCompileTime)
                return "expected " + m[1].str() + " at compile time, got it at runtime: " + errorMessage_;
            if (m[2] == "runtime" && error_.atCompileTime)
                return "expected " + m[1].str() + " at runtime, got it at compile time: " + errorMessage_;
            return "";
        }
        return "unsupported step: " + t;
    }

    Database* db_;
    bool verbose_;
    Value::Map params_;
    bool executed_ = false;
    std::string query_;
    QueryError error_;
    std::string errorMessage_;
    std::optional<Result<QueryResult>> result_;
    std::optional<Snapshot> before_, after_;
};

long readBaseline(const std::string& path) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        return std::stol(line);
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string features = std::string(KG_SHARED_DIR) + "/tck/features";
    std::string filter, failuresFile, baselineFile, updateBaseline;
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "error: " << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--features") features = value();
        else if (a == "--filter") filter = value();
        else if (a == "--verbose") verbose = true;
        else if (a == "--list-failures") failuresFile = value();
        else if (a == "--baseline") baselineFile = value();
        else if (a == "--update-baseline") updateBaseline = value();
        else {
            std::cerr << "error: unknown option " << a << "\n";
            return 2;
        }
    }
    if (!fs::is_directory(features)) {
        std::cout << "skipped: " << features << " not found (the TCK lives in ../shared/tck)\n";
        return 77;
    }

    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(features))
        if (e.path().extension() == ".feature") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    fs::path scratch = fs::temp_directory_path() / ("kg-tck-" + std::to_string(::getpid()));
    fs::remove_all(scratch);
    OpenOptions openOptions;
    openOptions.cacheBytes = size_t{8} << 20;
    auto db = Database::open(scratch.string(), openOptions);
    if (!db) {
        std::cerr << "error: " << db.status().message() << "\n";
        return 1;
    }
    std::map<std::string, std::pair<int, int>> perDir;  // passed, total
    std::vector<std::string> failures;
    int passed = 0, total = 0;
    for (const auto& file : files) {
        std::string relative = fs::relative(file, features).generic_string();
        if (!inScope(relative)) continue;
        for (const Scenario& s : parseFeature(file, relative)) {
            if (temporal(s)) continue;
            std::string where = relative + ":" + std::to_string(s.line) + " " + s.name;
            if (!filter.empty() && where.find(filter) == std::string::npos) continue;
            std::string dir = fs::path(relative).parent_path().generic_string();
            Outcome o;
            {
                ScenarioRun run(**db, verbose);
                Status empty = (*db)->query("MATCH (n) DETACH DELETE n").status();
                o = empty.isOk() ? run.run(s) : Outcome{false, "cannot empty the database: " + empty.message()};
            }
            ++total;
            ++perDir[dir].second;
            if (o.passed) {
                ++passed;
                ++perDir[dir].first;
            } else {
                failures.push_back(where + " -- " + o.reason);
                if (verbose) std::cout << "FAIL " << where << "\n  " << o.reason << "\n";
            }
        }
    }
    db->reset();
    std::error_code ec;
    fs::remove_all(scratch, ec);

    for (const auto& [dir, counts] : perDir)
        std::printf("%-40s %4d / %4d\n", dir.c_str(), counts.first, counts.second);
    std::printf("TCK: %d of %d scenarios pass\n", passed, total);
    if (!failuresFile.empty()) {
        std::ofstream out(failuresFile);
        for (const auto& f : failures) out << f << "\n";
    }
    if (!updateBaseline.empty()) {
        std::ofstream out(updateBaseline);
        out << "# Scenarios of the openCypher TCK that pass (tests/tck/README.md). CI fails below this;\n"
               "# raise it as support grows: build/<dir>/tests/tck/tck_runner --update-baseline tests/tck/baseline.txt\n"
            << passed << "\n";
    }
    if (!baselineFile.empty()) {
        long baseline = readBaseline(baselineFile);
        std::printf("TCK baseline %ld, now %d\n", baseline, passed);
        if (baseline < 0) {
            std::cerr << "error: " << baselineFile << " holds no number\n";
            return 1;
        }
        if (passed < baseline) return 1;
    }
    return 0;
}
