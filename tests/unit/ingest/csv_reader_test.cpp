#include "ingest/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace kgraph::ingest {
namespace {

using Record = std::vector<std::string>;

// Reads every record, copying the views; fails the test on a reader error.
std::vector<Record> readAll(CsvReader& reader) {
    std::vector<Record> records;
    std::vector<std::string_view> fields;
    Status error;
    while (reader.next(fields, error)) records.emplace_back(fields.begin(), fields.end());
    EXPECT_TRUE(error.isOk()) << error.toString();
    return records;
}

std::vector<Record> readString(std::string text, CsvDialect dialect = {}) {
    auto reader = CsvReader::fromString(std::move(text), dialect);
    return readAll(*reader);
}

// The Status of the first failing next() call, or OK when all records read.
Status firstError(std::string text, uint64_t* line = nullptr) {
    auto reader = CsvReader::fromString(std::move(text));
    std::vector<std::string_view> fields;
    Status error;
    while (reader->next(fields, error)) {
    }
    if (line != nullptr) *line = reader->recordLine();
    return error;
}

TEST(CsvReaderTest, SimpleRows) {
    auto records = readString("id,name,age\n1,Ann,42\n2,Bob,7\n");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0], (Record{"id", "name", "age"}));
    EXPECT_EQ(records[1], (Record{"1", "Ann", "42"}));
    EXPECT_EQ(records[2], (Record{"2", "Bob", "7"}));
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingDelimiter) {
    auto records = readString(",a,,\n,\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], (Record{"", "a", "", ""}));
    EXPECT_EQ(records[1], (Record{"", ""}));
}

TEST(CsvReaderTest, CustomDelimiter) {
    auto records = readString(":START_ID(Comment)|:END_ID(Tag)\n1099511627786|2977\na,b|c\n",
                              CsvDialect{'|', '"'});
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0], (Record{":START_ID(Comment)", ":END_ID(Tag)"}));
    EXPECT_EQ(records[1], (Record{"1099511627786", "2977"}));
    EXPECT_EQ(records[2], (Record{"a,b", "c"}));  // ',' is data under '|'
}

TEST(CsvReaderTest, CustomQuote) {
    auto records = readString("'a,b',c\n", CsvDialect{',', '\''});
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], (Record{"a,b", "c"}));
}

TEST(CsvReaderTest, QuotedFieldWithDelimiter) {
    auto records = readString("\"a,b\",c,\"\"\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], (Record{"a,b", "c", ""}));
}

TEST(CsvReaderTest, QuotedFieldWithNewlines) {
    auto records = readString("1,\"line one\nline two\r\nline three\",x\n2,y,z\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], (Record{"1", "line one\nline two\r\nline three", "x"}));
    EXPECT_EQ(records[1], (Record{"2", "y", "z"}));
}

TEST(CsvReaderTest, DoubledQuotes) {
    auto records = readString("\"say \"\"hi\"\"\",\"\"\"\",\"\"\"\"\"\"\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], (Record{"say \"hi\"", "\"", "\"\""}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsData) {
    auto records = readString("ab\"c,d\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], (Record{"ab\"c", "d"}));
}

TEST(CsvReaderTest, CrLfLineEnds) {
    auto records = readString("a,b\r\n\"c\",\"d\"\r\n\r\ne,\r\n");
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0], (Record{"a", "b"}));
    EXPECT_EQ(records[1], (Record{"c", "d"}));
    EXPECT_EQ(records[2], (Record{""}));
    EXPECT_EQ(records[3], (Record{"e", ""}));
}

TEST(CsvReaderTest, CarriageReturnInsideFieldIsData) {
    auto records = readString("a\rb,c\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], (Record{"a\rb", "c"}));
}

TEST(CsvReaderTest, NoFinalNewline) {
    auto records = readString("a,b\nc,d");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1], (Record{"c", "d"}));

    auto quoted = readString("a,\"b\"");
    ASSERT_EQ(quoted.size(), 1u);
    EXPECT_EQ(quoted[0], (Record{"a", "b"}));

    auto crOnly = readString("a,b\r");
    ASSERT_EQ(crOnly.size(), 1u);
    EXPECT_EQ(crOnly[0], (Record{"a", "b"}));
}

TEST(CsvReaderTest, EmptyInput) {
    auto reader = CsvReader::fromString("");
    std::vector<std::string_view> fields{"stale"};
    Status error;
    EXPECT_FALSE(reader->next(fields, error));
    EXPECT_TRUE(error.isOk());
    EXPECT_TRUE(fields.empty());
    EXPECT_EQ(reader->bytesTotal(), 0u);
    EXPECT_EQ(reader->bytesRead(), 0u);
}

TEST(CsvReaderTest, BlankLinesAreOneEmptyField) {
    auto records = readString("a\n\n\nb\n");
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0], (Record{"a"}));
    EXPECT_EQ(records[1], (Record{""}));
    EXPECT_EQ(records[2], (Record{""}));
    EXPECT_EQ(records[3], (Record{"b"}));

    auto single = readString("\n");
    ASSERT_EQ(single.size(), 1u);
    EXPECT_EQ(single[0], (Record{""}));
}

