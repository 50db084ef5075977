#include "common/text.hpp"

#include <gtest/gtest.h>

namespace kgraph {
namespace {

TEST(TextTest, NormalizeNameFoldsCaseAndSpace) {
    EXPECT_EQ(normalizeName("Alibaba Group"), "alibaba group");
    EXPECT_EQ(normalizeName("  ALIBABA \t group "), "alibaba group");
    EXPECT_EQ(normalizeName("Straße"), normalizeName("STRASSE"));
    EXPECT_EQ(normalizeName("ÄRGER"), "ärger");
    EXPECT_EQ(normalizeName("百度"), "百度");
    // NFKC: the ligature and the full-width letters meet their plain forms.
    EXPECT_EQ(normalizeName("ﬁnance"), "finance");
    EXPECT_EQ(normalizeName("ＡＩ"), "ai");
    EXPECT_EQ(normalizeName(""), "");
}

TEST(TextTest, InvalidUtf8IsFoldedBytewise) {
    std::string latin1 = "M\xfcnchen";  // Latin-1, not UTF-8
    EXPECT_FALSE(isValidUtf8(latin1));
    EXPECT_EQ(normalizeName(latin1), "m\xfcnchen");
}

TEST(TextTest, Utf8Validation) {
    EXPECT_TRUE(isValidUtf8("Tencent 腾讯 Übernahme"));
    EXPECT_FALSE(isValidUtf8("\xc3"));          // truncated
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));  // a surrogate
    EXPECT_FALSE(isValidUtf8("\xc0\xaf"));      // overlong
}

}  // namespace
}  // namespace kgraph
