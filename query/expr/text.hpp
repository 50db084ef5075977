// Text helpers of the expression part: the string form of numbers, parsing
// numbers out of strings, and code-point work on UTF-8.
//
// Strings are UTF-8. A code point starts at every byte that is not a
// continuation byte (10xxxxxx), and at the first byte; on well-formed UTF-8
// that is exactly the code points, and on ill-formed input it is still a
// consistent, crash-free split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kgraph::query::text {

// The string form of a float, as toString() and `'a' + 1.5` give it. It follows
// Java's Double.toString (what Neo4j returns): the shortest digits that read
// back to the same double, plain decimal for 1e-3 <= |d| < 1e7 with at least
// one fraction digit (1.0, 0.001, 1234567.5), otherwise scientific with a
// capital E and no '+' (1.0E7, 1.0E-4, 1.7976931348623157E308); NaN, Infinity,
// -Infinity; -0.0 keeps its sign.
std::string formatFloat(double d);
void appendFloat(std::string& out, double d);

// Numbers read out of strings by toInteger()/toFloat(). Surrounding white
// space (bytes <= ' ', as Java's trim) is ignored. parseFloat takes a decimal
// literal ([+-]digits[.digits][(e|E)[+-]digits], also ".5" and "5."), NaN,
// Infinity and -Infinity; parseInteger takes [+-]digits within int64.
std::optional<int64_t> parseInteger(std::string_view s);
std::optional<double> parseFloat(std::string_view s);

inline bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of code points.
size_t codePointCount(std::string_view s);
// Byte offset of code point `n` (s.size() when the string has no more than n code points).
size_t codePointOffset(std::string_view s, size_t n);
// The code points in reverse order.
std::string reverseCodePoints(std::string_view s);

// White space by Java's Character.isWhitespace (ICU u_isWhitespace): ASCII
// blanks and controls \t\n\v\f\r\x1C-\x1F, and Unicode space separators and
// line/paragraph separators except the no-break spaces.
std::string_view trimStart(std::string_view s);
std::string_view trimEnd(std::string_view s);

// Unicode full case mapping (root locale): "straße" -> "STRASSE".
std::string toUpper(std::string_view s);
std::string toLower(std::string_view s);

}  // namespace kgraph::query::text
