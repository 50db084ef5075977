#include "query/expr/functions.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "query/errors.hpp"
#include "query/expr/text.hpp"

namespace kgraph::query {

namespace {

using Args = std::span<const Value>;
using Type = Value::Type;

// range() refuses lists longer than this (about 3 GB of Values) with a LIMIT
// error instead of exhausting memory.
constexpr uint64_t kMaxRangeElements = uint64_t{1} << 26;
constexpr double kTwo63 = 9223372036854775808.0;

std::string_view nameOf(const Value& v) { return typeName(v.type()); }

[[noreturn]] void typeError(std::string_view fn, std::string_view expected, const Value& got) {
    throwError(ErrorKind::TYPE, fmt::format("{}() expects {}, got {}", fn, expected, nameOf(got)));
}

[[noreturn]] void argumentError(std::string message) { throwError(ErrorKind::ARGUMENT, std::move(message)); }

bool isNumber(const Value& v) { return v.isInt() || v.isFloat(); }
double toDouble(const Value& v) { return v.isInt() ? static_cast<double>(v.asInt()) : v.asFloat(); }

bool anyNull(Args a) {
    return std::any_of(a.begin(), a.end(), [](const Value& v) { return v.isNull(); });
}

const std::string& stringArg(std::string_view fn, const Value& v) {
    if (!v.isString()) typeError(fn, "a string", v);
    return v.asString();
}

int64_t intArg(std::string_view fn, const Value& v) {
    if (!v.isInt()) typeError(fn, "an integer", v);
    return v.asInt();
}

int64_t nonNegativeIntArg(std::string_view fn, std::string_view what, const Value& v) {
    int64_t n = intArg(fn, v);
    if (n < 0) argumentError(fmt::format("{}() expects a non-negative {}, got {}", fn, what, n));
    return n;
}

double numberArg(std::string_view fn, const Value& v) {
    if (!isNumber(v)) typeError(fn, "a number", v);
    return toDouble(v);
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

// A float truncated toward zero as an integer; nullopt for NaN, infinities and
// values outside int64.
std::optional<int64_t> truncateToInt(double d) {
    if (std::isnan(d)) return std::nullopt;
    double t = std::trunc(d);
    if (t < -kTwo63 || t >= kTwo63) return std::nullopt;
    return static_cast<int64_t>(t);
}

// ---- coalesce and type conversion ----

Value fnCoalesce(Args a) {
    for (const Value& v : a)
        if (!v.isNull()) return v;
    return Value();
}

// The conversions take `orNull`: the *OrNull variants give null where the
// plain ones throw.
Value toBoolean(const Value& v, bool orNull) {
    switch (v.type()) {
        case Type::NUL:
        case Type::BOOL: return v;
        case Type::INT: return Value(v.asInt() != 0);
        case Type::STRING: {
            std::string_view s = text::trimEnd(text::trimStart(v.asString()));
            if (equalsIgnoreAsciiCase(s, "true")) return Value(true);
            if (equalsIgnoreAsciiCase(s, "false")) return Value(false);
            return Value();
        }
        default:
            if (orNull) return Value();
            typeError("toBoolean", "a boolean, an integer or a string", v);
    }
}

Value toInteger(const Value& v, bool orNull) {
    switch (v.type()) {
        case Type::NUL:
        case Type::INT: return v;
        case Type::BOOL: return Value(int64_t{v.asBool() ? 1 : 0});
        case Type::FLOAT: {
            if (auto i = truncateToInt(v.asFloat())) return Value(*i);
            if (orNull) return Value();
            argumentError(fmt::format("toInteger() cannot convert {} to an integer", text::formatFloat(v.asFloat())));
        }
        case Type::STRING: {
            if (auto i = text::parseInteger(v.asString())) return Value(*i);
            if (auto d = text::parseFloat(v.asString())) {
                if (auto i = truncateToInt(*d)) return Value(*i);
            }
            return Value();
        }
        default:
            if (orNull) return Value();
            typeError("toInteger", "a number, a boolean or a string", v);
    }
}

Value toFloat(const Value& v, bool orNull) {
    switch (v.type()) {
        case Type::NUL:
        case Type::FLOAT: return v;
        case Type::INT: return Value(static_cast<double>(v.asInt()));
        case Type::STRING: {
            if (auto d = text::parseFloat(v.asString())) return Value(*d);
            return Value();
        }
        default:
            if (orNull) return Value();
            typeError("toFloat", "a number or a string", v);
    }
}

Value toString(const Value& v, bool orNull) {
    switch (v.type()) {
        case Type::NUL:
        case Type::STRING: return v;
        case Type::BOOL: return Value(v.asBool() ? "true" : "false");
        case Type::INT: return Value(fmt::format_int(v.asInt()).str());
        case Type::FLOAT: return Value(text::formatFloat(v.asFloat()));
        default:
            if (orNull) return Value();
            typeError("toString", "a number, a boolean or a string", v);
    }
}

Value fnToBoolean(Args a) { return toBoolean(a[0], false); }
Value fnToBooleanOrNull(Args a) { return toBoolean(a[0], true); }
Value fnToInteger(Args a) { return toInteger(a[0], false); }
Value fnToIntegerOrNull(Args a) { return toInteger(a[0], true); }
Value fnToFloat(Args a) { return toFloat(a[0], false); }
Value fnToFloatOrNull(Args a) { return toFloat(a[0], true); }
Value fnToString(Args a) { return toString(a[0], false); }
Value fnToStringOrNull(Args a) { return toString(a[0], true); }

// ---- strings ----

Value fnToUpper(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::toUpper(stringArg("toUpper", a[0])));
}

Value fnToLower(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::toLower(stringArg("toLower", a[0])));
}

Value fnTrim(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::trimEnd(text::trimStart(stringArg("trim", a[0]))));
}

