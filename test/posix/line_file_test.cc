#include "lib/posix/line_file.h"

#include <string>

#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

class LineFileTest : public ::testing::Test {
 protected:
  std::string Contents() const { return scratch_.Contents(); }
  testing::ScratchFile scratch_;
  const std::string& path_ = scratch_.path();
};

TEST_F(LineFileTest, AppendsWholeLines) {
  const int descriptors = testing::OpenDescriptorCount();
  {
    absl::StatusOr<LineFile> file = LineFile::Create(path_);
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_TRUE(file->Append("{\"a\": 1}").ok());
    EXPECT_EQ(Contents(), "{\"a\": 1}\n");  // On disk when Append returns.
    EXPECT_TRUE(file->Append("second").ok());
  }
  EXPECT_EQ(Contents(), "{\"a\": 1}\nsecond\n");
  EXPECT_EQ(testing::OpenDescriptorCount(), descriptors);
}

TEST_F(LineFileTest, NeverWritesOverAFileThatExists) {
  { ASSERT_TRUE(LineFile::Create(path_).ok()); }
  absl::StatusOr<LineFile> again = LineFile::Create(path_);
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
  EXPECT_NE(again.status().message().find("open("), absl::string_view::npos);
}

TEST_F(LineFileTest, RefusesALineBreakInALine) {
  absl::StatusOr<LineFile> file = LineFile::Create(path_);
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(file->Append("one\ntwo")));
  EXPECT_EQ(Contents(), "");
}

TEST(LineFileCreateTest, AMissingFolderIsAnError) {
  absl::StatusOr<LineFile> file = LineFile::Create("/nonexistent-parbench-dir/lines");
  ASSERT_FALSE(file.ok());
  EXPECT_TRUE(absl::IsNotFound(file.status())) << file.status();
}

}  // namespace
}  // namespace parbench
