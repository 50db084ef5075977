#include "statements.hpp"

#include <algorithm>
#include <charconv>

#include "result_format.hpp"

namespace kgraph::tools {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A line of input as it can be shown above a caret: valid UTF-8, a tab as one
// space (so the caret counts it as one column, as the parser does), other
// control characters as '?'.
std::string showable(std::string_view text) {
    std::string out = toValidUtf8(text);
    for (char& c : out)
        if (c == '\t') c = ' ';
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

// Where a lexical piece of the script ends.
enum class Piece { SPACE, COMMENT, CODE, SEMICOLON };

// Reads the piece at `i` and returns its kind; `i` moves past it.
Piece readPiece(std::string_view s, size_t& i) {
    char c = s[i];
    if (isSpace(c)) {
        ++i;
        return Piece::SPACE;
    }
    if (c == ';') {
        ++i;
        return Piece::SEMICOLON;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
        size_t end = s.find('\n', i);
        i = end == std::string_view::npos ? s.size() : end;
        return Piece::COMMENT;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
        size_t end = s.find("*/", i + 2);
        i = end == std::string_view::npos ? s.size() : end + 2;
        return Piece::COMMENT;
    }
    if (c == '\'' || c == '"') {
        ++i;
        while (i < s.size() && s[i] != c) i += s[i] == '\\' && i + 1 < s.size() ? 2 : 1;
        if (i < s.size()) ++i;
        return Piece::CODE;
    }
    if (c == '`') {
        size_t end = s.find('`', i + 1);
        i = end == std::string_view::npos ? s.size() : end + 1;
        return Piece::CODE;
    }
    ++i;
    return Piece::CODE;
}

// Advances `line`/`column` over s[from, to).
void advance(std::string_view s, size_t from, size_t to, int& line, int& column) {
    for (size_t i = from; i < to; ++i) {
        if (s[i] == '\n') {
            ++line;
            column = 1;
        } else if (!isContinuationByte(s[i])) {
            ++column;
        }
    }
}

}  // namespace

std::vector<ScriptStatement> splitStatements(std::string_view script) {
    std::vector<ScriptStatement> out;
    size_t i = 0;
    int line = 1, column = 1;  // of position `pos` below
    size_t pos = 0;
    // A UTF-8 byte order mark is not part of the first statement.
    if (script.substr(0, 3) == "\xEF\xBB\xBF") i = pos = 3;
    while (i < script.size()) {
        size_t begin = std::string_view::npos, end = 0;
        while (i < script.size()) {
            size_t at = i;
            Piece piece = readPiece(script, i);
            if (piece == Piece::SEMICOLON) break;
            if (piece == Piece::CODE) {
                if (begin == std::string_view::npos) begin = at;
                end = i;
            }
        }
        if (begin == std::string_view::npos) continue;
        advance(script, pos, begin, line, column);
        pos = begin;
        out.push_back({script.substr(begin, end - begin), begin, line, column});
    }
    return out;
}

size_t endOfLastStatement(std::string_view script) {
    size_t i = 0, end = 0;
    while (i < script.size())
        if (readPiece(script, i) == Piece::SEMICOLON) end = i;
    return end;
}

bool hasCode(std::string_view script) {
    size_t i = 0;
    while (i < script.size()) {
        Piece piece = readPiece(script, i);
        if (piece == Piece::CODE || piece == Piece::SEMICOLON) return true;
    }
    return false;
}

ScriptPosition toScriptPosition(const ScriptStatement& statement, int line, int column) {
    if (line <= 0) return {line, column};
    return {statement.line + line - 1, line == 1 ? statement.column + column - 1 : column};
}

std::string relocateMessage(const ScriptStatement& statement, std::string_view message) {
    constexpr std::string_view kPrefix = "line ";
    if (!message.starts_with(kPrefix)) return std::string(message);
    const char* p = message.data() + kPrefix.size();
    const char* last = message.data() + message.size();
    int line = 0, column = 0;
    auto r1 = std::from_chars(p, last, line);
    if (r1.ec != std::errc() || r1.ptr == last || *r1.ptr != ':') return std::string(message);
    auto r2 = std::from_chars(r1.ptr + 1, last, column);
    if (r2.ec != std::errc() || r2.ptr == last || *r2.ptr != ':') return std::string(message);
    ScriptPosition at = toScriptPosition(statement, line, column);
    std::string out = "line " + std::to_string(at.line) + ":" + std::to_string(at.column);
    out.append(r2.ptr, last);
    return out;
}

std::string excerptAt(std::string_view script, int line, int column, size_t maxBytes) {
    if (line < 1 || column < 1) return "";
    size_t start = 0;
    for (int l = 1; l < line; ++l) {
        size_t nl = script.find('\n', start);
        if (nl == std::string_view::npos) return "";
        start = nl + 1;
    }
    size_t stop = script.find('\n', start);
    std::string_view text = script.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);

    // The byte where the column starts (the end of the line when it lies past it).
    size_t at = 0;
    for (int c = 1; c < column && at < text.size();) {
        ++at;
        while (at < text.size() && isContinuationByte(text[at])) ++at;
        ++c;
    }
    // A window of at most maxBytes around it, cut at character boundaries.
    size_t from = 0, to = text.size();
    if (text.size() > maxBytes) {
        from = at > maxBytes / 2 ? at - maxBytes / 2 : 0;
        from = std::min(from, text.size() - maxBytes);
        to = from + maxBytes;
        while (from < text.size() && isContinuationByte(text[from])) ++from;
        while (to > from && to < text.size() && isContinuationByte(text[to])) --to;
    }
    at = std::clamp(at, from, to);
    std::string shown = from > 0 ? "..." : "";
    size_t caret = displayWidth(shown) + displayWidth(showable(text.substr(from, at - from)));
    shown += showable(text.substr(from, to - from));
    if (to < text.size()) shown += "...";
    return shown + "\n" + std::string(caret, ' ') + "^\n";
}

}  // namespace kgraph::tools
