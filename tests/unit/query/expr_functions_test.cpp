// query/expr/functions.hpp: lookup and every scalar function, with their
// errors. Expected values come from the openCypher TCK
// (../shared/tck/features) where it has them; the scenario is named.
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "expr_test_util.hpp"
#include "query/expr/functions.hpp"

namespace kgraph::query {
namespace {

using test::L;
using test::M;
using test::expectError;
using test::kNaN;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
const double kInf = std::numeric_limits<double>::infinity();

const Value kNull;
const Value kNode(Value::Node{1});
const Value kRel(Value::Relationship{2});
const Value kPath(Value::Path{{1, 3}, {2}});

// Calls a function as the evaluator does: looked up by name, arity checked.
Value call(std::string_view name, std::vector<Value> args = {}) {
    const FunctionInfo* f = findScalarFunction(name);
    if (!f) {
        ADD_FAILURE() << "no function " << name;
        return Value();
    }
    auto n = static_cast<int>(args.size());
    EXPECT_GE(n, f->minArgs) << name;
    if (f->maxArgs >= 0) {
        EXPECT_LE(n, f->maxArgs) << name;
    }
    return f->call(args);
}

// The function must fail with a QueryException of `kind`; returns its message.
std::string callError(ErrorKind kind, std::string_view name, std::vector<Value> args) {
    return expectError(kind, [&] { call(name, std::move(args)); });
}

double callFloat(std::string_view name, std::vector<Value> args) {
    Value v = call(name, std::move(args));
    EXPECT_TRUE(v.isFloat()) << name << " gave " << v.toString();
    return v.isFloat() ? v.asFloat() : std::nan("");
}

// ---- lookup ----

TEST(FindScalarFunction, IgnoresCase) {
    const FunctionInfo* f = findScalarFunction("toUpper");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name, "toupper");
    EXPECT_EQ(findScalarFunction("TOUPPER"), f);
    EXPECT_EQ(findScalarFunction("toupper"), f);
    EXPECT_EQ(findScalarFunction("ToUpPeR"), f);
    EXPECT_EQ(findScalarFunction("nosuchfunction"), nullptr);
    EXPECT_EQ(findScalarFunction(""), nullptr);
    EXPECT_EQ(findScalarFunction("toUpperX"), nullptr);
    EXPECT_EQ(findScalarFunction(std::string(200, 'a')), nullptr);
    // The graph functions are the evaluator's.
    EXPECT_EQ(findScalarFunction("labels"), nullptr);
    EXPECT_EQ(findScalarFunction("id"), nullptr);
    EXPECT_EQ(findScalarFunction("count"), nullptr);
}

TEST(FindScalarFunction, EveryFunctionWithItsArity) {
    struct Want {
        const char* name;
        int minArgs, maxArgs;
    };
    const Want all[] = {
        {"coalesce", 1, -1}, {"toBoolean", 1, 1}, {"toBooleanOrNull", 1, 1}, {"toInteger", 1, 1}, {"toIntegerOrNull", 1, 1},
        {"toFloat", 1, 1}, {"toFloatOrNull", 1, 1}, {"toString", 1, 1}, {"toStringOrNull", 1, 1}, {"toLower", 1, 1},
        {"toUpper", 1, 1}, {"lower", 1, 1}, {"upper", 1, 1}, {"trim", 1, 1}, {"ltrim", 1, 1}, {"rtrim", 1, 1},
        {"substring", 2, 3}, {"replace", 3, 3}, {"split", 2, 2}, {"left", 2, 2}, {"right", 2, 2}, {"reverse", 1, 1},
        {"abs", 1, 1}, {"sign", 1, 1}, {"round", 1, 3}, {"floor", 1, 1}, {"ceil", 1, 1}, {"sqrt", 1, 1}, {"exp", 1, 1},
        {"log", 1, 1}, {"log10", 1, 1}, {"e", 0, 0}, {"pi", 0, 0}, {"rand", 0, 0}, {"range", 2, 3}, {"head", 1, 1},
        {"last", 1, 1}, {"tail", 1, 1}, {"size", 1, 1}, {"keys", 1, 1}, {"properties", 1, 1}, {"sin", 1, 1}, {"cos", 1, 1},
        {"tan", 1, 1}, {"cot", 1, 1}, {"asin", 1, 1}, {"acos", 1, 1}, {"atan", 1, 1}, {"atan2", 2, 2}, {"degrees", 1, 1},
        {"radians", 1, 1}, {"haversin", 1, 1}, {"isEmpty", 1, 1}, {"isNaN", 1, 1}, {"char_length", 1, 1},
        {"character_length", 1, 1},
    };
    for (const Want& w : all) {
        const FunctionInfo* f = findScalarFunction(w.name);
        ASSERT_NE(f, nullptr) << w.name;
        EXPECT_EQ(f->minArgs, w.minArgs) << w.name;
        EXPECT_EQ(f->maxArgs, w.maxArgs) << w.name;
        EXPECT_NE(f->call, nullptr) << w.name;
        for (char c : f->name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << f->name;
    }
}

// ---- coalesce ----

TEST(Coalesce, FirstNonNull) {
    EXPECT_EQ(call("coalesce", {kNull, 1, 2}), Value(1));
    EXPECT_EQ(call("coalesce", {"a"}), Value("a"));
    EXPECT_EQ(call("coalesce", {kNull, kNull, L({kNull})}), L({kNull}));
    EXPECT_TRUE(call("coalesce", {kNull}).isNull());
    EXPECT_TRUE(call("coalesce", {kNull, kNull, kNull}).isNull());
    // TypeConversion4 [8]: coalesce(toString(null), 'x')
    EXPECT_EQ(call("coalesce", {call("toString", {kNull}), "x"}), Value("x"));
}

// ---- toBoolean ----

TEST(ToBoolean, Conversions) {
    EXPECT_EQ(call("toBoolean", {true}), Value(true));  // TypeConversion1 [1]
    EXPECT_EQ(call("toBoolean", {false}), Value(false));
    EXPECT_EQ(call("toBoolean", {"true"}), Value(true));  // [2], [3]
    EXPECT_EQ(call("toBoolean", {"false"}), Value(false));
    EXPECT_EQ(call("toBoolean", {"TRUE"}), Value(true));
    EXPECT_EQ(call("toBoolean", {"False"}), Value(false));
    EXPECT_EQ(call("toBoolean", {" true "}), Value(true));
    EXPECT_EQ(call("toBoolean", {1}), Value(true));  // integers convert (Neo4j 4.3+)
    EXPECT_EQ(call("toBoolean", {-7}), Value(true));
    EXPECT_EQ(call("toBoolean", {0}), Value(false));
    // [4]: invalid strings give null
    for (const char* s : {"", " tru ", "f alse", "x", "1", "yes"}) EXPECT_TRUE(call("toBoolean", {s}).isNull()) << s;
    EXPECT_TRUE(call("toBoolean", {kNull}).isNull());
}

TEST(ToBoolean, InvalidTypes) {
    // TypeConversion1 [5]
    for (const Value& v : {L({}), M({}), Value(1.0), kNode, kRel, kPath}) {
        callError(ErrorKind::TYPE, "toBoolean", {v});
        EXPECT_TRUE(call("toBooleanOrNull", {v}).isNull()) << v.toString();
    }
    EXPECT_EQ(callError(ErrorKind::TYPE, "toBoolean", {1.0}), "toBoolean() expects a boolean, an integer or a string, got float");
    EXPECT_EQ(call("toBooleanOrNull", {"true"}), Value(true));
    EXPECT_EQ(call("toBooleanOrNull", {0}), Value(false));
    EXPECT_TRUE(call("toBooleanOrNull", {"maybe"}).isNull());
}

// ---- toInteger ----

TEST(ToInteger, Conversions) {
    EXPECT_EQ(call("toInteger", {82.9}), Value(82));  // TypeConversion2 [1]
    EXPECT_TRUE(call("toInteger", {"foo"}).isNull());  // [2]
    EXPECT_TRUE(call("toInteger", {""}).isNull());
    EXPECT_EQ(call("toInteger", {2}), Value(2));  // [3]
    EXPECT_EQ(call("toInteger", {2.9}), Value(2));
    EXPECT_EQ(call("toInteger", {"1.7"}), Value(1));  // [4]
    EXPECT_EQ(call("toInteger", {"2"}), Value(2));    // [5]
    EXPECT_EQ(call("toInteger", {"2.9"}), Value(2));
    EXPECT_EQ(call("toInteger", {"42"}), Value(42));  // [7]
    EXPECT_EQ(call("toInteger", {"12.7"}), Value(12));
    EXPECT_EQ(call("toInteger", {-2.9}), Value(-2));  // toward zero
    EXPECT_EQ(call("toInteger", {"-2.9"}), Value(-2));
    EXPECT_EQ(call("toInteger", {true}), Value(1));
    EXPECT_EQ(call("toInteger", {false}), Value(0));
    EXPECT_EQ(call("toInteger", {" 42 "}), Value(42));
    EXPECT_EQ(call("toInteger", {"+5"}), Value(5));
    EXPECT_EQ(call("toInteger", {"-5"}), Value(-5));
    EXPECT_EQ(call("toInteger", {"1e3"}), Value(1000));
    EXPECT_EQ(call("toInteger", {"9223372036854775807"}), Value(kMax));  // exact, not through a double
    EXPECT_EQ(call("toInteger", {"-9223372036854775808"}), Value(kMin));
    EXPECT_EQ(call("toInteger", {-9223372036854775808.0}), Value(kMin));
    for (const char* s : {"9223372036854775808", "1e19", "NaN", "Infinity", "0x1F", "12abc", "1 2", "+-1", "--1"})
        EXPECT_TRUE(call("toInteger", {s}).isNull()) << s;
    EXPECT_TRUE(call("toInteger", {kNull}).isNull());
}

TEST(ToInteger, ErrorsAndOrNull) {
    // TypeConversion2 [8]
    for (const Value& v : {L({}), M({}), kNode, kRel, kPath}) {
        callError(ErrorKind::TYPE, "toInteger", {v});
        EXPECT_TRUE(call("toIntegerOrNull", {v}).isNull()) << v.toString();
    }
    EXPECT_EQ(callError(ErrorKind::TYPE, "toInteger", {L({1})}), "toInteger() expects a number, a boolean or a string, got list");
    // A float that no integer can hold.
    for (double d : {1e19, -1e19, kInf, -kInf, std::nan(""), 9223372036854775808.0}) {
        callError(ErrorKind::ARGUMENT, "toInteger", {d});
        EXPECT_TRUE(call("toIntegerOrNull", {d}).isNull()) << d;
    }
    EXPECT_EQ(call("toIntegerOrNull", {"7"}), Value(7));
    EXPECT_EQ(call("toIntegerOrNull", {7.5}), Value(7));
    EXPECT_TRUE(call("toIntegerOrNull", {"x"}).isNull());
}

// ---- toFloat ----

TEST(ToFloat, Conversions) {
    EXPECT_EQ(call("toFloat", {3.4}), Value(3.4));  // TypeConversion3 [1]
    Value three = call("toFloat", {3});
    EXPECT_TRUE(three.isFloat());
    EXPECT_EQ(three, Value(3.0));
    EXPECT_TRUE(call("toFloat", {"foo"}).isNull());  // [2]
    EXPECT_TRUE(call("toFloat", {""}).isNull());
    EXPECT_EQ(call("toFloat", {"5"}), Value(5.0));  // [3]
    EXPECT_EQ(call("toFloat", {"1"}), Value(1.0));  // [4]
    EXPECT_EQ(call("toFloat", {"2"}), Value(2.0));
    EXPECT_EQ(call("toFloat", {4}), Value(4.0));  // [5]
    EXPECT_EQ(call("toFloat", {"1e3"}), Value(1000.0));
    EXPECT_EQ(call("toFloat", {"1.5E-3"}), Value(0.0015));
    EXPECT_EQ(call("toFloat", {" 2.5 "}), Value(2.5));
    EXPECT_EQ(call("toFloat", {".5"}), Value(0.5));
    EXPECT_EQ(call("toFloat", {"5."}), Value(5.0));
    EXPECT_EQ(call("toFloat", {"+5.25"}), Value(5.25));
    EXPECT_TRUE(std::signbit(call("toFloat", {"-0.0"}).asFloat()));
    EXPECT_TRUE(std::isnan(call("toFloat", {"NaN"}).asFloat()));
    EXPECT_EQ(call("toFloat", {"Infinity"}), Value(kInf));
    EXPECT_EQ(call("toFloat", {"-Infinity"}), Value(-kInf));
    EXPECT_EQ(call("toFloat", {"1e400"}), Value(kInf));  // as Java: out of range reads as Infinity
    EXPECT_EQ(call("toFloat", {"-1e400"}), Value(-kInf));
    EXPECT_EQ(call("toFloat", {"1e-400"}), Value(0.0));  // and tiny as zero
    EXPECT_EQ(call("toFloat", {"0.00000000000000000000000000000001e-300"}), Value(0.0));
    EXPECT_EQ(call("toFloat", {"9223372036854775807"}), Value(9223372036854775807.0));
    for (const char* s : {"e5", "1e", "1.2.3", "+-1", "inf", "nan", "0x10", ".", "-", "1 000", "1,5"})
        EXPECT_TRUE(call("toFloat", {s}).isNull()) << s;
    EXPECT_TRUE(call("toFloat", {kNull}).isNull());
}

TEST(ToFloat, ErrorsAndOrNull) {
    // TypeConversion3 [6]: booleans do not convert to float
    for (const Value& v : {Value(true), L({}), M({}), kNode, kRel, kPath}) {
        callError(ErrorKind::TYPE, "toFloat", {v});
        EXPECT_TRUE(call("toFloatOrNull", {v}).isNull()) << v.toString();
    }
    EXPECT_EQ(callError(ErrorKind::TYPE, "toFloat", {true}), "toFloat() expects a number or a string, got boolean");
    EXPECT_EQ(call("toFloatOrNull", {"1.5"}), Value(1.5));
    EXPECT_EQ(call("toFloatOrNull", {2}), Value(2.0));
}

// ---- toString ----

TEST(ToString, Conversions) {
    EXPECT_EQ(call("toString", {42}), Value("42"));  // TypeConversion4 [1]
    EXPECT_EQ(call("toString", {true}), Value("true"));  // [2]
    EXPECT_EQ(call("toString", {false}), Value("false"));  // [3]
    EXPECT_EQ(call("toString", {2.3}), Value("2.3"));  // [5]
    EXPECT_EQ(call("toString", {"apa"}), Value("apa"));
    EXPECT_EQ(call("toString", {4}), Value("4"));  // [7]
    EXPECT_EQ(call("toString", {kMin}), Value("-9223372036854775808"));
    EXPECT_TRUE(call("toString", {kNull}).isNull());
}

TEST(ToString, FloatsAsJava) {
    struct Case {
        double d;
        const char* want;
    };
    const Case cases[] = {
        {1.0, "1.0"},
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {100.0, "100.0"},
        {-2.5, "-2.5"},
        {123.456, "123.456"},
        {0.1 + 0.2, "0.30000000000000004"},
        {0.001, "0.001"},
        {0.0001, "1.0E-4"},
        {0.00012345, "1.2345E-4"},
        {1234567.0, "1234567.0"},
        {9999999.0, "9999999.0"},
        {1e7, "1.0E7"},
        {12345678.0, "1.2345678E7"},
        {1e10, "1.0E10"},
        {-1e10, "-1.0E10"},
        {4.2e9, "4.2E9"},
        {1.7976931348623157e308, "1.7976931348623157E308"},
        {2.2250738585072014e-308, "2.2250738585072014E-308"},
        {kInf, "Infinity"},
        {-kInf, "-Infinity"},
        {std::nan(""), "NaN"},
    };
    for (const Case& c : cases) EXPECT_EQ(call("toString", {c.d}), Value(c.want)) << c.want;
}

TEST(ToString, ErrorsAndOrNull) {
    // TypeConversion4 [10]
    for (const Value& v : {L({}), M({}), kNode, kRel, kPath}) {
        callError(ErrorKind::TYPE, "toString", {v});
        EXPECT_TRUE(call("toStringOrNull", {v}).isNull()) << v.toString();
    }
    EXPECT_EQ(callError(ErrorKind::TYPE, "toString", {M({})}), "toString() expects a number, a boolean or a string, got map");
    EXPECT_EQ(call("toStringOrNull", {1.5}), Value("1.5"));
    EXPECT_TRUE(call("toStringOrNull", {kNull}).isNull());
}

// ---- case, trimming ----

TEST(CaseMapping, AsciiAndUnicode) {
    EXPECT_EQ(call("toUpper", {"abc XYZ 123"}), Value("ABC XYZ 123"));
    EXPECT_EQ(call("toLower", {"ABC xyz 123"}), Value("abc xyz 123"));
    EXPECT_EQ(call("toUpper", {"stra\u00dfe"}), Value("STRASSE"));  // full mapping: one letter to two
    EXPECT_EQ(call("toLower", {"\u00c0\u00c9\u00ce"}), Value("\u00e0\u00e9\u00ee"));
    EXPECT_EQ(call("toUpper", {"\u00e0\u00e9\u00ee"}), Value("\u00c0\u00c9\u00ce"));
    EXPECT_EQ(call("toUpper", {"\u03b1\u03b2\u03c2"}), Value("\u0391\u0392\u03a3"));  // Greek, final sigma
    EXPECT_EQ(call("toLower", {"\u0130"}), Value("i\u0307"));  // dotted capital I, root locale
    EXPECT_EQ(call("toUpper", {"\U0001d400x"}), Value("\U0001d400X"));  // astral letter kept
    EXPECT_EQ(call("toUpper", {""}), Value(""));
    EXPECT_EQ(call("upper", {"a"}), Value("A"));
    EXPECT_EQ(call("lower", {"A"}), Value("a"));
    EXPECT_TRUE(call("toUpper", {kNull}).isNull());
    EXPECT_TRUE(call("toLower", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "toUpper", {1}), "toUpper() expects a string, got integer");
    EXPECT_EQ(callError(ErrorKind::TYPE, "toLower", {L({"a"})}), "toLower() expects a string, got list");
}

TEST(Trim, JavaWhitespace) {
    EXPECT_EQ(call("trim", {"  a b  "}), Value("a b"));
    EXPECT_EQ(call("ltrim", {"  a b  "}), Value("a b  "));
    EXPECT_EQ(call("rtrim", {"  a b  "}), Value("  a b"));
    EXPECT_EQ(call("trim", {"\t\n x \r\f\v"}), Value("x"));
    EXPECT_EQ(call("trim", {"\u2003x\u3000"}), Value("x"));  // em space, ideographic space
    EXPECT_EQ(call("trim", {"\u2028x\u2029"}), Value("x"));  // line and paragraph separators
    EXPECT_EQ(call("trim", {"\u00a0x\u00a0"}), Value("\u00a0x\u00a0"));  // no-break spaces stay, as in Java
    EXPECT_EQ(call("trim", {"\u00e9 "}), Value("\u00e9"));
    EXPECT_EQ(call("trim", {"   "}), Value(""));
    EXPECT_EQ(call("ltrim", {"   "}), Value(""));
    EXPECT_EQ(call("rtrim", {"   "}), Value(""));
    EXPECT_EQ(call("trim", {""}), Value(""));
    EXPECT_EQ(call("trim", {"\xff "}), Value("\xff"));  // ill-formed bytes are not white space
    EXPECT_TRUE(call("trim", {kNull}).isNull());
    EXPECT_TRUE(call("ltrim", {kNull}).isNull());
    EXPECT_TRUE(call("rtrim", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "trim", {1}), "trim() expects a string, got integer");
    callError(ErrorKind::TYPE, "ltrim", {true});
    callError(ErrorKind::TYPE, "rtrim", {1.5});
}

// ---- substring, left, right ----

TEST(Substring, CodePoints) {
    EXPECT_EQ(call("substring", {"0123456789", 1}), Value("123456789"));  // String1 [1]
    EXPECT_EQ(call("substring", {"0123456789", 1, 3}), Value("123"));
    EXPECT_EQ(call("substring", {"0123456789", 0}), Value("0123456789"));
    EXPECT_EQ(call("substring", {"abc", 3}), Value(""));
    EXPECT_EQ(call("substring", {"abc", 5}), Value(""));
    EXPECT_EQ(call("substring", {"abc", 1, 100}), Value("bc"));
    EXPECT_EQ(call("substring", {"abc", 0, 0}), Value(""));
    EXPECT_EQ(call("substring", {"h\u00e9llo w\u00f6rld", 1, 4}), Value("\u00e9llo"));
    EXPECT_EQ(call("substring", {"\U0001f600a\u00e9", 1}), Value("a\u00e9"));
    EXPECT_EQ(call("substring", {"\U0001f600a\u00e9", 0, 1}), Value("\U0001f600"));
    EXPECT_EQ(call("substring", {"abc", 1, kMax}), Value("bc"));
    EXPECT_TRUE(call("substring", {kNull, 1}).isNull());
    EXPECT_TRUE(call("substring", {"abc", kNull}).isNull());
    EXPECT_TRUE(call("substring", {"abc", 0, kNull}).isNull());
}

TEST(Substring, Errors) {
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "substring", {"abc", -1}), "substring() expects a non-negative start, got -1");
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "substring", {"abc", 0, -1}), "substring() expects a non-negative length, got -1");
    EXPECT_EQ(callError(ErrorKind::TYPE, "substring", {"abc", 1.5}), "substring() expects an integer, got float");
    callError(ErrorKind::TYPE, "substring", {"abc", 0, "2"});
    EXPECT_EQ(callError(ErrorKind::TYPE, "substring", {1, 0}), "substring() expects a string, got integer");
}

