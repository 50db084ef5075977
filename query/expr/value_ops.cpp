#include "query/expr/value_ops.hpp"

#include <bit>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <re2/re2.h>

#include "common/assert.hpp"
#include "query/errors.hpp"
#include "query/expr/text.hpp"

namespace kgraph::query {

namespace {

using Type = Value::Type;

// 2^63 as a double: the first double above every int64.
constexpr double kTwo63 = 9223372036854775808.0;
// Compiled patterns kept per thread; a query with patterns built per row
// should not grow the cache without bound.
constexpr size_t kMaxCachedPatterns = 256;

bool isNumber(const Value& v) { return v.isInt() || v.isFloat(); }
std::string_view nameOf(const Value& v) { return typeName(v.type()); }
Tri tri(bool b) { return b ? Tri::TRUE : Tri::FALSE; }

// Exact comparison of an integer with a double that is not NaN: no rounding of
// the integer to double, so 2^53 + 1 > 2^53 (as a double). <0, 0, >0.
int compareIntFloat(int64_t i, double d) {
    if (d >= kTwo63) return -1;
    if (d < -kTwo63) return 1;
    double t = std::trunc(d);  // in [-2^63, 2^63): fits an int64
    auto ti = static_cast<int64_t>(t);
    if (i != ti) return i < ti ? -1 : 1;
    double frac = d - t;  // exact
    return frac > 0 ? -1 : (frac < 0 ? 1 : 0);
}

int sign3(auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); }

// Two numbers, neither NaN: <0, 0, >0.
int compareNumbers(const Value& a, const Value& b) {
    if (a.isInt()) return b.isInt() ? sign3(a.asInt(), b.asInt()) : compareIntFloat(a.asInt(), b.asFloat());
    if (b.isInt()) return -compareIntFloat(b.asInt(), a.asFloat());
    return sign3(a.asFloat(), b.asFloat());
}

bool isNaN(const Value& v) { return v.isFloat() && std::isnan(v.asFloat()); }

// The outcome of `<`-style comparison. UNORDERED: NaN against a number, where
// every one of < <= > >= is FALSE (openCypher TCK Comparison2 [5]).
enum class Order : uint8_t { LESS, EQUAL, GREATER, UNORDERED, UNKNOWN };

Order toOrder(int c) { return c < 0 ? Order::LESS : (c > 0 ? Order::GREATER : Order::EQUAL); }

Order partialCompare(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return Order::UNKNOWN;
    if (isNumber(a) && isNumber(b)) {
        if (isNaN(a) || isNaN(b)) return Order::UNORDERED;
        return toOrder(compareNumbers(a, b));
    }
    if (a.type() != b.type()) return Order::UNKNOWN;
    switch (a.type()) {
        case Type::STRING: return toOrder(a.asString().compare(b.asString()));
        case Type::BOOL: return toOrder(sign3(a.asBool(), b.asBool()));
        case Type::LIST: {
            const Value::List& x = a.asList();
            const Value::List& y = b.asList();
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; ++i) {
                Order o = partialCompare(x[i], y[i]);
                if (o != Order::EQUAL) return o;
            }
            return toOrder(sign3(x.size(), y.size()));
        }
        default: return Order::UNKNOWN;  // maps, nodes, relationships, paths have no order
    }
}

// The type groups of ORDER BY, ascending.
int orderRank(Type t) {
    switch (t) {
        case Type::MAP: return 0;
        case Type::NODE: return 1;
        case Type::RELATIONSHIP: return 2;
        case Type::LIST: return 3;
        case Type::PATH: return 4;
        case Type::STRING: return 5;
        case Type::BOOL: return 6;
        case Type::INT:
        case Type::FLOAT: return 7;
        case Type::NUL: return 8;
    }
    KG_UNREACHABLE();
}

