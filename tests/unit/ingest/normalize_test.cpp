#include "ingest/normalize/quantity.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/normalize/decimal.hpp"
#include "ingest/normalize/lexicon.hpp"

namespace kgraph::ingest {

void PrintTo(const Quantity& q, std::ostream* os) {
    static constexpr const char* kKinds[] = {"MONEY", "SHARE", "PERIOD"};
    *os << kKinds[static_cast<int>(q.kind)] << " [" << q.begin << ", " << q.end << ")";
    switch (q.kind) {
        case Quantity::Kind::MONEY: *os << " " << q.amount << " " << q.currency; break;
        case Quantity::Kind::SHARE: *os << " " << q.share; break;
        case Quantity::Kind::PERIOD: *os << " " << q.period; break;
    }
}

namespace {

using normalize::Decimal;
using normalize::parseDecimal;
using Quantities = std::vector<Quantity>;

// Wednesday, the seed article's publication date.
constexpr std::string_view kPublished = "2024-08-28";

// A sentence and the quantities expected in it, each spanning the first
// occurrence of a phrase of the sentence (so spans are exact without counting bytes).
class Sentence {
public:
    Sentence(std::string text, Lang lang, std::string_view published = kPublished)
        : text_(std::move(text)), lang_(lang), published_(published) {}

    Quantities quantities() const { return findQuantities(text_, lang_, published_); }

    Quantity money(std::string_view phrase, double amount, std::string_view currency) const {
        Quantity q = spanning(Quantity::Kind::MONEY, phrase);
        q.amount = amount;
        q.currency = currency;
        return q;
    }
    Quantity share(std::string_view phrase, double fraction) const {
        Quantity q = spanning(Quantity::Kind::SHARE, phrase);
        q.share = fraction;
        return q;
    }
    Quantity period(std::string_view phrase, std::string_view value) const {
        Quantity q = spanning(Quantity::Kind::PERIOD, phrase);
        q.period = value;
        return q;
    }

private:
    Quantity spanning(Quantity::Kind kind, std::string_view phrase) const {
        const size_t begin = text_.find(phrase);
        EXPECT_NE(begin, std::string::npos) << "'" << phrase << "' is not in '" << text_ << "'";
        Quantity q;
        q.kind = kind;
        q.begin = static_cast<uint32_t>(begin);
        q.end = static_cast<uint32_t>(begin + phrase.size());
        return q;
    }

