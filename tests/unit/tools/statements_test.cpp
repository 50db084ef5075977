// Splitting query scripts into statements, and positions mapped back to the script.
#include "statements.hpp"

#include <gtest/gtest.h>

namespace kgraph::tools {
namespace {

std::vector<std::string> texts(std::string_view script) {
    std::vector<std::string> out;
    for (const auto& s : splitStatements(script)) out.emplace_back(s.text);
    return out;
}

using Texts = std::vector<std::string>;

TEST(SplitStatementsTest, OneStatement) {
    EXPECT_EQ(texts("MATCH (n) RETURN n"), Texts{"MATCH (n) RETURN n"});
    EXPECT_EQ(texts("MATCH (n) RETURN n;"), Texts{"MATCH (n) RETURN n"});
    EXPECT_EQ(texts("  \n MATCH (n) RETURN n ; \n"), Texts{"MATCH (n) RETURN n"});
}

TEST(SplitStatementsTest, Several) {
    EXPECT_EQ(texts("CREATE (a);CREATE (b)\n;\nMATCH (n) RETURN count(*)"),
              (Texts{"CREATE (a)", "CREATE (b)", "MATCH (n) RETURN count(*)"}));
}

TEST(SplitStatementsTest, NothingButBlanksAndComments) {
    EXPECT_TRUE(texts("").empty());
    EXPECT_TRUE(texts(" \n\t ").empty());
    EXPECT_TRUE(texts(";;; ;").empty());
    EXPECT_TRUE(texts("// only a comment; really\n/* and; another */ ;").empty());
    EXPECT_EQ(texts(";; RETURN 1 ;;"), Texts{"RETURN 1"});
}

TEST(SplitStatementsTest, SemicolonsInStringsNamesAndComments) {
    EXPECT_EQ(texts("RETURN 'a;b'; RETURN \"c;d\""), (Texts{"RETURN 'a;b'", "RETURN \"c;d\""}));
    EXPECT_EQ(texts("RETURN 'it\\'s; fine'; RETURN 2"), (Texts{"RETURN 'it\\'s; fine'", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN \"a\\\\\"; RETURN 2"), (Texts{"RETURN \"a\\\\\"", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN 1 AS `semi;colon`; RETURN 2"), (Texts{"RETURN 1 AS `semi;colon`", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN 1 AS `a``;b`; RETURN 2"), (Texts{"RETURN 1 AS `a``;b`", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN 1 // not here;\n+ 1; RETURN 2"), (Texts{"RETURN 1 // not here;\n+ 1", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN /* ; */ 1; RETURN 2"), (Texts{"RETURN /* ; */ 1", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN 'it''s'; RETURN 2"), (Texts{"RETURN 'it''s'", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN 1 / 2; RETURN 3"), (Texts{"RETURN 1 / 2", "RETURN 3"}));
}

TEST(SplitStatementsTest, LeadingAndTrailingCommentsAreLeftOut) {
    EXPECT_EQ(texts("// setup\nCREATE (a) // the first\n; /* then */ RETURN 1 /* end */"),
              (Texts{"CREATE (a)", "RETURN 1"}));
}

TEST(SplitStatementsTest, UnterminatedStringOrCommentRunsToTheEnd) {
    EXPECT_EQ(texts("RETURN 1; RETURN 'open; RETURN 3"), (Texts{"RETURN 1", "RETURN 'open; RETURN 3"}));
    EXPECT_EQ(texts("RETURN 1; RETURN 2 /* open; x"), (Texts{"RETURN 1", "RETURN 2"}));
    EXPECT_EQ(texts("RETURN `open; x"), Texts{"RETURN `open; x"});
    EXPECT_EQ(texts("RETURN 'a\\"), Texts{"RETURN 'a\\"});
}

TEST(SplitStatementsTest, ByteOrderMark) {
    auto s = splitStatements("\xEF\xBB\xBFRETURN 1");
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].text, "RETURN 1");
    EXPECT_EQ(s[0].line, 1);
    EXPECT_EQ(s[0].column, 1);
}

TEST(SplitStatementsTest, PositionsInTheScript) {
    std::string script = "CREATE (a);\n\n  MATCH (n)\n  RETURN n; RETURN 'ü'; RETURN 'ü'";
    auto s = splitStatements(script);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].offset, 0u);
    EXPECT_EQ(s[0].line, 1);
    EXPECT_EQ(s[0].column, 1);
    EXPECT_EQ(s[1].text, "MATCH (n)\n  RETURN n");
    EXPECT_EQ(s[1].offset, script.find("MATCH"));
    EXPECT_EQ(s[1].line, 3);
    EXPECT_EQ(s[1].column, 3);
    EXPECT_EQ(s[2].line, 4);
    EXPECT_EQ(s[2].column, 13);
    // Columns count code points, as the parser does: 'ü' is two bytes and one column.
    EXPECT_EQ(s[3].line, 4);
    EXPECT_EQ(s[3].column, 25);
    EXPECT_EQ(s[3].offset, script.rfind("RETURN"));
}

TEST(ScriptPositionTest, FirstLineShiftsTheColumnLaterLinesDoNot) {
    ScriptStatement s{"", 0, 4, 13};
    EXPECT_EQ(toScriptPosition(s, 1, 8).line, 4);
    EXPECT_EQ(toScriptPosition(s, 1, 8).column, 20);
    EXPECT_EQ(toScriptPosition(s, 3, 8).line, 6);
    EXPECT_EQ(toScriptPosition(s, 3, 8).column, 8);
    EXPECT_EQ(toScriptPosition(s, 0, 0).line, 0);  // no position stays none
}

TEST(RelocateMessageTest, RewritesTheLeadingPosition) {
    ScriptStatement s{"", 0, 4, 13};
    EXPECT_EQ(relocateMessage(s, "line 1:8: mismatched input 'RETRN'"), "line 4:20: mismatched input 'RETRN'");
    EXPECT_EQ(relocateMessage(s, "line 2:1: x"), "line 5:1: x");
    EXPECT_EQ(relocateMessage(s, "division by zero"), "division by zero");
    EXPECT_EQ(relocateMessage(s, "line x:1: y"), "line x:1: y");
    EXPECT_EQ(relocateMessage(s, "line 1:2 no colon"), "line 1:2 no colon");
    ScriptStatement start{"", 0, 1, 1};
    EXPECT_EQ(relocateMessage(start, "line 1:8: z"), "line 1:8: z");
}

TEST(ExcerptTest, LineAndCaret) {
    EXPECT_EQ(excerptAt("CREATE (a); MATCH (n) RETRN n", 1, 23), "CREATE (a); MATCH (n) RETRN n\n"
                                                                  "                      ^\n");
    EXPECT_EQ(excerptAt("a\nbcd\r\nef", 2, 2), "bcd\n ^\n");
    EXPECT_EQ(excerptAt("a\n", 5, 1), "");
    // Tabs show as one space, wide characters take two columns.
    EXPECT_EQ(excerptAt("\tRETURN '阿里' x", 1, 14), " RETURN '阿里' x\n"
                                                       "               ^\n");
}

TEST(ExcerptTest, LongLinesAreCutAroundTheColumn) {
    std::string line = std::string(300, 'a') + "XYZ" + std::string(300, 'b');
    std::string e = excerptAt(line, 1, 302, 200);
    size_t nl = e.find('\n');
    std::string shown = e.substr(0, nl);
    std::string caret = e.substr(nl + 1);
    EXPECT_TRUE(shown.starts_with("...a"));
    EXPECT_TRUE(shown.ends_with("b..."));
    EXPECT_EQ(shown.size(), 206u);  // 200 bytes of input and the two marks
    EXPECT_EQ(shown[caret.find('^')], 'Y');
    // At the start of a long line: no mark in front.
    e = excerptAt(line, 1, 1, 200);
    EXPECT_EQ(e.substr(0, 4), "aaaa");
    EXPECT_EQ(e.substr(e.find('\n') + 1), "^\n");
    // Cuts fall between characters.
    std::string wide;
    for (int i = 0; i < 150; ++i) wide += "阿";
    e = excerptAt(wide, 1, 75, 200);
    shown = e.substr(0, e.find('\n'));
    EXPECT_EQ((shown.size() - 6) % 3, 0u);
}

}  // namespace
}  // namespace kgraph::tools