Value fnLTrim(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::trimStart(stringArg("ltrim", a[0])));
}

Value fnRTrim(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::trimEnd(stringArg("rtrim", a[0])));
}

Value fnSubstring(Args a) {
    if (anyNull(a)) return Value();
    std::string_view s = stringArg("substring", a[0]);
    auto start = static_cast<size_t>(nonNegativeIntArg("substring", "start", a[1]));
    size_t from = text::codePointOffset(s, start);
    std::string_view rest = s.substr(from);
    if (a.size() < 3) return Value(rest);
    auto length = static_cast<size_t>(nonNegativeIntArg("substring", "length", a[2]));
    return Value(rest.substr(0, text::codePointOffset(rest, length)));
}

Value fnLeft(Args a) {
    if (anyNull(a)) return Value();
    std::string_view s = stringArg("left", a[0]);
    auto n = static_cast<size_t>(nonNegativeIntArg("left", "length", a[1]));
    return Value(s.substr(0, text::codePointOffset(s, n)));
}

Value fnRight(Args a) {
    if (anyNull(a)) return Value();
    std::string_view s = stringArg("right", a[0]);
    auto n = static_cast<size_t>(nonNegativeIntArg("right", "length", a[1]));
    size_t count = text::codePointCount(s);
    if (n >= count) return a[0];
    return Value(s.substr(text::codePointOffset(s, count - n)));
}

Value fnReplace(Args a) {
    if (anyNull(a)) return Value();
    std::string_view s = stringArg("replace", a[0]);
    std::string_view search = stringArg("replace", a[1]);
    std::string_view replacement = stringArg("replace", a[2]);
    std::string out;
    if (search.empty()) {
        // As Java's String.replace: the replacement goes before every character and at the end.
        out.reserve(s.size() + (text::codePointCount(s) + 1) * replacement.size());
        for (size_t i = 0; i < s.size(); ++i) {
            if (i == 0 || !text::isContinuationByte(s[i])) out += replacement;
            out += s[i];
        }
        out += replacement;
        return Value(std::move(out));
    }
    out.reserve(s.size());
    size_t pos = 0;
    for (size_t hit; (hit = s.find(search, pos)) != std::string_view::npos; pos = hit + search.size()) {
        out.append(s.substr(pos, hit - pos));
        out.append(replacement);
    }
    out.append(s.substr(pos));
    return Value(std::move(out));
}