    std::string text_;
    Lang lang_;
    std::string published_;
};

// The one quantity of `text`, spanning `phrase`.
void expectMoney(Lang lang, const std::string& text, std::string_view phrase, double amount,
                 std::string_view currency) {
    Sentence s(text, lang);
    EXPECT_EQ(s.quantities(), Quantities{s.money(phrase, amount, currency)}) << text;
}
void expectShare(Lang lang, const std::string& text, std::string_view phrase, double fraction) {
    Sentence s(text, lang);
    EXPECT_EQ(s.quantities(), Quantities{s.share(phrase, fraction)}) << text;
}
void expectPeriod(Lang lang, const std::string& text, std::string_view phrase, std::string_view period,
                  std::string_view published = kPublished) {
    Sentence s(text, lang, published);
    EXPECT_EQ(s.quantities(), Quantities{s.period(phrase, period)}) << text;
}
void expectNothing(Lang lang, const std::string& text, std::string_view published = kPublished) {
    EXPECT_EQ(findQuantities(text, lang, published), Quantities{}) << text;
}

// --- Numbers ------------------------------------------------------------------------

TEST(DecimalTest, GermanFormat) {
    EXPECT_EQ(parseDecimal("4,2", Lang::DE), (Decimal{42, -1}));
    EXPECT_EQ(parseDecimal("1.500", Lang::DE), (Decimal{1500, 0}));
    EXPECT_EQ(parseDecimal("42,61", Lang::DE), (Decimal{4261, -2}));
    EXPECT_EQ(parseDecimal("1.234.567,89", Lang::DE), (Decimal{123456789, -2}));
    EXPECT_EQ(parseDecimal("1,500", Lang::DE), (Decimal{1500, -3}));  // 1.5 in German
}

TEST(DecimalTest, EnglishFormat) {
    EXPECT_EQ(parseDecimal("12.5", Lang::EN), (Decimal{125, -1}));
    EXPECT_EQ(parseDecimal("1,500", Lang::EN), (Decimal{1500, 0}));
    EXPECT_EQ(parseDecimal("1,234,567.89", Lang::EN), (Decimal{123456789, -2}));
    EXPECT_EQ(parseDecimal("1.500", Lang::EN), (Decimal{1500, -3}));
    EXPECT_EQ(parseDecimal("1.500", Lang::UNKNOWN), (Decimal{1500, -3}));  // English first
}

TEST(DecimalTest, ANumberThatDoesNotFitItsLanguageIsReadTheOtherWay) {
    EXPECT_EQ(parseDecimal("4,2", Lang::EN), (Decimal{42, -1}));
    EXPECT_EQ(parseDecimal("2.5", Lang::DE), (Decimal{25, -1}));
    EXPECT_EQ(parseDecimal("1.000.000", Lang::EN), (Decimal{1000000, 0}));
}

TEST(DecimalTest, RejectsWhatIsNoNumber) {
    EXPECT_EQ(parseDecimal("28.08.2024", Lang::DE), std::nullopt);
    EXPECT_EQ(parseDecimal("1,50,000", Lang::EN), std::nullopt);
    EXPECT_EQ(parseDecimal("1.50.000", Lang::DE), std::nullopt);
    EXPECT_EQ(parseDecimal("12345678901234567890", Lang::EN), std::nullopt);  // 20 digits
    EXPECT_EQ(parseDecimal("1234567890123456789", Lang::EN), (Decimal{1234567890123456789u, 0}));
}

TEST(DecimalTest, ScalesOnceWithoutAccumulatedError) {
    EXPECT_EQ((Decimal{42, -1}).scaled(9).toDouble(), 4.2e9);
    EXPECT_EQ((Decimal{4261, -4}).toDouble(), 0.4261);
    EXPECT_EQ((Decimal{3, -1}).scaled(-2).toDouble(), 0.003);
    EXPECT_EQ((Decimal{123456789, -2}).scaled(12).toDouble(), 1.23456789e18);
    EXPECT_EQ((Decimal{0, 5}).toDouble(), 0.0);
}

// --- Spans ---------------------------------------------------------------------------

TEST(SpanTest, SpansAreByteOffsetsIntoTheTextGiven) {
    // "Für " is 5 bytes (ü is 2) and "€" 3: "€1,5 Mrd." is [5, 16), "Jahr 2024" [20, 29).
    const Quantities found = findQuantities("Für €1,5 Mrd. im Jahr 2024", Lang::DE, "");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, Quantity::Kind::MONEY);
    EXPECT_EQ(found[0].begin, 5u);
    EXPECT_EQ(found[0].end, 16u);
    EXPECT_EQ(found[0].amount, 1.5e9);
    EXPECT_EQ(found[0].currency, "EUR");
    EXPECT_EQ(found[1].kind, Quantity::Kind::PERIOD);
    EXPECT_EQ(found[1].begin, 20u);
    EXPECT_EQ(found[1].end, 29u);
    EXPECT_EQ(found[1].period, "2024");
}

TEST(SpanTest, SpansHoldTheWordsThatCarryTheMeaning) {
    // Prepositions and articles stay out; ordinals, modifiers and nouns such as
    // "Geschäftsjahr" stay in.
    Sentence s("Im ersten Halbjahr 2024, seit 2020 und im Geschäftsjahr 2023 sowie vergangenen Freitag", Lang::DE);
    EXPECT_EQ(s.quantities(),
              (Quantities{s.period("ersten Halbjahr 2024", "2024-H1"), s.period("2020", "2020"),
                          s.period("Geschäftsjahr 2023", "2023"), s.period("vergangenen Freitag", "2024-08-23")}));
}

// --- Money, German --------------------------------------------------------------------

TEST(MoneyTest, GermanScaleWordsAndCurrencies) {
    expectMoney(Lang::DE, "Baidu investierte 4,2 Milliarden Yuan.", "4,2 Milliarden Yuan", 4.2e9, "CNY");
    expectMoney(Lang::DE, "Alibaba: 23 Mrd. Yuan", "23 Mrd. Yuan", 2.3e10, "CNY");
    expectMoney(Lang::DE, "Tencent: 23 Mrd Yuan", "23 Mrd Yuan", 2.3e10, "CNY");
    expectMoney(Lang::DE, "Es sind 7 Milliarden US-Dollar.", "7 Milliarden US-Dollar", 7e9, "USD");
    expectMoney(Lang::DE, "Es sind 7 Milliarden Dollar.", "7 Milliarden Dollar", 7e9, "USD");
    expectMoney(Lang::DE, "rund 1,5 Millionen Euro", "1,5 Millionen Euro", 1.5e6, "EUR");
    expectMoney(Lang::DE, "rund 1,5 Mio. Euro", "1,5 Mio. Euro", 1.5e6, "EUR");
    expectMoney(Lang::DE, "rund 1,5 Mio Euro", "1,5 Mio Euro", 1.5e6, "EUR");
    expectMoney(Lang::DE, "nur 300 Tsd. Euro", "300 Tsd. Euro", 3e5, "EUR");
    expectMoney(Lang::DE, "Der Preis: 1.500 Euro", "1.500 Euro", 1500, "EUR");
    expectMoney(Lang::DE, "20 Mrd. Renminbi", "20 Mrd. Renminbi", 2e10, "CNY");
    expectMoney(Lang::DE, "50 Mrd. RMB", "50 Mrd. RMB", 5e10, "CNY");
    expectMoney(Lang::DE, "300 Milliarden Yen", "300 Milliarden Yen", 3e11, "JPY");
    expectMoney(Lang::DE, "900 Milliarden Won", "900 Milliarden Won", 9e11, "KRW");
    expectMoney(Lang::DE, "10 Millionen Pfund", "10 Millionen Pfund", 1e7, "GBP");
    expectMoney(Lang::DE, "500 Mio. Schweizer Franken", "500 Mio. Schweizer Franken", 5e8, "CHF");
    expectMoney(Lang::DE, "500 Mio. Franken", "500 Mio. Franken", 5e8, "CHF");
    expectMoney(Lang::DE, "2 Milliarden Hongkong-Dollar", "2 Milliarden Hongkong-Dollar", 2e9, "HKD");
    expectMoney(Lang::DE, "2 Milliarden Taiwan-Dollar", "2 Milliarden Taiwan-Dollar", 2e9, "TWD");
    expectMoney(Lang::DE, "2 Milliarden kanadische Dollar", "2 Milliarden kanadische Dollar", 2e9, "CAD");
    expectMoney(Lang::DE, "Kosten: 5 Mio. €", "5 Mio. €", 5e6, "EUR");
    expectMoney(Lang::DE, "Kosten: 5 Mio. EUR", "5 Mio. EUR", 5e6, "EUR");
}

TEST(MoneyTest, GermanBillionIsTenToTheTwelve) {
    expectMoney(Lang::DE, "1,2 Billionen Won", "1,2 Billionen Won", 1.2e12, "KRW");
    expectMoney(Lang::DE, "1 Billion Euro", "1 Billion Euro", 1e12, "EUR");
    expectMoney(Lang::DE, "2 Bio. Euro", "2 Bio. Euro", 2e12, "EUR");
    expectMoney(Lang::EN, "1 billion euros", "1 billion euros", 1e9, "EUR");
    expectMoney(Lang::UNKNOWN, "1 billion euros", "1 billion euros", 1e9, "EUR");
    expectMoney(Lang::UNKNOWN, "3 Billionen Yen", "3 Billionen Yen", 3e12, "JPY");
}

TEST(MoneyTest, GermanSignBeforeTheAmount) {
    expectMoney(Lang::DE, "Kosten von €1,5 Mrd. erwartet", "€1,5 Mrd.", 1.5e9, "EUR");
    expectMoney(Lang::DE, "Kosten von € 1,5 Mrd. erwartet", "€ 1,5 Mrd.", 1.5e9, "EUR");
    expectMoney(Lang::DE, "Kosten von EUR 200 Mio.", "EUR 200 Mio.", 2e8, "EUR");
}

TEST(MoneyTest, RangesStateTheirLowerBound) {
    expectMoney(Lang::DE, "Man plant 2 bis 3 Milliarden Euro ein.", "2 bis 3 Milliarden Euro", 2e9, "EUR");
    expectMoney(Lang::DE, "Man plant 2 Mio. bis 3 Mrd. Euro ein.", "2 Mio. bis 3 Mrd. Euro", 2e6, "EUR");
    expectMoney(Lang::DE, "Man plant 2–3 Milliarden Euro ein.", "2–3 Milliarden Euro", 2e9, "EUR");
    expectMoney(Lang::EN, "It will cost $2-3bn.", "$2-3bn", 2e9, "USD");
    expectMoney(Lang::EN, "It will cost $2bn-$3bn.", "$2bn-$3bn", 2e9, "USD");
    expectMoney(Lang::EN, "It will cost 2 to 3 billion dollars.", "2 to 3 billion dollars", 2e9, "USD");
}

TEST(MoneyTest, FromAToBIsAChangeNotARange) {
    expectMoney(Lang::EN, "Revenue rose from 5 to 7 billion yuan.", "7 billion yuan", 7e9, "CNY");
}

TEST(MoneyTest, ASpacedDashIsNoRange) {
    Sentence s("Spending hit $5bn - 2024 was a record year.", Lang::EN);
    EXPECT_EQ(s.quantities(), Quantities{s.money("$5bn", 5e9, "USD")});
}

// --- Money, English -------------------------------------------------------------------

TEST(MoneyTest, EnglishCompactForms) {
    expectMoney(Lang::EN, "Baidu spent $800m on chips.", "$800m", 8e8, "USD");
    expectMoney(Lang::EN, "Baidu spent $800 million on chips.", "$800 million", 8e8, "USD");
    expectMoney(Lang::EN, "Alibaba spent Rmb23bn on AI.", "Rmb23bn", 2.3e10, "CNY");
    expectMoney(Lang::EN, "Sony raised 2.5bn yen.", "2.5bn yen", 2.5e9, "JPY");
    expectMoney(Lang::EN, "BAT spent RMB 50 billion.", "RMB 50 billion", 5e10, "CNY");
    expectMoney(Lang::EN, "a deal worth US$1.2bn", "US$1.2bn", 1.2e9, "USD");
    expectMoney(Lang::EN, "a deal worth HK$3bn", "HK$3bn", 3e9, "HKD");
    expectMoney(Lang::EN, "a deal worth NT$5bn", "NT$5bn", 5e9, "TWD");
    expectMoney(Lang::EN, "a deal worth £2.5bn", "£2.5bn", 2.5e9, "GBP");
    expectMoney(Lang::EN, "a deal worth €4bn", "€4bn", 4e9, "EUR");
    expectMoney(Lang::EN, "a deal worth CNY 7.5 billion", "CNY 7.5 billion", 7.5e9, "CNY");
    expectMoney(Lang::EN, "a deal worth $5 trillion", "$5 trillion", 5e12, "USD");
    expectMoney(Lang::EN, "a deal worth $5tn", "$5tn", 5e12, "USD");
    expectMoney(Lang::EN, "a salary of $250k", "$250k", 2.5e5, "USD");
    expectMoney(Lang::EN, "a price of 1,500 dollars", "1,500 dollars", 1500, "USD");
    expectMoney(Lang::EN, "Samsung invested 5 billion won.", "5 billion won", 5e9, "KRW");
    expectMoney(Lang::EN, "a loan of 3 billion Canadian dollars", "3 billion Canadian dollars", 3e9, "CAD");
    expectMoney(Lang::EN, "a loan of 3 billion Hong Kong dollars", "3 billion Hong Kong dollars", 3e9, "HKD");
    expectMoney(Lang::EN, "a loan of 3 billion Swiss francs", "3 billion Swiss francs", 3e9, "CHF");
    expectMoney(Lang::EN, "a loan of 300 million pounds", "300 million pounds", 3e8, "GBP");
    expectMoney(Lang::EN, "a loan of 5 million euros", "5 million euros", 5e6, "EUR");
    expectMoney(Lang::EN, "a loan of 5 mn USD", "5 mn USD", 5e6, "USD");
}

TEST(MoneyTest, YenSignIsJapaneseEvenInTextsAboutChina) {
    // "¥" cannot tell yen from yuan; CN¥, RMB or "yuan" say CNY.
    expectMoney(Lang::EN, "China's Baidu spent ¥300bn.", "¥300bn", 3e11, "JPY");
    expectMoney(Lang::EN, "China's Baidu spent CN¥300bn.", "CN¥300bn", 3e11, "CNY");
}

TEST(MoneyTest, AYearInsideAnAmountIsPartOfTheAmount) {
    Sentence s("They paid $2024 million in 2023.", Lang::EN);
    EXPECT_EQ(s.quantities(), (Quantities{s.money("$2024 million", 2.024e9, "USD"), s.period("2023", "2023")}));
}

TEST(MoneyTest, SpaceMayBeNonBreaking) {
    expectMoney(Lang::DE, "4,2\u00a0Mrd.\u00a0Yuan", "4,2\u00a0Mrd.\u00a0Yuan", 4.2e9, "CNY");
    expectMoney(Lang::DE, "4,2\u202fMrd.\u202fYuan", "4,2\u202fMrd.\u202fYuan", 4.2e9, "CNY");
}

TEST(MoneyTest, UnknownLanguageReadsEitherFormat) {
    expectMoney(Lang::UNKNOWN, "4,2 Mrd. Euro", "4,2 Mrd. Euro", 4.2e9, "EUR");
    expectMoney(Lang::UNKNOWN, "1.5 billion dollars", "1.5 billion dollars", 1.5e9, "USD");
}

// --- Shares ---------------------------------------------------------------------------

TEST(ShareTest, PercentagesBecomeFractions) {
    expectShare(Lang::DE, "Anteil von 42,61 Prozent", "42,61 Prozent", 0.4261);
    expectShare(Lang::DE, "Anteil von 42,61 %", "42,61 %", 0.4261);
    expectShare(Lang::DE, "Anteil von 42,61\u00a0%", "42,61\u00a0%", 0.4261);
    expectShare(Lang::EN, "a share of 12.5%", "12.5%", 0.125);
    expectShare(Lang::EN, "growth of 123%", "123%", 1.23);
    expectShare(Lang::EN, "a share of 12.5 percent", "12.5 percent", 0.125);
    expectShare(Lang::EN, "a share of 12.5 per cent", "12.5 per cent", 0.125);
    expectShare(Lang::EN, "margins of 3-5%", "3-5%", 0.03);
}

TEST(ShareTest, PercentagePointsAreNoShare) {
    // A difference of two shares, not a fraction of a whole: not reported.
    expectNothing(Lang::DE, "Der Anteil stieg um 3 Prozentpunkte.");
    expectNothing(Lang::DE, "Der Anteil stieg um 0,5 %-Punkte.");
    expectNothing(Lang::EN, "The share rose 3 percentage points.");
    expectNothing(Lang::EN, "The Fed cut by 25 basis points.");
}

// --- Periods --------------------------------------------------------------------------

TEST(PeriodTest, HalvesAndQuartersGerman) {
    expectPeriod(Lang::DE, "Im ersten Halbjahr 2024 stiegen sie.", "ersten Halbjahr 2024", "2024-H1");
    expectPeriod(Lang::DE, "Im ersten Halbjahr stiegen sie.", "ersten Halbjahr", "2024-H1");
    expectPeriod(Lang::DE, "in der ersten Jahreshälfte", "ersten Jahreshälfte", "2024-H1");
    expectPeriod(Lang::DE, "im 1. Halbjahr 2023", "1. Halbjahr 2023", "2023-H1");
    expectPeriod(Lang::DE, "im zweiten Quartal", "zweiten Quartal", "2024-Q2");
    expectPeriod(Lang::DE, "im 2. Quartal 2023", "2. Quartal 2023", "2023-Q2");
    expectPeriod(Lang::DE, "im dritten Quartal des Vorjahres", "dritten Quartal des Vorjahres", "2023-Q3");
    expectPeriod(Lang::DE, "im ersten Quartal dieses Jahres", "ersten Quartal dieses Jahres", "2024-Q1");
    expectPeriod(Lang::DE, "in den ersten sechs Monaten", "ersten sechs Monaten", "2024-H1");
    expectPeriod(Lang::DE, "im ersten Quartal im Jahr 2023", "ersten Quartal im Jahr 2023", "2023-Q1");
    expectPeriod(Lang::DE, "im ersten Quartal des Jahres 2023", "ersten Quartal des Jahres 2023", "2023-Q1");
    expectPeriod(Lang::DE, "im ersten Quartal in China", "ersten Quartal", "2024-Q1");
}

TEST(PeriodTest, HalvesAndQuartersEnglish) {
    expectPeriod(Lang::EN, "in the first half of 2024", "first half of 2024", "2024-H1");
    expectPeriod(Lang::EN, "in the first half of the year", "first half of the year", "2024-H1");
    expectPeriod(Lang::EN, "in the second half of last year", "second half of last year", "2023-H2");
    expectPeriod(Lang::EN, "in the second quarter, sales fell", "second quarter", "2024-Q2");
    expectPeriod(Lang::EN, "in the 4th quarter of 2023", "4th quarter of 2023", "2023-Q4");
    expectPeriod(Lang::EN, "results for Q2 2024", "Q2 2024", "2024-Q2");
    expectPeriod(Lang::EN, "results for Q2/2024", "Q2/2024", "2024-Q2");
    expectPeriod(Lang::EN, "results for Q2", "Q2", "2024-Q2");
    expectPeriod(Lang::EN, "results for 2Q24", "2Q24", "2024-Q2");
    expectPeriod(Lang::EN, "results for 1H 2024", "1H 2024", "2024-H1");
    expectPeriod(Lang::EN, "results for H1 2024", "H1 2024", "2024-H1");
}

TEST(PeriodTest, AHalfOfSomethingElseIsNoPeriod) {
    expectNothing(Lang::EN, "in the first half of the decade");
    expectNothing(Lang::EN, "green H2 production");
}

TEST(PeriodTest, QuarterNamedByItsLastDay) {
    expectPeriod(Lang::DE, "im Quartal, das am 30. Juni endete, wuchs", "Quartal, das am 30. Juni endete", "2024-Q2");
    expectPeriod(Lang::EN, "in the quarter ended June 30, revenue", "quarter ended June 30", "2024-Q2");
    expectPeriod(Lang::EN, "in the quarter ending 30 September 2023", "quarter ending 30 September 2023", "2023-Q3");
    expectPeriod(Lang::EN, "for the six months ended June 30, 2024", "six months ended June 30, 2024", "2024-H1");
    // 30 June lies after a publication in May: last year's quarter.
    expectPeriod(Lang::EN, "in the quarter ended June 30", "quarter ended June 30", "2023-Q2", "2024-05-10");
}

TEST(PeriodTest, Years) {
    expectPeriod(Lang::DE, "im Geschäftsjahr 2024 wuchs", "Geschäftsjahr 2024", "2024");
    expectPeriod(Lang::DE, "im Jahr 2023 wuchs", "Jahr 2023", "2023");
    expectPeriod(Lang::DE, "seit 2020 wächst", "2020", "2020");
    expectPeriod(Lang::DE, "bis 2030 sollen", "2030", "2030");
    expectPeriod(Lang::DE, "für 2025 erwartet", "2025", "2025");
    expectPeriod(Lang::DE, "bis Ende 2025 sollen", "2025", "2025");
    expectPeriod(Lang::EN, "in fiscal 2024, sales", "fiscal 2024", "2024");
    expectPeriod(Lang::EN, "in 2024, sales", "2024", "2024");
    expectPeriod(Lang::EN, "since 2019", "2019", "2019");
    expectPeriod(Lang::EN, "by 2030", "2030", "2030");
    expectPeriod(Lang::EN, "guidance for 2025", "2025", "2025");
    expectPeriod(Lang::EN, "results for FY2024", "FY2024", "2024");
    expectPeriod(Lang::EN, "results for FY24", "FY24", "2024");
}

TEST(PeriodTest, AYearNeedsATemporalContext) {
    expectNothing(Lang::DE, "Der 2024 vorgestellte Chip");
    expectNothing(Lang::EN, "The 2024 model");
    expectNothing(Lang::DE, "Das Werk hat 2000 Mitarbeiter.");
    expectNothing(Lang::EN, "in 1985");  // before 1990: more often a count than a year
}

TEST(PeriodTest, Months) {
    expectPeriod(Lang::DE, "im Juni 2024 stieg", "Juni 2024", "2024-06");
    expectPeriod(Lang::EN, "in June 2024, sales", "June 2024", "2024-06");
    expectPeriod(Lang::DE, "im Juni stieg", "Juni", "2024-06");
    expectPeriod(Lang::DE, "bis Ende Dezember", "Dezember", "2023-12", "2024-01-15");  // the nearest December
    expectNothing(Lang::EN, "Prices may march on");
}

TEST(PeriodTest, Dates) {
    expectPeriod(Lang::DE, "german.china.org.cn | 28.08.2024", "28.08.2024", "2024-08-28");
    expectPeriod(Lang::DE, "am 28. August 2024 meldete", "28. August 2024", "2024-08-28");
    expectPeriod(Lang::DE, "am 3.6.2024 meldete", "3.6.2024", "2024-06-03");
    expectPeriod(Lang::EN, "on Aug. 26, 2024, it said", "Aug. 26, 2024", "2024-08-26");
    expectPeriod(Lang::EN, "on August 26, 2024, it said", "August 26, 2024", "2024-08-26");
    expectPeriod(Lang::EN, "on 26 August 2024 it said", "26 August 2024", "2024-08-26");
    expectPeriod(Lang::EN, "on 2024-08-26 it said", "2024-08-26", "2024-08-26");
    expectPeriod(Lang::EN, "on Monday, Aug. 26, 2024, it said", "Monday, Aug. 26, 2024", "2024-08-26");
    expectPeriod(Lang::DE, "am 30. Juni meldete", "30. Juni", "2024-06-30");
    expectPeriod(Lang::DE, "am 30. Dezember meldete", "30. Dezember", "2023-12-30", "2024-01-02");
    expectNothing(Lang::DE, "am 31.02.2024");  // no such day
}

TEST(PeriodTest, DaysRelativeToPublication) {
    // 2024-08-28 is a Wednesday.
    expectPeriod(Lang::DE, "sagte Yang am Dienstag", "Dienstag", "2024-08-27");
    expectPeriod(Lang::DE, "sagte Yang am Mittwoch", "Mittwoch", "2024-08-28");
    expectPeriod(Lang::EN, "Yang said on Monday", "Monday", "2024-08-26");
    expectPeriod(Lang::DE, "sagte Yang vergangenen Freitag", "vergangenen Freitag", "2024-08-23");
    expectPeriod(Lang::EN, "Yang said last Wednesday", "last Wednesday", "2024-08-21");
    expectPeriod(Lang::EN, "Yang will speak next Monday", "next Monday", "2024-09-02");
    expectPeriod(Lang::DE, "sagte Yang gestern", "gestern", "2024-08-27");
    expectPeriod(Lang::DE, "Heute sagte Yang", "Heute", "2024-08-28");
    expectPeriod(Lang::EN, "Yang said yesterday", "yesterday", "2024-08-27");
    expectPeriod(Lang::EN, "Yang said today", "today", "2024-08-28");
}

TEST(PeriodTest, YearsMonthsAndQuartersRelativeToPublication) {
    expectPeriod(Lang::DE, "letztes Jahr stieg", "letztes Jahr", "2023");
    expectPeriod(Lang::DE, "im vergangenen Jahr stieg", "vergangenen Jahr", "2023");
    expectPeriod(Lang::DE, "im Vergleich zum Vorjahr", "Vorjahr", "2023");
    expectPeriod(Lang::EN, "last year, sales rose", "last year", "2023");
    expectPeriod(Lang::EN, "this year, sales rose", "this year", "2024");
    expectPeriod(Lang::EN, "next month, sales", "next month", "2024-09");
    expectPeriod(Lang::DE, "im letzten Quartal", "letzten Quartal", "2024-Q2");
    expectPeriod(Lang::EN, "last month, sales", "last month", "2023-12", "2024-01-15");
    expectPeriod(Lang::EN, "last quarter, sales", "last quarter", "2023-Q4", "2024-01-15");
    expectPeriod(Lang::EN, "next quarter, sales", "next quarter", "2025-Q1", "2024-12-10");
}

TEST(PeriodTest, RelativePeriodsNeedThePublicationDate) {
    expectNothing(Lang::DE, "Im ersten Halbjahr stiegen sie gestern, am Montag, im Vorjahr.", "");
    expectPeriod(Lang::DE, "Im ersten Halbjahr 2024 stiegen sie.", "ersten Halbjahr 2024", "2024-H1", "");
    expectPeriod(Lang::DE, "am 28.08.2024", "28.08.2024", "2024-08-28", "");
}

TEST(PeriodTest, PublishedMayCarryATime) {
    expectPeriod(Lang::EN, "Yang said yesterday", "yesterday", "2024-08-27", "2024-08-28T09:30:00Z");
    expectNothing(Lang::EN, "Yang said yesterday", "28.08.2024");
}

// --- What is no quantity --------------------------------------------------------------

TEST(NegativeTest, CountsCodesAndVersions) {
    expectNothing(Lang::DE, "Siehe Nr. 5 und Artikel 12.");
    expectNothing(Lang::DE, "Tel. +49 30 2024 1990");
    expectNothing(Lang::EN, "Call +1-202-555-0143 or 0800 123 456.");
    expectNothing(Lang::EN, "ISBN 978-3-16-148410-0");
    expectNothing(Lang::EN, "ISBN 978-1-2024-1990-5");
    expectNothing(Lang::DE, "Die G7 trafen sich.");
    expectNothing(Lang::DE, "im Geschäftsjahr 2024/25");
    expectNothing(Lang::EN, "in 2024/25");
    expectNothing(Lang::EN, "OpenAI released GPT-4.5 and GPT-4o.");
    expectNothing(Lang::DE, "5 Milliarden Nutzer");  // no currency: a count
    expectNothing(Lang::EN, "the 5G rollout of 3 operators");
    expectNothing(Lang::EN, "they won 3 games");
    expectNothing(Lang::DE, "trotz US-Exportkontrollen und H1N1");
}

TEST(NegativeTest, WonAfterAYearIsAVerb) {
    Sentence s("Yang, who in 2019 won the award, spoke.", Lang::EN);
    EXPECT_EQ(s.quantities(), Quantities{s.period("2019", "2019")});
}

TEST(NegativeTest, AnOrdinalConsumedByADateIsNotReportedAgain) {
    Sentence s("Am 28. August 2024 meldete Baidu 4,2 Mrd. Yuan für das 2. Quartal.", Lang::DE);
    EXPECT_EQ(s.quantities(), (Quantities{s.period("28. August 2024", "2024-08-28"),
                                          s.money("4,2 Mrd. Yuan", 4.2e9, "CNY"), s.period("2. Quartal", "2024-Q2")}));
}

// --- The seed article -----------------------------------------------------------------

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool containsQuantity(const Quantities& found, const Quantity& want) {
    return std::find(found.begin(), found.end(), want) != found.end();
}

TEST(SeedArticleTest, BatInvestments) {
    const std::filesystem::path path =
        std::filesystem::path(KG_SHARED_DIR) / "corpus" / "seed-de-2024-08-28-bat-ai-investments.txt";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "seed article not found: " << path << " (../shared absent)";
    Sentence article(readFile(path), Lang::DE, "2024-08-28");
    const Quantities found = article.quantities();

    EXPECT_TRUE(containsQuantity(found, article.money("4,2 Milliarden Yuan", 4.2e9, "CNY")));
    EXPECT_TRUE(containsQuantity(found, article.money("23 Milliarden Yuan", 2.3e10, "CNY")));
    EXPECT_TRUE(containsQuantity(found, article.money("50 Milliarden Yuan", 5e10, "CNY")));
    EXPECT_TRUE(containsQuantity(found, article.share("42,61 Prozent", 0.4261)));
    EXPECT_TRUE(containsQuantity(found, article.period("ersten Halbjahr 2024", "2024-H1")));
    EXPECT_TRUE(containsQuantity(found, article.period("ersten Jahreshälfte", "2024-H1")));
    EXPECT_TRUE(containsQuantity(found, article.period("28.08.2024", "2024-08-28")));
    EXPECT_TRUE(containsQuantity(found, article.period("Quartal, das am 30. Juni endete", "2024-Q2")));
    EXPECT_TRUE(containsQuantity(found, article.period("Dienstag", "2024-08-27")));

    for (size_t i = 1; i < found.size(); ++i) {
        EXPECT_LE(found[i - 1].end, found[i].begin) << "spans overlap at " << i;
    }
}

// The lexicon's tables: under each first letter (lower-cased) the terms listed with it, in the
// order listed, and every term under one letter: matchLongest reads only these.
template <typename Entry>
void expectByFirstLetter(const normalize::TermTable<Entry>& table, std::string_view name) {
    size_t found = 0;
    for (int c = 0; c < 256; ++c) {
        std::vector<std::string_view> listed, under;
        for (const Entry& term : table)
            if (normalize::firstLetterOf(term.text) == static_cast<char>(c)) listed.push_back(term.text);
        for (const Entry& term : table.startingWith(static_cast<char>(c))) under.push_back(term.text);
        EXPECT_EQ(under, listed) << name << ", first byte " << c;
        found += under.size();
    }
    EXPECT_EQ(found, table.listed.size()) << name;
}

TEST(LexiconTest, TermsUnderTheirFirstLetterInTheOrderListed) {
    using namespace normalize;
    expectByFirstLetter(kRangeConnectors, "range connectors");
    expectByFirstLetter(kCurrencySigns, "currency signs");
    expectByFirstLetter(kCurrencyWords, "currency words");
    expectByFirstLetter(kScales, "scales");
    expectByFirstLetter(kPercentSigns, "percent signs");
    expectByFirstLetter(kMonths, "months");
    expectByFirstLetter(kWeekdays, "weekdays");
    expectByFirstLetter(kOrdinals, "ordinals");
    expectByFirstLetter(kPeriodNouns, "period nouns");
    expectByFirstLetter(kRelativeDays, "relative days");
    expectByFirstLetter(kModifiers, "modifiers");
    expectByFirstLetter(kCalendarUnits, "calendar units");
    expectByFirstLetter(kRelativeYearWords, "relative year words");
    expectByFirstLetter(kYearOfPhrases, "year-of phrases");
    expectByFirstLetter(kYearLinks, "year links");
    expectByFirstLetter(kYearIntros, "year intros");
    expectByFirstLetter(kEndedPeriodNouns, "ended period nouns");
    expectByFirstLetter(kEndedPatterns, "ended patterns");
    expectByFirstLetter(kOrdinalSuffixes, "ordinal suffixes");
    expectByFirstLetter(kCompactPeriods, "compact periods");
}

TEST(LexiconTest, TheLongestTermWinsInAnyCase) {
    using namespace normalize;
    const std::string_view text = "7 Milliarden us-dollar";
    const auto dollar = matchLongest(kCurrencyWords, text, text.find("us-"));
    ASSERT_TRUE(dollar);
    EXPECT_EQ(dollar.term->text, "US-Dollar");
    EXPECT_EQ(dollar.end, text.size());
    EXPECT_FALSE(matchLongest(kCurrencyWords, text, text.find("Milliarden")));
}

TEST(SeedArticleTest, TheHalfYearSentenceAlone) {
    // "im ersten Halbjahr" without a year, as relation extraction sees a sentence.
    Sentence s("Im ersten Halbjahr beliefen sich die KI-Investitionen von Baidu auf insgesamt 4,2 Milliarden Yuan.",
               Lang::DE, "2024-08-28");
    EXPECT_EQ(s.quantities(),
              (Quantities{s.period("ersten Halbjahr", "2024-H1"), s.money("4,2 Milliarden Yuan", 4.2e9, "CNY")}));
}

}  // namespace
}  // namespace kgraph::ingest
