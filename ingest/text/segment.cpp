#include "ingest/text/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <climits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/assert.hpp"
#include "ingest/text/abbreviations.hpp"
#include "ingest/text/spaces.hpp"

namespace kgraph::ingest {
namespace {

// Hard-wrapped prose fills its lines to 60-80 columns; a shorter line that a
// single line feed ends is a heading, a byline or navigation ("Home> Wirtschaft")
// and stands alone.
constexpr size_t kMinWrappedLineBytes = 40;

// ICU's break iterators count positions in int32_t, so longer texts are
// segmented in pieces cut at white space.
constexpr size_t kMaxIcuPiece = INT32_MAX;

using IteratorPtr = std::unique_ptr<icu::BreakIterator>;
constexpr size_t kLanguages = 3;  // UNKNOWN, DE, EN

IteratorPtr checked(icu::BreakIterator* iterator, UErrorCode status) {
    // Fails only when ICU's data is missing: a broken installation, not bad input.
    KG_ASSERT(U_SUCCESS(status) && iterator != nullptr);
    return IteratorPtr(iterator);
}

// Loading ICU's rules is the slow part, so each language's prototype is built
// once; a BreakIterator is not thread-safe, so each thread clones its own.
icu::BreakIterator& sentenceIterator(Lang lang) {
    static const std::array<IteratorPtr, kLanguages> prototypes = [] {
        std::array<IteratorPtr, kLanguages> made;
        for (Lang l : {Lang::UNKNOWN, Lang::DE, Lang::EN}) {
            UErrorCode status = U_ZERO_ERROR;
            icu::Locale locale = l == Lang::UNKNOWN ? icu::Locale::getRoot() : icu::Locale(langCode(l).data());
            made[static_cast<size_t>(l)] = checked(icu::BreakIterator::createSentenceInstance(locale, status), status);
        }
        return made;
    }();
    thread_local std::array<IteratorPtr, kLanguages> clones;
    IteratorPtr& clone = clones[static_cast<size_t>(lang)];
    if (!clone) clone.reset(prototypes[static_cast<size_t>(lang)]->clone());
    return *clone;
}

// Word rules do not differ between German and English: one prototype.
icu::BreakIterator& wordIterator() {
    static const IteratorPtr prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        return checked(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status), status);
    }();
    thread_local IteratorPtr clone;
    if (!clone) clone.reset(prototype->clone());
    return *clone;
}

// A text for ICU whose break positions come back as byte offsets into it.
// Valid UTF-8 is handed over as UTF-16 (one copy into buffers reused per
// thread), with the byte offset of each code unit: ICU iterates UTF-16 in
// place, while a UTF-8 UText converts chunk by chunk as the iterator moves,
// which cost more than the breaking itself. The code points, and so ICU's
// breaks, are the same. Ill-formed UTF-8 (documents are checked before) goes
// to ICU as UTF-8, which substitutes for the bad bytes.
class IcuText {
public:
    explicit IcuText(std::string_view text) {
        UErrorCode status = U_ZERO_ERROR;
        if (toUtf16(text)) {
            utext_openUChars(&text_, units().data(), static_cast<int64_t>(units().size()), &status);
            mapped_ = true;
        } else {
            utext_openUTF8(&text_, text.data(), static_cast<int64_t>(text.size()), &status);
        }
        KG_ASSERT(U_SUCCESS(status));
    }
    ~IcuText() {
        utext_close(&text_);
        // Sentences and words are short; a rare long text (up to 16 MiB, six
        // bytes kept per byte of it) does not keep its buffers for good.
        if (units().capacity() > kKeepUnits) {
            std::u16string().swap(units());
            std::vector<uint32_t>().swap(byteOffsets());
        }
    }
    IcuText(const IcuText&) = delete;
    IcuText& operator=(const IcuText&) = delete;

    UText* get() { return &text_; }

    // The byte offset of a position ICU reported.
    size_t byteAt(int32_t position) const {
        return mapped_ ? byteOffsets()[static_cast<size_t>(position)] : static_cast<size_t>(position);
    }

private:
    static constexpr size_t kKeepUnits = size_t{1} << 20;

