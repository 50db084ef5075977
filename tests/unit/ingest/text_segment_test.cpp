#include "ingest/text/segment.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/text.hpp"
#include "ingest/text/document.hpp"
#include "text_corpus.hpp"

namespace kgraph::ingest {
namespace {

using Sentences = std::vector<std::string>;

Sentences split(std::string_view text, Lang lang) {
    Sentences out;
    for (Span span : sentences(text, lang)) out.emplace_back(span.of(text));
    return out;
}

std::vector<std::pair<std::string, TokenKind>> tokens(std::string_view text) {
    std::vector<std::pair<std::string, TokenKind>> out;
    for (const Token& token : words(text)) out.emplace_back(token.span.of(text), token.kind);
    return out;
}

// Calls check(s) for every string s of 1 to `length` characters drawn from
// `alphabet` (each appended to `prefix`), until a fatal failure.
void forEveryString(const std::vector<std::string>& alphabet, size_t length,
                    const std::function<void(const std::string&)>& check, const std::string& prefix = "") {
    if (!prefix.empty()) check(prefix);
    if (length == 0 || ::testing::Test::HasFatalFailure()) return;
    for (const auto& c : alphabet) forEveryString(alphabet, length - 1, check, prefix + c);
}

bool contains(const Sentences& sentences, std::string_view sentence) {
    return std::find(sentences.begin(), sentences.end(), sentence) != sentences.end();
}

TEST(SentencesTest, SeedArticleSplitsWhereAReaderWould) {
    KG_REQUIRE_CORPUS();
    auto doc = readDocument(corpus::kSeedArticle);
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    Sentences got = split(doc->body(), doc->lang);

    // The page furniture and headlines stand alone, each line its own.
    ASSERT_GE(got.size(), 8u);
    EXPECT_EQ(got[0], "share");
    EXPECT_EQ(got[1], "Home> Wirtschaft");
    EXPECT_EQ(got[2], "Trotz amerikanischer Exportkontrollen");
    EXPECT_EQ(got[3], "Chinas Technologieunternehmen verdoppeln Investitionen in KI");
    EXPECT_EQ(got[5], "28.08.2024");
    EXPECT_EQ(got[6],
              "Chinesische Unternehmen reagieren auf zunehmende amerikanische Exportkontrollen mit einer "
              "verstärkten Fokussierung auf den heimischen Sektor der künstlichen Intelligenz (KI).");
    EXPECT_EQ(got[7],
              "Im ersten Halbjahr 2024 haben Baidu, Alibaba und Tencent ihre KI-Investitionen deutlich gesteigert.");

    // "Co." does not end the sentence, nor does the ordinal date "30. Juni",
    // nor the decimal commas of "4,2" and "42,61".
    EXPECT_TRUE(contains(got,
        "So hat beispielsweise der chinesische Finanzdienstleister Hithink RoyalFlush Information Network Co. "
        "in der ersten Jahreshälfte seine Investitionen in große KI-Modelle und Große Sprachmodelle (LLMs) "
        "erhöht, sodass seine F&E-Investitionen 42,61 Prozent der gesamten Betriebseinnahmen ausmachten, wie "
        "aus den Finanzergebnissen des Unternehmens hervorgeht."));
    EXPECT_TRUE(contains(got,
        "So wuchs der Umsatz von Alibaba mit KI-bezogenen Produkten im Quartal, das am 30. Juni endete, im "
        "Vergleich zum Vorjahr im dreistelligen Bereich."));
    EXPECT_TRUE(contains(got,
        "Im ersten Halbjahr 2024 beliefen sich die KI-Investitionen von Baidu auf insgesamt 4,2 Milliarden "
        "Yuan, während die KI-Investitionen von Alibaba und Tencent jeweils 23 Milliarden Yuan erreichten."));
    // Two sentences of one paragraph are cut; a quotation stays with its "so Yang".
    EXPECT_TRUE(contains(got,
        "Die USA haben den Versuch unternommen, China den Zugang zu fortschrittlichen KI-Chips und "
        "KI-Technologien zu verwehren."));
    EXPECT_TRUE(contains(got, "Das hat chinesische Technologieunternehmen zu mehr Eigenständigkeit gedrängt."));
    EXPECT_TRUE(contains(got,
        "„Die Unternehmen konzentrierten ihre Investitionen auf den Bereich der großen KI-Modelle, während sie "
        "mehr professionelle Talente einstellten und in den Aufbau von Rechenressourcen investierten“, so Yang."));
    EXPECT_EQ(got[got.size() - 2], "Quelle: german.china.org.cn");
    EXPECT_EQ(got.back(), "Schlagworte: KI,Technologieunternehmen,Investition,Exportkontrolle");
    EXPECT_EQ(got.size(), 27u);
}

TEST(SentencesTest, EveryCorpusFileSplitsIntoWellFormedSpans) {
    KG_REQUIRE_CORPUS();
    for (const auto& file : corpus::files()) {
        auto doc = readDocument(file);
        ASSERT_TRUE(doc.isOk()) << file << ": " << doc.status().toString();
        std::string_view body = doc->body();
        std::vector<Span> spans = sentences(body, doc->lang);
        ASSERT_FALSE(spans.empty()) << file;
        size_t previousEnd = 0;
        for (Span span : spans) {
            ASSERT_LE(previousEnd, span.begin) << file;
            ASSERT_LT(span.begin, span.end) << file;
            ASSERT_LE(span.end, body.size()) << file;
            std::string_view text = span.of(body);
            EXPECT_TRUE(isValidUtf8(text)) << file << ": " << text;
            EXPECT_NE(text.front(), ' ');
            EXPECT_NE(text.back(), ' ');
            EXPECT_NE(text.back(), '\n');
            size_t previousToken = span.begin;
            for (const Token& token : words(text, span.begin)) {
                ASSERT_LE(previousToken, token.span.begin);
                ASSERT_LE(token.span.end, span.end);
                EXPECT_TRUE(isValidUtf8(token.span.of(body)));
                previousToken = token.span.end;
            }
            previousEnd = span.end;
        }
    }
}

// A text and where a reader cuts it: the text is the sentences joined by `separator`.
struct CutCase {
    const char* why;
    Lang lang;
    Sentences sentences;
    const char* separator = " ";
};

const CutCase kCutCases[] = {
    {"German abbreviations, two-part ones too", Lang::DE, {"Es kam z. B. Herr Müller.", "Er blieb."}},
    {"German abbreviations, two-part ones too", Lang::DE,
     {"Das betrifft u. a. Tencent.", "Und d. h. Alibaba auch."}},
    {"the no-break space inside \"z. B.\"", Lang::DE, {"Es kam z.\u00A0B. Herr Müller.", "Er blieb."}},
    {"German abbreviations", Lang::DE,
     {"Baidu zahlte 4,2 Mrd. Yuan und 300 Mio. Euro, ca. 30 Prozent mehr.", "Das war viel."}},
    {"German abbreviations", Lang::DE, {"Prof. Dr. Meier (vgl. Nr. 5) kam aus St. Gallen.", "Hithink Co. Ltd. wuchs."}},
    {"German month abbreviations", Lang::DE,
     {"Die Bilanz vom 31. Dez. 2023 zeigt Gewinne.", "Die vom Okt. 2024 nicht."}},
    {"CLDR's German list (ours lacks these)", Lang::DE, {"Siehe Abs. 3 und Hrsg. Meier.", "Gut."}},
    {"CLDR's English list (ours lacks these)", Lang::EN, {"Sgt. Pepper met Capt. Hook.", "Fine."}},
    // ICU's own filter takes "r.", "b.", "am." and "ca." for word endings.
    {"words ending like an abbreviation", Lang::DE,
     {"Er traf Herrn Müller.", "Er starb.", "Das Team.", "Sie flog nach Mallorca.", "Dort blieb sie."}},
    {"words ending like an abbreviation", Lang::EN, {"They flew to Africa.", "The trip was long."}},
    {"CLDR's \"Act.\" is a word in news", Lang::EN, {"It passed the CHIPS Act.", "Then it stalled."}},
    {"German ordinal dates", Lang::DE, {"Am 28. August 2024 meldete Baidu Zahlen.", "Das Quartal endete am 30. Juni."}},
    {"German ordinals", Lang::DE,
     {"Er wurde der 3. Präsident.", "Seit dem 1. März gilt es.", "Datum: 28. 08. 2024.", "Ende."}},
    {"numbers with separators", Lang::DE, {"Es waren 1.500 Stück zu 42,61 Euro und 4.2 Prozent.", "Mehr nicht."}},
    {"English abbreviations", Lang::EN, {"Mr. Smith of Apple Inc. met Dr. Jones at the U.S. Embassy.", "He left."}},
    {"English abbreviations", Lang::EN,
     {"Chips, e.g. Nvidia ones, i.e. GPUs, sold well in Jan. 2024.", "It was No. 1 vs. AMD."}},
    {"initials", Lang::EN, {"Donald J. Trump spoke.", "George W. Bush listened."}},
    {"UNKNOWN uses both languages' rules", Lang::UNKNOWN,
     {"Mr. Smith traf Dr. Meier z. B. in Berlin am 3. Mai.", "Gut."}},
    {"questions and exclamations", Lang::DE, {"Wer kam?", "Dr. Meier!", "Gut."}},
    {"a blank line", Lang::DE, {"Eine Überschrift ohne Punkt", "Der Text beginnt hier."}, "\n\n"},
    {"a blank line, even after an abbreviation", Lang::DE, {"Hithink Network Co.", "Die Firma wuchs."}, "\n\n"},
    {"a heading line", Lang::DE,
     {"## Eine lange Überschrift, die mehr als vierzig Bytes hat", "Der Text beginnt hier."}, "\n"},
    {"list items and quotes", Lang::DE,
     {"Die Firmen investieren in drei Bereiche, und zwar in diese:", "- Chips", "- Rechenzentren", "> Zitat"}, "\n"},
};

TEST(SentencesTest, CutsWhereAReaderWould) {
    for (const CutCase& c : kCutCases) {
        std::string text;
        for (const std::string& sentence : c.sentences) text += (text.empty() ? "" : c.separator) + sentence;
        EXPECT_EQ(split(text, c.lang), c.sentences) << c.why << ": " << text;
    }
}

TEST(SentencesTest, WhiteSpaceHasNoSentences) {
    EXPECT_TRUE(split("", Lang::DE).empty());
    EXPECT_TRUE(split(" \n\n \t\n", Lang::DE).empty());
}

TEST(SentencesTest, HardWrappedParagraphStaysWhole) {
    std::string text =
        "Chinesische Unternehmen reagieren auf zunehmende amerikanische\r\n"
        "Exportkontrollen mit einer verstärkten Fokussierung auf den heimischen\r\n"
        "Sektor der KI. Im ersten Halbjahr 2024 haben Baidu, Alibaba und\r\n"
        "Tencent investiert.\r\n";
    std::vector<Span> spans = sentences(text, Lang::DE);
    ASSERT_EQ(spans.size(), 2u);
    // Spans point into the text as given, line ends included.
    EXPECT_EQ(spans[0].of(text),
              "Chinesische Unternehmen reagieren auf zunehmende amerikanische\r\n"
              "Exportkontrollen mit einer verstärkten Fokussierung auf den heimischen\r\n"
              "Sektor der KI.");
    EXPECT_EQ(spans[1].of(text), "Im ersten Halbjahr 2024 haben Baidu, Alibaba und\r\nTencent investiert.");
}

TEST(SentencesTest, SpansAreByteOffsetsIntoTheText) {
    std::string text = "  Größe zählt. 北京市 wächst!  ";
    std::vector<Span> spans = sentences(text, Lang::UNKNOWN);
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0], (Span{2, 17}));  // "Größe zählt." is 12 characters, 15 bytes
    EXPECT_EQ(spans[1].of(text), "北京市 wächst!");
}

