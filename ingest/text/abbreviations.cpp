#include "ingest/text/abbreviations.hpp"

#include <unicode/udata.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <algorithm>
#include <array>
#include <memory>
#include <span>

#include "ingest/text/spaces.hpp"

namespace kgraph::ingest {
namespace {

// Ours, on top of CLDR's: what German and English business news abbreviates.
constexpr std::string_view kGermanAbbreviations[] = {
    "z. B.", "u. a.", "d. h.", "z.B.", "u.a.", "d.h.", "bzw.", "ca.", "Nr.", "Dr.", "Prof.",
    "Mrd.", "Mio.", "Tsd.", "Co.", "Inc.", "Ltd.", "Corp.", "Pte.", "Pty.", "Sdn.", "St.", "vgl.", "usw.", "etc.",
    "Jan.", "Feb.", "Febr.", "Mrz.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Okt.",
    "Nov.", "Dez."};
constexpr std::string_view kEnglishAbbreviations[] = {
    "Inc.", "Co.", "Ltd.", "Corp.", "Pte.", "Pty.", "Sdn.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "St.", "Jr.", "Sr.",
    "U.S.", "U.K.", "e.g.", "i.e.", "No.", "vs.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",
    "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."};

// CLDR entries that are also everyday words or names and often end a sentence
// ("under the CHIPS Act.", "the iPhone 15 Pro.", "eine neue App.").
constexpr std::string_view kNotAbbreviations[] = {
    "Act.", "Alt.", "App.", "Art.", "Ben.", "Card.", "Go.", "Hat.", "Job.", "Joe.",
    "Link.", "Long.", "Max.", "Mod.", "OK.", "Ok.", "Port.", "Pro.", "Temp.", "Test.", "Up."};

// Words after which a German number with a period is an ordinal: "am 3. Mai",
// "der 2. Platz", "bis zum 30. Juni".
constexpr std::string_view kOrdinalIntroducers[] = {
    "ab", "am", "bis", "dem", "den", "der", "des", "im", "jedem", "jeden", "seit", "vom", "zum", "zur"};
constexpr std::string_view kMonthNames[] = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember", "Jan", "Feb", "Febr", "Mär", "Mrz", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Okt", "Nov", "Dez", "January", "February", "March", "May", "June",
    "July", "October", "December"};

// The longest multi-part abbreviation CLDR has ("v. u. Z.", "k. u. k.").
constexpr int kMaxParts = 3;
// Longer tokens are never abbreviations (CLDR's longest, "Ursprüngl.", has 11 bytes).
constexpr size_t kMaxTokenBytes = 24;

bool contains(std::span<const std::string_view> list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// Collapses inner white space to one ASCII space: CLDR writes "z. B." with
// U+00A0 in some locales, and text may too.
std::string withPlainSpaces(std::string_view entry) {
    std::string out;
    for (size_t i = 0; i < entry.size();) {
        SpaceChar space = spaceAt(entry, i);
        if (space.length == 0) {
            out += entry[i++];
            continue;
        }
        if (!out.empty() && out.back() != ' ') out += ' ';
        i += space.length;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

using BundlePtr = std::unique_ptr<UResourceBundle, decltype(&ures_close)>;

// The sentence-break suppressions ICU ships for `locale`, from the same data
// FilteredBreakIteratorBuilder reads ("exceptions/SentenceBreak" of brkitr).
void addLocaleSuppressions(const char* locale, std::unordered_set<std::string>& out) {
    UErrorCode status = U_ZERO_ERROR;
    BundlePtr bundle(ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", locale, &status), ures_close);
    BundlePtr exceptions(ures_getByKey(bundle.get(), "exceptions", nullptr, &status), ures_close);
    BundlePtr list(ures_getByKey(exceptions.get(), "SentenceBreak", nullptr, &status), ures_close);
    if (U_FAILURE(status)) return;  // no data for the locale: our own list still applies
    for (int32_t i = 0, n = ures_getSize(list.get()); i < n; ++i) {
        int32_t length = 0;
        UErrorCode entryStatus = U_ZERO_ERROR;
        const UChar* entry = ures_getStringByIndex(list.get(), i, &length, &entryStatus);
        if (U_FAILURE(entryStatus)) continue;
        std::string utf8;
        icu::UnicodeString(entry, length).toUTF8String(utf8);
        if (!contains(kNotAbbreviations, utf8)) out.insert(withPlainSpaces(utf8));
    }
}

// Opening brackets and quotes that may precede an abbreviation: "(z. B.", "„Dr.".
size_t openingPunctuationLength(std::string_view token) {
    for (std::string_view mark :
         {"(", "[", "{", "\"", "'", "\u201E", "\u201C", "\u201A", "\u2018", "\u00AB", "\u00BB"}) {
        if (token.starts_with(mark)) return mark.size();
    }
    return 0;
}

std::string_view withoutOpeningPunctuation(std::string_view token) {
    while (size_t n = openingPunctuationLength(token)) token.remove_prefix(n);
    return token;
}

// The white-space-delimited tokens around a break, nearest first, none across
// a line break.
struct Neighbours {
    std::array<std::string_view, kMaxParts> before{};  // before[0] ends at the break
    std::array<std::string_view, kMaxParts> after{};   // after[0] starts at the break
    int beforeCount = 0;
    int afterCount = 0;
};

// Where the token that ends at `end` (no white space right before it) starts.
size_t tokenStart(std::string_view text, size_t end) {
    size_t start = end;
    while (start > 0 && spaceBefore(text, start).length == 0) {
        do --start;
        while (start > 0 && isUtf8Continuation(text[start]));
    }
    return start;
}

Neighbours neighbours(std::string_view text, size_t pos) {
    Neighbours n;
    size_t end = pos;
    while (n.beforeCount < kMaxParts) {
        SpaceChar space{};
        while (end > 0 && (space = spaceBefore(text, end)).length > 0 && !space.lineBreak) end -= space.length;
        if (end == 0 || space.lineBreak) break;
        const size_t start = tokenStart(text, end);
        n.before[n.beforeCount++] = withoutOpeningPunctuation(text.substr(start, end - start));
        end = start;
    }
    size_t start = pos;
    while (n.afterCount < kMaxParts) {
        SpaceChar space{};
        while ((space = spaceAt(text, start)).length > 0 && !space.lineBreak) start += space.length;
        if (start >= text.size() || space.lineBreak) break;
        size_t stop = start;
        while (stop < text.size() && spaceAt(text, stop).length == 0) ++stop;
        n.after[n.afterCount++] = text.substr(start, stop - start);
        start = stop;
    }
    return n;
}

// True when the break falls after any part of an abbreviation: "z. B.|" or "z. |B.".
bool endsAbbreviation(const std::unordered_set<std::string>& abbreviations, const Neighbours& n) {
    std::string candidate;
    for (int partsBefore = 1; partsBefore <= n.beforeCount; ++partsBefore) {
        for (int partsAfter = 0; partsBefore + partsAfter <= kMaxParts && partsAfter <= n.afterCount; ++partsAfter) {
            candidate.clear();
            bool tooLong = false;
            auto append = [&](std::string_view part) {
                tooLong = tooLong || part.size() > kMaxTokenBytes;
                if (!candidate.empty()) candidate += ' ';
                candidate += part;
            };
            for (int i = partsBefore - 1; i >= 0; --i) append(n.before[static_cast<size_t>(i)]);
            for (int i = 0; i < partsAfter; ++i) append(n.after[static_cast<size_t>(i)]);
            if (tooLong) break;
            if (abbreviations.contains(candidate)) return true;
        }
    }
    return false;
}

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAsciiLetter(char c) { return isAsciiUpper(c) || (c >= 'a' && c <= 'z'); }

// "3." or "30.": a German ordinal when what follows makes it one.
bool isOrdinalNumber(std::string_view token) {
    return (token.size() == 2 || token.size() == 3) && token.back() == '.' &&
           std::all_of(token.begin(), token.end() - 1, isAsciiDigit);
}

// The leading letters of `token` ("Juni," -> "Juni"); bytes of non-ASCII
// characters count as letters, so "März" stays whole.
std::string_view leadingWord(std::string_view token) {
    size_t n = 0;
    while (n < token.size() && (isAsciiLetter(token[n]) || static_cast<unsigned char>(token[n]) >= 0x80)) ++n;
    return token.substr(0, n);
}

std::string asciiLower(std::string_view word) {
    std::string out(word);
    for (char& c : out) {
        if (isAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool isGermanOrdinal(const Neighbours& n) {
    if (n.beforeCount == 0 || n.afterCount == 0 || !isOrdinalNumber(n.before[0])) return false;
    std::string_view next = n.after[0];
    if (isAsciiDigit(next.front()) || contains(kMonthNames, leadingWord(next))) return true;  // "28. 08. 2024"
    return n.beforeCount > 1 && contains(kOrdinalIntroducers, asciiLower(n.before[1]));
}

// "Donald J. Trump", "George W. Bush": one capital letter between two capitalised words.
bool isInitial(const Neighbours& n) {
    if (n.beforeCount < 2 || n.afterCount == 0) return false;
    std::string_view initial = n.before[0];
    return initial.size() == 2 && isAsciiUpper(initial[0]) && initial[1] == '.' &&
           !n.before[1].empty() && isAsciiUpper(n.before[1].front()) && isAsciiUpper(n.after[0].front());
}

}  // namespace

const SentenceBreakFilter& SentenceBreakFilter::forLanguage(Lang lang) {
    static const SentenceBreakFilter unknown(Lang::UNKNOWN);
    static const SentenceBreakFilter german(Lang::DE);
    static const SentenceBreakFilter english(Lang::EN);
    switch (lang) {
        case Lang::DE: return german;
        case Lang::EN: return english;
        case Lang::UNKNOWN: break;
    }
    return unknown;
}

SentenceBreakFilter::SentenceBreakFilter(Lang lang) : germanOrdinals_(lang != Lang::EN) {
    if (lang != Lang::EN) {
        addLocaleSuppressions("de", abbreviations_);
        for (std::string_view a : kGermanAbbreviations) abbreviations_.emplace(a);
    }
    if (lang != Lang::DE) {
        addLocaleSuppressions("en", abbreviations_);
        for (std::string_view a : kEnglishAbbreviations) abbreviations_.emplace(a);
    }
    for (const std::string& a : abbreviations_)
        for (size_t b = 0, e; b <= a.size(); b = e + 1) {
            e = std::min(a.find(' ', b), a.size());
            parts_.emplace(a.substr(b, e - b));
        }
}

bool SentenceBreakFilter::suppresses(std::string_view text, size_t pos) const {
    // Only a period can end an abbreviation or an ordinal; "?" and "!" always end a sentence.
    size_t end = pos;
    SpaceChar space{};
    while (end > 0 && (space = spaceBefore(text, end)).length > 0) {
        if (space.lineBreak) return false;
        end -= space.length;
    }
    if (end == 0 || text[end - 1] != '.' || pos >= text.size()) return false;
    // The token before the break settles most breaks alone: only a part of an abbreviation, a number
    // ("3.") or an initial ("W.") may be one; the tokens around it are looked at for those.
    const size_t start = tokenStart(text, end);
    const std::string_view last = withoutOpeningPunctuation(text.substr(start, end - start));
    const bool part = parts_.contains(std::string(last));
    if (!part && !(germanOrdinals_ && isOrdinalNumber(last)) && !(last.size() == 2 && isAsciiUpper(last[0]) && last[1] == '.'))
        return false;

    const Neighbours n = neighbours(text, pos);  // n.before[0] is `last`
    if (part && endsAbbreviation(abbreviations_, n)) return true;
    if (germanOrdinals_ && isGermanOrdinal(n)) return true;
    return isInitial(n);
}

}  // namespace kgraph::ingest
