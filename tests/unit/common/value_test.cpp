#include <kgraph/value.hpp>

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace kgraph {
namespace {

TEST(ValueTest, TypesFollowTheConstructor) {
    EXPECT_TRUE(Value().isNull());
    EXPECT_TRUE(Value(nullptr).isNull());
    EXPECT_TRUE(Value(true).isBool());
    EXPECT_TRUE(Value(42).isInt());
    EXPECT_TRUE(Value(int64_t{-7}).isInt());
    EXPECT_TRUE(Value(4.2e9).isFloat());
    EXPECT_TRUE(Value("Alibaba").isString());
    EXPECT_TRUE(Value(std::string_view("KI")).isString());
    EXPECT_TRUE(Value(Value::List{1, 2}).isList());
    EXPECT_TRUE(Value(Value::Map{{"a", 1}}).isMap());
    EXPECT_EQ(Value(42).asInt(), 42);
    EXPECT_EQ(Value(true).asBool(), true);
}

TEST(ValueTest, IntegerAndFloatAreDifferentValues) {
    EXPECT_NE(Value(1), Value(1.0));
    EXPECT_EQ(Value(1), Value(int64_t{1}));
    EXPECT_EQ(Value(Value::List{1, "a"}), Value(Value::List{1, "a"}));
    EXPECT_NE(Value(Value::List{1, "a"}), Value(Value::List{"a", 1}));
}

TEST(ValueTest, ToStringWritesLiterals) {
    EXPECT_EQ(Value().toString(), "null");
    EXPECT_EQ(Value(false).toString(), "false");
    EXPECT_EQ(Value(-12).toString(), "-12");
    EXPECT_EQ(Value(4.2e9).toString(), "4200000000.0");
    EXPECT_EQ(Value(0.4261).toString(), "0.4261");
    EXPECT_EQ(Value(1e300).toString(), "1e+300");
    EXPECT_EQ(Value(std::nan("")).toString(), "NaN");
    EXPECT_EQ(Value(-std::numeric_limits<double>::infinity()).toString(), "-Infinity");
    EXPECT_EQ(Value("it's").toString(), "'it\\'s'");
    EXPECT_EQ(Value(Value::List{1, "a", Value()}).toString(), "[1, 'a', null]");
    EXPECT_EQ(Value(Value::Map{{"b", 2}, {"a", Value::List{}}}).toString(), "{a: [], b: 2}");
}

TEST(ValueTest, TypeNames) {
    EXPECT_EQ(typeName(Value::Type::INT), "integer");
    EXPECT_EQ(typeName(Value::Type::FLOAT), "float");
    EXPECT_EQ(typeName(Value::Type::STRING), "string");
    EXPECT_EQ(typeName(Value::Type::LIST), "list");
}

}  // namespace
}  // namespace kgraph