    // Per thread, and one IcuText at a time per thread uses them.
    static std::u16string& units() {
        thread_local std::u16string u;
        return u;
    }
    static std::vector<uint32_t>& byteOffsets() {
        thread_local std::vector<uint32_t> b;
        return b;
    }

    // Fills units() and byteOffsets() (one more entry: the end); false for
    // ill-formed UTF-8. Sized for the worst case first (a unit per byte), so
    // the loop only stores.
    static bool toUtf16(std::string_view text) {
        std::u16string& units16 = units();
        std::vector<uint32_t>& offsets = byteOffsets();
        units16.resize(text.size());
        offsets.resize(text.size() + 1);
        char16_t* u = units16.data();
        uint32_t* b = offsets.data();
        const auto* s = reinterpret_cast<const uint8_t*>(text.data());
        const auto n = static_cast<int32_t>(text.size());
        size_t k = 0;  // units written
        for (int32_t i = 0; i < n;) {
            const auto at = static_cast<uint32_t>(i);
            if (s[i] < 0x80) {
                u[k] = s[i++];
                b[k++] = at;
                continue;
            }
            UChar32 c = 0;
            U8_NEXT(s, i, n, c);
            if (c < 0) return false;
            if (c <= 0xFFFF) {
                u[k] = static_cast<char16_t>(c);
                b[k++] = at;
            } else {  // four bytes, two units
                u[k] = static_cast<char16_t>(U16_LEAD(c));
                b[k++] = at;
                u[k] = static_cast<char16_t>(U16_TRAIL(c));
                b[k++] = at;
            }
        }
        b[k] = static_cast<uint32_t>(text.size());
        units16.resize(k);
        return true;
    }

    UText text_ = UTEXT_INITIALIZER;
    bool mapped_ = false;
};

void setText(icu::BreakIterator& iterator, IcuText& text) {
    UErrorCode status = U_ZERO_ERROR;
    iterator.setText(text.get(), status);
    KG_ASSERT(U_SUCCESS(status));
}

// Calls fn(piece, offset) for pieces of `text` short enough for ICU, cut
// after white space (a line feed where there is one) so no sentence or word is cut.
template <typename Fn>
void forEachIcuPiece(std::string_view text, Fn&& fn) {
    for (size_t begin = 0; begin < text.size();) {
        size_t end = text.size();
        if (end - begin > kMaxIcuPiece) {
            std::string_view window = text.substr(begin, kMaxIcuPiece);
            size_t cut = window.rfind('\n');
            if (cut == std::string_view::npos) cut = window.find_last_of(" \t");
            if (cut == std::string_view::npos) {
                cut = kMaxIcuPiece - 1;
                while (cut > 0 && isUtf8Continuation(text[begin + cut + 1])) --cut;
            }
            end = begin + cut + 1;
        }
        fn(text.substr(begin, end - begin), begin);
        begin = end;
    }
}

// The length of `line` without trailing white space; 0 for a blank line.
size_t trimmedLength(std::string_view line) {
    size_t last = line.find_last_not_of(" \t\r\f\v");
    return last == std::string_view::npos ? 0 : last + 1;
}

bool isBlankLine(std::string_view line) { return trimmedLength(line) == 0; }

std::string_view withoutIndent(std::string_view line) {
    size_t indent = 0;
    while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
    return line.substr(indent);
}

bool isHeadingLine(std::string_view line) { return withoutIndent(line).starts_with('#'); }

// A line that opens a block of its own: a Markdown heading, list item, quote
// or table row. It never continues the sentence of the line before.
bool opensBlock(std::string_view line) {
    line = withoutIndent(line);
    if (line.starts_with('#') || line.starts_with('>') || line.starts_with('|')) return true;
    for (std::string_view bullet : {"- ", "* ", "+ ", "\u2022 "}) {
        if (line.starts_with(bullet)) return true;
    }
    return false;
}

