// Document: one article read from a file (or given as text), with the
// metadata of its header and its language. The bytes are kept
// whole, header included, so that evidence offsets point into the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <kgraph/status.hpp>

#include "ingest/language.hpp"

namespace kgraph::ingest {

// Articles are small; a bigger file is usually a mistake (a dump, a binary).
inline constexpr size_t kDefaultMaxDocumentBytes = 16 * 1024 * 1024;

struct Document {
    std::string key;          // names the document: the file name stem
    std::string title;        // metadata from the header, empty when absent
    std::string source;
    std::string url;
    std::string published;    // YYYY-MM-DD
    Lang lang = Lang::UNKNOWN;
    bool langDetected = false;  // lang came from detectLanguage, not the header
    std::string bytes;        // the whole file: byte order mark, header, body
    size_t bodyOffset = 0;    // where the body starts in `bytes`
    // What extraction reads: `bytes` with the byte order mark and the header
    // blanked (spaces, line ends kept) except the title, which stays where it
    // stands as the first sentence. Offsets into it are offsets into the file.
    std::string text;

    // The article text after the header. Offsets into it plus bodyOffset are
    // offsets into the file.
    std::string_view body() const { return std::string_view(bytes).substr(bodyOffset); }

    // SHA-256 of all bytes, 64 lowercase hex digits: what a build compares to
    // skip an unchanged document. Computed on request: extraction alone needs none.
    std::string contentHash() const;
};

// Reads the article at `path`; its key is the file name without extension.
// Fails with NOT_FOUND or IO_ERROR when the file cannot be read,
// LIMIT_EXCEEDED when it is larger than maxBytes ("file is 50.0 MiB, over
// the 16 MiB limit"), and INVALID_INPUT as parseDocument does. Messages do
// not name the file: the caller prefixes it.
Result<Document> readDocument(const std::filesystem::path& path, size_t maxBytes = kDefaultMaxDocumentBytes);

// Makes a document of `bytes` that come from elsewhere than a file. Fails with
// LIMIT_EXCEEDED over maxBytes, else INVALID_INPUT and one reason: "empty
// file", "binary file", UTF-16 text, "not valid UTF-8 at byte N" (with a
// conversion hint for Latin-1), or a malformed header ("published:
// '2024-13-45' is not a date YYYY-MM-DD", a lang other than de or en).
// A UTF-8 byte order mark is skipped; CRLF line ends are accepted. The
// language is the header's, else detected from the body.
Result<Document> parseDocument(std::string_view key, std::string bytes, size_t maxBytes = kDefaultMaxDocumentBytes);

// SHA-256 of `bytes` as 64 lowercase hex digits: the content hash of documents.
std::string sha256Hex(std::string_view bytes);

}  // namespace kgraph::ingest
