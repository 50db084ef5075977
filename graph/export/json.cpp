// JSON in the elements format of Cytoscape.js, streamed one element a line so
// that a large graph never sits in memory as one JSON tree.
//
// Serialised by hand: building a JSON tree per element (nlohmann::json) made
// this the slowest exporter (LSQB SF0.1: 7.7 s against 1 s for GraphML).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

namespace {

// A JSON string: quotes, backslashes and control characters escaped, ill-formed UTF-8 replaced.
void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (size_t i = 0; i < s.size();) {
        char32_t cp = nextCodePoint(s, i);
        switch (cp) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (cp < 0x20) out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp));
                else appendUtf8(out, cp);
        }
    }
    out += '"';
}

void appendJson(std::string& out, const Value& v) {
    switch (v.type()) {
        case Value::Type::NUL: out += "null"; break;
        case Value::Type::BOOL: out += v.asBool() ? "true" : "false"; break;
        case Value::Type::INT: fmt::format_to(std::back_inserter(out), "{}", v.asInt()); break;
        case Value::Type::FLOAT: {
            double d = v.asFloat();
            // JSON has no NaN or infinity.
            if (!std::isfinite(d)) {
                out += "null";
                break;
            }
            // A float keeps a '.' or an exponent, so readers keep it a float.
            size_t start = out.size();
            out += formatDouble(d);
            if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
            break;
        }
        case Value::Type::STRING: appendJsonString(out, v.asString()); break;
        case Value::Type::LIST: {
            out += '[';
            bool first = true;
            for (const Value& item : v.asList()) {
                if (!first) out += ',';
                first = false;
                appendJson(out, item);
            }
            out += ']';
            break;
        }
        case Value::Type::MAP: {
            out += '{';
            bool first = true;
            for (const auto& [key, item] : v.asMap()) {
                if (!first) out += ',';
                first = false;
                appendJsonString(out, key);
                out += ':';
                appendJson(out, item);
            }
            out += '}';
            break;
        }
        case Value::Type::NODE:
        case Value::Type::RELATIONSHIP:
        case Value::Type::PATH: appendJsonString(out, v.toString()); break;  // never a stored property
    }
}

// Properties go into `data` beside the fields Cytoscape.js reads; one named
// like such a field is written as "property:<key>" instead of replacing it.
void appendProperties(std::string& out, const PropertyList& props, const TokenNames& names,
                      std::initializer_list<std::string_view> reserved) {
    for (const auto& [k, value] : props) {
        const std::string& key = names.key(k);
        bool clash = std::find(reserved.begin(), reserved.end(), key) != reserved.end();
        out += ',';
        appendJsonString(out, clash ? "property:" + key : key);
        out += ':';
        appendJson(out, value);
    }
}

// Lines are built in a buffer and written in large pieces.
constexpr size_t kFlushBytes = size_t{1} << 20;

}  // namespace

std::string jsonText(const Value& v) {
    std::string out;
    appendJson(out, v);
    return out;
}

Status writeJson(const Graph& g, const Subgraph& sub, std::ostream& out) {
    TokenNames names(g.store());
    std::string buf = "{\"elements\": {\"nodes\": [";
    auto flush = [&](size_t atLeast) {
        if (buf.size() < atLeast) return;
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    };
    bool first = true;
    for (VertexIndex v : sub.vertices) {
        buf += first ? "\n" : ",\n";
        first = false;
        fmt::format_to(std::back_inserter(buf), "{{\"data\":{{\"id\":\"n{}\",\"labels\":[", g.nodeId(v));
        bool firstLabel = true;
        for (TokenId l : g.labels(v)) {
            if (!firstLabel) buf += ',';
            firstLabel = false;
            appendJsonString(buf, names.label(l));
        }
        buf += ']';
        appendProperties(buf, g.properties(v), names, {"id", "labels"});
        buf += "}}";
        flush(kFlushBytes);
        if (!out) break;
    }
    buf += "\n], \"edges\": [";
    first = true;
    for (EdgeIndex e : sub.edges) {
        buf += first ? "\n" : ",\n";
        first = false;
        fmt::format_to(std::back_inserter(buf), "{{\"data\":{{\"id\":\"e{}\",\"source\":\"n{}\",\"target\":\"n{}\",",
                       g.relId(e), g.nodeId(g.source(e)), g.nodeId(g.target(e)));
        buf += "\"type\":";
        appendJsonString(buf, names.type(g.type(e)));
        appendProperties(buf, g.edgeProperties(e), names, {"id", "source", "target", "type"});
        buf += "}}";
        flush(kFlushBytes);
        if (!out) break;
    }
    buf += "\n]}}\n";
    flush(0);
    out.flush();
    if (!out) return Status::ioError("cannot write the JSON export");
    return Status::ok();
}

}  // namespace kgraph::graph::exporters
