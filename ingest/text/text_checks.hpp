// The checks a file's bytes pass before they are read as an article. Each
// failure is one reason, without the file name (the caller prefixes it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <kgraph/status.hpp>

namespace kgraph::ingest {

// 3 when `bytes` starts with a UTF-8 byte order mark, else 0.
size_t utf8BomLength(std::string_view bytes);

// LIMIT_EXCEEDED "file is 50.0 MiB, over the 16 MiB limit" when size > maxBytes.
Status checkSize(uint64_t size, uint64_t maxBytes);
// LIMIT_EXCEEDED "file is over the 16 MiB limit", for input of unknown size (a pipe).
Status overSizeLimit(uint64_t maxBytes);

// INVALID_INPUT with one reason: "empty file" (nothing but white space),
// UTF-16 text, "binary file" (a NUL byte or mostly control bytes), or
// "not valid UTF-8 at byte N", with a conversion hint when the bytes look
// like Latin-1 or Windows-1252. N is the 0-based offset in `bytes`.
Status checkTextBytes(std::string_view bytes);

}  // namespace kgraph::ingest