TEST(SentencesTest, ThreadsSegmentIndependently) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "Dr. Meier kam am 30. Juni. Die Firma Co. wuchs um 4,2 Prozent. ";
    std::vector<Span> expected = sentences(text, Lang::DE);
    ASSERT_EQ(expected.size(), 400u);
    std::vector<Span> fromThread[2];
    std::thread a([&] { fromThread[0] = sentences(text, Lang::DE); });
    std::thread b([&] { fromThread[1] = sentences(text, Lang::DE); });
    a.join();
    b.join();
    EXPECT_EQ(fromThread[0], expected);
    EXPECT_EQ(fromThread[1], expected);
}

TEST(SentencesTest, ArbitraryBytesNeverCrash) {
    // Documents are checked before segmentation, but the segmenter must not
    // trust that: invalid UTF-8, NULs and stray separators give spans, not crashes.
    std::string text;
    uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
        state = state * 1103515245 + 12345;
        text += static_cast<char>(i % 7 == 0 ? '.' : i % 11 == 0 ? ' ' : (state >> 16) & 0xFF);
    }
    for (Lang lang : {Lang::UNKNOWN, Lang::DE, Lang::EN}) {
        size_t previousEnd = 0;
        for (Span span : sentences(text, lang)) {
            ASSERT_LE(previousEnd, span.begin);
            ASSERT_LT(span.begin, span.end);
            ASSERT_LE(span.end, text.size());
            previousEnd = span.end;
        }
    }
    for (const Token& token : words(text)) ASSERT_LE(token.span.end, text.size());
}