TEST(LeftRight, CodePoints) {
    EXPECT_EQ(call("left", {"hello", 3}), Value("hel"));
    EXPECT_EQ(call("left", {"hello", 10}), Value("hello"));
    EXPECT_EQ(call("left", {"hello", 0}), Value(""));
    EXPECT_EQ(call("left", {"h\u00e9llo", 2}), Value("h\u00e9"));
    EXPECT_EQ(call("right", {"hello", 3}), Value("llo"));
    EXPECT_EQ(call("right", {"hello", 10}), Value("hello"));
    EXPECT_EQ(call("right", {"hello", 0}), Value(""));
    EXPECT_EQ(call("right", {"h\u00e9llo", 4}), Value("\u00e9llo"));
    EXPECT_EQ(call("right", {"a\U0001f600", 1}), Value("\U0001f600"));
    EXPECT_TRUE(call("left", {kNull, 1}).isNull());
    EXPECT_TRUE(call("right", {kNull, 1}).isNull());
    EXPECT_TRUE(call("left", {"a", kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "left", {"abc", -1}), "left() expects a non-negative length, got -1");
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "right", {"abc", -1}), "right() expects a non-negative length, got -1");
    callError(ErrorKind::TYPE, "left", {"abc", "1"});
    callError(ErrorKind::TYPE, "right", {L({1}), 1});
}

