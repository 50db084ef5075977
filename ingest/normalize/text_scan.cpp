#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest::normalize {

namespace {

unsigned char byteAt(std::string_view text, size_t pos) { return static_cast<unsigned char>(text[pos]); }

size_t sequenceLength(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// The start of the UTF-8 character that ends just before `pos` (> 0).
size_t characterStartBefore(std::string_view text, size_t pos) {
    size_t start = pos - 1;
    while (start > 0 && pos - start < 4 && (byteAt(text, start) & 0xC0) == 0x80) --start;
    return start;
}

}  // namespace

size_t nonAsciiLetterLength(std::string_view text, size_t pos) {
    const unsigned char lead = byteAt(text, pos);
    if (lead < 0xC2) return 0;  // a continuation byte or an overlong lead: not the start of a letter
    const size_t length = sequenceLength(lead);
    if (pos + length > text.size()) return 0;
    const unsigned char second = byteAt(text, pos + 1);
    switch (lead) {
        case 0xC2: return 0;  // U+0080-U+00BF: NBSP, £, ¥, «, °
        case 0xC3: return second == 0x97 || second == 0xB7 ? 0 : 2;  // × and ÷ among À-ÿ
        case 0xE2: return 0;  // punctuation, currency, arrows
        case 0xEF: return second == 0xBB || second == 0xBC ? 0 : 3;  // BOM, full-width punctuation
        default: return length;
    }
}

size_t spaceLength(std::string_view text, size_t pos) {
    if (pos >= text.size()) return 0;
    switch (text[pos]) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\f':
        case '\v': return 1;
        case '\xC2': return pos + 1 < text.size() && text[pos + 1] == '\xA0' ? 2 : 0;  // NBSP
        case '\xE2': {
            // U+2002-U+200A (en space ... hair space, thin space U+2009) and U+202F (narrow NBSP).
            if (pos + 2 >= text.size() || text[pos + 1] != '\x80') return 0;
            const unsigned char third = byteAt(text, pos + 2);
            return (third >= 0x82 && third <= 0x8A) || third == 0xAF ? 3 : 0;
        }
        default: return 0;
    }
}

size_t skipSpaces(std::string_view text, size_t pos) {
    while (size_t length = spaceLength(text, pos)) pos += length;
    return pos;
}

bool isWordCharAt(std::string_view text, size_t pos) {
    return pos < text.size() && (isDigit(text[pos]) || letterLength(text, pos) > 0);
}

bool isWordCharBefore(std::string_view text, size_t pos) {
    if (pos == 0) return false;
    return isWordCharAt(text, characterStartBefore(text, pos));
}

size_t matchTerm(std::string_view text, size_t pos, std::string_view term, bool exactCase) {
    for (char want : term) {
        if (want == ' ') {
            const size_t after = skipSpaces(text, pos);
            if (after == pos) return kNoMatch;
            pos = after;
            continue;
        }
        if (pos >= text.size()) return kNoMatch;
        const char have = text[pos];
        if (have != want && (exactCase || asciiLower(have) != asciiLower(want))) return kNoMatch;
        ++pos;
    }
    const bool endsInLetter = !term.empty() && letterLength(term, characterStartBefore(term, term.size())) > 0;
    if (endsInLetter && letterLength(text, pos) > 0) return kNoMatch;
    return pos;
}

}  // namespace kgraph::ingest::normalize
