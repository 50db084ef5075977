#include "query/expr/text.hpp"

#include <charconv>
#include <climits>
#include <cmath>
#include <memory>
#include <system_error>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>

#include "query/errors.hpp"

namespace kgraph::query::text {

namespace {

// Java's Double.toString switches to scientific notation outside [1e-3, 1e7).
constexpr int kMinPlainExponent = -3;
constexpr int kMaxPlainExponent = 6;

bool isAsciiWhitespace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F); }

// Decodes the code point starting at s[i]; returns its length in bytes, or 0
// when the bytes there are not a well-formed UTF-8 sequence.
size_t decodeAt(std::string_view s, size_t i, char32_t& cp) {
    auto b0 = static_cast<unsigned char>(s[i]);
    size_t len;
    char32_t min;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        if (!isContinuationByte(s[i + k])) return 0;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

std::string_view trimBytes(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
}

size_t skipDigits(std::string_view s, size_t i) {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i;
}

struct CaseMapCloser {
    void operator()(UCaseMap* m) const { ucasemap_close(m); }
};

UCaseMap* caseMap() {
    thread_local std::unique_ptr<UCaseMap, CaseMapCloser> map = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UCaseMap, CaseMapCloser> m(ucasemap_open("", 0, &status));  // "": the root locale
        if (U_FAILURE(status)) throwError(ErrorKind::LIMIT, fmt::format("ICU case mapping unavailable: {}", u_errorName(status)));
        return m;
    }();
    return map.get();
}

using CaseFn = int32_t (*)(const UCaseMap*, char*, int32_t, const char*, int32_t, UErrorCode*);

std::string mapCase(std::string_view s, CaseFn fn, bool upper) {
    bool ascii = true;
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    std::string out(s);
    if (ascii) {
        for (char& c : out) {
            if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }
    if (s.size() > static_cast<size_t>(INT32_MAX / 3))
        throwError(ErrorKind::LIMIT, "string too long for case mapping");
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = fn(caseMap(), out.data(), static_cast<int32_t>(out.size()), s.data(), static_cast<int32_t>(s.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        out.resize(static_cast<size_t>(n));
        n = fn(caseMap(), out.data(), n, s.data(), static_cast<int32_t>(s.size()), &status);
    }
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING)
        throwError(ErrorKind::ARGUMENT, fmt::format("case mapping failed: {}", u_errorName(status)));
    out.resize(static_cast<size_t>(n));
    return out;
}

}  // namespace

void appendFloat(std::string& out, double d) {
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
        return;
    }
    if (std::signbit(d)) out += '-';
    d = std::fabs(d);
    if (d == 0) {
        out += "0.0";
        return;
    }
    // The shortest round-trip digits: "d.ddde[+-]xx".
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(end - buf));
    size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.') digits += c;
    int exponent = 0;
    std::string_view expText = sci.substr(e + 1);
    if (!expText.empty() && expText.front() == '+') expText.remove_prefix(1);
    std::from_chars(expText.data(), expText.data() + expText.size(), exponent);

    if (exponent >= kMinPlainExponent && exponent <= kMaxPlainExponent) {
        if (exponent >= 0) {
            auto intDigits = static_cast<size_t>(exponent) + 1;
            if (digits.size() <= intDigits) {
                out += digits;
                out.append(intDigits - digits.size(), '0');
                out += ".0";
            } else {
                out.append(digits, 0, intDigits);
                out += '.';
                out.append(digits, intDigits);
            }
        } else {
            out += "0.";
            out.append(static_cast<size_t>(-exponent - 1), '0');
            out += digits;
        }
        return;
    }
    out += digits[0];
    out += '.';
    if (digits.size() > 1)
        out.append(digits, 1);
    else
        out += '0';
    out += 'E';
    out += std::to_string(exponent);
}

std::string formatFloat(double d) {
    std::string out;
    appendFloat(out, d);
    return out;
}

std::optional<int64_t> parseInteger(std::string_view s) {
    s = trimBytes(s);
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') return std::nullopt;
    }
    if (s.empty()) return std::nullopt;
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return value;
}

