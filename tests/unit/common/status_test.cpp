#include <kgraph/status.hpp>

#include <gtest/gtest.h>

namespace kgraph {
namespace {

TEST(StatusTest, DefaultIsOk) {
    Status s;
    EXPECT_TRUE(s.isOk());
    EXPECT_EQ(s.exitCode(), 0);
    EXPECT_EQ(s.toString(), "OK");
}

TEST(StatusTest, EachCodeHasItsExitStatus) {
    EXPECT_EQ(Status::invalidInput("x").exitCode(), 1);
    EXPECT_EQ(Status::notFound("x").exitCode(), 1);
    EXPECT_EQ(Status::usage("x").exitCode(), 2);
    EXPECT_EQ(Status::busy("x").exitCode(), 3);
    EXPECT_EQ(Status::limitExceeded("x").exitCode(), 4);
    EXPECT_EQ(Status::ioError("x").exitCode(), 5);
    EXPECT_EQ(Status::corruption("x").exitCode(), 5);
}

TEST(StatusTest, ContextIsPrefixedToFailuresOnly) {
    EXPECT_EQ(Status::invalidInput("bad row").withContext("a.csv:3: ").message(), "a.csv:3: bad row");
    EXPECT_TRUE(Status::ok().withContext("ignored").isOk());
}

Status failsWhen(bool fail) {
    KG_RETURN_IF_ERROR(fail ? Status::ioError("disk") : Status::ok());
    return Status::invalidInput("reached the end");
}

TEST(StatusTest, ReturnIfErrorReturnsEarly) {
    EXPECT_EQ(failsWhen(true).code(), StatusCode::IO_ERROR);
    EXPECT_EQ(failsWhen(false).code(), StatusCode::INVALID_INPUT);
}

TEST(ResultTest, HoldsValueOrStatus) {
    Result<int> good = 3;
    ASSERT_TRUE(good.isOk());
    EXPECT_EQ(*good, 3);
    EXPECT_TRUE(good.status().isOk());
    Result<int> bad = Status::busy("locked");
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().code(), StatusCode::BUSY);
    EXPECT_EQ(bad.status().message(), "locked");
}

}  // namespace
}  // namespace kgraph