Value fnSplit(Args a) {
    if (anyNull(a)) return Value();
    std::string_view s = stringArg("split", a[0]);
    std::string_view delimiter = stringArg("split", a[1]);
    Value::List out;
    if (delimiter.empty()) {
        // Into characters (code points).
        size_t start = 0;
        for (size_t i = 1; i <= s.size(); ++i) {
            if (i == s.size() || !text::isContinuationByte(s[i])) {
                out.emplace_back(s.substr(start, i - start));
                start = i;
            }
        }
        return Value(std::move(out));
    }
    // Every piece is kept, empty ones too: split(',a,', ',') = ['', 'a', ''].
    size_t pos = 0;
    for (size_t hit; (hit = s.find(delimiter, pos)) != std::string_view::npos; pos = hit + delimiter.size())
        out.emplace_back(s.substr(pos, hit - pos));
    out.emplace_back(s.substr(pos));
    return Value(std::move(out));
}

Value fnReverse(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (v.isString()) return Value(text::reverseCodePoints(v.asString()));
    if (v.isList()) return Value(Value::List(v.asList().rbegin(), v.asList().rend()));
    typeError("reverse", "a string or a list", v);
}

Value fnSize(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (v.isString()) return Value(text::codePointCount(v.asString()));
    if (v.isList()) return Value(v.asList().size());
    typeError("size", "a string or a list", v);
}

Value fnCharLength(Args a) {
    if (a[0].isNull()) return Value();
    return Value(text::codePointCount(stringArg("char_length", a[0])));
}

// ---- numbers ----

Value fnAbs(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (v.isInt()) {
        if (v.asInt() == INT64_MIN) throwError(ErrorKind::ARITHMETIC, fmt::format("integer overflow: abs({})", v.asInt()));
        return Value(v.asInt() < 0 ? -v.asInt() : v.asInt());
    }
    if (v.isFloat()) return Value(std::fabs(v.asFloat()));
    typeError("abs", "a number", v);
}

Value fnSign(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (v.isInt()) return Value(int64_t{(v.asInt() > 0) - (v.asInt() < 0)});
    if (v.isFloat()) return Value(int64_t{(v.asFloat() > 0) - (v.asFloat() < 0)});  // NaN: 0
    typeError("sign", "a number", v);
}

enum class Rounding : uint8_t { UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN };

std::optional<Rounding> roundingMode(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, Rounding>, 7> kModes{{
        {"UP", Rounding::UP},
        {"DOWN", Rounding::DOWN},
        {"CEILING", Rounding::CEILING},
        {"FLOOR", Rounding::FLOOR},
        {"HALF_UP", Rounding::HALF_UP},
        {"HALF_DOWN", Rounding::HALF_DOWN},
        {"HALF_EVEN", Rounding::HALF_EVEN},
    }};
    for (const auto& [n, mode] : kModes)
        if (equalsIgnoreAsciiCase(n, name)) return mode;
    return std::nullopt;
}

// round(x): to the nearest integer, halves toward +Infinity (Java's Math.round,
// as Neo4j): round(2.5) = 3.0, round(-2.5) = -2.0.
double roundHalfCeiling(double x) {
    constexpr double kTwo52 = 4503599627370496.0;  // from here on every double is integral
    if (!std::isfinite(x) || std::fabs(x) >= kTwo52) return x;
    double f = std::floor(x);
    double r = x - f >= 0.5 ? f + 1 : f;  // x - f is exact
    return r == 0 ? 0.0 : r;
}

