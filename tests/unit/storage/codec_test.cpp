#include "storage/codec.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "storage/records.hpp"

namespace kgraph::storage {
namespace {

Value roundTrip(const Value& v) {
    Value out;
    EXPECT_TRUE(decodeValue(encodeValue(v), out)) << v.toString();
    return out;
}

TEST(CodecTest, EveryValueTypeRoundTrips) {
    const Value values[] = {
        Value(),
        Value(true),
        Value(false),
        Value(0),
        Value(-1),
        Value(std::numeric_limits<int64_t>::max()),
        Value(std::numeric_limits<int64_t>::min()),
        Value(4.2e9),
        Value(-0.0),
        Value(std::numeric_limits<double>::infinity()),
        Value(std::numeric_limits<double>::denorm_min()),
        Value(""),
        Value("Alibaba Cloud 阿里云 Übersicht"),
        Value(std::string("a\0b", 3)),
        Value(Value::List{}),
        Value(Value::List{1, "two", 3.0, Value(), Value::List{true}}),
        Value(Value::Map{}),
        Value(Value::Map{{"amount", 4.2e9}, {"currency", "CNY"}, {"tags", Value::List{"a", "b"}}}),
    };
    for (const Value& v : values) EXPECT_EQ(roundTrip(v), v) << v.toString();
}

TEST(CodecTest, NanRoundTripsAsNan) {
    Value out = roundTrip(Value(std::nan("")));
    ASSERT_TRUE(out.isFloat());
    EXPECT_TRUE(std::isnan(out.asFloat()));
}

TEST(CodecTest, SmallIntegersAreCompact) {
    EXPECT_EQ(encodeValue(Value(5)).size(), 2u);     // tag + one varint byte
    EXPECT_EQ(encodeValue(Value(-5)).size(), 2u);    // zigzag keeps small negatives small
    EXPECT_EQ(encodeValue(Value(true)).size(), 2u);
}

TEST(CodecTest, MalformedInputIsRejectedNotOverread) {
    std::string good = encodeValue(Value(Value::List{"hello", 42}));
    Value out;
    for (size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(decodeValue(good.substr(0, n), out)) << n;
    EXPECT_FALSE(decodeValue(good + "x", out));        // trailing bytes
    EXPECT_FALSE(decodeValue(std::string(1, '\x7f'), out));  // unknown tag
    EXPECT_FALSE(decodeValue(std::string("\x01\x02", 2), out));  // boolean other than 0/1
    // A list that claims more items than there are bytes.
    std::string huge(1, static_cast<char>(Value::Type::LIST));
    putVarint(huge, uint64_t{1} << 40);
    EXPECT_FALSE(decodeValue(huge, out));
    // Nesting beyond the decoder's depth limit fails instead of exhausting the stack.
    std::string deep;
    for (int i = 0; i < 100000; ++i) {
        deep += static_cast<char>(Value::Type::LIST);
        deep += '\x01';
    }
    deep += '\0';
    EXPECT_FALSE(decodeValue(deep, out));
}

TEST(CodecTest, FixedWidthKeysSortNumerically) {
    std::string a, b;
    putFixed64(a, 255);
    putFixed64(b, 256);
    EXPECT_LT(a, b);
    EXPECT_EQ(readFixed64(b.data()), 256u);
    std::string c;
    putFixed32(c, 0xdeadbeef);
    EXPECT_EQ(readFixed32(c.data()), 0xdeadbeefu);
}

TEST(RecordsTest, NodeAndRelationshipRoundTrip) {
    NodeRecord n;
    n.id = 7;
    n.labels = {1, 4};
    n.properties = {{2, Value("Baidu")}, {3, Value(Value::List{"百度"})}};
    NodeRecord back;
    ASSERT_TRUE(records::decodeNode(7, records::encodeNode(n), back));
    EXPECT_EQ(back.labels, n.labels);
    EXPECT_EQ(back.properties, n.properties);

    RelRecord r;
    r.type = 9;
    r.start = 1;
    r.end = 2;
    r.properties = {{5, Value(4.2e9)}};
    RelRecord rback;
    ASSERT_TRUE(records::decodeRel(3, records::encodeRel(r), rback));
    EXPECT_EQ(rback.id, 3u);
    EXPECT_EQ(rback.type, 9u);
    EXPECT_EQ(rback.start, 1u);
    EXPECT_EQ(rback.end, 2u);
    EXPECT_EQ(rback.properties, r.properties);
}

TEST(RecordsTest, CanonicalizeSortsDropsNullsAndKeepsLastAssignment) {
    PropertyList p = {{3, Value(1)}, {1, Value()}, {2, Value("a")}, {3, Value(2)}};
    records::canonicalize(p);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].first, 2u);
    EXPECT_EQ(p[1].first, 3u);
    EXPECT_EQ(p[1].second, Value(2));
}

}  // namespace
}  // namespace kgraph::storage
