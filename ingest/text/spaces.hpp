// White space in UTF-8 text as segmentation sees it: ASCII white space, the
// no-break and typographic spaces that German typesetting puts inside
// "z. B." and "4 Mrd.", and the Unicode line and paragraph separators.
#pragma once

#include <cstddef>
#include <string_view>

namespace kgraph::ingest {

struct SpaceChar {
    size_t length = 0;       // bytes; 0 when the character is not white space
    bool lineBreak = false;  // LF, CR, NEL, U+2028, U+2029: ends a sentence for ICU
};

inline bool isUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The white-space character that starts at text[pos].
inline SpaceChar spaceAt(std::string_view text, size_t pos) {
    if (pos >= text.size()) return {};
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    switch (byte(pos)) {
        case ' ': case '\t': case '\f': case '\v': return {1, false};
        case '\n': case '\r': return {1, true};
        case 0xC2:  // U+0085 NEL, U+00A0 NO-BREAK SPACE
            if (pos + 1 < text.size() && (byte(pos + 1) == 0x85 || byte(pos + 1) == 0xA0)) {
                return {2, byte(pos + 1) == 0x85};
            }
            return {};
        case 0xE2:  // U+2000..U+200A spaces, U+2028/U+2029 separators, U+202F, U+205F
            if (pos + 2 >= text.size()) return {};
            if (byte(pos + 1) == 0x80) {
                unsigned char last = byte(pos + 2);
                if (last <= 0x8A || last == 0xAF) return {3, false};
                if (last == 0xA8 || last == 0xA9) return {3, true};
            } else if (byte(pos + 1) == 0x81 && byte(pos + 2) == 0x9F) {
                return {3, false};
            }
            return {};
        case 0xE3:  // U+3000 IDEOGRAPHIC SPACE
            if (pos + 2 < text.size() && byte(pos + 1) == 0x80 && byte(pos + 2) == 0x80) return {3, false};
            return {};
        default: return {};
    }
}

// The white-space character that ends just before text[pos].
// REQUIRES: pos is on a character boundary.
inline SpaceChar spaceBefore(std::string_view text, size_t pos) {
    size_t start = pos;
    while (start > 0 && pos - start < 3) {
        --start;
        if (!isUtf8Continuation(text[start])) break;
    }
    SpaceChar space = spaceAt(text, start);
    return start + space.length == pos ? space : SpaceChar{};
}

}  // namespace kgraph::ingest