int comparePaths(const Value::Path& a, const Value::Path& b) {
    // Node, relationship, node, ... in walking order; a prefix first.
    size_t n = std::min(a.nodes.size(), b.nodes.size());
    for (size_t i = 0; i < n; ++i) {
        if (int c = sign3(a.nodes[i], b.nodes[i])) return c;
        if (i < a.relationships.size() && i < b.relationships.size()) {
            if (int c = sign3(a.relationships[i], b.relationships[i])) return c;
        }
    }
    if (int c = sign3(a.nodes.size(), b.nodes.size())) return c;
    return sign3(a.relationships.size(), b.relationships.size());
}

uint64_t mix64(uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}
uint64_t combine(uint64_t seed, uint64_t h) { return mix64(seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2))); }

// Seeds that keep values of different types apart in the hash.
enum : uint64_t { kHashNull = 0x6e756c6c, kHashFalse = 0x66616c73, kHashTrue = 0x74727565, kHashNaN = 0x4e614e, kHashList = 0x6c697374,
                  kHashMap = 0x6d6170, kHashNode = 0x6e6f6465, kHashRel = 0x72656c, kHashPath = 0x70617468 };

uint64_t hashInt(int64_t i) { return mix64(static_cast<uint64_t>(i)); }

[[noreturn]] void arithmeticTypeError(ast::Op op, const Value& a, const Value& b) {
    const char* verb = "combine";
    switch (op) {
        case ast::Op::ADD: verb = "add"; break;
        case ast::Op::SUB: verb = "subtract"; break;
        case ast::Op::MUL: verb = "multiply"; break;
        case ast::Op::DIV: verb = "divide"; break;
        case ast::Op::MOD: verb = "take the modulo of"; break;
        case ast::Op::POW: verb = "raise to a power"; break;
        default: break;
    }
    throwError(ErrorKind::TYPE, fmt::format("cannot {} {} and {}", verb, nameOf(a), nameOf(b)));
}

[[noreturn]] void overflow(const char* what, int64_t a, int64_t b) {
    throwError(ErrorKind::ARITHMETIC, fmt::format("integer overflow: {} {} {}", a, what, b));
}

double toDouble(const Value& v) { return v.isInt() ? static_cast<double>(v.asInt()) : v.asFloat(); }

void appendNumber(std::string& out, const Value& v) {
    if (v.isInt())
        out += fmt::format_int(v.asInt()).str();
    else
        text::appendFloat(out, v.asFloat());
}

Value add(const Value& a, const Value& b) {
    if (a.isList()) {
        Value::List out;
        if (b.isList()) {
            out.reserve(a.asList().size() + b.asList().size());
            out.insert(out.end(), a.asList().begin(), a.asList().end());
            out.insert(out.end(), b.asList().begin(), b.asList().end());
        } else {
            out.reserve(a.asList().size() + 1);
            out.insert(out.end(), a.asList().begin(), a.asList().end());
            out.push_back(b);
        }
        return Value(std::move(out));
    }
    if (b.isList()) {
        Value::List out;
        out.reserve(b.asList().size() + 1);
        out.push_back(a);
        out.insert(out.end(), b.asList().begin(), b.asList().end());
        return Value(std::move(out));
    }
    if (a.isString() && (b.isString() || isNumber(b))) {
        std::string out = a.asString();
        if (b.isString())
            out += b.asString();
        else
            appendNumber(out, b);
        return Value(std::move(out));
    }
    if (isNumber(a) && b.isString()) {
        std::string out;
        appendNumber(out, a);
        out += b.asString();
        return Value(std::move(out));
    }
    if (a.isInt() && b.isInt()) {
        int64_t r;
        if (__builtin_add_overflow(a.asInt(), b.asInt(), &r)) overflow("+", a.asInt(), b.asInt());
        return Value(r);
    }
    if (isNumber(a) && isNumber(b)) return Value(toDouble(a) + toDouble(b));
    arithmeticTypeError(ast::Op::ADD, a, b);
}

