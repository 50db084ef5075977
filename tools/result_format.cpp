#include "result_format.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

namespace kgraph::tools {

namespace {

// ---------------------------------------------------------------- UTF-8

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i]. Returns its length in bytes, or 0 when the
// bytes there are not well-formed UTF-8; then `bad` is the length of the
// maximal ill-formed subpart (at least 1), which becomes one U+FFFD
// (Unicode's "substitution of maximal subparts").
size_t decode(std::string_view s, size_t i, uint32_t& cp, size_t& bad) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    bad = 1;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
        if (b0 == 0xED) hi = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;  // no overlong forms
        if (b0 == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
    } else {
        return 0;
    }
    for (size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) return 0;
        unsigned char b = byte(i + k);
        unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
        if (b < min || b > max) return 0;
        cp = (cp << 6) | (b & 0x3F);
        bad = k + 1;
    }
    return len;
}


// Calls `each(cp, bytes)` for every code point of `s`, with U+FFFD for each
// ill-formed subpart (whose bytes are then not the code point's encoding).
template <typename F>
void forEachCodePoint(std::string_view s, F&& each) {
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = 0;
        size_t bad = 1;
        size_t len = decode(s, i, cp, bad);
        if (len == 0) {
            each(kReplacement, std::string_view());
            i += bad;
        } else {
            each(cp, s.substr(i, len));
            i += len;
        }
    }
}

void appendValid(std::string& out, uint32_t cp, std::string_view bytes) {
    if (!bytes.empty()) {
        out += bytes;
        return;
    }
    uint8_t encoded[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(encoded, n, static_cast<UChar32>(cp));
    out.append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(n));
}

// ---------------------------------------------------------------- escapes

void appendHexEscape(std::string& out, const char* prefix, uint32_t cp) {
    out += fmt::format("{}{:04x}", prefix, cp);
}

// A string's text for one table cell: control characters escaped, so a row stays on one line.
void appendEscapedControls(std::string& out, std::string_view s) {
    forEachCodePoint(s, [&](uint32_t cp, std::string_view bytes) {
        switch (cp) {
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (cp < 0x20 || cp == 0x7f) appendHexEscape(out, "\\u", cp);
                else appendValid(out, cp, bytes);
        }
    });
}

// A Cypher string literal: 'it\'s'.
void appendCypherString(std::string& out, std::string_view s) {
    out += '\'';
    forEachCodePoint(s, [&](uint32_t cp, std::string_view bytes) {
        switch (cp) {
            case '\'': out += "\\'"; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (cp < 0x20 || cp == 0x7f) appendHexEscape(out, "\\u", cp);
                else appendValid(out, cp, bytes);
        }
    });
    out += '\'';
}

// A name as Cypher writes it: bare when it is an identifier, else in backticks.
void appendName(std::string& out, std::string_view name) {
    auto identChar = [](char c, bool first) {
        unsigned char u = static_cast<unsigned char>(c);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80 ||
               (!first && c >= '0' && c <= '9');
    };
    bool bare = !name.empty();
    for (size_t i = 0; i < name.size() && bare; ++i) bare = identChar(name[i], i == 0);
    if (bare) {
        out += toValidUtf8(name);
        return;
    }
    out += '`';
    std::string body;
    appendEscapedControls(body, name);
    for (char c : body) {
        if (c == '`') out += '`';
        out += c;
    }
    out += '`';
}

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    forEachCodePoint(s, [&](uint32_t cp, std::string_view bytes) {
        switch (cp) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (cp < 0x20) appendHexEscape(out, "\\u", cp);
                else appendValid(out, cp, bytes);
        }
    });
    out += '"';
}

// ---------------------------------------------------------------- Cypher literals

void appendCypher(std::string& out, const Value& v, const QueryResult& r);

void appendCypherMap(std::string& out, const Value::Map& m, const QueryResult& r) {
    out += '{';
    bool first = true;
    for (const auto& [k, x] : m) {
        if (!first) out += ", ";
        first = false;
        appendName(out, k);
        out += ": ";
        appendCypher(out, x, r);
    }
    out += '}';
}

void appendCypherNode(std::string& out, uint64_t id, const QueryResult& r) {
    auto it = r.nodes.find(id);
    if (it == r.nodes.end()) {
        out += fmt::format("(#{})", id);
        return;
    }
    out += '(';
    for (const auto& label : it->second.labels) {
        out += ':';
        appendName(out, label);
    }
    if (!it->second.properties.empty()) {
        if (!it->second.labels.empty()) out += ' ';
        appendCypherMap(out, it->second.properties, r);
    }
    out += ')';
}

