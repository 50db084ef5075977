#include "ingest/csv/import_header.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kgraph::ingest {
namespace {

Column onlyColumn(std::string_view field) {
    auto columns = parseHeader({field});
    EXPECT_TRUE(columns.isOk()) << field << ": " << columns.status().toString();
    if (!columns.isOk() || columns->size() != 1) return Column{ColumnKind::IGNORE, "<error>", ""};
    return columns->front();
}

std::string headerError(const std::vector<std::string_view>& fields) {
    auto columns = parseHeader(fields);
    EXPECT_FALSE(columns.isOk());
    if (columns.isOk()) return "";
    EXPECT_EQ(columns.status().code(), StatusCode::INVALID_INPUT);
    return columns.status().message();
}

Column property(PropertyType type, bool isArray = false) {
    Column column;
    column.kind = ColumnKind::PROPERTY;
    column.name = "p";
    column.type = type;
    column.isArray = isArray;
    return column;
}

Value parsed(std::string_view text, PropertyType type, bool isArray = false) {
    auto value = parseField(text, property(type, isArray));
    EXPECT_TRUE(value.isOk()) << "'" << text << "': " << value.status().toString();
    return value.isOk() ? value.value() : Value("<error>");
}

std::string fieldError(std::string_view text, PropertyType type, bool isArray = false) {
    auto value = parseField(text, property(type, isArray));
    EXPECT_FALSE(value.isOk()) << "'" << text << "' parsed as " << value->toString();
    if (value.isOk()) return "";
    EXPECT_EQ(value.status().code(), StatusCode::INVALID_INPUT);
    return value.status().message();
}

// --- Header ---

TEST(ImportHeaderTest, NodeHeader) {
    auto columns =
        parseHeader({"id:ID(Person)", ":LABEL", "name:string", "born:int", "tags:string[]"});
    ASSERT_TRUE(columns.isOk()) << columns.status().toString();
    ASSERT_EQ(columns->size(), 5u);
    const auto& c = *columns;
    EXPECT_EQ(c[0].kind, ColumnKind::ID);
    EXPECT_EQ(c[0].name, "id");
    EXPECT_EQ(c[0].idSpace, "Person");
    EXPECT_EQ(c[1].kind, ColumnKind::LABEL);
    EXPECT_EQ(c[2].kind, ColumnKind::PROPERTY);
    EXPECT_EQ(c[2].name, "name");
    EXPECT_EQ(c[2].type, PropertyType::STRING);
    EXPECT_FALSE(c[2].isArray);
    EXPECT_EQ(c[3].type, PropertyType::INT);
    EXPECT_EQ(c[3].name, "born");
    EXPECT_EQ(c[4].name, "tags");
    EXPECT_EQ(c[4].type, PropertyType::STRING);
    EXPECT_TRUE(c[4].isArray);
}

TEST(ImportHeaderTest, RelationshipHeader) {
    auto columns = parseHeader({":START_ID(Person)", ":END_ID(Company)", ":TYPE", "since:long"});
    ASSERT_TRUE(columns.isOk()) << columns.status().toString();
    ASSERT_EQ(columns->size(), 4u);
    const auto& c = *columns;
    EXPECT_EQ(c[0].kind, ColumnKind::START_ID);
    EXPECT_EQ(c[0].idSpace, "Person");
    EXPECT_EQ(c[1].kind, ColumnKind::END_ID);
    EXPECT_EQ(c[1].idSpace, "Company");
    EXPECT_EQ(c[2].kind, ColumnKind::TYPE);
    EXPECT_EQ(c[3].kind, ColumnKind::PROPERTY);
    EXPECT_EQ(c[3].name, "since");
    EXPECT_EQ(c[3].type, PropertyType::INT);
}

TEST(ImportHeaderTest, IdForms) {
    Column named = onlyColumn("name:ID");
    EXPECT_EQ(named.kind, ColumnKind::ID);
    EXPECT_EQ(named.name, "name");
    EXPECT_EQ(named.idSpace, "");

    Column bare = onlyColumn(":ID");
    EXPECT_EQ(bare.kind, ColumnKind::ID);
    EXPECT_EQ(bare.name, "");
    EXPECT_EQ(bare.idSpace, "");

    Column spaced = onlyColumn(":ID(Space)");
    EXPECT_EQ(spaced.kind, ColumnKind::ID);
    EXPECT_EQ(spaced.name, "");
    EXPECT_EQ(spaced.idSpace, "Space");

    Column both = onlyColumn("name:ID(Space)");
    EXPECT_EQ(both.kind, ColumnKind::ID);
    EXPECT_EQ(both.name, "name");
    EXPECT_EQ(both.idSpace, "Space");

    Column colonInSpace = onlyColumn(":ID(a:b)");
    EXPECT_EQ(colonInSpace.kind, ColumnKind::ID);
    EXPECT_EQ(colonInSpace.idSpace, "a:b");
}

TEST(ImportHeaderTest, StartAndEndIdWithoutSpace) {
    auto columns = parseHeader({":START_ID", ":END_ID"});
    ASSERT_TRUE(columns.isOk()) << columns.status().toString();
    EXPECT_EQ((*columns)[0].kind, ColumnKind::START_ID);
    EXPECT_EQ((*columns)[0].idSpace, "");
    EXPECT_EQ((*columns)[1].kind, ColumnKind::END_ID);
    EXPECT_EQ((*columns)[1].idSpace, "");
}

TEST(ImportHeaderTest, IgnoreColumnsMayRepeat) {
    auto columns = parseHeader({":IGNORE", "x:IGNORE", "name"});
    ASSERT_TRUE(columns.isOk()) << columns.status().toString();
    EXPECT_EQ((*columns)[0].kind, ColumnKind::IGNORE);
    EXPECT_EQ((*columns)[1].kind, ColumnKind::IGNORE);
    EXPECT_EQ((*columns)[2].kind, ColumnKind::PROPERTY);
}

TEST(ImportHeaderTest, PlainNameIsStringProperty) {
    Column c = onlyColumn("firstName");
    EXPECT_EQ(c.kind, ColumnKind::PROPERTY);
    EXPECT_EQ(c.name, "firstName");
    EXPECT_EQ(c.type, PropertyType::STRING);
    EXPECT_FALSE(c.isArray);
}

TEST(ImportHeaderTest, KindsAreCaseInsensitive) {
    Column id = onlyColumn(":id(person)");
    EXPECT_EQ(id.kind, ColumnKind::ID);
    EXPECT_EQ(id.idSpace, "person");  // the space name keeps its case
    EXPECT_EQ(onlyColumn(":label").kind, ColumnKind::LABEL);
    EXPECT_EQ(onlyColumn(":Start_Id(P)").kind, ColumnKind::START_ID);
    EXPECT_EQ(onlyColumn(":end_id(P)").kind, ColumnKind::END_ID);
    EXPECT_EQ(onlyColumn(":type").kind, ColumnKind::TYPE);
    EXPECT_EQ(onlyColumn(":Ignore").kind, ColumnKind::IGNORE);
}

TEST(ImportHeaderTest, EveryTypeName) {
    struct Case {
        std::string_view field;
        PropertyType type;
    };
    const Case cases[] = {
        {"a:int", PropertyType::INT},
        {"a:long", PropertyType::INT},
        {"a:short", PropertyType::INT},
        {"a:byte", PropertyType::INT},
        {"a:float", PropertyType::FLOAT},
        {"a:double", PropertyType::FLOAT},
        {"a:boolean", PropertyType::BOOLEAN},
        {"a:string", PropertyType::STRING},
        {"a:char", PropertyType::STRING},
        {"a:date", PropertyType::STRING},
        {"a:localtime", PropertyType::STRING},
        {"a:time", PropertyType::STRING},
        {"a:localdatetime", PropertyType::STRING},
        {"a:datetime", PropertyType::STRING},
        {"a:duration", PropertyType::STRING},
        {"a:point", PropertyType::STRING},
        {"firstName:STRING", PropertyType::STRING},
        {"birthday:LONG", PropertyType::INT},
        {"length:INT", PropertyType::INT},
        {"score:Double", PropertyType::FLOAT},
        {"ok:BOOLEAN", PropertyType::BOOLEAN},
    };
    for (const Case& c : cases) {
        Column column = onlyColumn(c.field);
        EXPECT_EQ(column.kind, ColumnKind::PROPERTY) << c.field;
        EXPECT_EQ(column.type, c.type) << c.field;
        EXPECT_FALSE(column.isArray) << c.field;
        EXPECT_EQ(column.name, c.field.substr(0, c.field.find(':'))) << c.field;
    }
}

TEST(ImportHeaderTest, ArrayTypes) {
    Column ints = onlyColumn("scores:INT[]");
    EXPECT_EQ(ints.type, PropertyType::INT);
    EXPECT_TRUE(ints.isArray);
    Column floats = onlyColumn("w:double[]");
    EXPECT_EQ(floats.type, PropertyType::FLOAT);
    EXPECT_TRUE(floats.isArray);
    Column bools = onlyColumn("flags:boolean[]");
    EXPECT_EQ(bools.type, PropertyType::BOOLEAN);
    EXPECT_TRUE(bools.isArray);
}

TEST(ImportHeaderTest, UnknownTypeNamesTheColumn) {
    EXPECT_EQ(headerError({"id:ID", "name", "age:intt"}),
              "column 3 'age:intt': unknown type 'intt'");
    EXPECT_EQ(headerError({"x:intt[]"}), "column 1 'x:intt[]': unknown type 'intt'");
}

TEST(ImportHeaderTest, UnknownKindNamesTheColumn) {
    std::string message = headerError({":ID", ":LABELS"});
    EXPECT_NE(message.find("column 2 ':LABELS'"), std::string::npos) << message;
    EXPECT_NE(message.find("'LABELS'"), std::string::npos) << message;
}

TEST(ImportHeaderTest, MalformedColumns) {
    EXPECT_NE(headerError({":int"}).find("empty property name"), std::string::npos);
    EXPECT_NE(headerError({""}).find("column 1"), std::string::npos);
    EXPECT_NE(headerError({"a:"}).find("missing type"), std::string::npos);
    EXPECT_NE(headerError({":ID()"}).find("malformed id space"), std::string::npos);
    EXPECT_NE(headerError({":ID(Person"}).find("column 1"), std::string::npos);
    EXPECT_NE(headerError({":LABEL(x)"}).find("no id space"), std::string::npos);
    EXPECT_NE(headerError({"a:int(x)"}).find("no id space"), std::string::npos);
    EXPECT_NE(headerError({":ID[]"}).find("cannot be an array"), std::string::npos);
}

TEST(ImportHeaderTest, DuplicateSpecialColumns) {
    const std::vector<std::vector<std::string_view>> headers = {
        {":ID", "x", "other:ID(P)"},
        {":LABEL", ":label"},
        {":START_ID", ":END_ID", ":START_ID(X)"},
        {":START_ID", ":END_ID", ":END_ID"},
        {":TYPE", "w:int", ":TYPE"},
    };
    for (const auto& header : headers) {
        std::string message = headerError(header);
        EXPECT_NE(message.find("duplicate"), std::string::npos) << message;
        std::string column = "column " + std::to_string(header.size()) + " ";
        EXPECT_EQ(message.rfind(column, 0), 0u) << message;
    }
}

TEST(ImportHeaderTest, EmptyHeaderHasNoColumns) {
    auto columns = parseHeader({});
    ASSERT_TRUE(columns.isOk());
    EXPECT_TRUE(columns->empty());
}

// --- Fields ---

TEST(ParseFieldTest, EmptyFieldIsNull) {
    for (PropertyType type : {PropertyType::STRING, PropertyType::INT, PropertyType::FLOAT,
                              PropertyType::BOOLEAN}) {
        EXPECT_TRUE(parsed("", type).isNull());
        EXPECT_TRUE(parsed("", type, true).isNull());
    }
}

TEST(ParseFieldTest, Strings) {
    Value v = parsed("hello, world", PropertyType::STRING);
    ASSERT_TRUE(v.isString());
    EXPECT_EQ(v.asString(), "hello, world");
    EXPECT_EQ(parsed(" 12 ", PropertyType::STRING), Value(" 12 "));
}

TEST(ParseFieldTest, Integers) {
    EXPECT_EQ(parsed("0", PropertyType::INT), Value(0));
    EXPECT_EQ(parsed("42", PropertyType::INT), Value(42));
    EXPECT_EQ(parsed("-17", PropertyType::INT), Value(-17));
    EXPECT_EQ(parsed("+17", PropertyType::INT), Value(17));
    EXPECT_EQ(parsed("007", PropertyType::INT), Value(7));
    EXPECT_EQ(parsed("1099511627786", PropertyType::INT), Value(int64_t{1099511627786}));
    EXPECT_EQ(parsed("9223372036854775807", PropertyType::INT),
              Value(std::numeric_limits<int64_t>::max()));
    EXPECT_EQ(parsed("-9223372036854775808", PropertyType::INT),
              Value(std::numeric_limits<int64_t>::min()));
    EXPECT_TRUE(parsed("5", PropertyType::INT).isInt());
}

TEST(ParseFieldTest, BadIntegers) {
    EXPECT_EQ(fieldError("12x", PropertyType::INT), "'12x' is not an integer");
    EXPECT_EQ(fieldError("abc", PropertyType::INT), "'abc' is not an integer");
    EXPECT_EQ(fieldError("1.5", PropertyType::INT), "'1.5' is not an integer");
    EXPECT_EQ(fieldError(" 1", PropertyType::INT), "' 1' is not an integer");
    EXPECT_EQ(fieldError("-", PropertyType::INT), "'-' is not an integer");
    EXPECT_EQ(fieldError("+", PropertyType::INT), "'+' is not an integer");
    EXPECT_EQ(fieldError("+-1", PropertyType::INT), "'+-1' is not an integer");
    EXPECT_EQ(fieldError("--1", PropertyType::INT), "'--1' is not an integer");
}

TEST(ParseFieldTest, IntegerOverflow) {
    std::string over = fieldError("9223372036854775808", PropertyType::INT);
    EXPECT_NE(over.find("'9223372036854775808'"), std::string::npos) << over;
    EXPECT_NE(over.find("out of range"), std::string::npos) << over;
    std::string under = fieldError("-9223372036854775809", PropertyType::INT);
    EXPECT_NE(under.find("out of range"), std::string::npos) << under;
}

TEST(ParseFieldTest, LongFieldIsShortenedInMessage) {
    std::string text(1000, '7');
    text += 'x';
    std::string message = fieldError(text, PropertyType::INT);
    EXPECT_LT(message.size(), 100u);
    EXPECT_NE(message.find("is not an integer"), std::string::npos);
}

TEST(ParseFieldTest, Floats) {
    EXPECT_EQ(parsed("1.5", PropertyType::FLOAT), Value(1.5));
    EXPECT_EQ(parsed("-0.25", PropertyType::FLOAT), Value(-0.25));
    EXPECT_EQ(parsed("+2", PropertyType::FLOAT), Value(2.0));
    EXPECT_EQ(parsed("3", PropertyType::FLOAT), Value(3.0));
    EXPECT_EQ(parsed("1e3", PropertyType::FLOAT), Value(1000.0));
    EXPECT_EQ(parsed("2.5E-2", PropertyType::FLOAT), Value(0.025));
    EXPECT_EQ(parsed(".5", PropertyType::FLOAT), Value(0.5));
    EXPECT_TRUE(parsed("3", PropertyType::FLOAT).isFloat());
    // Underflow is a tiny number, not an error.
    Value tiny = parsed("1e-400", PropertyType::FLOAT);
    ASSERT_TRUE(tiny.isFloat());
    EXPECT_GE(tiny.asFloat(), 0.0);
    EXPECT_LT(tiny.asFloat(), 1e-300);
}

TEST(ParseFieldTest, FloatSpecialValues) {
    for (std::string_view nan : {"NaN", "nan", "NAN"}) {
        Value v = parsed(nan, PropertyType::FLOAT);
        ASSERT_TRUE(v.isFloat()) << nan;
        EXPECT_TRUE(std::isnan(v.asFloat())) << nan;
    }
    for (std::string_view inf : {"Infinity", "infinity", "INF", "+Infinity"}) {
        Value v = parsed(inf, PropertyType::FLOAT);
        ASSERT_TRUE(v.isFloat()) << inf;
        EXPECT_EQ(v.asFloat(), std::numeric_limits<double>::infinity()) << inf;
    }
    Value negInf = parsed("-Infinity", PropertyType::FLOAT);
    ASSERT_TRUE(negInf.isFloat());
    EXPECT_EQ(negInf.asFloat(), -std::numeric_limits<double>::infinity());
}

TEST(ParseFieldTest, BadFloats) {
    EXPECT_EQ(fieldError("1.5x", PropertyType::FLOAT), "'1.5x' is not a number");
    EXPECT_EQ(fieldError("abc", PropertyType::FLOAT), "'abc' is not a number");
    EXPECT_EQ(fieldError("1.2.3", PropertyType::FLOAT), "'1.2.3' is not a number");
    EXPECT_EQ(fieldError("0x10", PropertyType::FLOAT), "'0x10' is not a number");
    EXPECT_EQ(fieldError("Infinityy", PropertyType::FLOAT), "'Infinityy' is not a number");
    EXPECT_EQ(fieldError(" 1", PropertyType::FLOAT), "' 1' is not a number");
    EXPECT_EQ(fieldError("+-1", PropertyType::FLOAT), "'+-1' is not a number");
    std::string overflow = fieldError("1e400", PropertyType::FLOAT);
    EXPECT_NE(overflow.find("out of range"), std::string::npos) << overflow;
}

TEST(ParseFieldTest, Booleans) {
    EXPECT_EQ(parsed("true", PropertyType::BOOLEAN), Value(true));
    EXPECT_EQ(parsed("TRUE", PropertyType::BOOLEAN), Value(true));
    EXPECT_EQ(parsed("False", PropertyType::BOOLEAN), Value(false));
    EXPECT_EQ(fieldError("yes", PropertyType::BOOLEAN), "'yes' is not a boolean");
    EXPECT_EQ(fieldError("1", PropertyType::BOOLEAN), "'1' is not a boolean");
    EXPECT_EQ(fieldError("truex", PropertyType::BOOLEAN), "'truex' is not a boolean");
}

TEST(ParseFieldTest, Arrays) {
    EXPECT_EQ(parsed("a;b;c", PropertyType::STRING, true), Value(Value::List{"a", "b", "c"}));
    EXPECT_EQ(parsed("solo", PropertyType::STRING, true), Value(Value::List{"solo"}));
    EXPECT_EQ(parsed("a;;b", PropertyType::STRING, true), Value(Value::List{"a", "", "b"}));
    EXPECT_EQ(parsed("1;-2;3", PropertyType::INT, true), Value(Value::List{1, -2, 3}));
    EXPECT_EQ(parsed("1.5;2", PropertyType::FLOAT, true), Value(Value::List{1.5, 2.0}));
    EXPECT_EQ(parsed("true;FALSE", PropertyType::BOOLEAN, true),
              Value(Value::List{true, false}));
}

TEST(ParseFieldTest, ArrayWithCustomDelimiter) {
    auto value = parseField("1|2|3", property(PropertyType::INT, true), '|');
    ASSERT_TRUE(value.isOk()) << value.status().toString();
    EXPECT_EQ(value.value(), Value(Value::List{1, 2, 3}));
}

TEST(ParseFieldTest, BadArrayItem) {
    EXPECT_EQ(fieldError("1;x;3", PropertyType::INT, true), "'x' is not an integer");
    EXPECT_EQ(fieldError("1;;3", PropertyType::INT, true), "'' is not an integer");
    EXPECT_EQ(fieldError("true;maybe", PropertyType::BOOLEAN, true), "'maybe' is not a boolean");
}

TEST(ParseFieldTest, IdColumnsParseAsStrings) {
    Column id;
    id.kind = ColumnKind::ID;
    auto value = parseField("1099511627786", id);
    ASSERT_TRUE(value.isOk());
    EXPECT_EQ(value.value(), Value("1099511627786"));
}

}  // namespace
}  // namespace kgraph::ingest