Value numeric(ast::Op op, const Value& a, const Value& b) {
    if (!isNumber(a) || !isNumber(b)) arithmeticTypeError(op, a, b);
    if (op == ast::Op::POW) return Value(std::pow(toDouble(a), toDouble(b)));
    if (a.isInt() && b.isInt()) {
        int64_t x = a.asInt(), y = b.asInt(), r = 0;
        switch (op) {
            case ast::Op::SUB:
                if (__builtin_sub_overflow(x, y, &r)) overflow("-", x, y);
                return Value(r);
            case ast::Op::MUL:
                if (__builtin_mul_overflow(x, y, &r)) overflow("*", x, y);
                return Value(r);
            case ast::Op::DIV:
                if (y == 0) throwError(ErrorKind::ARITHMETIC, "division by zero");
                if (x == INT64_MIN && y == -1) overflow("/", x, y);
                return Value(x / y);  // truncates toward zero: -7 / 2 = -3
            case ast::Op::MOD:
                if (y == 0) throwError(ErrorKind::ARITHMETIC, "modulo by zero");
                if (y == -1) return Value(int64_t{0});  // INT64_MIN % -1 is 0, not a trap
                return Value(x % y);  // the sign of the dividend: -7 % 2 = -1
            default: KG_UNREACHABLE();
        }
    }
    double x = toDouble(a), y = toDouble(b);
    switch (op) {
        case ast::Op::SUB: return Value(x - y);
        case ast::Op::MUL: return Value(x * y);
        case ast::Op::DIV: return Value(x / y);
        case ast::Op::MOD: return Value(std::fmod(x, y));
        default: KG_UNREACHABLE();
    }
}

struct PatternCache {
    std::unordered_map<std::string, std::unique_ptr<RE2>> compiled;
};

const RE2& compiledPattern(const std::string& pattern) {
    thread_local PatternCache cache;
    if (auto it = cache.compiled.find(pattern); it != cache.compiled.end()) return *it->second;
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok())
        throwError(ErrorKind::ARGUMENT, fmt::format("invalid regular expression '{}': {}", pattern, re->error()));
    if (cache.compiled.size() >= kMaxCachedPatterns) cache.compiled.clear();
    return *cache.compiled.emplace(pattern, std::move(re)).first->second;
}

}  // namespace

Tri truthOf(const Value& v) {
    if (v.isBool()) return tri(v.asBool());
    if (v.isNull()) return Tri::UNKNOWN;
    throwError(ErrorKind::TYPE, fmt::format("expected a boolean, got {}", nameOf(v)));
}

Tri triNot(Tri a) {
    if (a == Tri::UNKNOWN) return a;
    return a == Tri::TRUE ? Tri::FALSE : Tri::TRUE;
}

Tri triAnd(Tri a, Tri b) {
    if (a == Tri::FALSE || b == Tri::FALSE) return Tri::FALSE;
    if (a == Tri::UNKNOWN || b == Tri::UNKNOWN) return Tri::UNKNOWN;
    return Tri::TRUE;
}

Tri triOr(Tri a, Tri b) {
    if (a == Tri::TRUE || b == Tri::TRUE) return Tri::TRUE;
    if (a == Tri::UNKNOWN || b == Tri::UNKNOWN) return Tri::UNKNOWN;
    return Tri::FALSE;
}

Tri triXor(Tri a, Tri b) {
    if (a == Tri::UNKNOWN || b == Tri::UNKNOWN) return Tri::UNKNOWN;
    return tri(a != b);
}