TEST(WordsTest, KindsOfTokens) {
    using enum TokenKind;
    EXPECT_EQ(tokens("Baidu investierte 4,2 Mrd. Yuan (42,61 %) in KI-Chips, $800 Mio. bzw. 1.500 €."),
              (std::vector<std::pair<std::string, TokenKind>>{
                  {"Baidu", WORD}, {"investierte", WORD}, {"4,2", NUMBER}, {"Mrd", WORD}, {".", PUNCTUATION},
                  {"Yuan", WORD}, {"(", PUNCTUATION}, {"42,61", NUMBER}, {"%", SYMBOL}, {")", PUNCTUATION},
                  {"in", WORD}, {"KI", WORD}, {"-", PUNCTUATION}, {"Chips", WORD}, {",", PUNCTUATION},
                  {"$", SYMBOL}, {"800", NUMBER}, {"Mio", WORD}, {".", PUNCTUATION}, {"bzw", WORD},
                  {".", PUNCTUATION}, {"1.500", NUMBER}, {"€", SYMBOL}, {".", PUNCTUATION}}));
    EXPECT_EQ(tokens("„F&E“ – 2024-H1 北京"),
              (std::vector<std::pair<std::string, TokenKind>>{
                  {"„", PUNCTUATION}, {"F", WORD}, {"&", SYMBOL}, {"E", WORD}, {"“", PUNCTUATION},
                  {"–", PUNCTUATION}, {"2024", NUMBER}, {"-", PUNCTUATION}, {"H1", WORD}, {"北京", WORD}}));
    EXPECT_TRUE(words(" \t\n\u00A0").empty());
}

