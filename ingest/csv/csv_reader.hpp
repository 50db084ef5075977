// CsvReader: a fast RFC 4180 reader for bulk import files.
//
// Reads a whole file through a memory map and hands out one record at a time
// as string_views into the map (or into a scratch buffer when a field had
// quotes to undo), so a row costs no allocation. Fields may be quoted with
// '"'; inside quotes the delimiter and newlines are data and '""' is a quote.
// Both "\n" and "\r\n" end a record. Line numbers are 1-based physical lines,
// so an error can name the line where the bad record starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>

namespace kgraph::ingest {

struct CsvDialect {
    char delimiter = ',';
    char quote = '"';
};

class CsvReader {
public:
    // Opens `path` and maps it. Fails with IO_ERROR when the file cannot be read.
    static Result<std::unique_ptr<CsvReader>> open(const std::string& path, CsvDialect dialect = {});
    // Reads from memory (tests, small inputs). `text` is copied.
    static std::unique_ptr<CsvReader> fromString(std::string text, CsvDialect dialect = {});

    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next record into `fields` (cleared first). Returns false at end of
    // input. The views stay valid until the next call. A blank line is a record
    // with one empty field. On malformed input (an unterminated quote, a
    // character after a closing quote) sets `error` (INVALID_INPUT, message
    // "unterminated quoted field" etc., without file or line) and returns false.
    bool next(std::vector<std::string_view>& fields, Status& error);

    // The physical line on which the record last returned by next() starts.
    uint64_t recordLine() const { return recordLine_; }
    // Bytes consumed so far and in total, for progress reports.
    uint64_t bytesRead() const;
    uint64_t bytesTotal() const;

private:
    CsvReader(CsvDialect dialect);

    struct Source;
    std::unique_ptr<Source> source_;
    CsvDialect dialect_;
    const char* pos_ = nullptr;
    const char* end_ = nullptr;
    uint64_t line_ = 1;        // line of pos_
    uint64_t recordLine_ = 0;  // line where the last record started
    std::string scratch_;      // unquoted field text of the current record
};

}  // namespace kgraph::ingest
