// Internals of graph/export: one writer per format and the text helpers they
// share. Not part of the module's interface (export.hpp is).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "common/text.hpp"
#include "graph/export/export.hpp"
#include "graph/graph.hpp"

namespace kgraph::graph::exporters {

Status writeDot(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out);
Status writeGraphml(const Graph& g, const Subgraph& sub, std::ostream& out);
Status writeJson(const Graph& g, const Subgraph& sub, std::ostream& out);
Status writeNtriples(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out);
// Writes the CSV files into the existing, empty directory `dir`; `import.args`
// names them under `finalDir`, where they will be once `dir` is renamed.
Status writeCsv(const Graph& g, const Subgraph& sub, const std::string& dir, const std::string& finalDir);

// Token names of a store, read once: a store lookup takes a lock, and an
// export asks for a name per element.
class TokenNames {
public:
    explicit TokenNames(const storage::Store& store);
    const std::string& label(TokenId id) const { return find(labels_, id); }
    const std::string& type(TokenId id) const { return find(types_, id); }
    const std::string& key(TokenId id) const { return find(keys_, id); }

private:
    using Map = std::unordered_map<TokenId, std::string>;
    static const std::string& find(const Map& map, TokenId id);
    Map labels_, types_, keys_;
};

// U+FFFD, which stands in for ill-formed UTF-8 in every format.
inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[i] and advances i past it. An ill-formed
// sequence yields kReplacementChar and advances by one byte.
char32_t nextCodePoint(std::string_view s, size_t& i);
// `s` with every ill-formed UTF-8 sequence replaced by U+FFFD.
std::string validUtf8(std::string_view s);
// At most `maxBytes` bytes of `s`, cut at a code point boundary.
std::string_view truncateUtf8(std::string_view s, size_t maxBytes);

// The shortest text that reads back as the same double ("4200000000",
// "0.4261", "1e+300"). REQUIRES: finite.
std::string formatDouble(double d);
// JSON text of a value; NaN and infinities become null (JSON has no token for them).
std::string jsonText(const Value& v);
// A value as plain text: strings as they are, numbers and booleans as
// literals, lists and maps as JSON.
std::string plainText(const Value& v);

// The value types a property takes over many elements, for formats whose
// columns or keys are typed (GraphML, CSV).
class TypeSummary {
public:
    static constexpr uint32_t bit(Value::Type t) { return uint32_t{1} << static_cast<uint32_t>(t); }

    void add(const Value& v);
    // bit() of the type of every value added, and of every item of a list value.
    uint32_t types() const { return types_; }
    uint32_t itemTypes() const { return itemTypes_; }
    // True when every value had type `t` (and there was one).
    bool only(Value::Type t) const { return types_ == bit(t); }

private:
    uint32_t types_ = 0;
    uint32_t itemTypes_ = 0;
};

// The display name of a vertex: its `name`, else its `title`, else its first
// property as text, else "#<node id>".
std::string displayName(const Graph& g, const TokenNames& names, VertexIndex v);

}  // namespace kgraph::graph::exporters