Tri equals(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return Tri::UNKNOWN;
    if (isNumber(a) || isNumber(b)) {
        if (!isNumber(a) || !isNumber(b) || isNaN(a) || isNaN(b)) return Tri::FALSE;
        return tri(compareNumbers(a, b) == 0);
    }
    if (a.type() != b.type()) return Tri::FALSE;
    switch (a.type()) {
        case Type::BOOL: return tri(a.asBool() == b.asBool());
        case Type::STRING: return tri(a.asString() == b.asString());
        case Type::LIST: {
            const Value::List& x = a.asList();
            const Value::List& y = b.asList();
            if (x.size() != y.size()) return Tri::FALSE;
            bool unknown = false;
            for (size_t i = 0; i < x.size(); ++i) {
                Tri t = equals(x[i], y[i]);
                if (t == Tri::FALSE) return Tri::FALSE;
                unknown |= t == Tri::UNKNOWN;
            }
            return unknown ? Tri::UNKNOWN : Tri::TRUE;
        }
        case Type::MAP: {
            const Value::Map& x = a.asMap();
            const Value::Map& y = b.asMap();
            if (x.size() != y.size()) return Tri::FALSE;
            // Different keys decide FALSE before any value is looked at.
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
                if (i->first != j->first) return Tri::FALSE;
            bool unknown = false;
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
                Tri t = equals(i->second, j->second);
                if (t == Tri::FALSE) return Tri::FALSE;
                unknown |= t == Tri::UNKNOWN;
            }
            return unknown ? Tri::UNKNOWN : Tri::TRUE;
        }
        case Type::NODE: return tri(a.asNode() == b.asNode());
        case Type::RELATIONSHIP: return tri(a.asRelationship() == b.asRelationship());
        case Type::PATH: return tri(a.asPath() == b.asPath());
        case Type::NUL:
        case Type::INT:
        case Type::FLOAT: break;
    }
    KG_UNREACHABLE();
}

Tri compare(ast::Op op, const Value& a, const Value& b) {
    switch (op) {
        case ast::Op::EQ: return equals(a, b);
        case ast::Op::NE: return triNot(equals(a, b));
        default: break;
    }
    Order o = partialCompare(a, b);
    if (o == Order::UNKNOWN) return Tri::UNKNOWN;
    if (o == Order::UNORDERED) return Tri::FALSE;
    switch (op) {
        case ast::Op::LT: return tri(o == Order::LESS);
        case ast::Op::LE: return tri(o != Order::GREATER);
        case ast::Op::GT: return tri(o == Order::GREATER);
        case ast::Op::GE: return tri(o != Order::LESS);
        default: KG_UNREACHABLE();
    }
}

int orderCompare(const Value& a, const Value& b) {
    int ra = orderRank(a.type()), rb = orderRank(b.type());
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (a.type()) {
        case Type::NUL: return 0;
        case Type::BOOL: return sign3(a.asBool(), b.asBool());
        case Type::INT:
        case Type::FLOAT: {
            bool na = isNaN(a), nb = isNaN(b);
            if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
            return compareNumbers(a, b);
        }
        case Type::STRING: {
            int c = a.asString().compare(b.asString());  // bytewise = code point order on UTF-8
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Type::LIST: {
            const Value::List& x = a.asList();
            const Value::List& y = b.asList();
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; ++i)
                if (int c = orderCompare(x[i], y[i])) return c;
            return sign3(x.size(), y.size());
        }
        case Type::MAP: {
            // By size, then entry by entry in key order: key, then value.
            const Value::Map& x = a.asMap();
            const Value::Map& y = b.asMap();
            if (x.size() != y.size()) return sign3(x.size(), y.size());
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
                if (int c = i->first.compare(j->first)) return c < 0 ? -1 : 1;
                if (int c = orderCompare(i->second, j->second)) return c;
            }
            return 0;
        }
        case Type::NODE: return sign3(a.asNode().id, b.asNode().id);
        case Type::RELATIONSHIP: return sign3(a.asRelationship().id, b.asRelationship().id);
        case Type::PATH: return comparePaths(a.asPath(), b.asPath());
    }
    KG_UNREACHABLE();
}

bool equivalent(const Value& a, const Value& b) {
    if (isNumber(a) && isNumber(b)) {
        bool na = isNaN(a), nb = isNaN(b);
        if (na || nb) return na && nb;
        return compareNumbers(a, b) == 0;
    }
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case Type::NUL: return true;
        case Type::LIST: {
            const Value::List& x = a.asList();
            const Value::List& y = b.asList();
            if (x.size() != y.size()) return false;
            for (size_t i = 0; i < x.size(); ++i)
                if (!equivalent(x[i], y[i])) return false;
            return true;
        }
        case Type::MAP: {
            const Value::Map& x = a.asMap();
            const Value::Map& y = b.asMap();
            if (x.size() != y.size()) return false;
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
                if (i->first != j->first || !equivalent(i->second, j->second)) return false;
            return true;
        }
        default: return a == b;  // bool, string, node, relationship, path: structural
    }
}

