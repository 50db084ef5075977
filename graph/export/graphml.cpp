// GraphML: nodes and edges with typed data keys, for yEd, Gephi, NetworkX and
// Neo4j's APOC.
#include <cmath>
#include <map>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

namespace {

// `s` as XML character data (or an attribute value): the five special
// characters as entities, characters XML 1.0 forbids dropped.
std::string xmlText(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        char32_t cp = nextCodePoint(s, i);
        switch (cp) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            // As references, so that parsers keep them (they normalise raw CR,
            // and raw tab and newline in attribute values).
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) break;
                appendUtf8(out, cp);
        }
    }
    return out;
}

// A GraphML key: one property key in one domain (node or edge).
struct Key {
    TokenId token = 0;
    std::string id;
    std::string type;  // attr.type
};

// GraphML's attr.type for a property with these values. Lists and maps have no
// GraphML type: they are written as JSON in a string.
std::string attrType(const TypeSummary& t) {
    using T = Value::Type;
    if (t.only(T::BOOL)) return "boolean";
    if (t.only(T::INT)) return "long";
    if (t.only(T::FLOAT) || t.types() == (TypeSummary::bit(T::INT) | TypeSummary::bit(T::FLOAT))) return "double";
    return "string";
}

// A value as GraphML text under a key of `type`.
std::string dataText(const Value& v, const std::string& type) {
    if (type == "double" && v.isFloat()) {
        double d = v.asFloat();
        // The XML Schema spellings, which GraphML's types follow.
        if (std::isnan(d)) return "NaN";
        if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
        return formatDouble(d);
    }
    return xmlText(plainText(v));
}

class GraphmlWriter {
public:
    GraphmlWriter(const Graph& g, const Subgraph& sub, std::ostream& out)
        : g_(g), sub_(sub), out_(out), names_(g.store()) {}

    Status write() {
        collectKeys();
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
                "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n";
        writeKeys("node", nodeKeys_);
        writeKeys("edge", edgeKeys_);
        out_ << "  <graph id=\"kgraph\" edgedefault=\"directed\">\n";
        for (VertexIndex v : sub_.vertices) {
            out_ << fmt::format("    <node id=\"n{}\">", g_.nodeId(v));
            std::string labels;
            for (TokenId l : g_.labels(v)) labels += (labels.empty() ? "" : ":") + names_.label(l);
            out_ << "<data key=\"labels\">" << xmlText(labels) << "</data>";
            writeData(g_.properties(v), nodeKeys_);
            out_ << "</node>\n";
            if (!out_) break;
        }
        for (EdgeIndex e : sub_.edges) {
            out_ << fmt::format("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">", g_.relId(e),
                                g_.nodeId(g_.source(e)), g_.nodeId(g_.target(e)));
            out_ << "<data key=\"type\">" << xmlText(names_.type(g_.type(e))) << "</data>";
            writeData(g_.edgeProperties(e), edgeKeys_);
            out_ << "</edge>\n";
            if (!out_) break;
        }
        out_ << "  </graph>\n</graphml>\n";
        out_.flush();
        if (!out_) return Status::ioError("cannot write the GraphML export");
        return Status::ok();
    }

private:
    // The keys of one domain (node or edge), in name order.
    struct Domain {
        std::vector<Key> keys;
        std::unordered_map<TokenId, size_t> byToken;
    };

    void collect(const PropertyList& props, std::map<std::string, std::pair<TokenId, TypeSummary>>& seen) {
        for (const auto& [k, value] : props) {
            auto& entry = seen[names_.key(k)];
            entry.first = k;
            entry.second.add(value);
        }
    }

    // Key ids are d0, d1, ... so that any property name is safe in them.
    void collectKeys() {
        std::map<std::string, std::pair<TokenId, TypeSummary>> nodes, edges;
        for (VertexIndex v : sub_.vertices) collect(g_.properties(v), nodes);
        for (EdgeIndex e : sub_.edges) collect(g_.edgeProperties(e), edges);
        size_t next = 0;
        for (auto [seen, domain] : {std::pair{&nodes, &nodeKeys_}, std::pair{&edges, &edgeKeys_}}) {
            for (const auto& [name, entry] : *seen) {
                domain->byToken[entry.first] = domain->keys.size();
                domain->keys.push_back(Key{entry.first, fmt::format("d{}", next++), attrType(entry.second)});
            }
        }
    }

    void writeKeys(const char* domain, const Domain& keys) {
        for (const Key& key : keys.keys)
            out_ << fmt::format("  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>\n", key.id, domain,
                                xmlText(names_.key(key.token)), key.type);
    }

    void writeData(const PropertyList& props, const Domain& keys) {
        for (const auto& [k, value] : props) {
            const Key& key = keys.keys[keys.byToken.at(k)];
            out_ << "<data key=\"" << key.id << "\">" << dataText(value, key.type) << "</data>";
        }
    }

    const Graph& g_;
    const Subgraph& sub_;
    std::ostream& out_;
    TokenNames names_;
    Domain nodeKeys_, edgeKeys_;
};

}  // namespace

Status writeGraphml(const Graph& g, const Subgraph& sub, std::ostream& out) {
    return GraphmlWriter(g, sub, out).write();
}

}  // namespace kgraph::graph::exporters