// ---- replace, split, reverse ----

TEST(Replace, AllOccurrences) {
    EXPECT_EQ(call("replace", {"hello", "l", "w"}), Value("hewwo"));
    EXPECT_EQ(call("replace", {"aaa", "aa", "b"}), Value("ba"));
    EXPECT_EQ(call("replace", {"abc", "x", "y"}), Value("abc"));
    EXPECT_EQ(call("replace", {"abc", "abc", ""}), Value(""));
    EXPECT_EQ(call("replace", {"h\u00e9llo", "\u00e9", "e"}), Value("hello"));
    EXPECT_EQ(call("replace", {"abc", "", "-"}), Value("-a-b-c-"));  // as Java's String.replace
    EXPECT_EQ(call("replace", {"\u00e9", "", "-"}), Value("-\u00e9-"));
    EXPECT_EQ(call("replace", {"", "", "-"}), Value("-"));
    EXPECT_TRUE(call("replace", {kNull, "a", "b"}).isNull());
    EXPECT_TRUE(call("replace", {"a", kNull, "b"}).isNull());
    EXPECT_TRUE(call("replace", {"a", "a", kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "replace", {1, "a", "b"}), "replace() expects a string, got integer");
    callError(ErrorKind::TYPE, "replace", {"a", "a", 1});
}

TEST(Split, KeepsEveryPiece) {
    Value parts = call("split", {"one1two", "1"});  // String4 [1]
    EXPECT_EQ(parts, L({"one", "two"}));
    EXPECT_EQ(call("split", {"a,b", ","}), L({"a", "b"}));
    EXPECT_EQ(call("split", {",a,", ","}), L({"", "a", ""}));
    EXPECT_EQ(call("split", {"a,,b", ","}), L({"a", "", "b"}));
    EXPECT_EQ(call("split", {"", ","}), L({""}));
    EXPECT_EQ(call("split", {",", ","}), L({"", ""}));
    EXPECT_EQ(call("split", {"a::b::c", "::"}), L({"a", "b", "c"}));
    EXPECT_EQ(call("split", {"abc", "x"}), L({"abc"}));
    EXPECT_EQ(call("split", {"abc", ""}), L({"a", "b", "c"}));  // into characters
    EXPECT_EQ(call("split", {"h\u00e9\U0001f600", ""}), L({"h", "\u00e9", "\U0001f600"}));
    EXPECT_EQ(call("split", {"", ""}), L({}));
    EXPECT_TRUE(call("split", {kNull, ","}).isNull());
    EXPECT_TRUE(call("split", {"a", kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "split", {"a", 1}), "split() expects a string, got integer");
}

TEST(Reverse, StringsAndLists) {
    EXPECT_EQ(call("reverse", {"raksO"}), Value("Oskar"));  // String3 [1]
    EXPECT_EQ(call("reverse", {"h\u00e9llo"}), Value("oll\u00e9h"));
    EXPECT_EQ(call("reverse", {"\U0001f600a"}), Value("a\U0001f600"));
    EXPECT_EQ(call("reverse", {""}), Value(""));
    EXPECT_EQ(call("reverse", {L({1, "a", L({2, 3})})}), L({L({2, 3}), "a", 1}));
    EXPECT_EQ(call("reverse", {L({})}), L({}));
    EXPECT_TRUE(call("reverse", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "reverse", {1}), "reverse() expects a string or a list, got integer");
    callError(ErrorKind::TYPE, "reverse", {M({})});
}

// ---- size ----

TEST(Size, StringsInCodePointsAndLists) {
    EXPECT_EQ(call("size", {"abc"}), Value(3));
    EXPECT_EQ(call("size", {"h\u00e9llo"}), Value(5));
    EXPECT_EQ(call("size", {"\U0001f600"}), Value(1));
    EXPECT_EQ(call("size", {""}), Value(0));
    EXPECT_EQ(call("size", {L({1, 2, 3})}), Value(3));  // List6 [1]
    EXPECT_EQ(call("size", {L({})}), Value(0));
    EXPECT_TRUE(call("size", {kNull}).isNull());  // List6 [4]
    EXPECT_EQ(callError(ErrorKind::TYPE, "size", {M({})}), "size() expects a string or a list, got map");
    callError(ErrorKind::TYPE, "size", {1});
    callError(ErrorKind::TYPE, "size", {kPath});
    EXPECT_EQ(call("char_length", {"h\u00e9llo"}), Value(5));
    EXPECT_EQ(call("character_length", {"\U0001f600\U0001f600"}), Value(2));
    EXPECT_TRUE(call("char_length", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "char_length", {L({})}), "char_length() expects a string, got list");
}

// ---- numbers ----

TEST(Abs, IntegersAndFloats) {
    EXPECT_EQ(call("abs", {-1}), Value(1));  // Mathematical11 [1]
    EXPECT_TRUE(call("abs", {-1}).isInt());
    EXPECT_EQ(call("abs", {5}), Value(5));
    EXPECT_EQ(call("abs", {kMax}), Value(kMax));
    EXPECT_EQ(call("abs", {-1.5}), Value(1.5));
    EXPECT_FALSE(std::signbit(call("abs", {-0.0}).asFloat()));
    EXPECT_TRUE(call("abs", {kNull}).isNull());
    callError(ErrorKind::ARITHMETIC, "abs", {kMin});
    EXPECT_EQ(callError(ErrorKind::TYPE, "abs", {"a"}), "abs() expects a number, got string");
}

TEST(Sign, IsAnInteger) {
    EXPECT_EQ(call("sign", {-5}), Value(-1));
    EXPECT_EQ(call("sign", {0}), Value(0));
    EXPECT_EQ(call("sign", {3}), Value(1));
    EXPECT_EQ(call("sign", {-0.5}), Value(-1));
    EXPECT_TRUE(call("sign", {-0.5}).isInt());
    EXPECT_EQ(call("sign", {0.0}), Value(0));
    EXPECT_EQ(call("sign", {kInf}), Value(1));
    EXPECT_EQ(call("sign", {kNaN}), Value(0));
    EXPECT_TRUE(call("sign", {kNull}).isNull());
    callError(ErrorKind::TYPE, "sign", {true});
}

TEST(Round, ToNearestHalvesUp) {
    EXPECT_EQ(call("round", {2.5}), Value(3.0));
    EXPECT_EQ(call("round", {-2.5}), Value(-2.0));  // halves toward +Infinity, as Java's Math.round
    EXPECT_EQ(call("round", {2.4}), Value(2.0));
    EXPECT_EQ(call("round", {-2.6}), Value(-3.0));
    EXPECT_EQ(call("round", {0.49999999999999994}), Value(0.0));  // not fooled by x + 0.5 rounding up
    EXPECT_EQ(call("round", {-0.4}), Value(0.0));
    EXPECT_EQ(call("round", {4503599627370497.0}), Value(4503599627370497.0));
    EXPECT_EQ(call("round", {1e300}), Value(1e300));
    Value three = call("round", {3});
    EXPECT_TRUE(three.isFloat());
    EXPECT_EQ(three, Value(3.0));
    EXPECT_TRUE(std::isnan(callFloat("round", {kNaN})));
    EXPECT_EQ(call("round", {kInf}), Value(kInf));
    EXPECT_TRUE(call("round", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "round", {"1"}), "round() expects a number, got string");
}

TEST(Round, WithPrecisionAndMode) {
    EXPECT_EQ(call("round", {3.141592, 3}), Value(3.142));
    EXPECT_EQ(call("round", {2.675, 2}), Value(2.68));  // decimal rounding of the shortest form
    EXPECT_EQ(call("round", {-2.5, 0}), Value(-3.0));   // HALF_UP: away from zero
    EXPECT_EQ(call("round", {9.99, 1}), Value(10.0));
    EXPECT_EQ(call("round", {0.0001, 2}), Value(0.0));
    EXPECT_EQ(call("round", {123, 2}), Value(123.0));
    EXPECT_EQ(call("round", {1.5, 2}), Value(1.5));
    EXPECT_EQ(call("round", {1.5, 1000}), Value(1.5));
    EXPECT_EQ(call("round", {1.5, kMax}), Value(1.5));
    EXPECT_EQ(call("round", {2.5, 0, "HALF_EVEN"}), Value(2.0));
    EXPECT_EQ(call("round", {3.5, 0, "HALF_EVEN"}), Value(4.0));
    EXPECT_EQ(call("round", {2.51, 0, "HALF_EVEN"}), Value(3.0));
    EXPECT_EQ(call("round", {0.5, 0, "HALF_EVEN"}), Value(0.0));
    EXPECT_EQ(call("round", {2.5, 0, "HALF_DOWN"}), Value(2.0));
    EXPECT_EQ(call("round", {2.51, 0, "HALF_DOWN"}), Value(3.0));
    EXPECT_EQ(call("round", {1.21, 1, "UP"}), Value(1.3));
    EXPECT_EQ(call("round", {-1.21, 1, "UP"}), Value(-1.3));
    EXPECT_EQ(call("round", {1.29, 1, "DOWN"}), Value(1.2));
    EXPECT_EQ(call("round", {-1.29, 1, "DOWN"}), Value(-1.2));
    EXPECT_EQ(call("round", {1.21, 1, "CEILING"}), Value(1.3));
    EXPECT_EQ(call("round", {-1.21, 1, "CEILING"}), Value(-1.2));
    EXPECT_EQ(call("round", {1.29, 1, "FLOOR"}), Value(1.2));
    EXPECT_EQ(call("round", {-1.21, 1, "FLOOR"}), Value(-1.3));
    EXPECT_EQ(call("round", {0.0001, 2, "UP"}), Value(0.01));
    EXPECT_EQ(call("round", {0.0001, 2, "half_up"}), Value(0.0));
    EXPECT_EQ(call("round", {999.5, 0}), Value(1000.0));
    EXPECT_TRUE(call("round", {1.5, kNull}).isNull());
    EXPECT_TRUE(call("round", {1.5, 1, kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "round", {1.5, -1}), "round() expects a non-negative precision, got -1");
    std::string message = callError(ErrorKind::ARGUMENT, "round", {1.5, 1, "SIDEWAYS"});
    EXPECT_NE(message.find("'SIDEWAYS'"), std::string::npos) << message;
    callError(ErrorKind::TYPE, "round", {1.5, 1.5});
    callError(ErrorKind::TYPE, "round", {1.5, 1, 1});
}

TEST(FloorCeil, AreFloats) {
    EXPECT_EQ(call("floor", {1.7}), Value(1.0));
    EXPECT_EQ(call("floor", {-1.2}), Value(-2.0));
    EXPECT_TRUE(call("floor", {3}).isFloat());
    EXPECT_EQ(call("floor", {3}), Value(3.0));
    EXPECT_EQ(call("ceil", {1.2}), Value(2.0));
    EXPECT_EQ(call("ceil", {-1.7}), Value(-1.0));
    EXPECT_TRUE(call("ceil", {3}).isFloat());
    EXPECT_TRUE(call("floor", {kNull}).isNull());
    EXPECT_TRUE(call("ceil", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "floor", {"1"}), "floor() expects a number, got string");
    callError(ErrorKind::TYPE, "ceil", {true});
}

TEST(Math, RootsLogarithmsExponentials) {
    EXPECT_DOUBLE_EQ(callFloat("sqrt", {12.96}), 3.6);  // Mathematical13 [1]
    EXPECT_EQ(call("sqrt", {4}), Value(2.0));
    EXPECT_TRUE(std::isnan(callFloat("sqrt", {-1})));
    EXPECT_EQ(call("exp", {0}), Value(1.0));
    EXPECT_DOUBLE_EQ(callFloat("log", {std::numbers::e}), 1.0);
    EXPECT_EQ(call("log", {0}), Value(-kInf));
    EXPECT_TRUE(std::isnan(callFloat("log", {-1})));
    EXPECT_EQ(call("log10", {1000}), Value(3.0));
    EXPECT_EQ(call("e"), Value(std::numbers::e));
    EXPECT_EQ(call("pi"), Value(std::numbers::pi));
    for (const char* f : {"sqrt", "exp", "log", "log10"}) {
        EXPECT_TRUE(call(f, {kNull}).isNull()) << f;
        EXPECT_EQ(callError(ErrorKind::TYPE, f, {"1"}), std::string(f) + "() expects a number, got string");
    }
}

TEST(Math, Trigonometry) {
    const double pi = std::numbers::pi;
    EXPECT_EQ(call("sin", {0}), Value(0.0));
    EXPECT_EQ(call("cos", {0}), Value(1.0));
    EXPECT_EQ(call("tan", {0}), Value(0.0));
    EXPECT_DOUBLE_EQ(callFloat("cot", {pi / 4}), 1.0);
    EXPECT_DOUBLE_EQ(callFloat("asin", {1}), pi / 2);
    EXPECT_EQ(call("acos", {1}), Value(0.0));
    EXPECT_DOUBLE_EQ(callFloat("atan", {1}), pi / 4);
    EXPECT_DOUBLE_EQ(callFloat("atan2", {1, 1}), pi / 4);
    EXPECT_DOUBLE_EQ(callFloat("atan2", {1, -1.0}), 3 * pi / 4);
    EXPECT_DOUBLE_EQ(callFloat("degrees", {pi}), 180.0);
    EXPECT_DOUBLE_EQ(callFloat("radians", {180}), pi);
    EXPECT_DOUBLE_EQ(callFloat("haversin", {0.5}), (1 - std::cos(0.5)) / 2);
    EXPECT_EQ(call("haversin", {0}), Value(0.0));
    EXPECT_TRUE(std::isnan(callFloat("asin", {2})));
    EXPECT_TRUE(call("atan2", {kNull, 1}).isNull());
    EXPECT_TRUE(call("atan2", {1, kNull}).isNull());
    for (const char* f : {"sin", "cos", "tan", "cot", "asin", "acos", "atan", "degrees", "radians", "haversin"}) {
        EXPECT_TRUE(call(f, {kNull}).isNull()) << f;
        callError(ErrorKind::TYPE, f, {"x"});
    }
    callError(ErrorKind::TYPE, "atan2", {1, "x"});
}

TEST(Math, IsNaNAndRand) {
    EXPECT_EQ(call("isNaN", {kNaN}), Value(true));
    EXPECT_EQ(call("isNaN", {1.0}), Value(false));
    EXPECT_EQ(call("isNaN", {1}), Value(false));
    EXPECT_TRUE(call("isNaN", {kNull}).isNull());
    callError(ErrorKind::TYPE, "isNaN", {"NaN"});
    double lo = 1, hi = 0;
    for (int i = 0; i < 10000; ++i) {
        double r = callFloat("rand", {});
        ASSERT_GE(r, 0.0);
        ASSERT_LT(r, 1.0);
        lo = std::min(lo, r);
        hi = std::max(hi, r);
    }
    // 10000 uniform draws all within [0.01, 0.99] happen with probability 0.98^10000.
    EXPECT_LT(lo, 0.01);
    EXPECT_GT(hi, 0.99);
}

// ---- range ----

Value intList(std::initializer_list<int64_t> xs) {
    Value::List l;
    for (int64_t x : xs) l.emplace_back(x);
    return Value(std::move(l));
}

TEST(Range, DefaultStep) {
    // List11 [1]
    struct Case {
        int64_t start, end;
        Value want;
    };
    const Case cases[] = {
        {-1236, -1234, intList({-1236, -1235, -1234})},
        {-1234, -1234, intList({-1234})},
        {-10, -3, intList({-10, -9, -8, -7, -6, -5, -4, -3})},
        {-10, 0, intList({-10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0})},
        {-1, 0, intList({-1, 0})},
        {0, -123, intList({})},
        {0, -1, intList({})},
        {-1, 1, intList({-1, 0, 1})},
        {0, 0, intList({0})},
        {0, 1, intList({0, 1})},
        {0, 10, intList({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})},
        {6, 10, intList({6, 7, 8, 9, 10})},
        {1234, 1234, intList({1234})},
        {1234, 1236, intList({1234, 1235, 1236})},
    };
    for (const Case& c : cases) EXPECT_EQ(call("range", {c.start, c.end}), c.want) << c.start << ".." << c.end;
}

TEST(Range, ExplicitStep) {
    // List11 [2]
    struct Case {
        int64_t start, end, step;
        Value want;
    };
    const Case cases[] = {
        {1381, -3412, -1298, intList({1381, 83, -1215, -2513})},
        {0, -2000, -1298, intList({0, -1298})},
        {10, -10, -3, intList({10, 7, 4, 1, -2, -5, -8})},
        {0, -10, -3, intList({0, -3, -6, -9})},
        {0, -20, -2, intList({0, -2, -4, -6, -8, -10, -12, -14, -16, -18, -20})},
        {0, -10, -1, intList({0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10})},
        {0, -1, -1, intList({0, -1})},
        {-1236, -1234, 1, intList({-1236, -1235, -1234})},
        {-10, 0, 1, intList({-10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0})},
        {-1, 0, 1, intList({-1, 0})},
        {0, 1, -123, intList({})},
        {0, 1, -1, intList({})},
        {0, -123, 1, intList({})},
        {0, -1, 1, intList({})},
        {0, 0, -1, intList({0})},
        {0, 0, 1, intList({0})},
        {0, 1, 2, intList({0})},
        {0, 1, 1, intList({0, 1})},
        {0, 10, 1, intList({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})},
        {6, 10, 1, intList({6, 7, 8, 9, 10})},
        {1234, 1234, 1, intList({1234})},
        {1234, 1236, 1, intList({1234, 1235, 1236})},
        {-10, 0, 3, intList({-10, -7, -4, -1})},
        {-10, 10, 3, intList({-10, -7, -4, -1, 2, 5, 8})},
        {-2000, 0, 1298, intList({-2000, -702})},
        {-3412, 1381, 1298, intList({-3412, -2114, -816, 482})},
    };
    for (const Case& c : cases)
        EXPECT_EQ(call("range", {c.start, c.end, c.step}), c.want) << c.start << ".." << c.end << " by " << c.step;
}

TEST(Range, EmptyExactlyWhenDirectionsDisagree) {
    // List11 [3]
    for (int64_t stop : {1, 2, 500, 1000, 1500})
        for (int64_t step : {-1000, -3, -2, -1, 1, 2, 3, 1000}) {
            bool empty = call("range", {0, stop, step}).asList().empty();
            EXPECT_EQ(empty, (stop > 0) != (step > 0)) << stop << " " << step;
        }
}

TEST(Range, Extremes) {
    EXPECT_EQ(call("range", {kMax - 2, kMax}), intList({kMax - 2, kMax - 1, kMax}));
    EXPECT_EQ(call("range", {kMin + 2, kMin, -1}), intList({kMin + 2, kMin + 1, kMin}));
    EXPECT_EQ(call("range", {kMax, kMin, kMin}), intList({kMax, -1}));
    EXPECT_EQ(call("range", {kMin, kMax, kMax}), intList({kMin, -1, kMax - 1}));
    EXPECT_EQ(call("range", {0, 10, kMax}), intList({0}));
    callError(ErrorKind::LIMIT, "range", {kMin, kMax});
    callError(ErrorKind::LIMIT, "range", {0, int64_t{1} << 40});
}

TEST(Range, Errors) {
    // List11 [4]: step 0
    for (auto [start, end] : {std::pair<int64_t, int64_t>{0, 0}, {2, 8}, {-2, 8}, {2, -8}})
        EXPECT_EQ(callError(ErrorKind::ARGUMENT, "range", {start, end, 0}), "range() step must not be zero");
    // List11 [5]: ArgumentError for every non-integer argument
    const Value bad[] = {true, -1.1, -0.0, 0.0, 1.1, "xyz", L({0}), M({{"start", 0}})};
    for (const Value& b : bad) {
        callError(ErrorKind::ARGUMENT, "range", {b, 1, 1});
        callError(ErrorKind::ARGUMENT, "range", {0, b, 1});
        callError(ErrorKind::ARGUMENT, "range", {0, 1, b});
    }
    EXPECT_EQ(callError(ErrorKind::ARGUMENT, "range", {0, 1.1}), "range() expects integer arguments, got float");
    EXPECT_TRUE(call("range", {kNull, 1}).isNull());
    EXPECT_TRUE(call("range", {0, 1, kNull}).isNull());
}

// ---- lists and maps ----

TEST(HeadLastTail, Lists) {
    EXPECT_EQ(call("head", {L({1, 2, 3})}), Value(1));
    EXPECT_EQ(call("last", {L({1, 2, 3})}), Value(3));
    EXPECT_EQ(call("tail", {L({1, 2, 3})}), L({2, 3}));
    EXPECT_EQ(call("head", {L({L({1})})}), L({1}));
    EXPECT_TRUE(call("head", {L({})}).isNull());
    EXPECT_TRUE(call("last", {L({})}).isNull());
    EXPECT_EQ(call("tail", {L({})}), L({}));
    EXPECT_EQ(call("tail", {L({1})}), L({}));
    EXPECT_TRUE(call("head", {L({kNull, 1})}).isNull());
    // List9 [1]: tail(tail([1, 2, 3, 4, 5]))
    EXPECT_EQ(call("tail", {call("tail", {L({1, 2, 3, 4, 5})})}), L({3, 4, 5}));
    for (const char* f : {"head", "last", "tail"}) {
        EXPECT_TRUE(call(f, {kNull}).isNull()) << f;
        EXPECT_EQ(callError(ErrorKind::TYPE, f, {"abc"}), std::string(f) + "() expects a list, got string");
        callError(ErrorKind::TYPE, f, {M({})});
    }
}

TEST(KeysProperties, MapsOnly) {
    EXPECT_EQ(call("keys", {M({{"b", 1}, {"a", 2}})}), L({"a", "b"}));
    EXPECT_EQ(call("keys", {M({{"k", kNull}})}), L({"k"}));
    EXPECT_EQ(call("keys", {M({})}), L({}));
    EXPECT_TRUE(call("keys", {kNull}).isNull());
    EXPECT_EQ(call("properties", {M({{"a", 1}})}), M({{"a", 1}}));
    EXPECT_TRUE(call("properties", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "keys", {kNode}), "keys() expects a map, got node");
    EXPECT_EQ(callError(ErrorKind::TYPE, "properties", {kRel}), "properties() expects a map, got relationship");
    callError(ErrorKind::TYPE, "keys", {kPath});
    callError(ErrorKind::TYPE, "keys", {L({})});
    callError(ErrorKind::TYPE, "properties", {1});
}

TEST(IsEmpty, StringsListsMaps) {
    EXPECT_EQ(call("isEmpty", {""}), Value(true));
    EXPECT_EQ(call("isEmpty", {" "}), Value(false));
    EXPECT_EQ(call("isEmpty", {L({})}), Value(true));
    EXPECT_EQ(call("isEmpty", {L({kNull})}), Value(false));
    EXPECT_EQ(call("isEmpty", {M({})}), Value(true));
    EXPECT_EQ(call("isEmpty", {M({{"a", 1}})}), Value(false));
    EXPECT_TRUE(call("isEmpty", {kNull}).isNull());
    EXPECT_EQ(callError(ErrorKind::TYPE, "isEmpty", {1}), "isEmpty() expects a string, a list or a map, got integer");
}

}  // namespace
}  // namespace kgraph::query
