#include "lib/report/text_format.h"

#include "gtest/gtest.h"

namespace parbench::report {
namespace {

// The cases of the awk formatter's test (d27df6f:test/scripts/fmt_awk_test.sh),
// through the C++ formatter.
TEST(TextFormatTest, TimeSig3) {
  EXPECT_EQ(FormatTime(52e6, TimeStyle::kSig3), "52.0 ms");
  EXPECT_EQ(FormatTime(100e6, TimeStyle::kSig3), "100 ms");
  EXPECT_EQ(FormatTime(1500, TimeStyle::kSig3), "1.50 µs");
  EXPECT_EQ(FormatTime(1.5e9, TimeStyle::kSig3), "1.50 s");
  EXPECT_EQ(FormatTime(5, TimeStyle::kSig3), "5.00 ns");
  EXPECT_EQ(FormatTime(999.7, TimeStyle::kSig3), "1.00 µs");
  EXPECT_EQ(FormatTime(99.96e6, TimeStyle::kSig3), "100 ms");
  EXPECT_EQ(FormatTime(1e12, TimeStyle::kSig3), "1000 s");
  EXPECT_EQ(FormatTime(-2e6, TimeStyle::kSig3), "-2.00 ms");
}

TEST(TextFormatTest, TimeShortAndAscii) {
  EXPECT_EQ(FormatTime(6.5e6, TimeStyle::kShort), "6.5 ms");
  EXPECT_EQ(FormatTime(5e6, TimeStyle::kShort), "5 ms");
  EXPECT_EQ(FormatTime(800, TimeStyle::kShort), "800 ns");
  EXPECT_EQ(FormatTime(999.7, TimeStyle::kShort), "1 µs");
  EXPECT_EQ(FormatTime(1e8, TimeStyle::kAscii), "100.00 ms");
  EXPECT_EQ(FormatTime(1500, TimeStyle::kAscii), "1.50 us");
  EXPECT_EQ(FormatTime(1.5e9, TimeStyle::kAscii), "1.500 s");
  EXPECT_EQ(FormatTime(999.999, TimeStyle::kAscii), "1000.00 ns");
  EXPECT_EQ(FormatTime(-2e6, TimeStyle::kAscii), "-2.00 ms");
}

TEST(TextFormatTest, RatiosPercentagesCells) {
  EXPECT_EQ(FormatRatio(1.923), "1.92×");
  EXPECT_EQ(FormatWholePercent(0.9615), "96 %");
  EXPECT_EQ(OneLine("a\tb\r\nc"), "a b c");
  EXPECT_EQ(MarkdownCell("a|b\nc"), "a\\|b c");
}

}  // namespace
}  // namespace parbench::report
