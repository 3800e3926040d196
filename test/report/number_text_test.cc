#include "lib/report/number_text.h"

#include <limits>

#include "gtest/gtest.h"

namespace parbench::report {
namespace {

// The expected strings are what `jq -n -r 'X'` prints with jq 1.6.
TEST(NumberTextTest, PrintsAsJq) {
  EXPECT_EQ(NumberText(1e-5), "1e-05");
  EXPECT_EQ(NumberText(0.0001), "0.0001");
  EXPECT_EQ(NumberText(1e17), "1e+17");
  EXPECT_EQ(NumberText(1e16), "1e+16");
  EXPECT_EQ(NumberText(1e15), "1000000000000000");
  EXPECT_EQ(NumberText(123456789012345678.0), "123456789012345680");
  EXPECT_EQ(NumberText(0.00012345), "0.00012345");
  EXPECT_EQ(NumberText(0), "0");
  EXPECT_EQ(NumberText(-0.5), "-0.5");
  EXPECT_EQ(NumberText(1.5e300), "1.5e+300");
  EXPECT_EQ(NumberText(5e-324), "5e-324");
  EXPECT_EQ(NumberText(12345678901234567e3), "12345678901234567000");
  EXPECT_EQ(NumberText(1414213.5623730952), "1414213.5623730952");
  EXPECT_EQ(NumberText(100), "100");
}

TEST(NumberTextTest, NonFiniteAsJson2csvWrites) {
  EXPECT_EQ(NumberText(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(NumberText(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(NumberText(-std::numeric_limits<double>::infinity()), "-inf");
}

}  // namespace
}  // namespace parbench::report