// round(x, precision, mode): decimal rounding of the shortest decimal form of x
// (as Java's BigDecimal.valueOf(x).setScale(precision, mode), what Neo4j does),
// so round(2.675, 2) is 2.68 although the double 2.675 lies a little below.
double roundDecimal(double x, int64_t precision, Rounding mode) {
    // Shortest forms have at most 17 digits and exponents from -324: beyond
    // this precision every double is already exact.
    constexpr int64_t kExactPrecision = 400;
    if (!std::isfinite(x) || x == 0 || precision >= kExactPrecision) return x;
    bool negative = x < 0;
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(end - buf));
    size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.') digits += c;
    int exponent = 0;
    std::string_view expText = sci.substr(e + 1);
    if (expText.front() == '+') expText.remove_prefix(1);
    std::from_chars(expText.data(), expText.data() + expText.size(), exponent);

    // Digits kept: those before the point plus `precision` after it.
    int64_t keep = exponent + 1 + precision;
    if (keep >= static_cast<int64_t>(digits.size())) return x;  // already exact at this precision
    std::string kept, dropped;
    if (keep <= 0) {
        dropped = std::string(static_cast<size_t>(-keep), '0') + digits;
    } else {
        kept = digits.substr(0, static_cast<size_t>(keep));
        dropped = digits.substr(static_cast<size_t>(keep));
    }
    int first = dropped[0] - '0';
    bool restNonZero = dropped.find_first_not_of('0', 1) != std::string::npos;
    bool droppedNonZero = first != 0 || restNonZero;
    bool lastKeptOdd = !kept.empty() && ((kept.back() - '0') % 2 == 1);
    bool up = false;
    switch (mode) {
        case Rounding::UP: up = droppedNonZero; break;
        case Rounding::DOWN: up = false; break;
        case Rounding::CEILING: up = droppedNonZero && !negative; break;
        case Rounding::FLOOR: up = droppedNonZero && negative; break;
        case Rounding::HALF_UP: up = first >= 5; break;
        case Rounding::HALF_DOWN: up = first > 5 || (first == 5 && restNonZero); break;
        case Rounding::HALF_EVEN: up = first > 5 || (first == 5 && (restNonZero || lastKeptOdd)); break;
    }
    if (kept.empty()) kept = "0";
    if (up) {
        size_t i = kept.size();
        while (i > 0 && kept[i - 1] == '9') kept[--i] = '0';
        if (i == 0)
            kept.insert(kept.begin(), '1');
        else
            ++kept[i - 1];
    }
    std::string literal = kept + "e" + std::to_string(-precision);
    double r = 0;
    std::from_chars(literal.data(), literal.data() + literal.size(), r);
    return negative ? -r : r;
}

Value fnRound(Args a) {
    if (anyNull(a)) return Value();
    double x = numberArg("round", a[0]);
    if (a.size() == 1) return Value(roundHalfCeiling(x));
    int64_t precision = nonNegativeIntArg("round", "precision", a[1]);
    Rounding mode = Rounding::HALF_UP;
    if (a.size() == 3) {
        const std::string& name = stringArg("round", a[2]);
        auto m = roundingMode(name);
        if (!m)
            argumentError(fmt::format(
                "round() expects a rounding mode (UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN), got '{}'", name));
        mode = *m;
    }
    return Value(roundDecimal(x, precision, mode));
}

Value unaryMath(std::string_view fn, const Value& v, double (*f)(double)) {
    if (v.isNull()) return Value();
    return Value(f(numberArg(fn, v)));
}

Value fnFloor(Args a) { return unaryMath("floor", a[0], [](double x) { return std::floor(x); }); }
Value fnCeil(Args a) { return unaryMath("ceil", a[0], [](double x) { return std::ceil(x); }); }
Value fnSqrt(Args a) { return unaryMath("sqrt", a[0], [](double x) { return std::sqrt(x); }); }
Value fnExp(Args a) { return unaryMath("exp", a[0], [](double x) { return std::exp(x); }); }
Value fnLog(Args a) { return unaryMath("log", a[0], [](double x) { return std::log(x); }); }
Value fnLog10(Args a) { return unaryMath("log10", a[0], [](double x) { return std::log10(x); }); }
Value fnSin(Args a) { return unaryMath("sin", a[0], [](double x) { return std::sin(x); }); }
Value fnCos(Args a) { return unaryMath("cos", a[0], [](double x) { return std::cos(x); }); }
Value fnTan(Args a) { return unaryMath("tan", a[0], [](double x) { return std::tan(x); }); }
Value fnCot(Args a) { return unaryMath("cot", a[0], [](double x) { return 1.0 / std::tan(x); }); }
Value fnAsin(Args a) { return unaryMath("asin", a[0], [](double x) { return std::asin(x); }); }
Value fnAcos(Args a) { return unaryMath("acos", a[0], [](double x) { return std::acos(x); }); }
Value fnAtan(Args a) { return unaryMath("atan", a[0], [](double x) { return std::atan(x); }); }
Value fnDegrees(Args a) { return unaryMath("degrees", a[0], [](double x) { return x * (180.0 / std::numbers::pi); }); }
Value fnRadians(Args a) { return unaryMath("radians", a[0], [](double x) { return x * (std::numbers::pi / 180.0); }); }
Value fnHaversin(Args a) { return unaryMath("haversin", a[0], [](double x) { return (1.0 - std::cos(x)) / 2.0; }); }