// Copies `text` to `out` with the same length, replacing each line feed
// inside a hard-wrapped paragraph by a space, and the CR of each CRLF by a
// space. ICU ends a sentence at every line feed; after this it sees only those
// that end a paragraph (a blank line follows), a heading or a short line, or
// come before a block (list item, quote). Offsets stay those of `text`.
void joinWrappedLines(std::string_view text, std::string& out) {
    out.assign(text);
    size_t previousFeed = std::string_view::npos;
    bool previousEndsBlock = true;  // the line before cannot continue on this one
    for (size_t lineStart = 0;;) {
        size_t feed = text.find('\n', lineStart);
        size_t lineEnd = feed == std::string_view::npos ? text.size() : feed;
        std::string_view line = text.substr(lineStart, lineEnd - lineStart);
        bool blank = isBlankLine(line);
        if (previousFeed != std::string_view::npos && !(previousEndsBlock || blank || opensBlock(line))) {
            out[previousFeed] = ' ';
        }
        if (feed == std::string_view::npos) break;
        if (feed > 0 && text[feed - 1] == '\r') out[feed - 1] = ' ';
        previousFeed = feed;
        previousEndsBlock = isHeadingLine(line) || trimmedLength(line) < kMinWrappedLineBytes;
        lineStart = feed + 1;
    }
}

// Adds text[begin, end) without its outer white space, when anything is left.
void addTrimmed(std::string_view text, size_t begin, size_t end, size_t offset, std::vector<Span>& out) {
    while (begin < end) {
        size_t n = spaceAt(text, begin).length;
        if (n == 0) break;
        begin += n;
    }
    while (end > begin) {
        size_t n = spaceBefore(text, end).length;
        if (n == 0) break;
        end -= n;
    }
    if (begin < end) out.push_back({offset + begin, offset + end});
}

// ICU's sentence rules (UAX #29, SB1-SB998) for text of Latin script,
// without ICU's break iterator, as LatinWords does for words: a sentence ends
// after "." "?" "!" (with closing quotes and brackets, then spaces) unless
// what follows continues it (a lower-case word after ".", a digit right
// after ".", "U.S" between capitals, a comma), and after a line or paragraph
// separator. Each character's class comes from ICU's Sentence_Break
// property; a text with Format or Extend characters, or outside the scripts
// covered, goes to ICU. text_segment_test.cpp compares the two.
class LatinSentences {
public:
    // The boundaries after text[0] (the last at text.size()), or false. Most characters neither end
    // a sentence nor follow an end: between ends the pass only looks for the next one (and at each
    // character beyond ASCII, whose class may send the text to ICU), and classifies characters
    // around an end alone.
    static bool breaks(std::string_view text, std::vector<size_t>& out) {
        out.clear();
        const Chars chars{reinterpret_cast<const uint8_t*>(text.data()), text.size()};
        // The character before the one at which a boundary may fall, and the one before that (SB7).
        size_t before = 0;
        Class beforeClass = Class::NONE, earlierClass = Class::NONE;
        // The SATerm Close* Sp* context before the current position: where the end stands, its class.
        size_t term = SIZE_MAX;
        Class termClass = Class::NONE;
        bool spaced = false;
        for (;;) {
            if (term == SIZE_MAX) {  // nothing pending: on to the next character that may end a sentence
                const size_t from = before;
                before = chars.nextMayStart(before, beforeClass);
                if (before == SIZE_MAX) return fail(out);
                if (before >= chars.n) break;
                earlierClass = before > from ? chars.classBefore(before) : earlierClass;
                if (before > 0 && earlierClass == Class::NONE) return fail(out);
            }
            const size_t at = before + chars.length(before);
            if (at >= chars.n) break;
            const Class atClass = chars.classAt(at);
            if (atClass == Class::NONE) return fail(out);
            if (!((term == SIZE_MAX ? mayStart() : mayEnd()) & bit(beforeClass))) {
                term = SIZE_MAX;
            } else {
                if (beforeClass == Class::ATERM || beforeClass == Class::STERM) {
                    term = before;
                    termClass = beforeClass;
                    spaced = false;
                } else if (term != SIZE_MAX && beforeClass == Class::CLOSE && !spaced) {
                } else if (term != SIZE_MAX && beforeClass == Class::SP) {
                    spaced = true;
                } else {
                    term = SIZE_MAX;
                }
                const Context context{beforeClass, atClass, before > 0 ? earlierClass : Class::NONE, term != SIZE_MAX, termClass, spaced};
                const std::optional<bool> boundary = breaksBefore(chars, at, context);
                if (!boundary) return fail(out);
                if (*boundary) out.push_back(at);
            }
            earlierClass = beforeClass;
            before = at;
            beforeClass = atClass;
        }
        if (!text.empty()) out.push_back(text.size());
        return true;
    }

private:
    enum class Class : uint8_t { SEP, CR, LF, SP, LOWER, UPPER, OLETTER, NUMERIC, ATERM, STERM, CLOSE, SCONTINUE, OTHER, NONE };

