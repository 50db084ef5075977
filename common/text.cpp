#include "common/text.hpp"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace kgraph {

bool isValidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

void appendUtf8(std::string& out, char32_t cp) {
    uint8_t bytes[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, static_cast<UChar32>(cp));
    out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
}

namespace {

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Collapses white space in already folded text.
std::string collapseSpaces(const icu::UnicodeString& folded) {
    icu::UnicodeString out;
    bool pendingSpace = false;
    for (int32_t i = 0; i < folded.length();) {
        UChar32 c = folded.char32At(i);
        i += U16_LENGTH(c);
        if (u_isUWhiteSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) out.append(UChar32(' '));
        pendingSpace = false;
        out.append(c);
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::string foldAscii(std::string_view name) {
    std::string out;
    bool pendingSpace = false;
    for (char c : name) {
        if (isAsciiSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

}  // namespace

std::string normalizeName(std::string_view name) {
    // ASCII is its own NFKC form and folds to lower case: no ICU round trip
    // (extraction folds every word of every article).
    if (std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return foldAscii(name);
    if (!isValidUtf8(name)) return foldAscii(name);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkcCasefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return foldAscii(name);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    icu::UnicodeString folded = nfkcCasefold->normalize(text, status);
    if (U_FAILURE(status)) return foldAscii(name);
    return collapseSpaces(folded);
}

}  // namespace kgraph
