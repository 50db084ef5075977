// The output formats of `kg query`, on results built by hand (no database).
#include "result_format.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace kgraph::tools {
namespace {

// A small investment graph: Alibaba -[INVESTS_IN]-> AI, a path over it.
QueryResult investment() {
    QueryResult r;
    r.nodes[1] = NodeData{1, {"Company"}, {{"name", "Alibaba"}, {"aliases", Value::List{"Alibaba Group"}}}};
    r.nodes[2] = NodeData{2, {"Topic"}, {{"name", "AI"}}};
    r.relationships[7] = RelationshipData{7, "INVESTS_IN", 1, 2, {{"amount", 4.2e9}, {"currency", "CNY"}}};
    return r;
}

// ---------------------------------------------------------------- floats and text

TEST(FormatFloatTest, AlwaysADotOrAnExponent) {
    EXPECT_EQ(formatFloat(0.0), "0.0");
    EXPECT_EQ(formatFloat(-0.0), "-0.0");
    EXPECT_EQ(formatFloat(1.0), "1.0");
    EXPECT_EQ(formatFloat(-3.0), "-3.0");
    EXPECT_EQ(formatFloat(0.4261), "0.4261");
    EXPECT_EQ(formatFloat(0.1), "0.1");
    EXPECT_EQ(formatFloat(1234567.0), "1234567.0");
    EXPECT_EQ(formatFloat(0.001), "0.001");
}

TEST(FormatFloatTest, LargeAndSmallInScientificForm) {
    EXPECT_EQ(formatFloat(4.2e9), "4.2e9");
    EXPECT_EQ(formatFloat(8.0e8), "8.0e8");
    EXPECT_EQ(formatFloat(1e7), "1.0e7");
    EXPECT_EQ(formatFloat(-2.5e10), "-2.5e10");
    EXPECT_EQ(formatFloat(1e-4), "1.0e-4");
    EXPECT_EQ(formatFloat(1.5e-10), "1.5e-10");
    EXPECT_EQ(formatFloat(1e300), "1.0e300");
    EXPECT_EQ(formatFloat(std::numeric_limits<double>::denorm_min()), "5.0e-324");
}

TEST(FormatFloatTest, ShortestTextThatReadsBack) {
    for (double d : {0.1 + 0.2, 1.0 / 3, 2.0 / 3 * 1e12, 123456.789, 1e-3 + 1e-17, 9999999.999999998,
                     std::numeric_limits<double>::max(), -std::numeric_limits<double>::min()}) {
        std::string s = formatFloat(d);
        EXPECT_EQ(std::stod(s), d) << s;
        EXPECT_NE(s.find_first_of(".e"), std::string::npos) << s;
    }
    EXPECT_EQ(formatFloat(0.1 + 0.2), "0.30000000000000004");
}

TEST(FormatFloatTest, NanAndInfinities) {
    EXPECT_EQ(formatFloat(std::nan("")), "NaN");
    EXPECT_EQ(formatFloat(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(formatFloat(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(Utf8Test, ValidTextPassesThrough) {
    for (std::string s : {"", "abc", "Straße", "阿里巴巴", "🙂 emoji", "\x7f", "e\xCC\x81"})
        EXPECT_EQ(toValidUtf8(s), s);
}

TEST(Utf8Test, InvalidBytesBecomeReplacementCharacters) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(toValidUtf8("a\xFF" "b"), "a" + fffd + "b");
    EXPECT_EQ(toValidUtf8("\xC3"), fffd);                       // truncated at the end
    EXPECT_EQ(toValidUtf8("\xE4\xB8" "a"), fffd + "a");         // one maximal subpart, one U+FFFD
    EXPECT_EQ(toValidUtf8("\xC0\xAF"), fffd + fffd);            // overlong '/'
    EXPECT_EQ(toValidUtf8("\xED\xA0\x80"), fffd + fffd + fffd);  // a surrogate
    EXPECT_EQ(toValidUtf8("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // past U+10FFFF
    EXPECT_EQ(toValidUtf8("\x80\x80"), fffd + fffd);
}

TEST(DisplayWidthTest, CountsColumnsNotBytes) {
    EXPECT_EQ(displayWidth(""), 0u);
    EXPECT_EQ(displayWidth("Alibaba"), 7u);
    EXPECT_EQ(displayWidth("Straße"), 6u);
    EXPECT_EQ(displayWidth("阿里巴巴"), 8u);    // wide
    EXPECT_EQ(displayWidth("ＡＢ"), 4u);        // full-width
    EXPECT_EQ(displayWidth("e\xCC\x81"), 1u);  // e + combining acute
    EXPECT_EQ(displayWidth("a\xE2\x80\x8B" "b"), 2u);  // zero-width space
    EXPECT_EQ(displayWidth("\xFF"), 1u);
}

TEST(JsonStringTest, Escapes) {
    EXPECT_EQ(jsonString("plain"), "\"plain\"");
    EXPECT_EQ(jsonString("say \"hi\" \\ /"), "\"say \\\"hi\\\" \\\\ /\"");
    EXPECT_EQ(jsonString("a\nb\tc\rd\be\ff"), "\"a\\nb\\tc\\rd\\be\\ff\"");
    EXPECT_EQ(jsonString(std::string("\x01\x1f\0z", 4)), "\"\\u0001\\u001f\\u0000z\"");
    EXPECT_EQ(jsonString("阿里 \xE2\x80\xA8"), "\"阿里 \xE2\x80\xA8\"");  // valid UTF-8 stays as it is
    EXPECT_EQ(jsonString("bad\xFF"), "\"bad\xEF\xBF\xBD\"");
}

// ---------------------------------------------------------------- values

TEST(JsonValueTest, Scalars) {
    QueryResult r;
    EXPECT_EQ(jsonValue(Value(), r), "null");
    EXPECT_EQ(jsonValue(Value(true), r), "true");
    EXPECT_EQ(jsonValue(Value(-42), r), "-42");
    EXPECT_EQ(jsonValue(Value(std::numeric_limits<int64_t>::min()), r), "-9223372036854775808");
    EXPECT_EQ(jsonValue(Value(3.0), r), "3.0");
    EXPECT_EQ(jsonValue(Value(4.2e9), r), "4.2e9");
    EXPECT_EQ(jsonValue(Value(std::nan("")), r), "NaN");
    EXPECT_EQ(jsonValue(Value(-std::numeric_limits<double>::infinity()), r), "-Infinity");
    EXPECT_EQ(jsonValue(Value("x"), r), "\"x\"");
    EXPECT_EQ(jsonValue(Value(Value::List{1, 2.5, "a", Value(), Value::List{}}), r), "[1,2.5,\"a\",null,[]]");
    EXPECT_EQ(jsonValue(Value(Value::Map{{"b", 1}, {"a", Value::Map{}}}), r), "{\"a\":{},\"b\":1}");
}

TEST(JsonValueTest, NodesRelationshipsAndPathsAreExpanded) {
    QueryResult r = investment();
    EXPECT_EQ(jsonValue(Value(Value::Node{1}), r),
              R"({"id":1,"labels":["Company"],"properties":{"aliases":["Alibaba Group"],"name":"Alibaba"}})");
    EXPECT_EQ(jsonValue(Value(Value::Relationship{7}), r),
              R"({"id":7,"type":"INVESTS_IN","start":1,"end":2,"properties":{"amount":4.2e9,"currency":"CNY"}})");
    EXPECT_EQ(jsonValue(Value(Value::Path{{1, 2}, {7}}), r),
              R"({"nodes":[{"id":1,"labels":["Company"],"properties":{"aliases":["Alibaba Group"],"name":"Alibaba"}},)"
              R"({"id":2,"labels":["Topic"],"properties":{"name":"AI"}}],)"
              R"("relationships":[{"id":7,"type":"INVESTS_IN","start":1,"end":2,)"
              R"("properties":{"amount":4.2e9,"currency":"CNY"}}]})");
    EXPECT_EQ(jsonValue(Value(Value::Path{{2}, {}}), r),
              R"({"nodes":[{"id":2,"labels":["Topic"],"properties":{"name":"AI"}}],"relationships":[]})");
    // Inside lists and maps too.
    EXPECT_EQ(jsonValue(Value(Value::Map{{"n", Value::List{Value::Node{2}}}}), r),
              R"({"n":[{"id":2,"labels":["Topic"],"properties":{"name":"AI"}}]})");
}

TEST(JsonValueTest, ElementsTheResultDoesNotDescribe) {
    QueryResult r;
    EXPECT_EQ(jsonValue(Value(Value::Node{5}), r), R"({"id":5,"labels":[],"properties":{}})");
    EXPECT_EQ(jsonValue(Value(Value::Relationship{6}), r),
              R"({"id":6,"type":null,"start":null,"end":null,"properties":{}})");
}

TEST(CypherLiteralTest, Scalars) {
    QueryResult r;
    EXPECT_EQ(cypherLiteral(Value(), r), "null");
    EXPECT_EQ(cypherLiteral(Value(false), r), "false");
    EXPECT_EQ(cypherLiteral(Value(12), r), "12");
    EXPECT_EQ(cypherLiteral(Value(0.5), r), "0.5");
    EXPECT_EQ(cypherLiteral(Value("it's a \\ \n"), r), R"('it\'s a \\ \n')");
    EXPECT_EQ(cypherLiteral(Value(Value::List{1, "a", Value::List{2.0}}), r), "[1, 'a', [2.0]]");
    EXPECT_EQ(cypherLiteral(Value(Value::Map{{"name", "x"}, {"odd key", 1}, {"größe", 2}, {"1st", 3}}), r),
              "{`1st`: 3, größe: 2, name: 'x', `odd key`: 1}");
    EXPECT_EQ(cypherLiteral(Value(Value::Map{{"a`b", 1}}), r), "{`a``b`: 1}");
}

TEST(CypherLiteralTest, NodesRelationshipsPaths) {
    QueryResult r = investment();
    r.nodes[3] = NodeData{3, {}, {}};
    r.nodes[4] = NodeData{4, {"Company", "Organization"}, {}};
    r.relationships[8] = RelationshipData{8, "SUBSIDIARY_OF", 4, 1, {}};
    EXPECT_EQ(cypherLiteral(Value(Value::Node{1}), r), "(:Company {aliases: ['Alibaba Group'], name: 'Alibaba'})");
    EXPECT_EQ(cypherLiteral(Value(Value::Node{3}), r), "()");
    EXPECT_EQ(cypherLiteral(Value(Value::Node{4}), r), "(:Company:Organization)");
    EXPECT_EQ(cypherLiteral(Value(Value::Node{99}), r), "(#99)");
    EXPECT_EQ(cypherLiteral(Value(Value::Relationship{7}), r), "[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]");
    EXPECT_EQ(cypherLiteral(Value(Value::Relationship{8}), r), "[:SUBSIDIARY_OF]");
    // A path walks relationships either way; the arrow shows which way each points.
    EXPECT_EQ(cypherLiteral(Value(Value::Path{{4, 1, 2}, {8, 7}}), r),
              "(:Company:Organization)-[:SUBSIDIARY_OF]->(:Company {aliases: ['Alibaba Group'], name: 'Alibaba'})"
              "-[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]->(:Topic {name: 'AI'})");
    EXPECT_EQ(cypherLiteral(Value(Value::Path{{2, 1}, {7}}), r),
              "(:Topic {name: 'AI'})<-[:INVESTS_IN {amount: 4.2e9, currency: 'CNY'}]-"
              "(:Company {aliases: ['Alibaba Group'], name: 'Alibaba'})");
}

TEST(CellTest, TopLevelStringsUnquotedOnOneLine) {
    QueryResult r;
    EXPECT_EQ(cell(Value("Alibaba"), r), "Alibaba");
    EXPECT_EQ(cell(Value("two\nlines\tand tab"), r), "two\\nlines\\tand tab");
    EXPECT_EQ(cell(Value(std::string("nul\0", 4)), r), "nul\\u0000");
    EXPECT_EQ(cell(Value("bad\xFF"), r), "bad\xEF\xBF\xBD");
    EXPECT_EQ(cell(Value(Value::List{"a"}), r), "['a']");
}

TEST(DescribeChangesTest, NamesWhatChanged) {
    QueryStats s;
    EXPECT_EQ(describeChanges(s), "");
    s.nodesCreated = 2;
    s.propertiesSet = 3;
    EXPECT_EQ(describeChanges(s), "Nodes created: 2, properties set: 3");
    QueryStats d;
    d.relationshipsDeleted = 1;
    d.labelsRemoved = 4;
    EXPECT_EQ(describeChanges(d), "Relationships deleted: 1, labels removed: 4");
}

// ---------------------------------------------------------------- whole results

QueryResult companies() {
    QueryResult r;
    r.columns = {"c.name", "amount", "n"};
    r.rows = {{"Alibaba", 4.2e9, 1}, {"阿里巴巴", Value(), 12345}, {"Tencent", 0.5, Value()}};
    return r;
}

TEST(JsonFormatTest, OneLinePerStatement) {
    EXPECT_EQ(formatResult(companies(), OutputFormat::JSON),
              "{\"columns\":[\"c.name\",\"amount\",\"n\"],\"rows\":[[\"Alibaba\",4.2e9,1],[\"阿里巴巴\",null,12345],"
              "[\"Tencent\",0.5,null]]}\n");
    EXPECT_EQ(formatResult(QueryResult{}, OutputFormat::JSON), "{\"columns\":[],\"rows\":[]}\n");
    QueryResult empty;
    empty.columns = {"x"};
    EXPECT_EQ(formatResult(empty, OutputFormat::JSON), "{\"columns\":[\"x\"],\"rows\":[]}\n");
}

TEST(JsonFormatTest, ExplainAddsThePlan) {
    QueryResult r;
    r.plan = "Produce\n  Scan";
    EXPECT_EQ(formatResult(r, OutputFormat::JSON), "{\"columns\":[],\"rows\":[],\"plan\":\"Produce\\n  Scan\"}\n");
}

TEST(TableFormatTest, BoxWithHeaderRowsAndCount) {
    EXPECT_EQ(formatResult(companies(), OutputFormat::TABLE),
              "┌──────────┬───────────────┬───────┐\n"
              "│ c.name   │ amount        │ n     │\n"
              "├──────────┼───────────────┼───────┤\n"
              "│ Alibaba  │ 4,200,000,000 │     1 │\n"
              "│ 阿里巴巴 │          null │ 12345 │\n"
              "│ Tencent  │           0.5 │  null │\n"
              "└──────────┴───────────────┴───────┘\n"
              "3 rows\n");
}

// Amounts read best as grouped digits; what is not a whole number in that range keeps formatFloat's form.
TEST(TableFormatTest, WholeFloatsFromTenMillionAreGrouped) {
    QueryResult r;
    EXPECT_EQ(cell(Value(2.3e10), r), "23,000,000,000");
    EXPECT_EQ(cell(Value(-1.0e7), r), "-10,000,000");
    EXPECT_EQ(cell(Value(9999999.0), r), "9999999.0");
    EXPECT_EQ(cell(Value(12345678.5), r), "1.23456785e7");
    EXPECT_EQ(cell(Value(1.0e16), r), "1.0e16");
    EXPECT_EQ(cell(Value(Value::List{Value(4.2e9)}), r), "[4.2e9]");
}

TEST(TableFormatTest, FooterNoteGoesOnTheFirstFooterLine) {
    EXPECT_TRUE(formatResult(companies(), OutputFormat::TABLE, 0, "1.5 ms").ends_with("3 rows (1.5 ms)\n"));
    QueryResult created;
    created.stats.nodesCreated = 2;
    EXPECT_EQ(formatResult(created, OutputFormat::TABLE, 0, "1.5 ms"), "Nodes created: 2 (1.5 ms)\n");
    EXPECT_EQ(formatResult(QueryResult{}, OutputFormat::TABLE, 0, "1.5 ms"), "(no changes, no rows) (1.5 ms)\n");
}

TEST(TableFormatTest, OneRowAndChanges) {
    QueryResult r = investment();
    r.columns = {"a"};
    r.rows = {{Value::Node{2}}};
    r.stats.nodesCreated = 1;
    r.stats.propertiesSet = 1;
    r.stats.labelsAdded = 1;
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE),
              "┌───────────────────────┐\n"
              "│ a                     │\n"
              "├───────────────────────┤\n"
              "│ (:Topic {name: 'AI'}) │\n"
              "└───────────────────────┘\n"
              "1 row\n"
              "Nodes created: 1, properties set: 1, labels added: 1\n");
}

TEST(TableFormatTest, NoRows) {
    QueryResult r;
    r.columns = {"name"};
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE),
              "┌──────┐\n"
              "│ name │\n"
              "└──────┘\n"
              "0 rows\n");
}

TEST(TableFormatTest, StatementWithoutReturn) {
    QueryResult r;
    r.stats.nodesCreated = 2;
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE), "Nodes created: 2\n");
    EXPECT_EQ(formatResult(QueryResult{}, OutputFormat::TABLE), "(no changes, no rows)\n");
}

TEST(TableFormatTest, CellsStayOnOneLine) {
    QueryResult r;
    r.columns = {"multi\nline"};
    r.rows = {{"a\nb"}};
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE),
              "┌─────────────┐\n"
              "│ multi\\nline │\n"
              "├─────────────┤\n"
              "│ a\\nb        │\n"
              "└─────────────┘\n"
              "1 row\n");
}