    static bool fail(std::vector<size_t>& out) {
        out.clear();
        return false;
    }

    // The text's characters, classified where asked; a character of class NONE (or ill-formed
    // UTF-8) sends the text to ICU.
    struct Chars {
        const uint8_t* s;
        size_t n;

        size_t length(size_t p) const {
            auto i = static_cast<int32_t>(p);
            U8_FWD_1(s, i, static_cast<int32_t>(n));
            return static_cast<size_t>(i) - p;
        }
        Class classAt(size_t p) const {
            if (s[p] < 0x80) return ascii()[s[p]];
            auto i = static_cast<int32_t>(p);
            UChar32 c = 0;
            U8_NEXT(s, i, static_cast<int32_t>(n), c);
            return c < 0 ? Class::NONE : classOf(c);
        }
        // The class of the character that ends right before byte p (p > 0).
        Class classBefore(size_t p) const {
            auto i = static_cast<int32_t>(p);
            UChar32 c = 0;
            U8_PREV(s, 0, i, c);
            return c < 0 ? Class::NONE : classOf(c);
        }
        // From byte p (a character's first), the first character whose class may end a sentence
        // with nothing pending (mayStart), its class in `cls`; n at the end; SIZE_MAX at a
        // character of class NONE or ill-formed UTF-8.
        size_t nextMayStart(size_t p, Class& cls) const {
            const std::array<bool, 128>& starts = startsAscii();
            while (p < n) {
                if (s[p] < 0x80) {
                    if (starts[s[p]]) {
                        cls = ascii()[s[p]];
                        return cls == Class::NONE ? SIZE_MAX : p;
                    }
                    ++p;
                    continue;
                }
                auto i = static_cast<int32_t>(p);
                UChar32 c = 0;
                U8_NEXT(s, i, static_cast<int32_t>(n), c);
                cls = c < 0 ? Class::NONE : classOf(c);
                if (cls == Class::NONE) return SIZE_MAX;
                if (mayStart() & bit(cls)) return p;
                p = static_cast<size_t>(i);
            }
            return n;
        }
    };

    static bool paraSep(Class c) { return c == Class::SEP || c == Class::CR || c == Class::LF; }
    static constexpr uint32_t bit(Class c) { return uint32_t{1} << static_cast<unsigned>(c); }
    // The classes after which a boundary may fall: a sentence's end, what may
    // trail it (closing marks, spaces), and separators (SB4).
    static constexpr uint32_t mayEnd() {
        return bit(Class::ATERM) | bit(Class::STERM) | bit(Class::CLOSE) | bit(Class::SP) | bit(Class::SEP) |
               bit(Class::CR) | bit(Class::LF);
    }
    // ... when no sentence end is pending: only an end and separators.
    static constexpr uint32_t mayStart() {
        return bit(Class::ATERM) | bit(Class::STERM) | bit(Class::SEP) | bit(Class::CR) | bit(Class::LF);
    }

    // What the rules ask about a position: the classes before it, at it and before that, and the
    // pending end (SATerm Close* Sp*), if any.
    struct Context {
        Class before, at, earlier;
        bool pending;
        Class term;
        bool spaced;
    };

