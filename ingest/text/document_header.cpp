#include "ingest/text/document_header.hpp"

#include <array>

#include <fmt/format.h>

#include "common/text.hpp"

namespace kgraph::ingest {
namespace {

// How much of a bad value an error message quotes (DESIGN: never more than
// 200 bytes of the offending input on the error line, file name included).
constexpr size_t kMaxQuotedBytes = 60;

struct Line {
    std::string_view text;  // without its line end, LF or CRLF
    size_t next;            // offset of the following line
};

Line lineAt(std::string_view text, size_t pos) {
    size_t feed = text.find('\n', pos);
    size_t end = feed == std::string_view::npos ? text.size() : feed;
    std::string_view line = text.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return {line, feed == std::string_view::npos ? text.size() : feed + 1};
}

std::string_view trim(std::string_view s) {
    size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// `value` for an error message, cut on a character boundary when long.
std::string quoted(std::string_view value) {
    if (value.size() <= kMaxQuotedBytes) return std::string(value);
    size_t cut = kMaxQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    return std::string(value.substr(0, cut)) + "...";
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// YYYY-MM-DD naming a day that exists.
bool isIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!isAsciiDigit(s[i])) return false;
    }
    auto number = [&](size_t from, size_t length) {
        int n = 0;
        for (size_t i = from; i < from + length; ++i) n = n * 10 + (s[i] - '0');
        return n;
    };
    int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    static constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    int days = kDaysInMonth[static_cast<size_t>(month - 1)] + (month == 2 && isLeapYear(year) ? 1 : 0);
    return day <= days;
}

bool isKnownKey(std::string_view key) {
    std::string k = lowerAscii(key);
    return k == "title" || k == "source" || k == "url" || k == "published" || k == "lang";
}

// Stores one field; unknown keys and empty values are ignored.
Status setField(DocumentHeader& header, std::string_view key, std::string_view value) {
    std::string k = lowerAscii(key);
    if (value.empty()) return Status::ok();
    if (k == "title") {
        header.title = value;
    } else if (k == "source") {
        header.source = value;
    } else if (k == "url") {
        header.url = value;
    } else if (k == "published") {
        if (!isIsoDate(value)) {
            return Status::invalidInput(fmt::format("published: '{}' is not a date YYYY-MM-DD", quoted(value)));
        }
        header.published = value;
    } else if (k == "lang") {
        // "de-CH", "en_US": the language is what counts, not the region.
        auto lang = parseLang(value.substr(0, value.find_first_of("-_")));
        if (!lang) return Status::invalidInput(fmt::format("lang: '{}' is not de or en", quoted(value)));
        header.lang = *lang;
    }
    return Status::ok();
}

// The length of the key that starts `field` when a ':' follows it, else 0.
// Keys are ASCII words, '-' and '_' allowed: "title", "published", "x-source".
size_t keyLength(std::string_view field) {
    size_t n = 0;
    auto isKeyChar = [](char c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == '_' || c == '-'; };
    while (n < field.size() && isKeyChar(field[n])) ++n;
    return n > 0 && isAsciiLetter(field[0]) && n < field.size() && field[n] == ':' ? n : 0;
}

// "# title: ... | published: ...": one '#', then a field with a known key.
// A Markdown heading ("# Chinas Technologieunternehmen ...") is body text.
bool isCommentHeader(std::string_view line) {
    if (!line.starts_with('#') || line.starts_with("##")) return false;
    std::string_view first = trim(line.substr(1));
    size_t key = keyLength(first);
    return key > 0 && isKnownKey(first.substr(0, key));
}

// Fields are separated by a '|' that a key follows; any other '|' belongs to
// the value, so "title: Baidu | Alibaba | url: ..." keeps its title whole.
Status parseCommentHeader(std::string_view line, DocumentHeader& header) {
    std::string_view fields = line.substr(1);
    size_t fieldStart = 0;
    for (size_t bar = fields.find('|');; bar = fields.find('|', bar + 1)) {
        if (bar != std::string_view::npos && keyLength(trim(fields.substr(bar + 1))) == 0) continue;
        size_t fieldEnd = bar == std::string_view::npos ? fields.size() : bar;
        std::string_view field = trim(fields.substr(fieldStart, fieldEnd - fieldStart));
        size_t key = keyLength(field);
        KG_RETURN_IF_ERROR(setField(header, field.substr(0, key), trim(field.substr(key + 1))));
        if (bar == std::string_view::npos) return Status::ok();
        fieldStart = bar + 1;
    }
}

int hexDigit(char c) {
    if (isAsciiDigit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The text of a double-quoted YAML scalar whose opening quote starts `raw`,
// with the escapes metadata uses (\" \\ \/ \n \t \uXXXX); nullopt when unclosed.
std::optional<std::string> doubleQuoted(std::string_view raw) {
    std::string out;
    for (size_t i = 1; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '"') return out;
        if (c != '\\' || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        char escaped = raw[++i];
        switch (escaped) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'u': {
                char32_t cp = 0;
                bool ok = i + 4 < raw.size();
                for (size_t k = 1; ok && k <= 4; ++k) {
                    int digit = hexDigit(raw[i + k]);
                    ok = digit >= 0;
                    cp = cp * 16 + static_cast<char32_t>(digit);
                }
                if (!ok) return std::nullopt;
                appendUtf8(out, cp);
                i += 4;
                break;
            }
            default: out += escaped; break;  // \" \\ \/
        }
    }
    return std::nullopt;
}

// The text of a single-quoted YAML scalar ('' is a quote); nullopt when unclosed.
std::optional<std::string> singleQuoted(std::string_view raw) {
    std::string out;
    for (size_t i = 1; i < raw.size(); ++i) {
        if (raw[i] != '\'') {
            out += raw[i];
        } else if (i + 1 < raw.size() && raw[i + 1] == '\'') {
            out += '\'';
            ++i;
        } else {
            return out;
        }
    }
    return std::nullopt;
}

Result<std::string> yamlScalar(std::string_view raw, int lineNumber) {
    std::optional<std::string> value;
    if (raw.starts_with('"')) {
        value = doubleQuoted(raw);
    } else if (raw.starts_with('\'')) {
        value = singleQuoted(raw);
    } else {
        // A plain scalar ends where a comment starts: " #".
        size_t comment = raw.find(" #");
        return std::string(trim(raw.substr(0, comment)));
    }
    if (!value) {
        return Status::invalidInput(fmt::format("front matter line {}: the quoted value is not closed", lineNumber));
    }
    return *value;
}

// One line of front matter. The subset read is what article metadata needs:
// top-level `key: value` scalars, plain, 'single' or "double" quoted, one per
// line. Comments, blank lines and what YAML nests under a key (indented
// lines, list items, block scalars after '|' or '>') are skipped.
Status parseFrontMatterLine(std::string_view line, int lineNumber, DocumentHeader& header) {
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-') return Status::ok();
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Status::ok();
    // "key: value" or "key:" alone; "http://x" has no space after its colon.
    if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t') return Status::ok();
    std::string_view raw = trim(line.substr(colon + 1));
    if (raw == "|" || raw == ">" || raw.starts_with("|-") || raw.starts_with(">-")) return Status::ok();
    auto value = yamlScalar(raw, lineNumber);
    if (!value) return value.status();
    return setField(header, trim(line.substr(0, colon)), *value);
}

// Reads front matter whose opening "---" is the first line; returns the
// offset after its closing "---" (or "...") line.
Result<size_t> parseFrontMatter(std::string_view text, DocumentHeader& header) {
    int lineNumber = 1;
    for (size_t pos = lineAt(text, 0).next; pos < text.size();) {
        Line line = lineAt(text, pos);
        ++lineNumber;
        std::string_view content = trim(line.text);
        if (content == "---" || content == "...") return line.next;
        KG_RETURN_IF_ERROR(parseFrontMatterLine(line.text, lineNumber, header));
        pos = line.next;
    }
    return Status::invalidInput("front matter opened by '---' on line 1 has no closing '---' line");
}

}  // namespace

Result<DocumentHeader> parseDocumentHeader(std::string_view text) {
    DocumentHeader header;
    Line first = lineAt(text, 0);
    if (trim(first.text) == "---") {
        auto end = parseFrontMatter(text, header);
        if (!end) return end.status();
        header.end = *end;
    } else if (isCommentHeader(first.text)) {
        KG_RETURN_IF_ERROR(parseCommentHeader(first.text, header));
        header.end = first.next;
    }
    return header;
}

}  // namespace kgraph::ingest
