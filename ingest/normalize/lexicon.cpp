#include "ingest/normalize/lexicon.hpp"

#include <array>
#include <string>
#include <type_traits>
#include <utility>

#include "common/assert.hpp"

namespace kgraph::ingest::normalize {

namespace {

constexpr uint8_t kAny = 0;
constexpr uint8_t kExact = kExactCase;
constexpr uint8_t kShortMonth = kExactCase | kAbbreviation;

constexpr Term kRangeConnectorTable[] = {{"-", kAny}, {"–", kAny}, {"—", kAny}, {"bis", kAny}, {"to", kAny}};

// "¥" is JPY even in texts about China, where writers sometimes use it for the
// yuan: we cannot tell the two apart from the sign, and "CN¥", "RMB" or "Yuan"
// say CNY unambiguously.
constexpr CurrencyTerm kCurrencySignTable[] = {
    {"$", kAny, "USD"},     {"US$", kExact, "USD"}, {"HK$", kExact, "HKD"}, {"NT$", kExact, "TWD"},
    {"S$", kExact, "SGD"},  {"A$", kExact, "AUD"},  {"C$", kExact, "CAD"},  {"CA$", kExact, "CAD"},
    {"€", kAny, "EUR"},     {"£", kAny, "GBP"},     {"¥", kAny, "JPY"},     {"JP¥", kExact, "JPY"},
    {"CN¥", kExact, "CNY"}, {"₩", kAny, "KRW"},     {"₹", kAny, "INR"},     {"RMB", kExact, "CNY"},
    {"Rmb", kExact, "CNY"}, {"CNY", kExact, "CNY"}, {"USD", kExact, "USD"}, {"EUR", kExact, "EUR"},
    {"JPY", kExact, "JPY"}, {"GBP", kExact, "GBP"}, {"KRW", kExact, "KRW"}, {"TWD", kExact, "TWD"},
    {"HKD", kExact, "HKD"}, {"CHF", kExact, "CHF"}, {"CAD", kExact, "CAD"}, {"AUD", kExact, "AUD"},
    {"SGD", kExact, "SGD"}, {"INR", kExact, "INR"}, {"RUB", kExact, "RUB"}, {"BRL", kExact, "BRL"},
    {"SEK", kExact, "SEK"}, {"NOK", kExact, "NOK"}, {"DKK", kExact, "DKK"}, {"PLN", kExact, "PLN"},
};

// "Dollar" alone is USD; other dollars are named by their country.
constexpr CurrencyTerm kCurrencyWordTable[] = {
    {"Yuan", kAny, "CNY"},
    {"Renminbi", kAny, "CNY"},
    {"Yuan Renminbi", kAny, "CNY"},
    {"chinesische Yuan", kAny, "CNY"},
    {"chinesischen Yuan", kAny, "CNY"},
    {"Chinese yuan", kAny, "CNY"},
    {"Dollar", kAny, "USD"},
    {"Dollars", kAny, "USD"},
    {"US-Dollar", kAny, "USD"},
    {"US-Dollars", kAny, "USD"},
    {"US Dollar", kAny, "USD"},
    {"US Dollars", kAny, "USD"},
    {"U.S. dollar", kAny, "USD"},
    {"U.S. dollars", kAny, "USD"},
    {"Hongkong-Dollar", kAny, "HKD"},
    {"HK-Dollar", kAny, "HKD"},
    {"Hong Kong dollar", kAny, "HKD"},
    {"Hong Kong dollars", kAny, "HKD"},
    {"Taiwan-Dollar", kAny, "TWD"},
    {"Neue Taiwan-Dollar", kAny, "TWD"},
    {"Neuen Taiwan-Dollar", kAny, "TWD"},
    {"Taiwan dollar", kAny, "TWD"},
    {"Taiwan dollars", kAny, "TWD"},
    {"New Taiwan dollar", kAny, "TWD"},
    {"New Taiwan dollars", kAny, "TWD"},
    {"Singapur-Dollar", kAny, "SGD"},
    {"Singapore dollar", kAny, "SGD"},
    {"Singapore dollars", kAny, "SGD"},
    {"kanadische Dollar", kAny, "CAD"},
    {"kanadischen Dollar", kAny, "CAD"},
    {"Canadian dollar", kAny, "CAD"},
    {"Canadian dollars", kAny, "CAD"},
    {"australische Dollar", kAny, "AUD"},
    {"australischen Dollar", kAny, "AUD"},
    {"Australian dollar", kAny, "AUD"},
    {"Australian dollars", kAny, "AUD"},
    {"Euro", kAny, "EUR"},
    {"Euros", kAny, "EUR"},
    {"Yen", kAny, "JPY"},
    {"japanische Yen", kAny, "JPY"},
    {"japanischen Yen", kAny, "JPY"},
    {"Japanese yen", kAny, "JPY"},
    {"Won", kExact, "KRW"},
    {"won", kExact | kAfterScale, "KRW"},
    {"südkoreanische Won", kAny, "KRW"},
    {"südkoreanischen Won", kAny, "KRW"},
    {"South Korean won", kAny, "KRW"},
    {"Korean won", kAny, "KRW"},
    {"Pfund", kAny, "GBP"},
    {"Pfund Sterling", kAny, "GBP"},
    {"britische Pfund", kAny, "GBP"},
    {"britischen Pfund", kAny, "GBP"},
    {"pound", kAny, "GBP"},
    {"pounds", kAny, "GBP"},
    {"pounds sterling", kAny, "GBP"},
    {"British pounds", kAny, "GBP"},
    {"Franken", kAny, "CHF"},
    {"Schweizer Franken", kAny, "CHF"},
    {"Swiss franc", kAny, "CHF"},
    {"Swiss francs", kAny, "CHF"},
    {"Rupien", kAny, "INR"},
    {"indische Rupien", kAny, "INR"},
    {"indischen Rupien", kAny, "INR"},
    {"rupees", kAny, "INR"},
    {"Indian rupees", kAny, "INR"},
    {"Rubel", kAny, "RUB"},
    {"roubles", kAny, "RUB"},
    {"rubles", kAny, "RUB"},
};

// "Billion" is listed twice: English first, so a text of unknown language reads it as 10^9.
constexpr ScaleTerm kScaleTable[] = {
    {"Billiarde", kAny, 15},
    {"Billiarden", kAny, 15},
    {"billion", kEnglishOnly, 9},
    {"Billion", kGermanOnly, 12},
    {"Billionen", kAny, 12},
    {"Bio.", kGermanOnly, 12},
    {"Milliarde", kAny, 9},
    {"Milliarden", kAny, 9},
    {"Mrd.", kAny, 9},
    {"Mrd", kAny, 9},
    {"Million", kAny, 6},
    {"Millionen", kAny, 6},
    {"Mio.", kAny, 6},
    {"Mio", kAny, 6},
    {"Tausend", kAny, 3},
    {"Tsd.", kAny, 3},
    {"Tsd", kAny, 3},
    {"trillion", kAny, 12},
    {"tn", kAny, 12},
    {"trn", kAny, 12},
    {"bn", kAny, 9},
    {"bln", kAny, 9},
    {"b", kGluedOnly, 9},
    {"millions", kAny, 6},
    {"mn", kAny, 6},
    {"mln", kAny, 6},
    {"m", kGluedOnly, 6},
    {"thousand", kAny, 3},
    {"k", kGluedOnly, 3},
};

constexpr PercentTerm kPercentTable[] = {
    {"%", kAny, true},
    {"Prozent", kAny, true},
    {"percent", kAny, true},
    {"per cent", kAny, true},
    {"pct", kAny, true},
    {"Prozentpunkt", kAny, false},
    {"Prozentpunkte", kAny, false},
    {"Prozentpunkten", kAny, false},
    {"%-Punkt", kAny, false},
    {"%-Punkte", kAny, false},
    {"%-Punkten", kAny, false},
    {"percentage point", kAny, false},
    {"percentage points", kAny, false},
    {"% point", kAny, false},
    {"% points", kAny, false},
    {"%-points", kAny, false},
    {"Basispunkt", kAny, false},
    {"Basispunkte", kAny, false},
    {"Basispunkten", kAny, false},
    {"basis point", kAny, false},
    {"basis points", kAny, false},
    {"bp", kAny, false},
    {"bps", kAny, false},
};

// Capitalised, so "may" and "march" stay verbs.
constexpr NumberedTerm kMonthTable[] = {
    {"Januar", kExact, 1},     {"Jänner", kExact, 1},    {"January", kExact, 1},    {"Februar", kExact, 2},
    {"February", kExact, 2},   {"März", kExact, 3},      {"Maerz", kExact, 3},      {"March", kExact, 3},
    {"April", kExact, 4},      {"Mai", kExact, 5},       {"May", kExact, 5},        {"Juni", kExact, 6},
    {"June", kExact, 6},       {"Juli", kExact, 7},      {"July", kExact, 7},       {"August", kExact, 8},
    {"September", kExact, 9},  {"Oktober", kExact, 10},  {"October", kExact, 10},   {"November", kExact, 11},
    {"Dezember", kExact, 12},  {"December", kExact, 12}, {"Jan.", kShortMonth, 1},  {"Jan", kShortMonth, 1},
    {"Feb.", kShortMonth, 2},  {"Feb", kShortMonth, 2},  {"Mär.", kShortMonth, 3},  {"Mrz.", kShortMonth, 3},
    {"Mar.", kShortMonth, 3},  {"Mar", kShortMonth, 3},  {"Apr.", kShortMonth, 4},  {"Apr", kShortMonth, 4},
    {"Jun.", kShortMonth, 6},  {"Jun", kShortMonth, 6},  {"Jul.", kShortMonth, 7},  {"Jul", kShortMonth, 7},
    {"Aug.", kShortMonth, 8},  {"Aug", kShortMonth, 8},  {"Sep.", kShortMonth, 9},  {"Sep", kShortMonth, 9},
    {"Sept.", kShortMonth, 9}, {"Sept", kShortMonth, 9}, {"Okt.", kShortMonth, 10}, {"Okt", kShortMonth, 10},
    {"Oct.", kShortMonth, 10}, {"Oct", kShortMonth, 10}, {"Nov.", kShortMonth, 11}, {"Nov", kShortMonth, 11},
    {"Dez.", kShortMonth, 12}, {"Dez", kShortMonth, 12}, {"Dec.", kShortMonth, 12}, {"Dec", kShortMonth, 12},
};

constexpr NumberedTerm kWeekdayTable[] = {
    {"Sonntag", kExact, 0},    {"Montag", kExact, 1},  {"Dienstag", kExact, 2}, {"Mittwoch", kExact, 3},
    {"Donnerstag", kExact, 4}, {"Freitag", kExact, 5}, {"Samstag", kExact, 6},  {"Sonnabend", kExact, 6},
    {"Sunday", kExact, 0},     {"Monday", kExact, 1},  {"Tuesday", kExact, 2},  {"Wednesday", kExact, 3},
    {"Thursday", kExact, 4},   {"Friday", kExact, 5},  {"Saturday", kExact, 6},
};

constexpr NumberedTerm kOrdinalTable[] = {
    {"erste", kAny, 1},   {"ersten", kAny, 1},  {"erstes", kAny, 1},  {"zweite", kAny, 2},
    {"zweiten", kAny, 2}, {"zweites", kAny, 2}, {"dritte", kAny, 3},  {"dritten", kAny, 3},
    {"drittes", kAny, 3}, {"vierte", kAny, 4},  {"vierten", kAny, 4}, {"viertes", kAny, 4},
    {"first", kAny, 1},   {"second", kAny, 2},  {"third", kAny, 3},   {"fourth", kAny, 4},
};

constexpr UnitTerm kPeriodNounTable[] = {
    {"Halbjahr", kAny, PeriodUnit::HALF},
    {"Halbjahres", kAny, PeriodUnit::HALF},
    {"Halbjahrs", kAny, PeriodUnit::HALF},
    {"Jahreshälfte", kAny, PeriodUnit::HALF},
    {"half", kAny, PeriodUnit::HALF},
    {"sechs Monate", kAny, PeriodUnit::HALF},
    {"sechs Monaten", kAny, PeriodUnit::HALF},
    {"six months", kAny, PeriodUnit::HALF},
    {"Quartal", kAny, PeriodUnit::QUARTER},
    {"Quartals", kAny, PeriodUnit::QUARTER},
    {"quarter", kAny, PeriodUnit::QUARTER},
    {"drei Monate", kAny, PeriodUnit::QUARTER},
    {"drei Monaten", kAny, PeriodUnit::QUARTER},
    {"three months", kAny, PeriodUnit::QUARTER},
};

constexpr NumberedTerm kRelativeDayTable[] = {
    {"heute", kAny, 0}, {"gestern", kAny, -1},   {"vorgestern", kAny, -2},
    {"today", kAny, 0}, {"yesterday", kAny, -1}, {"tomorrow", kAny, 1},
};

constexpr NumberedTerm kModifierTable[] = {
    {"letzte", kAny, -1},      {"letzten", kAny, -1},     {"letztes", kAny, -1},  {"vergangene", kAny, -1},
    {"vergangenen", kAny, -1}, {"vergangenes", kAny, -1}, {"vorige", kAny, -1},   {"vorigen", kAny, -1},
    {"voriges", kAny, -1},     {"last", kAny, -1},        {"previous", kAny, -1}, {"prior", kAny, -1},
    {"diese", kAny, 0},        {"diesen", kAny, 0},       {"dieses", kAny, 0},    {"diesem", kAny, 0},
    {"laufenden", kAny, 0},    {"laufende", kAny, 0},     {"this", kAny, 0},      {"current", kAny, 0},
    {"kommende", kAny, 1},     {"kommenden", kAny, 1},    {"kommendes", kAny, 1}, {"nächste", kAny, 1},
    {"nächsten", kAny, 1},     {"nächstes", kAny, 1},     {"next", kAny, 1},
};

constexpr UnitTerm kCalendarUnitTable[] = {
    {"Jahr", kAny, PeriodUnit::YEAR},       {"Jahres", kAny, PeriodUnit::YEAR},
    {"Jahrs", kAny, PeriodUnit::YEAR},      {"year", kAny, PeriodUnit::YEAR},
    {"Quartal", kAny, PeriodUnit::QUARTER}, {"Quartals", kAny, PeriodUnit::QUARTER},
    {"quarter", kAny, PeriodUnit::QUARTER}, {"Monat", kAny, PeriodUnit::MONTH},
    {"Monats", kAny, PeriodUnit::MONTH},    {"month", kAny, PeriodUnit::MONTH},
};

constexpr NumberedTerm kRelativeYearWordTable[] = {
    {"Vorjahr", kAny, -1},
    {"Vorjahres", kAny, -1},
    {"Vorjahrs", kAny, -1},
};

constexpr NumberedTerm kYearOfPhraseTable[] = {
    {"Jahr", kAny, 0},
    {"Jahres", kAny, 0},
    {"the year", kAny, 0},
    {"the current year", kAny, 0},
    {"the previous year", kAny, -1},
    {"the prior year", kAny, -1},
    {"Vorjahres", kAny, -1},
};

constexpr Term kYearLinkTable[] = {{"of", kAny}, {"des", kAny}, {"im", kAny}, {"in", kAny}};

constexpr YearIntroTerm kYearIntroTable[] = {
    {"im", kAny, false},
    {"in", kAny, false},
    {"seit", kAny, false},
    {"bis", kAny, false},
    {"für", kAny, false},
    {"ab", kAny, false},
    {"Anfang", kAny, false},
    {"Mitte", kAny, false},
    {"Ende", kAny, false},
    {"for", kAny, false},
    {"since", kAny, false},
    {"by", kAny, false},
    {"until", kAny, false},
    {"Jahr", kAny, true},
    {"Jahres", kAny, true},
    {"year", kAny, true},
    {"Kalenderjahr", kAny, true},
    {"calendar year", kAny, true},
    {"Geschäftsjahr", kAny, true},
    {"Geschäftsjahres", kAny, true},
    {"Fiskaljahr", kAny, true},
    {"Haushaltsjahr", kAny, true},
    {"fiscal", kAny, true},
    {"fiscal year", kAny, true},
    {"financial year", kAny, true},
};

constexpr UnitTerm kEndedPeriodNounTable[] = {
    {"Quartal", kAny, PeriodUnit::QUARTER},      {"quarter", kAny, PeriodUnit::QUARTER},
    {"three months", kAny, PeriodUnit::QUARTER}, {"Halbjahr", kAny, PeriodUnit::HALF},
    {"six months", kAny, PeriodUnit::HALF},
};

constexpr Term kEndedPatternTable[] = {
    {"ended {date}", kAny},
    {"ending {date}", kAny},
    {", ended {date}", kAny},
    {"that ended {date}", kAny},
    {"which ended {date}", kAny},
    {", das am {date} endete", kAny},
    {", das am {date} zu Ende ging", kAny},
    {", das am {date} endet", kAny},
    {"bis zum {date}", kAny},
};

constexpr Term kOrdinalSuffixTable[] = {{"st", kExact}, {"nd", kExact}, {"rd", kExact}, {"th", kExact}};

constexpr UnitTerm kCompactPeriodTable[] = {
    {"Q", kExact, PeriodUnit::QUARTER},
    {"H", kExact, PeriodUnit::HALF},
    {"FY", kExact, PeriodUnit::YEAR},
};

// A table's terms stably sorted by first letter, and where each letter's terms begin.
template <typename Entry, size_t N>
struct ByFirstLetter {
    std::array<Entry, N> terms{};
    std::array<uint16_t, 257> offsets{};
    constexpr explicit ByFirstLetter(const Entry (&table)[N]) {
        uint16_t k = 0;
        for (size_t c = 0; c < 256; ++c) {
            offsets[c] = k;
            for (const Entry& term : table)
                if (static_cast<unsigned char>(term.first) == c) terms[k++] = term;
        }
        offsets[256] = k;
    }
};

template <const auto& table>
constexpr ByFirstLetter kByFirstLetter{table};

template <const auto& table>
constexpr auto tableOf() {
    using Entry = std::remove_cvref_t<decltype(table[0])>;
    return TermTable<Entry>{table, kByFirstLetter<table>.terms, kByFirstLetter<table>.offsets};
}

// The letters a term starts with, lower-cased: its key in the anchor index.
std::string firstWordKey(std::string_view term) {
    std::string key;
    size_t pos = 0;
    while (size_t length = letterLength(term, pos)) {
        for (size_t i = 0; i < length; ++i) key += asciiLower(term[pos + i]);
        pos += length;
    }
    return key;
}

// First words of terms → the rules they start. Open addressing over a
// power-of-two table with FNV-1a: every word of a text is looked up, and
// std::unordered_map's hashing and buckets cost more than the rest of the scan.
class AnchorIndex {
public:
    AnchorIndex() {
        add(kCurrencySigns, kCurrencyAnchor);
        add(kOrdinals, kOrdinalAnchor);
        add(kMonths, kMonthAnchor);
        add(kWeekdays, kWeekdayAnchor);
        add(kRelativeDays, kRelativeDayAnchor);
        add(kModifiers, kModifierAnchor);
        add(kRelativeYearWords, kRelativeYearAnchor);
        add(kYearIntros, kYearIntroAnchor);
        add(kEndedPeriodNouns, kEndedPeriodAnchor);
        add(kCompactPeriods, kCompactPeriodAnchor);
    }

