// Tab completion in the REPL, and how it knows where a statement ends.
#include "repl_complete.hpp"

#include <algorithm>
#include <cctype>

#include <gtest/gtest.h>

#include "query/expr/functions.hpp"
#include "statements.hpp"

namespace kgraph::tools {
namespace {

using Names = std::vector<std::string>;

const Vocabulary kVocabulary{{"City", "Company", "Country", "Topic"},
                             {"INVESTS_IN", "IMPOSES"},
                             {"amount", "currency", "name"},
                             {"name", "min"}};

Names candidates(std::string_view line) { return complete(line, kVocabulary).candidates; }

TEST(ReplCompleteTest, LabelsAndTypesAfterAColon) {
    EXPECT_EQ(candidates("MATCH (c:Comp"), Names{"Company"});
    EXPECT_EQ(candidates("MATCH (c:Co"), (Names{"Company", "Country"}));
    EXPECT_EQ(candidates("MATCH (c)-[i:INV"), Names{"INVESTS_IN"});
    EXPECT_EQ(candidates("MATCH (c)-[i:INVESTS_IN|IMP"), Names{"IMPOSES"});
    EXPECT_EQ(complete("MATCH (c:Comp", kVocabulary).wordStart, 9u);
}

TEST(ReplCompleteTest, PropertyKeysAfterADot) {
    EXPECT_EQ(candidates("RETURN c.na"), Names{"name"});
    EXPECT_EQ(candidates("RETURN c.cu"), Names{"currency"});
}

TEST(ReplCompleteTest, ProceduresAfterAlgo) {
    EXPECT_EQ(candidates("CALL algo.pa"), Names{"algo.pagerank"});
    EXPECT_EQ(complete("CALL algo.pa", kVocabulary).wordStart, 5u);
    EXPECT_EQ(candidates("CALL alg"), Names{"algo."});
}

TEST(ReplCompleteTest, Parameters) { EXPECT_EQ(candidates("RETURN $na"), Names{"name"}); }

TEST(ReplCompleteTest, CommandsAtTheStartOfALine) {
    EXPECT_EQ(candidates(":sch"), Names{":schema "});
    EXPECT_EQ(candidates("  :ex"), (Names{":explain ", ":export "}));
    EXPECT_EQ(complete("  :ex", kVocabulary).wordStart, 2u);
}

TEST(ReplCompleteTest, KeywordsInTheCaseTypedAndFunctions) {
    EXPECT_EQ(candidates("MAT"), Names{"MATCH "});
    EXPECT_EQ(candidates("mat"), Names{"match "});
    EXPECT_EQ(candidates("RETURN toUp"), Names{"toUpper("});
    EXPECT_EQ(candidates("RETURN COUN"), Names{"count("});
    EXPECT_TRUE(candidates("RETURN ").empty());
    EXPECT_TRUE(candidates("RETURN zzz").empty());
}

TEST(ReplCompleteTest, CommonPrefixIgnoresCase) {
    EXPECT_EQ(commonPrefix({"Company", "Country"}), "Co");
    EXPECT_EQ(commonPrefix({"toUpper(", "toupper"}), "toUpper");
    EXPECT_EQ(commonPrefix({}), "");
}

// Completion offers only functions the engine knows: the scalar ones of
// query/expr, or those the planner handles itself.
TEST(ReplCompleteTest, EveryFunctionIsKnownToTheEngine) {
    const Names evaluatorsOwn = {"aliases", "avg",   "collect", "count", "endNode", "evidence",
                                 "id",      "labels", "length", "max",   "min",     "nodes",
                                 "percentileCont", "percentileDisc", "relationships", "startNode",
                                 "stDev",   "stDevP", "sum",    "type"};
    for (const std::string& name : functionNames()) {
        bool own = std::find(evaluatorsOwn.begin(), evaluatorsOwn.end(), name) != evaluatorsOwn.end();
        EXPECT_TRUE(own || query::findScalarFunction(name) != nullptr) << name;
    }
}

TEST(StatementEndTest, EndOfLastStatement) {
    EXPECT_EQ(endOfLastStatement("MATCH (n)\n"), 0u);
    EXPECT_EQ(endOfLastStatement("RETURN 1;"), 9u);
    EXPECT_EQ(endOfLastStatement("RETURN 1; MATCH (n)"), 9u);
    EXPECT_EQ(endOfLastStatement("RETURN 'a;b'"), 0u);
    EXPECT_EQ(endOfLastStatement("RETURN 'a;\nb';"), 14u);
    EXPECT_EQ(endOfLastStatement("RETURN 1 // ;\n"), 0u);
    EXPECT_EQ(endOfLastStatement("RETURN 1 /* ; */"), 0u);
    EXPECT_EQ(endOfLastStatement("RETURN `a;b`"), 0u);
}

TEST(StatementEndTest, HasCode) {
    EXPECT_FALSE(hasCode(""));
    EXPECT_FALSE(hasCode("  \n// note\n/* more */ "));
    EXPECT_TRUE(hasCode("RETURN 1"));
    EXPECT_TRUE(hasCode(";"));
}

}  // namespace
}  // namespace kgraph::tools
