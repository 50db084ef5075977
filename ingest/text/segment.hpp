// Sentence and word segmentation of UTF-8 text: ICU's Unicode rules (UAX #29)
// plus what news text needs on top of them: no sentence end after an
// abbreviation ("Co.", "z. B.") or inside a German ordinal date ("am 30. Juni"),
// and paragraph structure (a blank line always ends a sentence).
//
// Every offset is a byte offset into the text passed in, so spans point
// straight into a Document's bytes; CodePointCounter turns them into the
// character offsets that evidence reports.
//
// Text of Latin script (nearly all of German and English news) is broken by
// the same rules without ICU's break iterators, which cost more (for words
// nearly three times the instructions); other text goes to ICU. The tests compare the two on every short
// string over the characters handled.
//
// Thread-safety: every function may be called from any thread. Each thread
// keeps its own ICU iterators, cloned once from one prototype per language.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ingest/language.hpp"

namespace kgraph::ingest {

// The bytes [begin, end) of a text.
struct Span {
    size_t begin = 0;
    size_t end = 0;

    size_t size() const { return end - begin; }
    // The spanned bytes of `text`, the text the offsets were taken from.
    std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
    bool operator==(const Span&) const = default;
};

enum class TokenKind : uint8_t {
    WORD,         // letters, possibly with digits: "Alibaba", "KI", "H1", "北京"
    NUMBER,       // digits with inner separators: "2024", "4,2", "1.500", "28.08.2024"
    PUNCTUATION,  // ". , ; – „ ( )"
    SYMBOL,       // currency, math and other signs: "$", "€", "%", "+", "&"
};

struct Token {
    Span span;
    TokenKind kind;
    bool operator==(const Token&) const = default;
};

// The sentences of `text` in order, each trimmed of surrounding white space
// (the white space between sentences belongs to none). A sentence ends where
// ICU's sentence rules end it, except after an abbreviation of `lang` (for
// UNKNOWN, of either language), inside a German ordinal date, or after a
// name's initial ("Donald J. Trump"). A line break inside a hard-wrapped
// paragraph counts as a space; a blank line always ends a sentence, and so
// does the end of a line too short to be wrapped prose (under 40 bytes: a
// headline, a byline), of a Markdown heading ("# ..."), and the start of a
// list item ("- ", "* ") or quote ("> ").
std::vector<Span> sentences(std::string_view text, Lang lang);

// The tokens of `text`, white space and control characters left out. Spans are
// offsets into `text` plus `baseOffset`, so a sentence's tokens can be given
// in offsets of the whole document: words(span.of(body), bodyOffset + span.begin).
std::vector<Token> words(std::string_view text, size_t baseOffset = 0);
// The same into `out` (emptied first), for a caller that reuses its memory
// from sentence to sentence.
void words(std::string_view text, size_t baseOffset, std::vector<Token>& out);

// The two ways words() breaks text, exposed so that they can be compared.
// latinWords: ICU's word rules for text of Latin script, without ICU's break
// iterator (nearly three times fewer instructions); false, `out` emptied, when `text` holds a
// character it does not cover (other scripts, combining marks, "_", emoji).
// icuWords: always through ICU's break iterator.
bool latinWords(std::string_view text, size_t baseOffset, std::vector<Token>& out);
std::vector<Token> icuWords(std::string_view text, size_t baseOffset = 0);
// Likewise the sentence boundaries sentences() starts from, before its own
// suppressions (abbreviations, ordinals, initials): byte offsets after the
// first character, the last at text.size(). Texts up to 2 GiB.
bool latinSentenceBreaks(std::string_view text, std::vector<size_t>& out);
std::vector<size_t> icuSentenceBreaks(std::string_view text, Lang lang);

// The number of code points in text[0, byteOffset): the character offset of a
// byte offset. REQUIRES: byteOffset <= text.size(), on a character boundary.
size_t codePointOffset(std::string_view text, size_t byteOffset);

// Converts many byte offsets of one text to code-point offsets, each in time
// proportional to its distance from the previous one: evidence offsets arrive
// roughly in order, and counting from 0 each time would be quadratic.
class CodePointCounter {
public:
    explicit CodePointCounter(std::string_view text) : text_(text) {}

    // As codePointOffset(text, byteOffset), with the same requirements.
    size_t operator()(size_t byteOffset);

private:
    std::string_view text_;
    size_t byte_ = 0;        // last byte offset asked for
    size_t codePoint_ = 0;   // its code-point offset
};

}  // namespace kgraph::ingest
