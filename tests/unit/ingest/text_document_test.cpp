#include "ingest/text/document.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/text/segment.hpp"
#include "text_corpus.hpp"

namespace kgraph::ingest {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMiB = 1024 * 1024;

// Each test writes its files into a directory of its own, removed afterwards.
class DocumentFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / ("kg_text_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& bytes) {
        fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    fs::path dir_;
};

// The message of a failed parse, or "OK".
std::string parseError(std::string bytes) { return parseDocument("doc", std::move(bytes)).status().toString(); }

TEST(DocumentTest, SeedArticleReadsWithKeyHashAndDetectedLanguage) {
    KG_REQUIRE_CORPUS();
    auto doc = readDocument(corpus::kSeedArticle);
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->key, "seed-de-2024-08-28-bat-ai-investments");
    EXPECT_EQ(doc->lang, Lang::DE);
    EXPECT_TRUE(doc->langDetected);
    EXPECT_EQ(doc->bodyOffset, 0u);  // no header: the whole file is body
    EXPECT_EQ(doc->title, "");
    EXPECT_EQ(doc->bytes, corpus::readFile(corpus::kSeedArticle));
    // sha256sum of the file as committed to the corpus.
    EXPECT_EQ(doc->contentHash(), "d9aa2fb8215542ce4f353602558cb7ab0e142380462c9fcd2b43b34ddea9eebf");
}

TEST(DocumentTest, EveryCorpusFileReads) {
    KG_REQUIRE_CORPUS();
    for (const fs::path& file : corpus::files()) {
        auto doc = readDocument(file);
        ASSERT_TRUE(doc.isOk()) << file << ": " << doc.status().toString();
        EXPECT_EQ(doc->key, file.stem().string());
        EXPECT_EQ(doc->contentHash().size(), 64u);
        EXPECT_FALSE(doc->body().empty()) << file;
        EXPECT_NE(doc->lang, Lang::UNKNOWN) << file;
    }
}

TEST(DocumentTest, HashIsSha256OfAllBytes) {
    auto doc = parseDocument("abc", "abc");
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->contentHash(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DocumentTest, CommentHeaderGivesMetadata) {
    std::string header =
        "# title: Baidu | Alibaba verdoppeln KI-Investitionen | source: Global Times | "
        "url: https://example.org/a?b=1|c | published: 2024-08-28 | lang: de\n";
    auto doc = parseDocument("bat", header + "The text is English, but the header decides.\n");
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->key, "bat");
    EXPECT_EQ(doc->title, "Baidu | Alibaba verdoppeln KI-Investitionen");  // a '|' without a key after it is text
    EXPECT_EQ(doc->source, "Global Times");
    EXPECT_EQ(doc->url, "https://example.org/a?b=1|c");
    EXPECT_EQ(doc->published, "2024-08-28");
    EXPECT_EQ(doc->lang, Lang::DE);
    EXPECT_FALSE(doc->langDetected);
    EXPECT_EQ(doc->bodyOffset, header.size());
    EXPECT_EQ(doc->body(), "The text is English, but the header decides.\n");
}

TEST(DocumentTest, CommentHeaderFieldsAreOptionalInAnyOrderAnyCase) {
    auto doc = parseDocument("d", "# Lang: EN-us | TITLE: Chips\nBody.");
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->title, "Chips");
    EXPECT_EQ(doc->lang, Lang::EN);
    EXPECT_EQ(doc->source, "");
    EXPECT_EQ(doc->published, "");
    EXPECT_EQ(doc->body(), "Body.");
}

TEST(DocumentTest, MarkdownHeadingIsBodyNotHeader) {
    std::string text = "# Chinas Technologieunternehmen verdoppeln Investitionen in KI\n\nDer Text.";
    auto doc = parseDocument("d", text);
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->title, "");
    EXPECT_EQ(doc->bodyOffset, 0u);
}

TEST(DocumentTest, FrontMatterGivesMetadata) {
    std::string header =
        "---\n"
        "title: \"Chinas \\\"BAT\\\" investieren \\u00FCber 50 Mrd.\"\n"
        "source: 'Global Times'' Wirtschaft'\n"
        "url: https://example.org/bat  # the original\n"
        "published: 2024-02-29\n"
        "tags:\n"
        "  - KI\n"
        "  - China\n"
        "summary: |\n"
        "  Mehrzeilig, nicht gelesen.\n"
        "# a comment\n"
        "lang: de\n"
        "---\n";
    auto doc = parseDocument("d", header + "Der Text.\n");
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->title, "Chinas \"BAT\" investieren über 50 Mrd.");
    EXPECT_EQ(doc->source, "Global Times' Wirtschaft");
    EXPECT_EQ(doc->url, "https://example.org/bat");
    EXPECT_EQ(doc->published, "2024-02-29");  // a leap day
    EXPECT_EQ(doc->lang, Lang::DE);
    EXPECT_EQ(doc->bodyOffset, header.size());
    EXPECT_EQ(doc->body(), "Der Text.\n");
}