    // Whether a boundary falls before the character at byte `at`; nullopt when the look ahead
    // (SB8) meets a character of class NONE.
    static std::optional<bool> breaksBefore(const Chars& chars, size_t at, const Context& c) {
        if (c.before == Class::CR && c.at == Class::LF) return false;                     // SB3
        if (paraSep(c.before)) return true;                                                // SB4
        if (c.before == Class::ATERM && c.at == Class::NUMERIC) return false;              // SB6
        if (c.before == Class::ATERM && (c.earlier == Class::UPPER || c.earlier == Class::LOWER) && c.at == Class::UPPER)
            return false;                                                                  // SB7
        if (!c.pending) return false;                                                      // SB998
        if (c.at == Class::SP || paraSep(c.at)) return false;                              // SB10 (and SB9)
        if (c.at == Class::CLOSE && !c.spaced) return false;                               // SB9
        if (c.at == Class::SCONTINUE || c.at == Class::ATERM || c.at == Class::STERM) return false;  // SB8a
        if (c.term == Class::ATERM) {                                                      // SB8
            for (size_t k = at; k < chars.n; k += chars.length(k)) {
                const Class cls = chars.classAt(k);
                if (cls == Class::NONE) return std::nullopt;
                if (cls == Class::LOWER) return false;
                if (cls == Class::OLETTER || cls == Class::UPPER || paraSep(cls) || cls == Class::ATERM || cls == Class::STERM) break;
            }
        }
        return true;                                                                       // SB11
    }

    static Class classOf(UChar32 c) {
        if (!(c < 0x250 || (c >= 0x2010 && c <= 0x2027) || c == 0x20AC)) return Class::NONE;
        switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
            case U_SB_SEP: return Class::SEP;
            case U_SB_CR: return Class::CR;
            case U_SB_LF: return Class::LF;
            case U_SB_SP: return Class::SP;
            case U_SB_LOWER: return Class::LOWER;
            case U_SB_UPPER: return Class::UPPER;
            case U_SB_OLETTER: return Class::OLETTER;
            case U_SB_NUMERIC: return Class::NUMERIC;
            case U_SB_ATERM: return Class::ATERM;
            case U_SB_STERM: return Class::STERM;
            case U_SB_CLOSE: return Class::CLOSE;
            case U_SB_SCONTINUE: return Class::SCONTINUE;
            case U_SB_OTHER: return Class::OTHER;
            default: return Class::NONE;  // Format, Extend: SB5 is ICU's
        }
    }

    static const std::array<Class, 128>& ascii() {
        static const std::array<Class, 128> table = [] {
            std::array<Class, 128> t{};
            for (UChar32 c = 0; c < 128; ++c) t[static_cast<size_t>(c)] = classOf(c);
            return t;
        }();
        return table;
    }
    // Per ASCII character: whether its class may end a sentence with nothing pending.
    static const std::array<bool, 128>& startsAscii() {
        static const std::array<bool, 128> table = [] {
            std::array<bool, 128> t{};
            for (size_t c = 0; c < 128; ++c) t[c] = (mayStart() & bit(ascii()[c])) != 0 || ascii()[c] == Class::NONE;
            return t;
        }();
        return table;
    }
};

// ICU's sentence boundaries of `text`, the last at text.size().
void icuBreaks(std::string_view text, Lang lang, std::vector<size_t>& out) {
    out.clear();
    IcuText utext(text);
    icu::BreakIterator& iterator = sentenceIterator(lang);
    setText(iterator, utext);
    iterator.first();
    for (int32_t b = iterator.next(); b != icu::BreakIterator::DONE; b = iterator.next()) out.push_back(utext.byteAt(b));
}

void appendSentences(std::string_view text, size_t offset, Lang lang, std::vector<Span>& out) {
    thread_local std::string joined;  // reused: no allocation per call once warm
    thread_local std::vector<size_t> breaks;
    joinWrappedLines(text, joined);
    if (!LatinSentences::breaks(joined, breaks)) icuBreaks(joined, lang, breaks);
    const SentenceBreakFilter& filter = SentenceBreakFilter::forLanguage(lang);
    size_t start = 0;
    for (size_t end : breaks) {
        if (end < joined.size() && filter.suppresses(joined, end)) continue;
        addTrimmed(joined, start, end, offset, out);
        start = end;
    }
}

bool hasLetter(std::string_view segment) {
    for (int32_t i = 0, n = static_cast<int32_t>(segment.size()); i < n;) {
        UChar32 c = 0;
        U8_NEXT(segment.data(), i, n, c);
        if (c >= 0 && u_isalpha(c)) return true;
    }
    return false;
}