Value fnAtan2(Args a) {
    if (anyNull(a)) return Value();
    return Value(std::atan2(numberArg("atan2", a[0]), numberArg("atan2", a[1])));
}

Value fnIsNaN(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (v.isInt()) return Value(false);
    if (v.isFloat()) return Value(std::isnan(v.asFloat()));
    typeError("isNaN", "a number", v);
}

Value fnE(Args) { return Value(std::numbers::e); }
Value fnPi(Args) { return Value(std::numbers::pi); }

Value fnRand(Args) {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    // The top 53 bits as a fraction: uniform in [0, 1), never 1.
    return Value(static_cast<double>(engine() >> 11) * 0x1.0p-53);
}

// ---- lists and maps ----

Value fnRange(Args a) {
    if (anyNull(a)) return Value();
    // The TCK (List11 [5]) wants ArgumentError, not TypeError, for non-integers here.
    for (const Value& v : a)
        if (!v.isInt()) argumentError(fmt::format("range() expects integer arguments, got {}", nameOf(v)));
    int64_t start = a[0].asInt(), end = a[1].asInt();
    int64_t step = a.size() == 3 ? a[2].asInt() : 1;
    if (step == 0) argumentError("range() step must not be zero");
    if (step > 0 ? start > end : start < end) return Value(Value::List());
    // Unsigned arithmetic: the span of two int64 may exceed INT64_MAX.
    uint64_t span = step > 0 ? static_cast<uint64_t>(end) - static_cast<uint64_t>(start)
                             : static_cast<uint64_t>(start) - static_cast<uint64_t>(end);
    uint64_t stride = step > 0 ? static_cast<uint64_t>(step) : uint64_t{0} - static_cast<uint64_t>(step);
    uint64_t steps = span / stride;
    if (steps >= kMaxRangeElements)
        throwError(ErrorKind::LIMIT, fmt::format("range() would make a list of more than {} elements", kMaxRangeElements));
    Value::List out;
    out.reserve(steps + 1);
    for (uint64_t i = 0; i <= steps; ++i)
        out.emplace_back(static_cast<int64_t>(static_cast<uint64_t>(start) + i * static_cast<uint64_t>(step)));
    return Value(std::move(out));
}

const Value::List* listArg(std::string_view fn, const Value& v) {
    if (v.isNull()) return nullptr;
    if (!v.isList()) typeError(fn, "a list", v);
    return &v.asList();
}

Value fnHead(Args a) {
    const Value::List* l = listArg("head", a[0]);
    if (!l || l->empty()) return Value();
    return l->front();
}

Value fnLast(Args a) {
    const Value::List* l = listArg("last", a[0]);
    if (!l || l->empty()) return Value();
    return l->back();
}

Value fnTail(Args a) {
    const Value::List* l = listArg("tail", a[0]);
    if (!l) return Value();
    if (l->empty()) return Value(Value::List());
    return Value(Value::List(l->begin() + 1, l->end()));
}

// keys() and properties() of nodes and relationships are the evaluator's; here maps only.
Value fnKeys(Args a) {
    const Value& v = a[0];
    if (v.isNull()) return Value();
    if (!v.isMap()) typeError("keys", "a map", v);
    Value::List out;
    out.reserve(v.asMap().size());
    for (const auto& entry : v.asMap()) out.emplace_back(entry.first);
    return Value(std::move(out));
}

Value fnProperties(Args a) {
    const Value& v = a[0];
    if (v.isNull() || v.isMap()) return v;
    typeError("properties", "a map", v);
}