TEST(DocumentTest, BadHeaderValuesFail) {
    EXPECT_EQ(parseError("# title: T | published: 2024-13-45\nText."),
              "published: '2024-13-45' is not a date YYYY-MM-DD");
    EXPECT_EQ(parseError("---\npublished: \"2023-02-29\"\n---\nText."),
              "published: '2023-02-29' is not a date YYYY-MM-DD");
    EXPECT_EQ(parseError("# published: 28.08.2024\nText."), "published: '28.08.2024' is not a date YYYY-MM-DD");
    EXPECT_EQ(parseError("# lang: fr\nTexte."), "lang: 'fr' is not de or en");
    EXPECT_EQ(parseError("---\ntitle: T\nText without an end of the front matter."),
              "front matter opened by '---' on line 1 has no closing '---' line");
    EXPECT_EQ(parseError("---\ntitle: \"T\n---\nText."), "front matter line 2: the quoted value is not closed");
    auto failed = parseDocument("d", "# published: 2024-13-45\n");
    EXPECT_EQ(failed.status().code(), StatusCode::INVALID_INPUT);
}

TEST(DocumentTest, CrlfHeaderAndBodyRead) {
    std::string header = "---\r\ntitle: Zeilenenden\r\nlang: de\r\n---\r\n";
    std::string body = "Erster Satz.\r\nZweiter Satz.\r\n";
    auto doc = parseDocument("d", header + body);
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->title, "Zeilenenden");  // no '\r' left in values
    EXPECT_EQ(doc->body(), body);
    std::vector<Span> spans = sentences(doc->body(), doc->lang);
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0].of(doc->body()), "Erster Satz.");
    EXPECT_EQ(spans[1].of(doc->body()), "Zweiter Satz.");

    auto comment = parseDocument("d", "# title: T\r\nText.\r\n");
    ASSERT_TRUE(comment.isOk());
    EXPECT_EQ(comment->title, "T");
    EXPECT_EQ(comment->body(), "Text.\r\n");
}

TEST(DocumentTest, ByteOrderMarkIsSkippedButCounted) {
    const std::string bom = "\xEF\xBB\xBF";
    auto doc = parseDocument("d", bom + "# title: Mit BOM\nText.");
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->title, "Mit BOM");
    EXPECT_EQ(doc->body(), "Text.");
    EXPECT_EQ(doc->bodyOffset, bom.size() + 17);  // offsets stay those of the file

    auto plain = parseDocument("d", bom + "Nur Text.");
    ASSERT_TRUE(plain.isOk());
    EXPECT_EQ(plain->bodyOffset, 3u);
    EXPECT_EQ(plain->body(), "Nur Text.");
}

TEST(DocumentTest, SentenceAndWordOffsetsPointIntoTheFile) {
    std::string file = "# title: Größe | lang: de\nDie Zahl stieg um 4,2 %. Danach fiel sie.";
    auto doc = parseDocument("d", file);
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    std::vector<Span> spans = sentences(doc->body(), doc->lang);
    ASSERT_EQ(spans.size(), 2u);
    size_t second = doc->bodyOffset + spans[1].begin;
    EXPECT_EQ(std::string_view(file).substr(second, spans[1].size()), "Danach fiel sie.");
    std::vector<Token> tokens = words(spans[0].of(doc->body()), doc->bodyOffset + spans[0].begin);
    ASSERT_EQ(tokens.size(), 7u);
    EXPECT_EQ(tokens[4].span.of(file), "4,2");
    EXPECT_EQ(tokens[5].span.of(file), "%");
    // The header's "ö" and "ß" are one character each but two bytes.
    EXPECT_EQ(codePointOffset(file, second), second - 2);
}

TEST(DocumentTest, EmptyInputFails) {
    EXPECT_EQ(parseError(""), "empty file");
    EXPECT_EQ(parseError(" \n\r\n\t"), "empty file");
    EXPECT_EQ(parseError("\xEF\xBB\xBF\n"), "empty file");
}

