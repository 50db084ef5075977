// QueryResult::toJson: the JSON shape of `kg query --format json`
// (docs/cli.md), for programs that embed kgraph.
#include <kgraph/kgraph.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace kgraph {

namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`; 0 when there is none.
size_t utf8SequenceLength(std::string_view s) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(0);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || length > s.size()) return 0;
    uint32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i) & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

// A JSON string literal; bytes that are not UTF-8 become U+FFFD.
void appendString(std::string& out, std::string_view s) {
    out += '"';
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s[0]);
        size_t length = utf8SequenceLength(s);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            length = 1;
        } else if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\b') {
            out += "\\b";
        } else if (c == '\f') {
            out += "\\f";
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out.append(s.substr(0, length));
        }
        s.remove_prefix(length);
    }
    out += '"';
}

// Shortest round-trip text, always with a '.' or an exponent: 0.25, 4.2e9, 1.0e-4.
void appendFloat(std::string& out, double d) {
    if (std::isnan(d)) return void(out += "NaN");
    if (std::isinf(d)) return void(out += d < 0 ? "-Infinity" : "Infinity");
    const double magnitude = std::fabs(d);
    const bool plain = magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7);
    char buf[64];
    char* end = std::to_chars(buf, buf + sizeof buf, d, plain ? std::chars_format::fixed : std::chars_format::scientific).ptr;
    std::string_view text(buf, static_cast<size_t>(end - buf));
    const size_t e = text.find('e');
    std::string_view mantissa = text.substr(0, e);
    out += mantissa;
    if (mantissa.find('.') == std::string_view::npos) out += ".0";
    if (e != std::string_view::npos) {
        int exponent = 0;
        std::string_view digits = text.substr(e + 1);
        if (digits.front() == '+') digits.remove_prefix(1);
        std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
        out += 'e' + std::to_string(exponent);
    }
}

void appendValue(std::string& out, const Value& v, const QueryResult& result);

void appendMap(std::string& out, const Value::Map& map, const QueryResult& result) {
    out += '{';
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it != map.begin()) out += ',';
        appendString(out, it->first);
        out += ':';
        appendValue(out, it->second, result);
    }
    out += '}';
}

void appendNode(std::string& out, uint64_t id, const QueryResult& result) {
    out += "{\"id\":" + std::to_string(id) + ",\"labels\":[";
    const NodeData* node = result.node({id});
    for (size_t i = 0; node && i < node->labels.size(); ++i) {
        if (i) out += ',';
        appendString(out, node->labels[i]);
    }
    out += "],\"properties\":";
    appendMap(out, node ? node->properties : Value::Map{}, result);
    out += '}';
}

void appendRelationship(std::string& out, uint64_t id, const QueryResult& result) {
    const RelationshipData* rel = result.relationship({id});
    if (!rel) {  // a relationship the result does not describe: its id alone
        out += "{\"id\":" + std::to_string(id) + ",\"type\":null,\"start\":null,\"end\":null,\"properties\":{}}";
        return;
    }
    out += "{\"id\":" + std::to_string(id) + ",\"type\":";
    appendString(out, rel->type);
    out += ",\"start\":" + std::to_string(rel->start) + ",\"end\":" + std::to_string(rel->end) + ",\"properties\":";
    appendMap(out, rel->properties, result);
    out += '}';
}

void appendValue(std::string& out, const Value& v, const QueryResult& result) {
    switch (v.type()) {
        case Value::Type::NUL: out += "null"; break;
        case Value::Type::BOOL: out += v.asBool() ? "true" : "false"; break;
        case Value::Type::INT: out += std::to_string(v.asInt()); break;
        case Value::Type::FLOAT: appendFloat(out, v.asFloat()); break;
        case Value::Type::STRING: appendString(out, v.asString()); break;
        case Value::Type::LIST:
            out += '[';
            for (size_t i = 0; i < v.asList().size(); ++i) {
                if (i) out += ',';
                appendValue(out, v.asList()[i], result);
            }
            out += ']';
            break;
        case Value::Type::MAP: appendMap(out, v.asMap(), result); break;
        case Value::Type::NODE: appendNode(out, v.asNode().id, result); break;
        case Value::Type::RELATIONSHIP: appendRelationship(out, v.asRelationship().id, result); break;
        case Value::Type::PATH: {
            const Value::Path& path = v.asPath();
            out += "{\"nodes\":[";
            for (size_t i = 0; i < path.nodes.size(); ++i) {
                if (i) out += ',';
                appendNode(out, path.nodes[i], result);
            }
            out += "],\"relationships\":[";
            for (size_t i = 0; i < path.relationships.size(); ++i) {
                if (i) out += ',';
                appendRelationship(out, path.relationships[i], result);
            }
            out += "]}";
            break;
        }
    }
}

}  // namespace

std::string QueryResult::toJson() const {
    std::string out = "{\"columns\":[";
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        appendString(out, columns[i]);
    }
    out += "],\"rows\":[";
    for (size_t r = 0; r < rows.size(); ++r) {
        if (r) out += ',';
        out += '[';
        for (size_t c = 0; c < rows[r].size(); ++c) {
            if (c) out += ',';
            appendValue(out, rows[r][c], *this);
        }
        out += ']';
    }
    out += ']';
    if (!plan.empty()) {
        out += ",\"plan\":";
        appendString(out, plan);
    }
    out += '}';
    return out;
}

std::string QueryResult::toJson(const Value& value) const {
    std::string out;
    appendValue(out, value, *this);
    return out;
}

}  // namespace kgraph