TEST(TableFormatTest, NarrowedToFitTheTerminal) {
    QueryResult r;
    r.columns = {"name", "sentence"};
    r.rows = {{"Alibaba", "Alibaba doubled its investment in AI despite US export controls"}, {"阿里巴巴", "short"}};
    std::string out = formatResult(r, OutputFormat::TABLE, 40);
    EXPECT_EQ(out,
              "┌──────────┬───────────────────────────┐\n"
              "│ name     │ sentence                  │\n"
              "├──────────┼───────────────────────────┤\n"
              "│ Alibaba  │ Alibaba doubled its inve… │\n"
              "│ 阿里巴巴 │ short                     │\n"
              "└──────────┴───────────────────────────┘\n"
              "2 rows\n");
    // Wide enough: nothing cut; no limit: nothing cut.
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE, 200), formatResult(r, OutputFormat::TABLE));
    // Columns stop narrowing at kMinColumnWidth; the table is then wider than asked.
    std::string narrow = formatResult(r, OutputFormat::TABLE, 10);
    EXPECT_NE(narrow.find("│ 阿里巴巴 │ short    │"), std::string::npos) << narrow;
    EXPECT_NE(narrow.find("│ Alibaba  │ Alibaba… │"), std::string::npos) << narrow;
    r.rows[1][0] = "阿里巴巴集团";
    narrow = formatResult(r, OutputFormat::TABLE, 10);
    EXPECT_NE(narrow.find("│ 阿里巴…  │ short    │"), std::string::npos) << narrow;
}

