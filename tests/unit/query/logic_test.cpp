// Query logic tests: every file under tests/data/query/logic/*.test runs
// against a fresh database through the public API. The format, one record
// per blank-line-separated block:
//
//   # a comment
//   statement ok                    the statement must succeed
//   CREATE (:Company {name: 'Alibaba'})
//
//   statement error TypeError [text]  it must fail with this kind (and message text)
//   RETURN 1 + 'a' - true
//
//   params {"name": "Alibaba"}      parameters for the next record (JSON)
//   query [ordered]                 rows compared in order, else as a bag
//   MATCH (c:Company) RETURN c.name AS name
//   ----
//   name                            the columns, ' | ' between them
//   'Alibaba'                       one line per row, values as Cypher literals;
//                                   nodes (:A {k: v}), relationships [:T {k: v}],
//                                   paths <(:A)-[:T]->(:B)>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <kgraph/kgraph.hpp>

namespace fs = std::filesystem;

namespace {

std::string render(const kgraph::Value& v, const kgraph::QueryResult& r);

std::string renderProps(const kgraph::Value::Map& props, const kgraph::QueryResult& r) {
    if (props.empty()) return "";
    std::string out = " {";
    bool first = true;
    for (const auto& [k, v] : props) {
        out += (first ? "" : ", ") + k + ": " + render(v, r);
        first = false;
    }
    return out + "}";
}

std::string renderNode(uint64_t id, const kgraph::QueryResult& r) {
    const auto& n = r.nodes.at(id);
    std::string out = "(";
    for (const auto& l : n.labels) out += ":" + l;
    return out + renderProps(n.properties, r) + ")";
}

std::string renderRel(uint64_t id, const kgraph::QueryResult& r) {
    const auto& rel = r.relationships.at(id);
    return "[:" + rel.type + renderProps(rel.properties, r) + "]";
}

std::string render(const kgraph::Value& v, const kgraph::QueryResult& r) {
    using T = kgraph::Value::Type;
    switch (v.type()) {
        case T::NODE: return renderNode(v.asNode().id, r);
        case T::RELATIONSHIP: return renderRel(v.asRelationship().id, r);
        case T::PATH: {
            const auto& p = v.asPath();
            std::string out = "<" + renderNode(p.nodes[0], r);
            for (size_t i = 0; i < p.relationships.size(); ++i) {
                const auto& rel = r.relationships.at(p.relationships[i]);
                bool forward = rel.start == p.nodes[i];
                out += (forward ? "-" : "<-") + renderRel(p.relationships[i], r) + (forward ? "->" : "-");
                out += renderNode(p.nodes[i + 1], r);
            }
            return out + ">";
        }
        case T::LIST: {
            std::string out = "[";
            for (size_t i = 0; i < v.asList().size(); ++i) out += (i ? ", " : "") + render(v.asList()[i], r);
            return out + "]";
        }
        case T::MAP: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, x] : v.asMap()) {
                out += (first ? "" : ", ") + k + ": " + render(x, r);
                first = false;
            }
            return out + "}";
        }
        default: return v.toString();
    }
}

kgraph::Value fromJson(const nlohmann::json& j) {
    if (j.is_null()) return {};
    if (j.is_boolean()) return kgraph::Value(j.get<bool>());
    if (j.is_number_integer()) return kgraph::Value(j.get<int64_t>());
    if (j.is_number()) return kgraph::Value(j.get<double>());
    if (j.is_string()) return kgraph::Value(j.get<std::string>());
    if (j.is_array()) {
        kgraph::Value::List l;
        for (const auto& x : j) l.push_back(fromJson(x));
        return kgraph::Value(std::move(l));
    }
    kgraph::Value::Map m;
    for (const auto& [k, x] : j.items()) m.emplace(k, fromJson(x));
    return kgraph::Value(std::move(m));
}

std::vector<fs::path> testFiles() {
    std::vector<fs::path> out;
    fs::path dir = fs::path(KG_SOURCE_DIR) / "tests/data/query/logic";
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".test") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class LogicTest : public testing::TestWithParam<fs::path> {};

TEST_P(LogicTest, Runs) {
    fs::path dbDir = fs::temp_directory_path() / ("kg-logic-" + std::to_string(::getpid()) + "-" + GetParam().stem().string());
    fs::remove_all(dbDir);
    auto db = kgraph::Database::open(dbDir.string());
    ASSERT_TRUE(db.isOk()) << db.status().message();

    std::ifstream in(GetParam());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    lines.emplace_back();

    kgraph::QueryOptions options;
    size_t i = 0;
    int records = 0;
    while (i < lines.size()) {
        if (lines[i].empty() || lines[i][0] == '#') {
            ++i;
            continue;
        }
        size_t headerLine = i + 1;
        std::string header = lines[i++];
        if (header.rfind("params ", 0) == 0) {
            options.parameters = fromJson(nlohmann::json::parse(header.substr(7))).asMap();
            continue;
        }
        std::string text;
        while (i < lines.size() && !lines[i].empty() && lines[i] != "----") text += lines[i++] + "\n";
        std::vector<std::string> expected;
        if (i < lines.size() && lines[i] == "----") {
            ++i;
            while (i < lines.size() && !lines[i].empty()) expected.push_back(lines[i++]);
        }
        ++records;
        SCOPED_TRACE(GetParam().filename().string() + ":" + std::to_string(headerLine) + ": " + text);
        kgraph::QueryError error;
        auto result = (*db)->query(text, options, &error);
        options.parameters.clear();
        std::istringstream words(header);
        std::string kind, arg;
        words >> kind >> arg;
        if (kind == "statement" && arg == "ok") {
            EXPECT_TRUE(result.isOk()) << result.status().message();
        } else if (kind == "statement" && arg == "error") {
            std::string errorKind, needle;
            words >> errorKind;
            std::getline(words, needle);
            if (!needle.empty() && needle[0] == ' ') needle.erase(0, 1);
            ASSERT_FALSE(result.isOk()) << "expected " << errorKind;
            EXPECT_EQ(error.kind, errorKind) << result.status().message();
            EXPECT_NE(result.status().message().find(needle), std::string::npos) << result.status().message();
        } else if (kind == "query") {
            ASSERT_TRUE(result.isOk()) << result.status().message();
            ASSERT_FALSE(expected.empty()) << "a query record needs ---- and the column line";
            std::string columns;
            for (size_t c = 0; c < result->columns.size(); ++c) columns += (c ? " | " : "") + result->columns[c];
            EXPECT_EQ(columns, expected[0]);
            std::vector<std::string> actual;
            for (const auto& row : result->rows) {
                std::string line;
                for (size_t c = 0; c < row.size(); ++c) line += (c ? " | " : "") + render(row[c], *result);
                actual.push_back(line);
            }
            std::vector<std::string> want(expected.begin() + 1, expected.end());
            if (arg != "ordered") {
                std::sort(actual.begin(), actual.end());
                std::sort(want.begin(), want.end());
            }
            EXPECT_EQ(actual, want);
        } else {
            ADD_FAILURE() << "unknown record kind: " << header;
        }
    }
    EXPECT_GT(records, 0);
    db->reset();
    fs::remove_all(dbDir);
}

INSTANTIATE_TEST_SUITE_P(Files, LogicTest, testing::ValuesIn(testFiles()),
                         [](const testing::TestParamInfo<fs::path>& param) {
                             std::string name = param.param.stem().string();
                             std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                             return name;
                         });

}  // namespace
