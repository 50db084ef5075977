// Text helpers shared by the export writers.
#include <cmath>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

TokenNames::TokenNames(const storage::Store& store) {
    for (auto& [id, name] : store.tokens(storage::TokenKind::LABEL)) labels_.emplace(id, std::move(name));
    for (auto& [id, name] : store.tokens(storage::TokenKind::TYPE)) types_.emplace(id, std::move(name));
    for (auto& [id, name] : store.tokens(storage::TokenKind::PROPERTY)) keys_.emplace(id, std::move(name));
}

const std::string& TokenNames::find(const Map& map, TokenId id) {
    static const std::string kUnknown;
    auto it = map.find(id);
    return it == map.end() ? kUnknown : it->second;
}

char32_t nextCodePoint(std::string_view s, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return kReplacementChar;
    }
    for (size_t k = 1; k < len; ++k) {
        unsigned char cc = byte(i + k);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return kReplacementChar;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past Unicode are ill-formed too.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kReplacementChar;
    }
    i += len;
    return cp;
}


std::string validUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t start = i;
        char32_t cp = nextCodePoint(s, i);
        if (cp == kReplacementChar && i - start == 1) appendUtf8(out, cp);
        else out.append(s.substr(start, i - start));
    }
    return out;
}

std::string_view truncateUtf8(std::string_view s, size_t maxBytes) {
    if (s.size() <= maxBytes) return s;
    size_t cut = maxBytes;
    // Step back over continuation bytes to the start of the cut code point.
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut);
}

std::string formatDouble(double d) { return fmt::format("{}", d); }

std::string plainText(const Value& v) {
    switch (v.type()) {
        case Value::Type::NUL: return "";
        case Value::Type::BOOL: return v.asBool() ? "true" : "false";
        case Value::Type::INT: return fmt::format("{}", v.asInt());
        case Value::Type::FLOAT: {
            double d = v.asFloat();
            if (std::isnan(d)) return "NaN";
            if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
            return formatDouble(d);
        }
        case Value::Type::STRING: return v.asString();
        case Value::Type::LIST:
        case Value::Type::MAP: return jsonText(v);
        case Value::Type::NODE:
        case Value::Type::RELATIONSHIP:
        case Value::Type::PATH: return v.toString();  // never a stored property
    }
    return "";
}

void TypeSummary::add(const Value& v) {
    types_ |= bit(v.type());
    if (v.isList())
        for (const Value& item : v.asList()) itemTypes_ |= bit(item.type());
}

std::string displayName(const Graph& g, const TokenNames& names, VertexIndex v) {
    const PropertyList& props = g.properties(v);
    for (const char* key : {"name", "title"})
        for (const auto& [k, value] : props)
            if (names.key(k) == key && value.isString() && !value.asString().empty()) return value.asString();
    if (!props.empty()) return plainText(props.front().second);
    return fmt::format("#{}", g.nodeId(v));
}

}  // namespace kgraph::graph::exporters