std::optional<double> parseFloat(std::string_view s) {
    s = trimBytes(s);
    bool negative = false;
    std::string_view body = s;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (body == "NaN") return std::nan("");
    if (body == "Infinity") return negative ? -HUGE_VAL : HUGE_VAL;
    // Validate [digits][.digits][(e|E)[+-]digits] with at least one mantissa digit.
    size_t i = skipDigits(body, 0);
    size_t intDigits = i;
    size_t fracDigits = 0;
    if (i < body.size() && body[i] == '.') {
        size_t j = skipDigits(body, i + 1);
        fracDigits = j - i - 1;
        i = j;
    }
    if (intDigits + fracDigits == 0) return std::nullopt;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        size_t j = i + 1;
        if (j < body.size() && (body[j] == '+' || body[j] == '-')) ++j;
        size_t k = skipDigits(body, j);
        if (k == j) return std::nullopt;
        i = k;
    }
    if (i != body.size()) return std::nullopt;
    // from_chars takes '-' but not '+'.
    std::string_view text = negative ? s.substr(s.size() - body.size() - 1) : body;
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
    if (ec == std::errc::result_out_of_range) {
        // Beyond the double range: Java reads huge values as Infinity and tiny ones as 0.
        // The decimal magnitude decides which: digits before the point plus the exponent.
        size_t lead = 0;
        while (lead < body.size() && (body[lead] == '0' || body[lead] == '.')) ++lead;
        size_t point = body.find('.');
        size_t mantEnd = body.find_first_of("eE");
        if (mantEnd == std::string_view::npos) mantEnd = body.size();
        if (point == std::string_view::npos || point > mantEnd) point = mantEnd;
        long long exp10 = 0;
        if (mantEnd < body.size()) {
            std::string_view e = body.substr(mantEnd + 1);
            if (!e.empty() && e.front() == '+') e.remove_prefix(1);
            auto r = std::from_chars(e.data(), e.data() + e.size(), exp10);
            if (r.ec != std::errc()) exp10 = e.front() == '-' ? LLONG_MIN / 2 : LLONG_MAX / 2;
        }
        long long magnitude = static_cast<long long>(point) - static_cast<long long>(lead) + exp10;
        value = magnitude > 0 ? HUGE_VAL : 0.0;
        if (negative) value = -value;
        return value;
    }
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

size_t codePointCount(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += !isContinuationByte(c);
    // A stray continuation byte at the very start still makes a character.
    if (!s.empty() && isContinuationByte(s[0])) ++n;
    return n;
}

size_t codePointOffset(std::string_view s, size_t n) {
    if (n == 0) return 0;
    for (size_t i = 1; i < s.size(); ++i) {
        if (!isContinuationByte(s[i]) && --n == 0) return i;
    }
    return s.size();
}

std::string reverseCodePoints(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t end = s.size();
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && isContinuationByte(s[start])) --start;
        out.append(s.substr(start, end - start));
        end = start;
    }
    return out;
}

std::string_view trimStart(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if (!isAsciiWhitespace(b)) break;
            ++i;
            continue;
        }
        char32_t cp = 0;
        size_t len = decodeAt(s, i, cp);
        if (len == 0 || !u_isWhitespace(static_cast<UChar32>(cp))) break;
        i += len;
    }
    return s.substr(i);
}

std::string_view trimEnd(std::string_view s) {
    size_t end = s.size();
    while (end > 0) {
        auto b = static_cast<unsigned char>(s[end - 1]);
        if (b < 0x80) {
            if (!isAsciiWhitespace(b)) break;
            --end;
            continue;
        }
        size_t start = end - 1;
        while (start > 0 && end - start < 4 && isContinuationByte(s[start])) --start;
        char32_t cp = 0;
        size_t len = decodeAt(s, start, cp);
        if (len != end - start || !u_isWhitespace(static_cast<UChar32>(cp))) break;
        end = start;
    }
    return s.substr(0, end);
}

std::string toUpper(std::string_view s) { return mapCase(s, &ucasemap_utf8ToUpper, true); }
std::string toLower(std::string_view s) { return mapCase(s, &ucasemap_utf8ToLower, false); }

}  // namespace kgraph::query::text