TEST(TruncateToWidthTest, CutsAtCharacters) {
    EXPECT_EQ(truncateToWidth("Alibaba", 7), "Alibaba");
    EXPECT_EQ(truncateToWidth("Alibaba", 6), "Aliba…");
    EXPECT_EQ(truncateToWidth("阿里巴巴", 6), "阿里…");
    EXPECT_EQ(truncateToWidth("阿里巴巴", 5), "阿里…");
    EXPECT_EQ(truncateToWidth("abc", 1), "…");
}

TEST(TableFormatTest, ExplainPrintsThePlan) {
    QueryResult r;
    r.plan = "Produce\n  Scan\n";
    EXPECT_EQ(formatResult(r, OutputFormat::TABLE), "Produce\n  Scan\n");
}

TEST(CsvFormatTest, HeaderRowsAndQuoting) {
    QueryResult r = investment();
    r.columns = {"name", "note", "v"};
    r.rows = {
        {"Alibaba", "a,b", 1},
        {"say \"hi\"", "two\nlines", 2.5},
        {"", Value(), true},
        {"x", Value::List{1, "a"}, Value::Node{2}},
    };
    EXPECT_EQ(formatResult(r, OutputFormat::CSV),
              "name,note,v\n"
              "Alibaba,\"a,b\",1\n"
              "\"say \"\"hi\"\"\",\"two\nlines\",2.5\n"
              "\"\",,true\n"
              "x,\"[1,\"\"a\"\"]\",\"{\"\"id\"\":2,\"\"labels\"\":[\"\"Topic\"\"],\"\"properties\"\":{\"\"name\"\":\"\"AI\"\"}}\"\n");
}