// The kind of a segment ICU's word rules found, nullopt for white space and
// control characters. ICU gives letters, numbers and ideographs a rule status;
// everything else is "none", one character a segment, told apart here.
std::optional<TokenKind> tokenKind(int32_t ruleStatus, std::string_view text, int32_t start, int32_t end) {
    if (ruleStatus >= UBRK_WORD_LETTER) return TokenKind::WORD;  // also kana and ideographs
    if (ruleStatus >= UBRK_WORD_NUMBER) {
        // ICU calls "H1" and "5G" numbers; with a letter in them they are names.
        return hasLetter(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)))
                   ? TokenKind::WORD
                   : TokenKind::NUMBER;
    }
    UChar32 c = 0;
    U8_NEXT(text.data(), start, static_cast<int32_t>(text.size()), c);
    if (c < 0) return std::nullopt;  // invalid UTF-8 (documents are checked before)
    switch (u_charType(c)) {
        case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SPACE_SEPARATOR:
        case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_UNASSIGNED:
            return std::nullopt;
        case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER: case U_OTHER_LETTER:
            return TokenKind::WORD;
        case U_DECIMAL_DIGIT_NUMBER: case U_LETTER_NUMBER: case U_OTHER_NUMBER:
            return TokenKind::NUMBER;
        case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
            return TokenKind::SYMBOL;
        default: break;
    }
    // Unicode files these under punctuation; for extraction they are signs.
    switch (c) {
        case U'%': case U'\u2030': case U'\u2031': case U'&': case U'@': case U'#': case U'\u00A7':
            return TokenKind::SYMBOL;
        default:
            return u_isUWhiteSpace(c) ? std::nullopt : std::optional(TokenKind::PUNCTUATION);
    }
}

// ICU's word rules (UAX #29) for the text of news in Latin script, without
// ICU's break iterator: a word is a run of letters and digits, joined across
// one inner ".", "'" or "’" between letters ("U.S", "don't") or one inner
// ",", ";", ".", "'" between digits ("4,2", "1.500"); every other character
// stands alone, and runs of spaces together. Words are broken for every
// sentence of every article: through ICU's iterator that took 0.35 M
// instructions per generated 2 KB article, this way 0.13 M (callgrind). Each
// character's word-break class comes from ICU (":" aside, which ICU's rules
// take out of MidLetter); a text with a character outside the classes and
// scripts these rules cover (combining marks, format characters, CJK, Hebrew,
// "_", emoji) goes to ICU whole. tests/unit/ingest/text_segment_test.cpp
// compares the two on every string of up to five characters drawn from the
// classes handled.
class LatinWords {
public:
    // Appends the tokens of `text`, or returns false, leaving `out` as it
    // was, when `text` holds a character these rules do not cover. One pass
    // over the bytes, each character classified where it is met (a joining
    // character also by the look ahead before it): a text of news is mostly
    // ASCII, whose classes are one table lookup.
    static bool append(std::string_view text, size_t offset, std::vector<Token>& out) {
        const size_t before = out.size();
        Reader read{reinterpret_cast<const uint8_t*>(text.data()), static_cast<int32_t>(text.size())};
        for (int32_t i = 0; i < read.n;) {
            const int32_t first = i;
            const Unit u = read.at(i);
            if (u.cls == Class::NONE) break;
            i += u.bytes;
            if (u.cls == Class::SPACE) {  // WB3d; and CR LF (WB3) is white space too
                Unit next{};
                while (i < read.n && (next = read.at(i)).cls == Class::SPACE) i += next.bytes;
                continue;
            }
            std::optional<TokenKind> kind;
            if (u.cls == Class::LETTER || u.cls == Class::DIGIT) {
                bool letter = u.cls == Class::LETTER;
                Class last = u.cls;
                while (i < read.n) {
                    // Most of a word is ASCII letters and digits: a table lookup a byte.
                    if (read.s[i] < 0x80 && kAlnum[read.s[i]] != 0) {
                        last = kAlnum[read.s[i]] == 1 ? Class::LETTER : Class::DIGIT;
                        letter |= last == Class::LETTER;
                        ++i;
                        continue;
                    }
                    const Unit next = read.at(i);
                    if (next.cls == Class::LETTER || next.cls == Class::DIGIT) {  // WB5, WB8-10
                        letter |= next.cls == Class::LETTER;
                        last = next.cls;
                        i += next.bytes;
                        continue;
                    }
                    if (next.cls != Class::NONE && joins(next.cls, last) && i + next.bytes < read.n &&
                        read.at(i + next.bytes).cls == last) {  // WB6-7, WB11-12
                        i += next.bytes + read.at(i + next.bytes).bytes;
                        continue;
                    }
                    break;
                }
                kind = letter ? TokenKind::WORD : TokenKind::NUMBER;
            } else if (i - first == 1) {
                kind = kAsciiKinds[static_cast<uint8_t>(text[static_cast<size_t>(first)])];  // WB999, ASCII
            } else {
                kind = tokenKind(UBRK_WORD_NONE, text, first, i);  // WB999: a character of its own
            }
            if (kind) out.push_back({{offset + static_cast<size_t>(first), offset + static_cast<size_t>(i)}, *kind});
        }
        if (read.uncovered) {
            out.resize(before);
            return false;
        }
        return true;
    }

private:
    enum class Class : uint8_t { LETTER, DIGIT, MID_LETTER, MID_NUM, MID_NUM_LET, SPACE, OTHER, NONE };
    struct Unit {
        Class cls = Class::NONE;
        uint8_t bytes = 1;  // of the character in the text
    };

