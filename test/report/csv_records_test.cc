#include "lib/report/csv_records.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parbench::report {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvRecordsTest, PlainAndQuotedFields) {
  const std::vector<CsvRecord> r = ReadCsvRecords("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(r[1].fields, (Fields{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(r[1].line, 2);
}

TEST(CsvRecordsTest, AQuotedLineBreakJoinsLinesAndLinesCountOn) {
  const std::vector<CsvRecord> r = ReadCsvRecords("h\r\n\"two\r\nlines\",x\r\nlast\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (Fields{"h"})) << "a CR before the line break is dropped";
  EXPECT_EQ(r[1].fields, (Fields{"two\nlines", "x"}));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].line, 4) << "the record after a two-line one starts on line 4";
}

TEST(CsvRecordsTest, EmptyLinesEmptyFieldsAndAnUnfinishedLastLine) {
  const std::vector<CsvRecord> r = ReadCsvRecords("a,,\n\nz");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "", ""}));
  EXPECT_TRUE(r[1].fields.empty()) << "an empty line has no field";
  EXPECT_EQ(r[2].fields, (Fields{"z"}));
  EXPECT_TRUE(ReadCsvRecords("").empty());
}

TEST(CsvRecordsTest, AQuoteLeftOpenRunsToTheEnd) {
  const std::vector<CsvRecord> r = ReadCsvRecords("\"open,\nmore\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{"open,\nmore"}));
}

}  // namespace
}  // namespace parbench::report