TEST(WordsTest, SpansAddTheBaseOffset) {
    std::string text = "Vorher. Größe zählt.";
    std::vector<Span> spans = sentences(text, Lang::DE);
    ASSERT_EQ(spans.size(), 2u);
    std::vector<Token> got = words(spans[1].of(text), spans[1].begin);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].span, (Span{8, 15}));
    EXPECT_EQ(got[0].span.of(text), "Größe");
    EXPECT_EQ(got[1].span.of(text), "zählt");
    EXPECT_EQ(got[2].span.of(text), ".");
}

// ICU breaks valid UTF-8 as UTF-16: positions after a character outside the
// BMP (two code units, four bytes) must still come back as byte offsets.
TEST(WordsTest, OffsetsAfterFourByteCharactersAreBytes) {
    using enum TokenKind;
    EXPECT_EQ(tokens("Hanxin \U0001F680 startet 𝔘nd Größe."),
              (std::vector<std::pair<std::string, TokenKind>>{
                  {"Hanxin", WORD}, {"\U0001F680", SYMBOL}, {"startet", WORD}, {"𝔘nd", WORD}, {"Größe", WORD},
                  {".", PUNCTUATION}}));
    std::string text = "\U0001F680 Eins. \U0001F680 Zwei.";
    std::vector<Span> spans = sentences(text, Lang::DE);
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0].of(text), "\U0001F680 Eins.");
    EXPECT_EQ(spans[1].of(text), "\U0001F680 Zwei.");
}