TEST(CsvFormatTest, NothingForAStatementWithoutColumns) {
    EXPECT_EQ(formatResult(QueryResult{}, OutputFormat::CSV), "");
    EXPECT_EQ(formatResult(QueryResult{}, OutputFormat::TSV), "");
}

TEST(TsvFormatTest, EscapesTabsNewlinesAndBackslashes) {
    QueryResult r;
    r.columns = {"a\tb", "c"};
    r.rows = {{"x\ty", "1\n2\r3\\4"}, {Value(), std::nan("")}, {"q\"uote,", Value::Map{{"k", "v"}}}};
    EXPECT_EQ(formatResult(r, OutputFormat::TSV),
              "a\\tb\tc\n"
              "x\\ty\t1\\n2\\r3\\\\4\n"
              "\tNaN\n"
              "q\"uote,\t{\"k\":\"v\"}\n");
}

TEST(CsvFormatTest, ExplainAsATableOfItsOwn) {
    QueryResult r;
    r.columns = {"n"};
    r.rows = {{1}};
    r.plan = "Produce, rows: 1\n  Scan";
    EXPECT_EQ(formatResult(r, OutputFormat::CSV), "n\n1\n\nplan\n\"Produce, rows: 1\"\n  Scan\n");
}

TEST(OutputFormatTest, Names) {
    EXPECT_EQ(parseOutputFormat("table"), OutputFormat::TABLE);
    EXPECT_EQ(parseOutputFormat("json"), OutputFormat::JSON);
    EXPECT_EQ(parseOutputFormat("csv"), OutputFormat::CSV);
    EXPECT_EQ(parseOutputFormat("tsv"), OutputFormat::TSV);
    EXPECT_EQ(parseOutputFormat("xml"), std::nullopt);
    EXPECT_EQ(statementSeparator(OutputFormat::JSON), "");
    EXPECT_EQ(statementSeparator(OutputFormat::TABLE), "\n");
}

}  // namespace
}  // namespace kgraph::tools