// [:TYPE {props}], without the arrows around it.
void appendCypherRelationship(std::string& out, uint64_t id, const QueryResult& r) {
    auto it = r.relationships.find(id);
    if (it == r.relationships.end() || it->second.type.empty()) {
        out += fmt::format("[#{}]", id);
        return;
    }
    out += "[:";
    appendName(out, it->second.type);
    if (!it->second.properties.empty()) {
        out += ' ';
        appendCypherMap(out, it->second.properties, r);
    }
    out += ']';
}

void appendCypher(std::string& out, const Value& v, const QueryResult& r) {
    switch (v.type()) {
        case Value::Type::NUL: out += "null"; break;
        case Value::Type::BOOL: out += v.asBool() ? "true" : "false"; break;
        case Value::Type::INT: out += fmt::format("{}", v.asInt()); break;
        case Value::Type::FLOAT: out += formatFloat(v.asFloat()); break;
        case Value::Type::STRING: appendCypherString(out, v.asString()); break;
        case Value::Type::LIST: {
            out += '[';
            bool first = true;
            for (const Value& x : v.asList()) {
                if (!first) out += ", ";
                first = false;
                appendCypher(out, x, r);
            }
            out += ']';
            break;
        }
        case Value::Type::MAP: appendCypherMap(out, v.asMap(), r); break;
        case Value::Type::NODE: appendCypherNode(out, v.asNode().id, r); break;
        case Value::Type::RELATIONSHIP: appendCypherRelationship(out, v.asRelationship().id, r); break;
        case Value::Type::PATH: {
            const Value::Path& p = v.asPath();
            for (size_t i = 0; i < p.nodes.size(); ++i) {
                if (i > 0 && i - 1 < p.relationships.size()) {
                    uint64_t rid = p.relationships[i - 1];
                    auto it = r.relationships.find(rid);
                    // The arrow points the way the relationship does; a path may walk it backwards.
                    bool backwards = it != r.relationships.end() && it->second.start != it->second.end &&
                                     it->second.start == p.nodes[i];
                    out += backwards ? "<-" : "-";
                    appendCypherRelationship(out, rid, r);
                    out += backwards ? "-" : "->";
                }
                appendCypherNode(out, p.nodes[i], r);
            }
            break;
        }
    }
}

// ---------------------------------------------------------------- table

struct BoxChars {
    const char* horizontal = "─";
    const char* vertical = "│";
    const char* topLeft = "┌";
    const char* topMid = "┬";
    const char* topRight = "┐";
    const char* midLeft = "├";
    const char* midMid = "┼";
    const char* midRight = "┤";
    const char* bottomLeft = "└";
    const char* bottomMid = "┴";
    const char* bottomRight = "┘";
};