    uint32_t find(std::string_view word) const {
        // Most words fail here, without hashing: no key has their first letter and length.
        const auto first = static_cast<unsigned char>(asciiLower(word.front()));
        if (word.size() > kMaxKey || !(lengthsByFirstByte_[first] & (uint64_t{1} << word.size()))) return 0;
        char lowered[kMaxKey];
        for (size_t i = 0; i < word.size(); ++i) lowered[i] = asciiLower(word[i]);
        const std::string_view key(lowered, word.size());
        const uint64_t h = hash(key);
        for (size_t slot = h & kMask;; slot = (slot + 1) & kMask) {
            const Slot& entry = slots_[slot];
            if (entry.anchors == 0) return 0;
            if (entry.hash == h && keys_[slot] == key) return entry.anchors;
        }
    }

private:
    static constexpr size_t kMaxKey = 32;  // < 64: lengths are bits of a uint64_t
    static constexpr size_t kSlots = 1024;  // over four times the keys: short probe runs
    static constexpr size_t kMask = kSlots - 1;

    // A slot holds the key's hash, its key is in keys_ at the same place: the
    // slots a probe walks stay in a quarter of the memory (16 KB, not 40 KB).
    struct Slot {
        uint64_t hash = 0;
        uint32_t anchors = 0;
    };