    // The class of the character at byte i. A character of class NONE (or
    // ill-formed UTF-8) marks the text as not covered; the pass stops there.
    struct Reader {
        const uint8_t* s;
        int32_t n;
        bool uncovered = false;
        Unit at(int32_t i) {
            if (s[i] < 0x80) {
                const Class cls = kAscii[s[i]];
                uncovered |= cls == Class::NONE;
                return {cls, 1};
            }
            int32_t j = i;
            UChar32 c = 0;
            U8_NEXT(s, j, n, c);
            const Class cls = c < 0 ? Class::NONE : classOf(c);
            uncovered |= cls == Class::NONE;
            return {cls, static_cast<uint8_t>(j - i)};
        }
    };

    // Whether `mid` joins two characters of class `side` into one word.
    static bool joins(Class mid, Class side) {
        if (side == Class::LETTER) return mid == Class::MID_LETTER || mid == Class::MID_NUM_LET;
        return mid == Class::MID_NUM || mid == Class::MID_NUM_LET;
    }

    // Latin, Latin-1 punctuation and signs, general punctuation (dashes,
    // quotes, ellipsis) and the euro sign: the other scripts and signs are ICU's.
    static bool covered(UChar32 c) {
        return c < 0x250 || (c >= 0x2010 && c <= 0x2027) || c == 0x20AC;
    }

    // A character beyond ASCII.
    static Class classOf(UChar32 c) {
        if (!covered(c)) return Class::NONE;
        switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
            case U_WB_ALETTER: return Class::LETTER;
            case U_WB_NUMERIC: return Class::DIGIT;
            case U_WB_MIDLETTER: return Class::MID_LETTER;
            case U_WB_MIDNUM: return Class::MID_NUM;
            case U_WB_MIDNUMLET: return Class::MID_NUM_LET;
            case U_WB_OTHER: return Class::OTHER;
            default: return Class::NONE;  // Extend, Format, ExtendNumLet, Newline, ...
        }
    }

    // Per ASCII byte: 1 for a letter, 2 for a digit, else 0.
    static constexpr std::array<uint8_t, 128> kAlnum = [] {
        std::array<uint8_t, 128> table{};
        for (int c = 0; c < 128; ++c)
            table[static_cast<size_t>(c)] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? 1 : (c >= '0' && c <= '9') ? 2 : 0;
        return table;
    }();
    // The kind of a token of one ASCII character that is no letter or digit, as tokenKind() tells it.
    static inline const std::array<std::optional<TokenKind>, 128> kAsciiKinds = [] {
        std::array<std::optional<TokenKind>, 128> table{};
        for (int c = 0; c < 128; ++c) {
            const char one = static_cast<char>(c);
            table[static_cast<size_t>(c)] = tokenKind(UBRK_WORD_NONE, std::string_view(&one, 1), 0, 1);
        }
        return table;
    }();

    // ICU's classes of the ASCII characters, "_" (ExtendNumLet) left to ICU.
    static constexpr std::array<Class, 128> kAscii = [] {
        std::array<Class, 128> table{};
        for (int c = 0; c < 128; ++c) {
            Class cls = c >= 0x20 && c < 0x7F ? Class::OTHER : Class::NONE;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) cls = Class::LETTER;
            if (c >= '0' && c <= '9') cls = Class::DIGIT;
            if (c == ',' || c == ';') cls = Class::MID_NUM;  // ":" is MidLetter in UAX #29, but not in ICU's rules (CLDR)
            if (c == '.' || c == '\'') cls = Class::MID_NUM_LET;  // "'" is Single_Quote, alike outside Hebrew
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') cls = Class::SPACE;
            if (c == '_') cls = Class::NONE;
            table[static_cast<size_t>(c)] = cls;
        }
        return table;
    }();
};