TEST(DocumentTest, BinaryInputFails) {
    EXPECT_EQ(parseError(std::string("PK\x03\x04\0\0text", 10)), "binary file");
    std::string controls;
    for (int i = 0; i < 100; ++i) controls += (i % 3 == 0) ? "\x01\x02\x1b" : "abc";
    EXPECT_EQ(parseError(controls), "binary file");
    EXPECT_EQ(parseError(std::string("\xFF\xFE" "a\0b\0", 6)),
              "UTF-16 text, not UTF-8 (convert it with iconv -f utf-16 -t utf-8)");
}

TEST(DocumentTest, InvalidUtf8FailsWithItsOffset) {
    EXPECT_EQ(parseError("Gr\xFC\xDF" "e aus K\xF6ln."),
              "not valid UTF-8 at byte 2 (looks like Latin-1; convert it with iconv -f latin1 -t utf-8)");
    EXPECT_EQ(parseError("\x84Zitat\x93 kostet 5 \x80."),
              "not valid UTF-8 at byte 0 (looks like Windows-1252; convert it with iconv -f windows-1252 -t utf-8)");
    // Real UTF-8 elsewhere in the file: no single-byte encoding to convert from.
    EXPECT_EQ(parseError("Grüße \xFF und mehr."), "not valid UTF-8 at byte 8");
    EXPECT_EQ(parseError("Ende mit halbem Zeichen \xE2\x82"), "not valid UTF-8 at byte 24");
    EXPECT_EQ(parseError("Surrogat \xED\xA0\x80 ist kein UTF-8"), "not valid UTF-8 at byte 9");
}

TEST(DocumentTest, SizeLimitMessages) {
    auto over = parseDocument("d", std::string(1536, 'a'), 1024);
    EXPECT_EQ(over.status().code(), StatusCode::LIMIT_EXCEEDED);
    EXPECT_EQ(over.status().message(), "file is 1.5 KiB, over the 1 KiB limit");
    EXPECT_EQ(parseDocument("d", std::string(1500, 'a'), 1000).status().message(),
              "file is 1500 bytes, over the 1000 bytes limit");
    // Rounded to "16.0 MiB" the size would not read as over the limit.
    EXPECT_EQ(parseDocument("d", std::string(16 * kMiB + 1, 'a')).status().message(),
              "file is 16.0 MiB (16777217 bytes), over the 16 MiB limit");
    EXPECT_TRUE(parseDocument("d", std::string(1024, 'a'), 1024).isOk());
}

TEST_F(DocumentFileTest, FiftyMegabyteLineIsRefused) {
    fs::path path = dir_ / "huge.txt";
    {
        std::ofstream out(path, std::ios::binary);
        std::string chunk(kMiB, 'x');
        for (int i = 0; i < 50; ++i) out << chunk;
    }
    auto doc = readDocument(path);
    ASSERT_FALSE(doc.isOk());
    EXPECT_EQ(doc.status().code(), StatusCode::LIMIT_EXCEEDED);
    EXPECT_EQ(doc.status().message(), "file is 50.0 MiB, over the 16 MiB limit");
    EXPECT_TRUE(readDocument(path, 64 * kMiB).isOk());  // the limit is a parameter
}

TEST_F(DocumentFileTest, FileProblemsFailWithoutNamingTheFile) {
    EXPECT_EQ(readDocument(write("empty.txt", "")).status().message(), "empty file");
    EXPECT_EQ(readDocument(write("zip.txt", std::string("PK\0\0", 4))).status().message(), "binary file");
    EXPECT_EQ(readDocument(write("latin1.txt", "K\xF6ln")).status().message(),
              "not valid UTF-8 at byte 1 (looks like Latin-1; convert it with iconv -f latin1 -t utf-8)");
    EXPECT_EQ(readDocument(write("date.md", "# published: 2024-13-45\nText")).status().message(),
              "published: '2024-13-45' is not a date YYYY-MM-DD");

    auto missing = readDocument(dir_ / "missing.txt");
    EXPECT_EQ(missing.status().code(), StatusCode::NOT_FOUND);
    EXPECT_EQ(missing.status().message(), "no such file");
    auto directory = readDocument(dir_);
    EXPECT_EQ(directory.status().code(), StatusCode::IO_ERROR);
}

TEST_F(DocumentFileTest, KeyIsTheFileNameStem) {
    auto doc = readDocument(write("bat-2024-08-28.md", "# title: BAT\nText."));
    ASSERT_TRUE(doc.isOk()) << doc.status().toString();
    EXPECT_EQ(doc->key, "bat-2024-08-28");
    EXPECT_EQ(doc->title, "BAT");
}

}  // namespace
}  // namespace kgraph::ingest