size_t hashValue(const Value& v) {
    switch (v.type()) {
        case Type::NUL: return kHashNull;
        case Type::BOOL: return v.asBool() ? kHashTrue : kHashFalse;
        case Type::INT: return hashInt(v.asInt());
        case Type::FLOAT: {
            double d = v.asFloat();
            if (std::isnan(d)) return kHashNaN;
            // Integral values hash as the integer they equal, so 1.0 meets 1 (and -0.0 meets 0).
            if (d >= -kTwo63 && d < kTwo63 && std::trunc(d) == d) return hashInt(static_cast<int64_t>(d));
            return mix64(std::bit_cast<uint64_t>(d));
        }
        case Type::STRING: return std::hash<std::string_view>()(v.asString());
        case Type::LIST: {
            uint64_t h = kHashList;
            for (const Value& item : v.asList()) h = combine(h, hashValue(item));
            return h;
        }
        case Type::MAP: {
            uint64_t h = kHashMap;
            for (const auto& [key, item] : v.asMap()) {
                h = combine(h, std::hash<std::string_view>()(key));
                h = combine(h, hashValue(item));
            }
            return h;
        }
        case Type::NODE: return combine(kHashNode, v.asNode().id);
        case Type::RELATIONSHIP: return combine(kHashRel, v.asRelationship().id);
        case Type::PATH: {
            uint64_t h = kHashPath;
            for (uint64_t id : v.asPath().nodes) h = combine(h, id);
            for (uint64_t id : v.asPath().relationships) h = combine(h, ~id);
            return h;
        }
    }
    KG_UNREACHABLE();
}

Value arithmetic(ast::Op op, const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return Value();
    if (op == ast::Op::ADD) return add(a, b);
    switch (op) {
        case ast::Op::SUB:
        case ast::Op::MUL:
        case ast::Op::DIV:
        case ast::Op::MOD:
        case ast::Op::POW: return numeric(op, a, b);
        default: KG_UNREACHABLE();
    }
}

Value negate(const Value& a) {
    switch (a.type()) {
        case Type::NUL: return Value();
        case Type::INT:
            if (a.asInt() == INT64_MIN) throwError(ErrorKind::ARITHMETIC, fmt::format("integer overflow: -({})", a.asInt()));
            return Value(-a.asInt());
        case Type::FLOAT: return Value(-a.asFloat());
        default: throwError(ErrorKind::TYPE, fmt::format("cannot negate {}", nameOf(a)));
    }
}

Tri stringPredicate(ast::Op op, const Value& a, const Value& b) {
    if (!a.isString() || !b.isString()) return Tri::UNKNOWN;
    std::string_view s = a.asString(), t = b.asString();
    switch (op) {
        case ast::Op::STARTS_WITH: return tri(s.starts_with(t));
        case ast::Op::ENDS_WITH: return tri(s.ends_with(t));
        case ast::Op::CONTAINS: return tri(s.find(t) != std::string_view::npos);
        default: KG_UNREACHABLE();
    }
}

Tri inList(const Value& x, const Value& list) {
    if (list.isNull()) return Tri::UNKNOWN;
    if (!list.isList()) throwError(ErrorKind::TYPE, fmt::format("IN expects a list, got {}", nameOf(list)));
    bool unknown = false;
    for (const Value& item : list.asList()) {
        Tri t = equals(x, item);
        if (t == Tri::TRUE) return Tri::TRUE;
        unknown |= t == Tri::UNKNOWN;
    }
    return unknown ? Tri::UNKNOWN : Tri::FALSE;
}

Tri regexMatch(const Value& s, const Value& pattern) {
    if (!s.isString() || !pattern.isString()) return Tri::UNKNOWN;
    return tri(RE2::FullMatch(s.asString(), compiledPattern(pattern.asString())));
}

}  // namespace kgraph::query