    static uint64_t hash(std::string_view key) {
        uint64_t h = 14695981039346656037ull;
        for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return h;
    }

    template <typename Entry>
    void add(const TermTable<Entry>& table, Anchor anchor) {
        for (const Entry& term : table) {
            std::string key = firstWordKey(term.text);
            if (key.empty()) continue;  // a sign ("$", "€") is found by its byte
            KG_ASSERT(key.size() <= kMaxKey);
            lengthsByFirstByte_[static_cast<unsigned char>(key.front())] |= uint64_t{1} << key.size();
            const uint64_t h = hash(key);
            size_t slot = h & kMask;
            while (slots_[slot].anchors != 0 && keys_[slot] != key) slot = (slot + 1) & kMask;
            if (slots_[slot].anchors == 0) KG_ASSERT(++keyCount_ < kSlots / 2);
            slots_[slot].hash = h;
            keys_[slot] = std::move(key);
            slots_[slot].anchors |= anchor;
        }
    }

    std::array<Slot, kSlots> slots_;
    std::array<std::string, kSlots> keys_;
    size_t keyCount_ = 0;
    std::array<uint64_t, 256> lengthsByFirstByte_{};  // bit n: a key of n bytes starts with this byte
};

}  // namespace

const TermTable<Term> kRangeConnectors = tableOf<kRangeConnectorTable>();
const TermTable<CurrencyTerm> kCurrencySigns = tableOf<kCurrencySignTable>();
const TermTable<CurrencyTerm> kCurrencyWords = tableOf<kCurrencyWordTable>();
const TermTable<ScaleTerm> kScales = tableOf<kScaleTable>();
const TermTable<PercentTerm> kPercentSigns = tableOf<kPercentTable>();
const TermTable<NumberedTerm> kMonths = tableOf<kMonthTable>();
const TermTable<NumberedTerm> kWeekdays = tableOf<kWeekdayTable>();
const TermTable<NumberedTerm> kOrdinals = tableOf<kOrdinalTable>();
const TermTable<UnitTerm> kPeriodNouns = tableOf<kPeriodNounTable>();
const TermTable<NumberedTerm> kRelativeDays = tableOf<kRelativeDayTable>();
const TermTable<NumberedTerm> kModifiers = tableOf<kModifierTable>();
const TermTable<UnitTerm> kCalendarUnits = tableOf<kCalendarUnitTable>();
const TermTable<NumberedTerm> kRelativeYearWords = tableOf<kRelativeYearWordTable>();
const TermTable<NumberedTerm> kYearOfPhrases = tableOf<kYearOfPhraseTable>();
const TermTable<Term> kYearLinks = tableOf<kYearLinkTable>();
const TermTable<YearIntroTerm> kYearIntros = tableOf<kYearIntroTable>();
const TermTable<UnitTerm> kEndedPeriodNouns = tableOf<kEndedPeriodNounTable>();
const TermTable<Term> kEndedPatterns = tableOf<kEndedPatternTable>();
const TermTable<Term> kOrdinalSuffixes = tableOf<kOrdinalSuffixTable>();
const TermTable<UnitTerm> kCompactPeriods = tableOf<kCompactPeriodTable>();

uint32_t anchorsOf(std::string_view word) {
    static const AnchorIndex index;
    return index.find(word);
}

}  // namespace kgraph::ingest::normalize