// A long text (its UTF-16 copy is then given back) segments as the short ones after it.
TEST(SentencesTest, LongTextThenShortText) {
    const std::string_view sentence = "Größe zählt. ";
    std::string text;
    while (text.size() < (size_t{3} << 20)) text += sentence;
    const std::vector<Span> spans = sentences(text, Lang::DE);
    ASSERT_EQ(spans.size(), text.size() / sentence.size());
    EXPECT_EQ(spans.back().of(text), "Größe zählt.");
    EXPECT_EQ(split("Vorher. Größe zählt.", Lang::DE), (Sentences{"Vorher.", "Größe zählt."}));
}

// Ill-formed UTF-8 goes to ICU as it is; offsets stay bytes of the input.
TEST(WordsTest, IllFormedBytesKeepByteOffsets) {
    std::string text = "Alpha \xFF Beta";
    std::vector<Token> got = words(text);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.front().span.of(text), "Alpha");
    EXPECT_EQ(got.back().span.of(text), "Beta");
}

// The overload that fills a vector gives what the one that returns it does, and empties it first.
TEST(WordsTest, FillingAVectorReplacesItsTokens) {
    std::string text = "Vorher. Größe zählt.";
    std::vector<Token> out;
    words("stale words here", 0, out);
    words(text, 5, out);
    const std::vector<Token> expected = words(text, 5);
    ASSERT_EQ(out.size(), expected.size());
    for (size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i].span, expected[i].span);
        EXPECT_EQ(out[i].kind, expected[i].kind);
    }
}

// words() breaks text of Latin script without ICU's break iterator; it must
// break exactly where ICU does. Every string of up to four characters over
// representatives of each word-break class handled (and some that are not,
// which go to ICU), and every string of five over those that join words.
TEST(WordsTest, LatinWordsBreakWhereIcuDoes) {
    const std::vector<std::string> all = {
        "a", "Z", "\u00E4", "\u00DF", "9", ".", ",", ":", ";", "'", "\u2019", "\u2018", "\u00B7", "\u2027",
        "\"", " ", "\n", "\r", "\t", "-", "$", "%", "\u20AC", "\u201E", "\u2013", "\u00A0", "\u00D7",
        "_", "\u0301", "\u00AD", "\u4E2D"};
    const std::vector<std::string> joiners = {"a", "\u00FC", "9", ".", ",", ":", "'", "\u2019", " "};
    size_t compared = 0, covered = 0;
    std::vector<Token> fast;
    auto check = [&](const std::string& text) {
        ++compared;
        if (!latinWords(text, 7, fast)) return;
        ++covered;
        ASSERT_EQ(fast, icuWords(text, 7)) << "\"" << text << "\"";
    };
    forEveryString(all, 4, check);
    forEveryString(joiners, 5, check);
    // Most strings are covered; those with "_", a combining mark, a soft hyphen or a CJK character are not.
    EXPECT_GT(covered, compared * 6 / 10) << covered << " of " << compared;
    EXPECT_LT(covered, compared);
}