std::string repeat(const char* s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string pad(const std::string& text, size_t width, bool right) {
    size_t w = displayWidth(text);
    std::string fill(width > w ? width - w : 0, ' ');
    return right ? fill + text : text + fill;
}

std::string formatTable(const QueryResult& r, size_t maxWidth, std::string_view footerNote) {
    std::string out;
    const BoxChars box;
    size_t n = r.columns.size();
    if (n > 0) {
        std::vector<std::string> header(n);
        std::vector<std::vector<std::string>> cells(r.rows.size(), std::vector<std::string>(n));
        std::vector<size_t> width(n);
        // A column of numbers (nulls aside) is right-aligned, so digits line up.
        std::vector<bool> numeric(n, true), hasNumber(n, false);
        for (size_t c = 0; c < n; ++c) {
            appendEscapedControls(header[c], r.columns[c]);
            width[c] = displayWidth(header[c]);
        }
        for (size_t i = 0; i < r.rows.size(); ++i) {
            for (size_t c = 0; c < n && c < r.rows[i].size(); ++c) {
                const Value& v = r.rows[i][c];
                cells[i][c] = cell(v, r);
                width[c] = std::max(width[c], displayWidth(cells[i][c]));
                numeric[c] = numeric[c] && (v.isInt() || v.isFloat() || v.isNull());
                hasNumber[c] = hasNumber[c] || v.isInt() || v.isFloat();
            }
        }
        for (size_t c = 0; c < n; ++c) numeric[c] = numeric[c] && hasNumber[c];
        if (maxWidth > 0) {
            // Narrow the widest column, one column at a time, until the table fits.
            auto total = [&] {
                size_t t = 1;  // the left border
                for (size_t w : width) t += w + 3;  // a space each side and the bar after
                return t;
            };
            for (size_t t = total(); t > maxWidth; --t) {
                size_t widest = static_cast<size_t>(std::max_element(width.begin(), width.end()) - width.begin());
                if (width[widest] <= kMinColumnWidth) break;
                --width[widest];
            }
            for (size_t c = 0; c < n; ++c) {
                header[c] = truncateToWidth(header[c], width[c]);
                for (auto& row : cells) row[c] = truncateToWidth(row[c], width[c]);
            }
        }
        auto rule = [&](const char* left, const char* mid, const char* right) {
            out += left;
            for (size_t c = 0; c < n; ++c) {
                if (c) out += mid;
                out += repeat(box.horizontal, width[c] + 2);
            }
            out += right;
            out += '\n';
        };
        auto line = [&](const std::vector<std::string>& texts, bool alignNumbers) {
            out += box.vertical;
            for (size_t c = 0; c < n; ++c) {
                if (c) out += box.vertical;
                out += ' ';
                out += pad(texts[c], width[c], alignNumbers && numeric[c]);
                out += ' ';
            }
            out += box.vertical;
            out += '\n';
        };
        rule(box.topLeft, box.topMid, box.topRight);
        line(header, false);
        if (!r.rows.empty()) rule(box.midLeft, box.midMid, box.midRight);
        for (const auto& row : cells) line(row, true);
        rule(box.bottomLeft, box.bottomMid, box.bottomRight);
    }
    // The footer: the row count, what changed, and the note (the time) on the first of its lines.
    std::vector<std::string> footer;
    if (n > 0) footer.push_back(fmt::format("{} {}", r.rows.size(), r.rows.size() == 1 ? "row" : "rows"));
    std::string changes = describeChanges(r.stats);
    if (!changes.empty()) footer.push_back(changes);
    else if (n == 0 && r.plan.empty()) footer.emplace_back("(no changes, no rows)");
    if (!footerNote.empty() && !footer.empty()) footer.front() += fmt::format(" ({})", footerNote);
    for (const std::string& line : footer) out += line + "\n";
    if (!r.plan.empty()) {
        if (!out.empty()) out += '\n';
        out += toValidUtf8(r.plan);
        if (out.back() != '\n') out += '\n';
    }
    return out;
}

// ---------------------------------------------------------------- CSV and TSV

// The text of a value in one CSV/TSV field before quoting or escaping; null is empty.
std::string plainField(const Value& v, const QueryResult& r) {
    switch (v.type()) {
        case Value::Type::NUL: return "";
        case Value::Type::BOOL: return v.asBool() ? "true" : "false";
        case Value::Type::INT: return fmt::format("{}", v.asInt());
        case Value::Type::FLOAT: return formatFloat(v.asFloat());
        case Value::Type::STRING: return toValidUtf8(v.asString());
        default: return jsonValue(v, r);
    }
}

void appendCsvField(std::string& out, const std::string& text, bool emptyString) {
    // An empty string is written "" so that it differs from null (an empty field).
    if (emptyString || text.find_first_of(",\"\r\n") != std::string::npos) {
        out += '"';
        for (char c : text) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    } else {
        out += text;
    }
}

void appendTsvField(std::string& out, const std::string& text) {
    for (char c : text) {
        switch (c) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
}

std::string formatSeparated(const QueryResult& r, bool csv) {
    std::string out;
    auto row = [&](size_t count, auto&& field) {
        for (size_t c = 0; c < count; ++c) {
            if (c) out += csv ? ',' : '\t';
            field(c);
        }
        out += '\n';
    };
    size_t n = r.columns.size();
    if (n > 0) {
        row(n, [&](size_t c) {
            std::string name = toValidUtf8(r.columns[c]);
            csv ? appendCsvField(out, name, false) : appendTsvField(out, name);
        });
        for (const auto& values : r.rows) {
            row(n, [&](size_t c) {
                if (c >= values.size()) return;
                std::string text = plainField(values[c], r);
                bool emptyString = values[c].isString() && text.empty();
                csv ? appendCsvField(out, text, emptyString) : appendTsvField(out, text);
            });
        }
    }
    if (!r.plan.empty()) {
        // EXPLAIN and PROFILE: the plan as a table of its own, one row per line.
        if (!out.empty()) out += '\n';
        out += "plan\n";
        std::string_view plan = r.plan;
        while (!plan.empty()) {
            size_t nl = plan.find('\n');
            std::string text = toValidUtf8(plan.substr(0, nl));
            csv ? appendCsvField(out, text, text.empty()) : appendTsvField(out, text);
            out += '\n';
            plan.remove_prefix(nl == std::string_view::npos ? plan.size() : nl + 1);
        }
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------- public

std::optional<OutputFormat> parseOutputFormat(std::string_view name) {
    if (name == "table") return OutputFormat::TABLE;
    if (name == "json") return OutputFormat::JSON;
    if (name == "csv") return OutputFormat::CSV;
    if (name == "tsv") return OutputFormat::TSV;
    return std::nullopt;
}

std::string formatFloat(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    double a = std::fabs(d);
    if (a == 0 || (a >= 1e-3 && a < 1e7)) {
        auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        std::string s(buf, r.ptr);
        if (s.find('.') == std::string::npos) s += ".0";
        return s;
    }
    // Shortest scientific form, "4.2e+09" -> "4.2e9", "1e-04" -> "1.0e-4".
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    std::string_view exponent = std::string_view(s).substr(e + 1);
    bool negative = exponent.front() == '-';
    exponent.remove_prefix(1);
    while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
    return mantissa + "e" + (negative ? "-" : "") + std::string(exponent);
}

std::string toValidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    forEachCodePoint(s, [&](uint32_t cp, std::string_view bytes) { appendValid(out, cp, bytes); });
    return out;
}

size_t displayWidth(std::string_view s) {
    size_t width = 0;
    forEachCodePoint(s, [&](uint32_t cp, std::string_view) {
        if (cp < 0x7f) {
            width += cp >= 0x20 ? 1 : 0;
            return;
        }
        auto c = static_cast<UChar32>(cp);
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
            type == U_CONTROL_CHAR || (cp >= 0x1160 && cp <= 0x11FF))  // Hangul medial vowels and final consonants
            return;
        int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
    });
    return width;
}

std::string jsonString(std::string_view s) {
    std::string out;
    appendJsonString(out, s);
    return out;
}

std::string jsonValue(const Value& v, const QueryResult& result) { return result.toJson(v); }

std::string withThousands(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string cypherLiteral(const Value& v, const QueryResult& result) {
    std::string out;
    appendCypher(out, v, result);
    return out;
}

namespace {

// Amounts of money are whole numbers stored as floats (2.3e10); a person reads
// them best with their digits grouped. Past 2^53 not every integer is a double,
// so larger ones keep the exponent.
std::string groupedWholeFloat(double d) {
    constexpr double kPlainBelow = 1e7, kExactBelow = 9007199254740992.0;
    double magnitude = std::fabs(d);
    if (!(magnitude >= kPlainBelow && magnitude < kExactBelow) || d != std::trunc(d)) return "";
    return (d < 0 ? "-" : "") + withThousands(static_cast<uint64_t>(magnitude));
}

}  // namespace

std::string cell(const Value& v, const QueryResult& result) {
    if (v.isFloat()) {
        std::string grouped = groupedWholeFloat(v.asFloat());
        if (!grouped.empty()) return grouped;
    }
    if (!v.isString()) return cypherLiteral(v, result);
    std::string out;
    appendEscapedControls(out, v.asString());
    return out;
}

std::string describeChanges(const QueryStats& s) {
    std::string out;
    auto add = [&](uint64_t n, const char* what) {
        if (n == 0) return;
        out += out.empty() ? "" : ", ";
        out += fmt::format("{}: {}", what, n);
    };
    add(s.nodesCreated, "nodes created");
    add(s.nodesDeleted, "nodes deleted");
    add(s.relationshipsCreated, "relationships created");
    add(s.relationshipsDeleted, "relationships deleted");
    add(s.propertiesSet, "properties set");
    add(s.labelsAdded, "labels added");
    add(s.labelsRemoved, "labels removed");
    if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

std::string truncateToWidth(const std::string& text, size_t width) {
    if (displayWidth(text) <= width) return text;
    std::string out;
    size_t used = 0;
    bool full = false;
    // Room for the '…' (one column) at the end.
    forEachCodePoint(text, [&](uint32_t cp, std::string_view bytes) {
        if (full) return;
        std::string one;
        appendValid(one, cp, bytes);
        size_t w = displayWidth(one);
        if (used + w + 1 > width) {
            full = true;
            return;
        }
        used += w;
        out += one;
    });
    return out + "…";
}

std::string formatResult(const QueryResult& result, OutputFormat format, size_t maxWidth, std::string_view footerNote) {
    switch (format) {
        case OutputFormat::TABLE: return formatTable(result, maxWidth, footerNote);
        case OutputFormat::JSON: return result.toJson() + "\n";
        case OutputFormat::CSV: return formatSeparated(result, true);
        case OutputFormat::TSV: return formatSeparated(result, false);
    }
    return "";
}

std::string_view statementSeparator(OutputFormat format) { return format == OutputFormat::JSON ? "" : "\n"; }

}  // namespace kgraph::tools
