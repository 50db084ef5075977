// Byte-level reading of UTF-8 text for the quantity scanner: which bytes are
// digits, letters and spaces, and whether a lexicon term is spelled at a
// position. Positions are byte offsets; nothing here allocates.
#pragma once

#include <cstddef>
#include <string_view>

namespace kgraph::ingest::normalize {

inline constexpr size_t kNoMatch = std::string_view::npos;

inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Bytes of the non-ASCII letter starting at `pos`, 0 when none starts there.
size_t nonAsciiLetterLength(std::string_view text, size_t pos);

// Bytes of the letter starting at `pos`, 0 when none starts there. Non-ASCII
// letters are told by their lead byte: Latin-1 letters (not × ÷), the Latin,
// Greek, Cyrillic and CJK blocks count as letters; U+0080-U+00BF (NBSP, £, ¥,
// «) and U+2000-U+2BFF (dashes, quotes, €, ₩, arrows) do not. Good enough to
// find word boundaries without Unicode tables. Inline: called for every byte.
inline size_t letterLength(std::string_view text, size_t pos) {
    if (pos >= text.size()) return 0;
    if (static_cast<unsigned char>(text[pos]) < 0x80) return isAsciiLetter(text[pos]) ? 1 : 0;
    return nonAsciiLetterLength(text, pos);
}

// Bytes of the white space at `pos` (ASCII, NBSP, thin and narrow spaces), 0 when none.
size_t spaceLength(std::string_view text, size_t pos);

// The first position at or after `pos` that is not white space.
size_t skipSpaces(std::string_view text, size_t pos);

// True when a letter or digit starts at `pos`.
bool isWordCharAt(std::string_view text, size_t pos);

// True when the character before `pos` is a letter or digit.
bool isWordCharBefore(std::string_view text, size_t pos);

// The end of `term` when the text spells it at `pos`, else kNoMatch. A space in
// the term matches a run of white space; ASCII letters compare without case
// unless `exactCase`; other bytes compare exactly. A term that ends in a letter
// must end where the letters end ("Mio" does not match "Mion"); a digit may
// follow it ("Rmb23bn").
size_t matchTerm(std::string_view text, size_t pos, std::string_view term, bool exactCase);

}  // namespace kgraph::ingest::normalize