void appendIcuWords(std::string_view text, size_t offset, std::vector<Token>& out) {
    IcuText utext(text);
    icu::BreakIterator& iterator = wordIterator();
    setText(iterator, utext);
    auto start = static_cast<int32_t>(utext.byteAt(iterator.first()));
    for (int32_t b = iterator.next(); b != icu::BreakIterator::DONE; b = iterator.next()) {
        const auto end = static_cast<int32_t>(utext.byteAt(b));
        if (auto kind = tokenKind(iterator.getRuleStatus(), text, start, end)) {
            out.push_back({{offset + static_cast<size_t>(start), offset + static_cast<size_t>(end)}, *kind});
        }
        start = end;
    }
}

void appendWords(std::string_view text, size_t offset, std::vector<Token>& out) {
    if (!LatinWords::append(text, offset, out)) appendIcuWords(text, offset, out);
}

size_t countCodePoints(std::string_view bytes) {
    size_t n = 0;
    for (char c : bytes) n += isUtf8Continuation(c) ? 0 : 1;
    return n;
}

}  // namespace

std::vector<Span> sentences(std::string_view text, Lang lang) {
    std::vector<Span> out;
    forEachIcuPiece(text, [&](std::string_view piece, size_t offset) { appendSentences(piece, offset, lang, out); });
    return out;
}

std::vector<Token> words(std::string_view text, size_t baseOffset) {
    std::vector<Token> out;
    words(text, baseOffset, out);
    return out;
}

void words(std::string_view text, size_t baseOffset, std::vector<Token>& out) {
    out.clear();
    forEachIcuPiece(text, [&](std::string_view piece, size_t offset) { appendWords(piece, baseOffset + offset, out); });
}

bool latinSentenceBreaks(std::string_view text, std::vector<size_t>& out) {
    return text.size() <= kMaxIcuPiece && LatinSentences::breaks(text, out);
}

std::vector<size_t> icuSentenceBreaks(std::string_view text, Lang lang) {
    std::vector<size_t> out;
    if (text.size() <= kMaxIcuPiece) icuBreaks(text, lang, out);
    return out;
}

bool latinWords(std::string_view text, size_t baseOffset, std::vector<Token>& out) {
    out.clear();
    return text.size() <= kMaxIcuPiece && LatinWords::append(text, baseOffset, out);
}

std::vector<Token> icuWords(std::string_view text, size_t baseOffset) {
    std::vector<Token> out;
    forEachIcuPiece(text, [&](std::string_view piece, size_t offset) { appendIcuWords(piece, baseOffset + offset, out); });
    return out;
}

size_t codePointOffset(std::string_view text, size_t byteOffset) {
    KG_ASSERT(byteOffset <= text.size());
    return countCodePoints(text.substr(0, byteOffset));
}

size_t CodePointCounter::operator()(size_t byteOffset) {
    KG_ASSERT(byteOffset <= text_.size());
    if (byteOffset >= byte_) {
        codePoint_ += countCodePoints(text_.substr(byte_, byteOffset - byte_));
    } else {
        codePoint_ -= countCodePoints(text_.substr(byteOffset, byte_ - byteOffset));
    }
    byte_ = byteOffset;
    return codePoint_;
}

}  // namespace kgraph::ingest
