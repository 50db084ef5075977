// CSV in the neo4j-admin import format, so that `kg import` (or neo4j-admin)
// reads an export back: one nodes file per label set, one relationships file
// per type, and `import.args`, the arguments that load them.
//
//   nodes_1.csv        :ID,:LABEL,name:string,founded:long,aliases:string[]
//   rels_INVESTS_IN.csv :START_ID,:END_ID,:TYPE,amount:double,currency:string
//
// `:ID` is the internal node id, in the one global id space. Columns are
// typed from the values; a key whose values differ in type within one file
// becomes a string column (lists and maps as JSON).
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

namespace {

namespace fs = std::filesystem;

constexpr char kDelimiter = ',';
constexpr char kArrayDelimiter = ';';
constexpr size_t kMaxQuoted = 60;  // of a bad item in an error message

// RFC 4180: quoted when it holds the delimiter, a quote or a line break; inner quotes doubled.
void appendField(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

struct Column {
    TokenId key = 0;
    std::string type;  // "long", "string[]", ...: the header type
    bool array = false;
};

// The column for a property with these values.
Column columnFor(TokenId key, const TypeSummary& t) {
    using T = Value::Type;
    auto scalarName = [](uint32_t types) -> const char* {
        if (types == TypeSummary::bit(T::BOOL)) return "boolean";
        if (types == TypeSummary::bit(T::INT)) return "long";
        if (types == TypeSummary::bit(T::FLOAT)) return "double";
        if (types == TypeSummary::bit(T::STRING)) return "string";
        return nullptr;
    };
    if (const char* name = scalarName(t.types())) return Column{key, name, false};
    if (t.only(T::LIST)) {
        // Lists whose items all have one scalar type; all-empty lists have none, so any will do.
        if (t.itemTypes() == 0) return Column{key, "string[]", true};
        if (const char* name = scalarName(t.itemTypes())) return Column{key, fmt::format("{}[]", name), true};
    }
    return Column{key, "string", false};
}

std::string quotedForError(std::string_view s) {
    std::string_view cut = truncateUtf8(s, kMaxQuoted);
    return fmt::format("'{}{}'", cut, cut.size() < s.size() ? "..." : "");
}

// One output file: its rows' elements and its property columns.
struct CsvFile {
    std::string name;
    std::vector<uint32_t> elements;  // vertex or edge indexes
    std::vector<Column> columns;
    std::unordered_map<TokenId, size_t> byKey;
};

class CsvWriter {
public:
    CsvWriter(const Graph& g, const Subgraph& sub, const std::string& dir, const std::string& finalDir)
        : g_(g), sub_(sub), dir_(dir), finalDir_(finalDir), names_(g.store()) {}

    Status write() {
        KG_RETURN_IF_ERROR(groupNodes());
        groupRels();
        std::string args = fmt::format("--delimiter\n{}\n--array-delimiter\n{}\n", kDelimiter, kArrayDelimiter);
        for (CsvFile& f : nodeFiles_) {
            KG_RETURN_IF_ERROR(writeNodes(f));
            args += fmt::format("--nodes\n{}\n", (fs::path(finalDir_) / f.name).string());
        }
        for (CsvFile& f : relFiles_) {
            KG_RETURN_IF_ERROR(writeRels(f));
            args += fmt::format("--relationships\n{}\n", (fs::path(finalDir_) / f.name).string());
        }
        return writeFile("import.args", args);
    }

private:
    // Node files by label set, in the order of the label names.
    Status groupNodes() {
        std::map<std::vector<std::string>, std::vector<uint32_t>> byLabels;
        for (VertexIndex v : sub_.vertices) {
            std::vector<std::string> labels;
            for (TokenId l : g_.labels(v)) {
                const std::string& name = names_.label(l);
                if (name.find(kArrayDelimiter) != std::string::npos)
                    return Status::invalidInput(fmt::format(
                        "node {}: label {} holds ';', which kg import reads as a label separator", g_.nodeId(v),
                        quotedForError(name)));
                labels.push_back(name);
            }
            if (labels.empty())
                return Status::invalidInput(
                    fmt::format("node {} has no label, which the neo4j-admin CSV format cannot hold", g_.nodeId(v)));
            byLabels[labels].push_back(v);
        }
        for (auto& [labels, members] : byLabels) {
            CsvFile f;
            f.name = fmt::format("nodes_{}.csv", nodeFiles_.size() + 1);
            f.elements = std::move(members);
            nodeFiles_.push_back(std::move(f));
        }
        return Status::ok();
    }

    // Relationship files by type; the name keeps the characters safe in a file
    // name (and in a `kg import` argument, which splits on ',' and '=').
    void groupRels() {
        std::map<std::string, std::vector<uint32_t>> byType;
        for (EdgeIndex e : sub_.edges) byType[names_.type(g_.type(e))].push_back(e);
        std::map<std::string, int> taken;
        for (auto& [type, members] : byType) {
            std::string stem = "rels_";
            for (char c : type) {
                bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                            c == '-';
                stem += safe ? c : '_';
            }
            int n = ++taken[stem];
            CsvFile f;
            f.name = n == 1 ? stem + ".csv" : fmt::format("{}_{}.csv", stem, n);
            f.elements = std::move(members);
            relFiles_.push_back(std::move(f));
        }
    }

    // Columns in the order of the property names.
    template <typename Props>
    void typeColumns(CsvFile& f, Props&& propertiesOf) {
        std::map<std::string, std::pair<TokenId, TypeSummary>> seen;
        for (uint32_t x : f.elements)
            for (const auto& [k, value] : propertiesOf(x)) {
                auto& entry = seen[names_.key(k)];
                entry.first = k;
                entry.second.add(value);
            }
        for (const auto& [name, entry] : seen) {
            f.byKey[entry.first] = f.columns.size();
            f.columns.push_back(columnFor(entry.first, entry.second));
        }
    }

    void appendHeader(std::string& out, const CsvFile& f) {
        for (const Column& c : f.columns) {
            out += kDelimiter;
            appendField(out, names_.key(c.key) + ":" + c.type);
        }
        out += '\n';
    }

    // Appends the property fields of one row; INVALID_INPUT for a list item
    // that the array delimiter would split.
    Status appendProperties(std::string& out, const CsvFile& f, const PropertyList& props, const std::string& what) {
        std::vector<const Value*> row(f.columns.size(), nullptr);
        for (const auto& [k, value] : props) row[f.byKey.at(k)] = &value;
        std::string text;
        for (size_t c = 0; c < row.size(); ++c) {
            out += kDelimiter;
            if (!row[c]) continue;
            if (!f.columns[c].array) {
                appendField(out, plainText(*row[c]));
                continue;
            }
            text.clear();
            bool first = true;
            for (const Value& item : row[c]->asList()) {
                std::string itemText = plainText(item);
                if (itemText.find(kArrayDelimiter) != std::string::npos)
                    return Status::invalidInput(fmt::format(
                        "{}: list item {} of property '{}' holds ';', which kg import reads as an item separator",
                        what, quotedForError(itemText), names_.key(f.columns[c].key)));
                if (!first) text += kArrayDelimiter;
                first = false;
                text += itemText;
            }
            appendField(out, text);
        }
        out += '\n';
        return Status::ok();
    }

    Status writeNodes(CsvFile& f) {
        typeColumns(f, [&](uint32_t v) -> const PropertyList& { return g_.properties(v); });
        std::string out = ":ID,:LABEL";
        appendHeader(out, f);
        std::ofstream file;
        KG_RETURN_IF_ERROR(open(file, f.name));
        for (uint32_t v : f.elements) {
            out += fmt::format("{}{}", g_.nodeId(v), kDelimiter);
            std::string labels;
            for (TokenId l : g_.labels(v)) {
                if (!labels.empty()) labels += kArrayDelimiter;
                labels += names_.label(l);
            }
            appendField(out, labels);
            KG_RETURN_IF_ERROR(appendProperties(out, f, g_.properties(v), fmt::format("node {}", g_.nodeId(v))));
            KG_RETURN_IF_ERROR(flushIfLarge(file, f.name, out));
        }
        return finish(file, f.name, out);
    }

    Status writeRels(CsvFile& f) {
        typeColumns(f, [&](uint32_t e) -> const PropertyList& { return g_.edgeProperties(e); });
        std::string out = ":START_ID,:END_ID,:TYPE";
        appendHeader(out, f);
        std::ofstream file;
        KG_RETURN_IF_ERROR(open(file, f.name));
        for (uint32_t e : f.elements) {
            out += fmt::format("{}{}{}{}", g_.nodeId(g_.source(e)), kDelimiter, g_.nodeId(g_.target(e)), kDelimiter);
            appendField(out, names_.type(g_.type(e)));
            KG_RETURN_IF_ERROR(
                appendProperties(out, f, g_.edgeProperties(e), fmt::format("relationship {}", g_.relId(e))));
            KG_RETURN_IF_ERROR(flushIfLarge(file, f.name, out));
        }
        return finish(file, f.name, out);
    }

    Status open(std::ofstream& file, const std::string& name) {
        file.open(fs::path(dir_) / name, std::ios::binary | std::ios::trunc);
        if (!file) return Status::ioError(fmt::format("cannot write {}", (fs::path(finalDir_) / name).string()));
        return Status::ok();
    }

    // Rows are built in a buffer and written in large pieces.
    Status flushIfLarge(std::ofstream& file, const std::string& name, std::string& out) {
        constexpr size_t kFlushBytes = size_t{1} << 20;
        if (out.size() < kFlushBytes) return Status::ok();
        file.write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
        if (!file) return Status::ioError(fmt::format("cannot write {}", (fs::path(finalDir_) / name).string()));
        return Status::ok();
    }

    Status finish(std::ofstream& file, const std::string& name, std::string& out) {
        file.write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
        file.close();
        if (!file) return Status::ioError(fmt::format("cannot write {}", (fs::path(finalDir_) / name).string()));
        return Status::ok();
    }

    Status writeFile(const std::string& name, const std::string& content) {
        std::ofstream file;
        KG_RETURN_IF_ERROR(open(file, name));
        std::string copy = content;
        return finish(file, name, copy);
    }

    const Graph& g_;
    const Subgraph& sub_;
    std::string dir_;
    std::string finalDir_;
    TokenNames names_;
    std::vector<CsvFile> nodeFiles_, relFiles_;
};

}  // namespace

Status writeCsv(const Graph& g, const Subgraph& sub, const std::string& dir, const std::string& finalDir) {
    return CsvWriter(g, sub, dir, finalDir).write();
}

}  // namespace kgraph::graph::exporters
