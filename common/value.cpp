#include <kgraph/value.hpp>

#include <cmath>

#include <fmt/format.h>

namespace kgraph {

namespace {

void appendQuoted(std::string& out, const std::string& s) {
    out += '\'';
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
}

void append(std::string& out, const Value& v) {
    switch (v.type()) {
        case Value::Type::NUL: out += "null"; break;
        case Value::Type::BOOL: out += v.asBool() ? "true" : "false"; break;
        case Value::Type::INT: out += fmt::format("{}", v.asInt()); break;
        case Value::Type::FLOAT: {
            double d = v.asFloat();
            if (std::isnan(d)) { out += "NaN"; break; }
            if (std::isinf(d)) { out += d > 0 ? "Infinity" : "-Infinity"; break; }
            std::string s = fmt::format("{}", d);  // shortest round-trip form
            if (s.find_first_of(".eE") == std::string::npos) s += ".0";
            out += s;
            break;
        }
        case Value::Type::STRING: appendQuoted(out, v.asString()); break;
        case Value::Type::LIST: {
            out += '[';
            bool first = true;
            for (const Value& item : v.asList()) {
                if (!first) out += ", ";
                first = false;
                append(out, item);
            }
            out += ']';
            break;
        }
        case Value::Type::MAP: {
            out += '{';
            bool first = true;
            for (const auto& [key, item] : v.asMap()) {
                if (!first) out += ", ";
                first = false;
                out += key;
                out += ": ";
                append(out, item);
            }
            out += '}';
            break;
        }
        case Value::Type::NODE: out += fmt::format("(#{})", v.asNode().id); break;
        case Value::Type::RELATIONSHIP: out += fmt::format("[#{}]", v.asRelationship().id); break;
        case Value::Type::PATH: {
            const Value::Path& p = v.asPath();
            out += '<';
            for (size_t i = 0; i < p.nodes.size(); ++i) {
                if (i > 0) out += fmt::format("-[#{}]-", p.relationships[i - 1]);
                out += fmt::format("(#{})", p.nodes[i]);
            }
            out += '>';
            break;
        }
    }
}

}  // namespace

std::string Value::toString() const {
    std::string out;
    append(out, *this);
    return out;
}

std::string_view typeName(Value::Type t) {
    switch (t) {
        case Value::Type::NUL: return "null";
        case Value::Type::BOOL: return "boolean";
        case Value::Type::INT: return "integer";
        case Value::Type::FLOAT: return "float";
        case Value::Type::STRING: return "string";
        case Value::Type::LIST: return "list";
        case Value::Type::MAP: return "map";
        case Value::Type::NODE: return "node";
        case Value::Type::RELATIONSHIP: return "relationship";
        case Value::Type::PATH: return "path";
    }
    return "unknown";
}

}  // namespace kgraph
