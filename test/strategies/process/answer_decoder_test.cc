// The pool side's answer check: valid answers pass whole and in part; each
// kind of violation is named; junk is never read as a message.
#include "lib/strategies/process/answer_decoder.h"

#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace parbench {
namespace {

std::string Bytes(const std::vector<AnswerMessage>& answers) {
  return std::string(reinterpret_cast<const char*>(answers.data()),
                     answers.size() * sizeof(AnswerMessage));
}

AnswerMessage Answer(std::uint32_t index, const absl::Status& status = absl::OkStatus()) {
  AnswerMessage answer;
  answer.index = index;
  answer.status = ToStatusMessage(status);
  return answer;
}

ProtocolViolation::Kind KindOf(const std::string& bytes, ChunkRange chunk) {
  const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes), chunk);
  EXPECT_TRUE(check.violation.has_value()) << "no violation found";
  return check.violation.has_value() ? check.violation->kind : ProtocolViolation::Kind::kGarbage;
}

TEST(AnswerDecoderTest, ValidAnswersPassWholeAndInPart) {
  std::vector<AnswerMessage> answers = {Answer(4), Answer(5, absl::InvalidArgumentError("bad")),
                                        Answer(6)};
  answers[0].pid = 42;
  answers[0].cpu_nanos = 1000;
  const std::string bytes = Bytes(answers);
  for (std::size_t size = 0; size <= bytes.size(); ++size) {
    const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes.data(), size), {4, 3});
    EXPECT_FALSE(check.violation.has_value()) << size << ": " << check.violation->detail;
    EXPECT_EQ(check.valid, size / sizeof(AnswerMessage));
  }
  absl::StatusOr<TaskResult> failed = ResultFromAnswer(answers[1]);
  EXPECT_TRUE(absl::IsInvalidArgument(failed.status())) << failed.status();
  EXPECT_EQ(failed.status().message(), "bad");
}

TEST(AnswerDecoderTest, EachViolationIsNamed) {
  EXPECT_EQ(KindOf(Bytes({Answer(1), Answer(0)}), {0, 2}), ProtocolViolation::Kind::kOutOfOrder);
  EXPECT_EQ(KindOf(Bytes({Answer(9)}), {0, 2}), ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(Bytes({Answer(0), Answer(1)}), {0, 1}), ProtocolViolation::Kind::kWrongCount);
  EXPECT_EQ(KindOf(Bytes({Answer(0)}) + "x", {0, 1}), ProtocolViolation::Kind::kWrongCount);
  // Only a chunk's first answer carries CPU time and a pid.
  std::vector<AnswerMessage> answers = {Answer(0), Answer(1)};
  answers[1].cpu_nanos = 5;
  EXPECT_EQ(KindOf(Bytes(answers), {0, 2}), ProtocolViolation::Kind::kGarbage);
}

TEST(AnswerDecoderTest, JunkIsCaughtFromItsFirstBytes) {
  // 64 junk bytes, less than one answer: caught by the index they begin with.
  const std::string junk(64, 'Z');
  EXPECT_EQ(KindOf(junk, {0, 1}), ProtocolViolation::Kind::kGarbage);
  // The right index, then a status code absl does not know.
  AnswerMessage answer = Answer(0);
  answer.status.code = 1234;
  const std::string start(reinterpret_cast<const char*>(&answer), 16);
  EXPECT_EQ(KindOf(start, {0, 1}), ProtocolViolation::Kind::kGarbage);
}

TEST(AnswerDecoderTest, AStatusMessageMustBeCleanText) {
  StatusMessage message = ToStatusMessage(absl::InternalError("fine"));
  ASSERT_TRUE(DecodeStatusMessage(message).has_value());
  EXPECT_EQ(DecodeStatusMessage(message)->message(), "fine");

  StatusMessage control = message;
  control.message[1] = '\x01';
  EXPECT_FALSE(DecodeStatusMessage(control).has_value());
  StatusMessage no_nul = message;
  std::memset(no_nul.message, 'Z', sizeof(no_nul.message));
  EXPECT_FALSE(DecodeStatusMessage(no_nul).has_value());
  StatusMessage tail = message;
  tail.message[100] = 'Z';  // After the NUL.
  EXPECT_FALSE(DecodeStatusMessage(tail).has_value());
  StatusMessage ok_with_text = ToStatusMessage(absl::OkStatus());
  ok_with_text.message[0] = 'Z';
  EXPECT_FALSE(DecodeStatusMessage(ok_with_text).has_value());
  StatusMessage bad_code = message;
  bad_code.code = 0x5A5A5A5A;
  EXPECT_FALSE(DecodeStatusMessage(bad_code).has_value());
  // Where a status is read without the answer check (the fork server's
  // replies): junk is an error of its own, not a message.
  const absl::Status garbled = FromStatusMessage(no_nul);
  EXPECT_TRUE(absl::IsDataLoss(garbled)) << garbled;
  EXPECT_FALSE(absl::StrContains(garbled.message(), "ZZZZ")) << garbled;
}

}  // namespace
}  // namespace parbench
