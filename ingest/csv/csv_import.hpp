// Bulk import of CSV files in the neo4j-admin import format (docs/import.md).
//
// Every file is read and checked before anything becomes visible: the rows go
// to a storage::BulkLoader, which ingests the whole import atomically. A bad
// row stops the import with "FILE:LINE: reason" and leaves the store as it
// was, unless skipBadRows is set, in which case it is reported and skipped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <kgraph/status.hpp>

namespace kgraph::storage {
class Store;
}

namespace kgraph::ingest {

// One `--nodes` or `--relationships` argument: `[Label1:Label2=]F1.csv[,F2.csv...]`
// or `[TYPE=]F.csv...`. As in neo4j-admin, the header is the first line of the
// first file; further files of the same argument hold data rows only.
struct CsvInputGroup {
    std::vector<std::string> labelsOrType;  // from the `X=` prefix; empty when none
    std::vector<std::string> files;

    // Parses the argument form above. INVALID_INPUT for an empty file list or label.
    static Result<CsvInputGroup> parse(const std::string& argument);
};

enum class IdType {
    STRING,   // an `id:ID` column is stored as a string property (neo4j-admin's default)
    INTEGER,  // ... as an integer property; every id must then be an integer
};

struct CsvImportProgress {
    uint64_t rows = 0;         // data rows read so far, all files
    uint64_t bytesRead = 0;    // of all files
    uint64_t bytesTotal = 0;
    double seconds = 0;
    const std::string* file = nullptr;  // being read now
};

struct CsvImportOptions {
    std::vector<CsvInputGroup> nodes;
    std::vector<CsvInputGroup> relationships;
    char delimiter = ',';
    char arrayDelimiter = ';';
    char quote = '"';
    IdType idType = IdType::STRING;
    bool skipBadRows = false;
    // Called now and then (about every 64k rows) and once at the end.
    std::function<void(const CsvImportProgress&)> progress;
    // Called for each bad row skipped under skipBadRows, with "FILE:LINE: reason".
    std::function<void(const std::string&)> badRow;
};

struct CsvImportSummary {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
    uint64_t badRows = 0;  // skipped under skipBadRows
    uint64_t bytes = 0;
    double seconds = 0;
};

Result<CsvImportSummary> importCsv(storage::Store& store, const CsvImportOptions& options);

}  // namespace kgraph::ingest