// ... and so on real text: the sample corpus and the shared one, every
// sentence and every whole file.
TEST(WordsTest, LatinWordsBreakCorporaWhereIcuDoes) {
    std::vector<std::filesystem::path> files = corpus::files();
    const auto examples = std::filesystem::path(KG_SOURCE_DIR) / "examples" / "articles";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(examples))
        if (entry.is_regular_file()) files.push_back(entry.path());
    size_t covered = 0, sentencesSeen = 0;
    std::vector<Token> fast;
    for (const auto& file : files) {
        auto doc = readDocument(file);
        ASSERT_TRUE(doc.isOk()) << file << ": " << doc.status().toString();
        std::string_view body = doc->body();
        EXPECT_EQ(words(body), icuWords(body)) << file;
        for (Span span : sentences(body, doc->lang)) {
            ++sentencesSeen;
            if (!latinWords(span.of(body), span.begin, fast)) continue;
            ++covered;
            ASSERT_EQ(fast, icuWords(span.of(body), span.begin)) << file << ": " << span.of(body);
        }
    }
    EXPECT_GT(covered, sentencesSeen * 9 / 10) << covered << " of " << sentencesSeen;
}

// The same for sentence boundaries: every string of up to four characters
// over representatives of each sentence-break class (and some that go to
// ICU), every string of five over those that end or continue a sentence, in
// each language's rules; and both corpora.
TEST(SentencesTest, LatinSentenceBreaksAreIcus) {
    const std::vector<std::string> all = {
        "a", "B", "\u00DF", "\u00AA", "\u01C0", "9", ".", "?", "!", "\"", ")", "\u201E", "\u2019", ",", "-",
        "\u2013", " ", "\u00A0", "\n", "\r", "\u0085", "$", "\u00AD", "\u4E2D"};
    const std::vector<std::string> enders = {"a", "B", "9", ".", "?", "\"", " ", ",", "\n"};
    size_t compared = 0, covered = 0;
    std::vector<size_t> fast;
    auto check = [&](const std::string& text) {
        ++compared;
        if (!latinSentenceBreaks(text, fast)) return;
        ++covered;
        for (Lang lang : {Lang::UNKNOWN, Lang::DE, Lang::EN})
            ASSERT_EQ(fast, icuSentenceBreaks(text, lang)) << "\"" << text << "\" " << langCode(lang);
    };
    forEveryString(all, 4, check);
    forEveryString(enders, 5, check);
    EXPECT_GT(covered, compared * 7 / 10) << covered << " of " << compared;
    EXPECT_LT(covered, compared);

    std::vector<std::filesystem::path> files = corpus::files();
    const auto examples = std::filesystem::path(KG_SOURCE_DIR) / "examples" / "articles";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(examples))
        if (entry.is_regular_file()) files.push_back(entry.path());
    size_t coveredFiles = 0;
    for (const auto& file : files) {
        auto doc = readDocument(file);
        ASSERT_TRUE(doc.isOk()) << file << ": " << doc.status().toString();
        if (!latinSentenceBreaks(doc->body(), fast)) continue;
        ++coveredFiles;
        EXPECT_EQ(fast, icuSentenceBreaks(doc->body(), doc->lang)) << file;
    }
    EXPECT_GT(coveredFiles, files.size() / 2) << coveredFiles << " of " << files.size();
}

TEST(CodePointsTest, OffsetsCountCharactersNotBytes) {
    std::string text = "Größe 北京 😀!";
    EXPECT_EQ(codePointOffset(text, 0), 0u);
    EXPECT_EQ(codePointOffset(text, 4), 3u);    // "Grö": "ö" is two bytes
    EXPECT_EQ(codePointOffset(text, 7), 5u);    // "Größe" is 7 bytes
    EXPECT_EQ(codePointOffset(text, 14), 8u);   // "北京" is 3 bytes a character
    EXPECT_EQ(codePointOffset(text, 19), 10u);  // "😀" is 4 bytes
    EXPECT_EQ(codePointOffset(text, text.size()), 11u);
}

TEST(CodePointsTest, CounterMatchesInAnyOrder) {
    std::string text = "Größe 北京 😀! Straße";
    CodePointCounter counter(text);
    for (size_t offset : {0, 7, 14, 19, 7, 4, 20, 27, 28, 0}) {
        EXPECT_EQ(counter(offset), codePointOffset(text, offset)) << offset;
    }
}

}  // namespace
}  // namespace kgraph::ingest
