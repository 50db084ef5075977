#include "ingest/text/detect_language.hpp"

#include <gtest/gtest.h>

#include <string>

#include "text_corpus.hpp"

namespace kgraph::ingest {
namespace {

TEST(DetectLanguageTest, CorpusFilesHaveTheLanguageTheirNameSays) {
    KG_REQUIRE_CORPUS();
    for (const auto& file : corpus::files()) {
        std::string name = file.filename().string();
        Lang detected = detectLanguage(corpus::readFile(file));
        if (name.find("-de-") != std::string::npos) {
            EXPECT_EQ(detected, Lang::DE) << name;
        } else if (name.find("-en-") != std::string::npos) {
            EXPECT_EQ(detected, Lang::EN) << name;
        } else {
            EXPECT_NE(detected, Lang::UNKNOWN) << name;
        }
    }
}

TEST(DetectLanguageTest, ShortGermanSnippets) {
    EXPECT_EQ(detectLanguage("Die USA haben den Versuch unternommen, China den Zugang zu "
                             "fortschrittlichen KI-Chips zu verwehren."),
              Lang::DE);
    EXPECT_EQ(detectLanguage("Das hat chinesische Technologieunternehmen zu mehr Eigenständigkeit "
                             "gedrängt. Dies ist einer der Gründe für die steigenden Ausgaben."),
              Lang::DE);
}

TEST(DetectLanguageTest, ShortEnglishSnippets) {
    EXPECT_EQ(detectLanguage("The United States has tried to deny China access to advanced AI chips, "
                             "and that has pushed the companies to rely on their own."),
              Lang::EN);
    EXPECT_EQ(detectLanguage("Baidu said it would spend more on AI in 2024 than it had in 2023."), Lang::EN);
}

TEST(DetectLanguageTest, TooLittleEvidenceIsUnknown) {
    EXPECT_EQ(detectLanguage(""), Lang::UNKNOWN);
    EXPECT_EQ(detectLanguage("Baidu, Alibaba, Tencent: 4,2 Mrd. Yuan (2024-H1)"), Lang::UNKNOWN);
    EXPECT_EQ(detectLanguage("Der Markt und the company"), Lang::UNKNOWN);  // too few hits
    // All-capital words are acronyms or shouting, not function words.
    EXPECT_EQ(detectLanguage("DIE DER DAS UND MIT VON ZU AUF FÜR"), Lang::UNKNOWN);
}

TEST(DetectLanguageTest, OtherLanguagesAreUnknown) {
    // French shares "des" with German, Dutch "de" and "van" with neither.
    EXPECT_EQ(detectLanguage("Les entreprises chinoises investissent massivement dans l'intelligence artificielle "
                             "malgré les contrôles des exportations américains. Le chiffre d'affaires des géants "
                             "de la technologie a doublé au cours des six premiers mois de l'année."),
              Lang::UNKNOWN);
    EXPECT_EQ(detectLanguage("De Chinese bedrijven investeren in kunstmatige intelligentie ondanks de Amerikaanse "
                             "exportcontroles. Het is een van de redenen voor de stijgende uitgaven."),
              Lang::UNKNOWN);
}

TEST(DetectLanguageTest, EvenMixIsUnknown) {
    EXPECT_EQ(detectLanguage("Die Firma und der Markt mit dem Chip. The firm and the market with the chip."),
              Lang::UNKNOWN);
}

TEST(DetectLanguageTest, UmlautsAreAWeakSignal) {
    // Place names alone never decide...
    EXPECT_EQ(detectLanguage("Müller, Köln, Düsseldorf, Göttingen, Würzburg, Lübeck, Nürnberg, "
                             "Tübingen, Gießen, Österreich, Zürich, Bärbel, Jürgen, Sören"),
              Lang::UNKNOWN);
    // ...but tip four function words ("Die", "der", "für", "und") over the threshold.
    EXPECT_EQ(detectLanguage("Die Größe der Märkte für Bücher und Zeitschriften wächst"), Lang::DE);
    EXPECT_EQ(detectLanguage("Die Grosse der Markte fur Bucher und Zeitschriften wachst"), Lang::UNKNOWN);
}

TEST(DetectLanguageTest, OnlyTheStartOfALongTextIsRead) {
    std::string text;
    for (int i = 0; i < 800; ++i) text += "The company said that it has invested in the chips. ";  // 8000 words
    for (int i = 0; i < 3000; ++i) text += "Die Firma sagte, dass sie in die Chips investiert hat. ";
    EXPECT_EQ(detectLanguage(text), Lang::EN);
}

}  // namespace
}  // namespace kgraph::ingest