Value fnIsEmpty(Args a) {
    const Value& v = a[0];
    switch (v.type()) {
        case Type::NUL: return Value();
        case Type::STRING: return Value(v.asString().empty());
        case Type::LIST: return Value(v.asList().empty());
        case Type::MAP: return Value(v.asMap().empty());
        default: typeError("isEmpty", "a string, a list or a map", v);
    }
}

constexpr int kAny = -1;

constexpr FunctionInfo kFunctions[] = {
    {"abs", 1, 1, fnAbs},
    {"acos", 1, 1, fnAcos},
    {"asin", 1, 1, fnAsin},
    {"atan", 1, 1, fnAtan},
    {"atan2", 2, 2, fnAtan2},
    {"ceil", 1, 1, fnCeil},
    {"char_length", 1, 1, fnCharLength},
    {"character_length", 1, 1, fnCharLength},
    {"coalesce", 1, kAny, fnCoalesce},
    {"cos", 1, 1, fnCos},
    {"cot", 1, 1, fnCot},
    {"degrees", 1, 1, fnDegrees},
    {"e", 0, 0, fnE},
    {"exp", 1, 1, fnExp},
    {"floor", 1, 1, fnFloor},
    {"haversin", 1, 1, fnHaversin},
    {"head", 1, 1, fnHead},
    {"isempty", 1, 1, fnIsEmpty},
    {"isnan", 1, 1, fnIsNaN},
    {"keys", 1, 1, fnKeys},
    {"last", 1, 1, fnLast},
    {"left", 2, 2, fnLeft},
    {"log", 1, 1, fnLog},
    {"log10", 1, 1, fnLog10},
    {"lower", 1, 1, fnToLower},
    {"ltrim", 1, 1, fnLTrim},
    {"pi", 0, 0, fnPi},
    {"properties", 1, 1, fnProperties},
    {"radians", 1, 1, fnRadians},
    {"rand", 0, 0, fnRand},
    {"range", 2, 3, fnRange},
    {"replace", 3, 3, fnReplace},
    {"reverse", 1, 1, fnReverse},
    {"right", 2, 2, fnRight},
    {"round", 1, 3, fnRound},
    {"rtrim", 1, 1, fnRTrim},
    {"sign", 1, 1, fnSign},
    {"sin", 1, 1, fnSin},
    {"size", 1, 1, fnSize},
    {"split", 2, 2, fnSplit},
    {"sqrt", 1, 1, fnSqrt},
    {"substring", 2, 3, fnSubstring},
    {"tail", 1, 1, fnTail},
    {"tan", 1, 1, fnTan},
    {"toboolean", 1, 1, fnToBoolean},
    {"tobooleanornull", 1, 1, fnToBooleanOrNull},
    {"tofloat", 1, 1, fnToFloat},
    {"tofloatornull", 1, 1, fnToFloatOrNull},
    {"tointeger", 1, 1, fnToInteger},
    {"tointegerornull", 1, 1, fnToIntegerOrNull},
    {"tolower", 1, 1, fnToLower},
    {"tostring", 1, 1, fnToString},
    {"tostringornull", 1, 1, fnToStringOrNull},
    {"toupper", 1, 1, fnToUpper},
    {"trim", 1, 1, fnTrim},
    {"upper", 1, 1, fnToUpper},
};

static_assert(std::is_sorted(std::begin(kFunctions), std::end(kFunctions),
                             [](const FunctionInfo& a, const FunctionInfo& b) { return a.name < b.name; }),
              "kFunctions must stay sorted by name: findScalarFunction searches it by bisection");

// Longer than every name above, so a longer name is unknown without lower-casing it.
constexpr size_t kMaxNameLength = 32;

}  // namespace

const FunctionInfo* findScalarFunction(std::string_view name) {
    if (name.size() > kMaxNameLength) return nullptr;
    char buf[kMaxNameLength];
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    std::string_view lower(buf, name.size());
    const auto* it = std::lower_bound(std::begin(kFunctions), std::end(kFunctions), lower,
                                      [](const FunctionInfo& f, std::string_view n) { return f.name < n; });
    if (it == std::end(kFunctions) || it->name != lower) return nullptr;
    return it;
}

}  // namespace kgraph::query
