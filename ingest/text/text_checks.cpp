#include "ingest/text/text_checks.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <fmt/format.h>

namespace kgraph::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Control bytes are judged on the start of a file; a binary format shows
// itself there (headers, tables), and a 16 MiB text needs no full pass.
constexpr size_t kControlSample = 64 * 1024;
// More control bytes than this share of the sample is no text: ANSI colour
// codes or a stray form feed stay far below it.
constexpr double kMaxControlShare = 0.10;

// C0 controls other than the white space \t \n \v \f \r (0x09-0x0D), and DEL. Comparisons
// joined without a branch: the count over a sample compiles to vector instructions.
bool isControlByte(unsigned char c) {
    return (c < 0x09) | ((c > 0x0D) & (c < 0x20)) | (c == 0x7F);
}

bool looksBinary(std::string_view bytes) {
    if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) return true;
    std::string_view sample = bytes.substr(0, kControlSample);
    size_t controls = 0;
    for (char c : sample) controls += isControlByte(static_cast<unsigned char>(c));
    return static_cast<double>(controls) > kMaxControlShare * static_cast<double>(sample.size());
}

// What one pass over the bytes learns about their encoding.
struct EncodingScan {
    size_t firstInvalid = std::string_view::npos;  // first byte outside well-formed UTF-8
    bool validMultiByte = false;  // a well-formed multi-byte UTF-8 sequence occurs
    bool undefinedIn1252 = false; // a byte Windows-1252 leaves undefined occurs
    bool windowsRange = false;    // an invalid byte in 0x80-0x9F occurs
    bool utf8Fragment = false;    // a lead byte with a continuation byte, yet invalid
};

EncodingScan scanEncoding(std::string_view bytes) {
    EncodingScan scan;
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int64_t>(bytes.size());
    for (int64_t i = 0; i < length;) {
        // Eight ASCII bytes at a time: most of a news text is ASCII.
        if (i + 8 <= length) {
            uint64_t word = 0;
            std::memcpy(&word, s + i, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        uint8_t b = s[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        int64_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c >= 0) {
            scan.validMultiByte = true;
            continue;
        }
        if (scan.firstInvalid == std::string_view::npos) scan.firstInvalid = static_cast<size_t>(start);
        scan.undefinedIn1252 = scan.undefinedIn1252 || b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;
        scan.windowsRange = scan.windowsRange || b < 0xA0;
        // A cut or surrogate sequence ("\xE2\x82" at the end) is broken UTF-8;
        // single-byte text puts a letter, not a 0x80-0xBF byte, after "â" or "í".
        scan.utf8Fragment = scan.utf8Fragment ||
                            (b >= 0xC2 && b <= 0xF4 && start + 1 < length && (s[start + 1] & 0xC0) == 0x80);
        i = start + 1;  // judge every byte of a single-byte text on its own
    }
    return scan;
}

// Text in a single-byte Western encoding has no well-formed multi-byte UTF-8
// sequence, no fragment of one, and only bytes that Windows-1252 defines; bytes in 0x80-0x9F
// (€ „ “ – …) tell Windows-1252 from Latin-1, where they are controls.
std::string conversionHint(const EncodingScan& scan) {
    if (scan.validMultiByte || scan.utf8Fragment || scan.undefinedIn1252) return "";
    if (scan.windowsRange) return " (looks like Windows-1252; convert it with iconv -f windows-1252 -t utf-8)";
    return " (looks like Latin-1; convert it with iconv -f latin1 -t utf-8)";
}

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * kKiB;

struct SizeUnit {
    uint64_t bytes;
    const char* name;
};

SizeUnit unitFor(uint64_t limit) {
    if (limit >= kMiB) return {kMiB, "MiB"};
    if (limit >= kKiB) return {kKiB, "KiB"};
    return {1, "bytes"};
}

// "16 MiB", "1.5 KiB", "900 bytes".
std::string describeLimit(uint64_t maxBytes) {
    SizeUnit unit = unitFor(maxBytes);
    if (maxBytes % unit.bytes == 0) return fmt::format("{} {}", maxBytes / unit.bytes, unit.name);
    return fmt::format("{:.1f} {}", static_cast<double>(maxBytes) / static_cast<double>(unit.bytes), unit.name);
}

}  // namespace

size_t utf8BomLength(std::string_view bytes) { return bytes.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0; }

Status checkSize(uint64_t size, uint64_t maxBytes) {
    if (size <= maxBytes) return Status::ok();
    SizeUnit unit = unitFor(maxBytes);
    if (unit.bytes == 1) {
        return Status::limitExceeded(fmt::format("file is {} bytes, over the {} limit", size, describeLimit(maxBytes)));
    }
    double sizeInUnit = static_cast<double>(size) / static_cast<double>(unit.bytes);
    std::string actual = fmt::format("{:.1f} {}", sizeInUnit, unit.name);
    // "16.0 MiB, over the 16 MiB limit" would read as a contradiction.
    if (std::round(sizeInUnit * 10) * static_cast<double>(unit.bytes) <= 10 * static_cast<double>(maxBytes)) {
        actual += fmt::format(" ({} bytes)", size);
    }
    return Status::limitExceeded(fmt::format("file is {}, over the {} limit", actual, describeLimit(maxBytes)));
}

Status overSizeLimit(uint64_t maxBytes) {
    return Status::limitExceeded(fmt::format("file is over the {} limit", describeLimit(maxBytes)));
}

Status checkTextBytes(std::string_view bytes) {
    std::string_view text = bytes.substr(utf8BomLength(bytes));
    if (text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) return Status::invalidInput("empty file");
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        return Status::invalidInput("UTF-16 text, not UTF-8 (convert it with iconv -f utf-16 -t utf-8)");
    }
    if (looksBinary(bytes)) return Status::invalidInput("binary file");
    EncodingScan scan = scanEncoding(bytes);
    if (scan.firstInvalid == std::string_view::npos) return Status::ok();
    return Status::invalidInput(fmt::format("not valid UTF-8 at byte {}{}", scan.firstInvalid, conversionHint(scan)));
}

}  // namespace kgraph::ingest