TEST(CsvReaderTest, ByteOrderMarkIsSkipped) {
    auto records = readString("\xEF\xBB\xBFid,name\n1,x\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], (Record{"id", "name"}));
}

TEST(CsvReaderTest, SeveralQuotedFieldsKeepViewsValid) {
    // Many fields that need unquoting in one record: the scratch buffer must
    // not move under views handed out earlier in the same record.
    std::string text;
    std::vector<std::string> expected;
    for (int i = 0; i < 50; ++i) {
        std::string value(static_cast<size_t>(i * 7 + 1), static_cast<char>('a' + i % 26));
        value += "\"q\"";
        expected.push_back(value);
        if (i > 0) text += ',';
        text += '"';
        for (char c : value) {
            text += c;
            if (c == '"') text += '"';
        }
        text += '"';
        text += ",plain" + std::to_string(i);
        expected.push_back("plain" + std::to_string(i));
    }
    text += "\nnext\n";

    auto reader = CsvReader::fromString(text);
    std::vector<std::string_view> fields;
    Status error;
    ASSERT_TRUE(reader->next(fields, error));
    ASSERT_EQ(fields.size(), expected.size());
    for (size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(fields[i], expected[i]) << i;
    ASSERT_TRUE(reader->next(fields, error));
    EXPECT_EQ(fields, (std::vector<std::string_view>{"next"}));
    EXPECT_FALSE(reader->next(fields, error));
    EXPECT_TRUE(error.isOk());
}

TEST(CsvReaderTest, LineNumbersCountPhysicalLines) {
    auto reader = CsvReader::fromString("h1,h2\n\"a\nb\nc\",x\n\nlast,\"q\r\nr\"\r\nend");
    std::vector<std::string_view> fields;
    Status error;
    std::vector<uint64_t> lines;
    while (reader->next(fields, error)) lines.push_back(reader->recordLine());
    EXPECT_TRUE(error.isOk());
    EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 5, 6, 8}));
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnError) {
    uint64_t line = 0;
    Status error = firstError("a,b\nc,\"open\nstill open\n", &line);
    EXPECT_EQ(error.code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(error.message(), "unterminated quoted field");
    EXPECT_EQ(line, 2u);
}

TEST(CsvReaderTest, CharacterAfterClosingQuoteIsAnError) {
    uint64_t line = 0;
    Status error = firstError("ok\n\"a\"b,c\n", &line);
    EXPECT_EQ(error.code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(error.message(), "unexpected character after closing quote");
    EXPECT_EQ(line, 2u);

    EXPECT_EQ(firstError("\"a\"\rb\n").code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(firstError("\"a\" ,b\n").code(), StatusCode::INVALID_INPUT);
}

TEST(CsvReaderTest, ReadingStopsAfterAnError) {
    auto reader = CsvReader::fromString("\"a\"x\nb\n");
    std::vector<std::string_view> fields;
    Status error;
    EXPECT_FALSE(reader->next(fields, error));
    EXPECT_FALSE(error.isOk());
    EXPECT_TRUE(fields.empty());
    Status again;
    EXPECT_FALSE(reader->next(fields, again));
}

TEST(CsvReaderTest, ProgressBytes) {
    auto reader = CsvReader::fromString("ab,c\nd\n");
    EXPECT_EQ(reader->bytesTotal(), 7u);
    EXPECT_EQ(reader->bytesRead(), 0u);
    std::vector<std::string_view> fields;
    Status error;
    ASSERT_TRUE(reader->next(fields, error));
    EXPECT_EQ(reader->bytesRead(), 5u);
    ASSERT_TRUE(reader->next(fields, error));
    EXPECT_EQ(reader->bytesRead(), 7u);
    EXPECT_FALSE(reader->next(fields, error));
    EXPECT_EQ(reader->bytesRead(), reader->bytesTotal());
}

class CsvFileTest : public testing::Test {
protected:
    std::string writeFile(const std::string& name, const std::string& content) {
        std::string path = testing::TempDir() + "/kgraph_csv_reader_test_" + name;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        EXPECT_TRUE(out.good()) << path;
        paths_.push_back(path);
        return path;
    }
    void TearDown() override {
        for (const std::string& path : paths_) std::remove(path.c_str());
    }

private:
    std::vector<std::string> paths_;
};

TEST_F(CsvFileTest, ReadsFileFromDisk) {
    std::string content = "id|name\n1|\"Ann|Lee\"\r\n2|Bob";
    std::string path = writeFile("disk.csv", content);
    auto reader = CsvReader::open(path, CsvDialect{'|', '"'});
    ASSERT_TRUE(reader.isOk()) << reader.status().toString();
    EXPECT_EQ((*reader)->bytesTotal(), content.size());
    auto records = readAll(**reader);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0], (Record{"id", "name"}));
    EXPECT_EQ(records[1], (Record{"1", "Ann|Lee"}));
    EXPECT_EQ(records[2], (Record{"2", "Bob"}));
    EXPECT_EQ((*reader)->bytesRead(), content.size());
}

TEST_F(CsvFileTest, EmptyFileHasNoRecords) {
    std::string path = writeFile("empty.csv", "");
    auto reader = CsvReader::open(path);
    ASSERT_TRUE(reader.isOk()) << reader.status().toString();
    std::vector<std::string_view> fields;
    Status error;
    EXPECT_FALSE((*reader)->next(fields, error));
    EXPECT_TRUE(error.isOk());
    EXPECT_EQ((*reader)->bytesTotal(), 0u);
}

TEST_F(CsvFileTest, MissingFileIsAnIoError) {
    std::string path = testing::TempDir() + "/kgraph_csv_reader_test_does_not_exist.csv";
    auto reader = CsvReader::open(path);
    ASSERT_FALSE(reader.isOk());
    EXPECT_EQ(reader.status().code(), StatusCode::IO_ERROR);
    EXPECT_NE(reader.status().message().find(path), std::string::npos);
}

TEST_F(CsvFileTest, DirectoryIsAnIoError) {
    auto reader = CsvReader::open(testing::TempDir());
    ASSERT_FALSE(reader.isOk());
    EXPECT_EQ(reader.status().code(), StatusCode::IO_ERROR);
}

}  // namespace
}  // namespace kgraph::ingest
