// The pool side's answer check: valid answers pass whole and in part; each
// kind of violation is named; junk is never read as a message; a worker's
// errors are clean, bounded text.
#include "lib/strategies/process/answer_decoder.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace parbench {
namespace {

// The answers to `count` tasks from `first`, each fine with checksum 100 +
// its index but those `failed` names, which fail with `error`.
std::string Answers(std::uint32_t first, std::uint32_t count,
                    std::vector<std::uint32_t> failed = {},
                    const absl::Status& error = absl::InvalidArgumentError("bad")) {
  ChunkAnswers answers;
  answers.Start(first, count);
  for (std::uint32_t k = 0; k < count; ++k) {
    const bool fails = std::find(failed.begin(), failed.end(), first + k) != failed.end();
    answers.Set(k, fails ? absl::StatusOr<std::uint64_t>(error) : 100 + first + k);
  }
  std::int64_t cpu_mark = 0;
  answers.Finish(cpu_mark, /*read_clocks=*/true);
  return std::string(answers.bytes().data(), answers.bytes().size());
}

// The header of `bytes`, changed by `change`, put back.
template <typename Change>
std::string WithHeader(std::string bytes, Change change) {
  AnswerHeader header;
  std::memcpy(&header, bytes.data(), sizeof(header));
  change(header);
  std::memcpy(bytes.data(), &header, sizeof(header));
  return bytes;
}

ProtocolViolation::Kind KindOf(const std::string& bytes, ChunkRange chunk) {
  const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes), chunk);
  EXPECT_TRUE(check.violation.has_value()) << "no violation found";
  return check.violation.has_value() ? check.violation->kind : ProtocolViolation::Kind::kGarbage;
}

TEST(AnswerDecoderTest, AllFineIsEightBytesATask) {
  const std::string bytes = Answers(4, 3);
  EXPECT_EQ(bytes.size(), sizeof(AnswerHeader) + 3 * sizeof(std::uint64_t));
  const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes), {4, 3});
  ASSERT_FALSE(check.violation.has_value()) << check.violation->detail;
  EXPECT_EQ(check.due, bytes.size());
  std::vector<TaskResult> results(3);
  EXPECT_FALSE(TakeAnswers(absl::MakeConstSpan(bytes), absl::MakeSpan(results)).has_value());
  EXPECT_EQ(results[0].checksum, 104u);
  EXPECT_EQ(results[2].checksum, 106u);
  EXPECT_EQ(results[0].worker_pid, getpid());
  EXPECT_GE(results[0].cpu_nanos, 0);
  EXPECT_EQ(results[1].worker_pid, 0);  // Only the chunk's first carries the worker.
}

// A record that does not read the clocks charges no CPU and leaves the mark
// for the next one that does; it still names the worker, with the peak
// memory last read.
TEST(AnswerDecoderTest, ARecordThatSkipsTheClocksLeavesThemToTheNext) {
  ChunkAnswers answers;
  std::int64_t cpu_mark = 0;
  const auto finish = [&answers, &cpu_mark](bool read_clocks) {
    answers.Start(0, 1);
    answers.Set(0, std::uint64_t{7});
    answers.Finish(cpu_mark, read_clocks);
    AnswerHeader header;
    std::memcpy(&header, answers.bytes().data(), sizeof(header));
    return header;
  };
  const AnswerHeader read = finish(true);
  const std::int64_t mark = cpu_mark;
  EXPECT_GT(mark, 0) << "this process has run";
  EXPECT_EQ(read.cpu_nanos, mark);
  EXPECT_GT(read.peak_rss_kib, 0);
  const AnswerHeader skipped = finish(false);
  EXPECT_EQ(skipped.cpu_nanos, 0);
  EXPECT_EQ(cpu_mark, mark);
  EXPECT_EQ(skipped.peak_rss_kib, read.peak_rss_kib);
  EXPECT_EQ(skipped.pid, getpid());
  const AnswerHeader next = finish(true);
  EXPECT_EQ(next.cpu_nanos, cpu_mark - mark);
}

TEST(AnswerDecoderTest, ValidAnswersPassWholeAndInPart) {
  const std::string bytes = Answers(4, 3, {5, 6});
  for (std::size_t size = 0; size <= bytes.size(); ++size) {
    const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes.data(), size), {4, 3});
    EXPECT_FALSE(check.violation.has_value()) << size << ": " << check.violation->detail;
    // The errors' bytes are known once the header's first 16 bytes came.
    EXPECT_EQ(check.due, size >= 16 ? bytes.size() : MinAnswerBytes(3)) << size;
  }
  std::vector<TaskResult> results(3);
  const std::optional<FailedAnswer> failed =
      TakeAnswers(absl::MakeConstSpan(bytes), absl::MakeSpan(results));
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->index, 5u);  // The lowest-numbered of the two.
  EXPECT_TRUE(absl::IsInvalidArgument(failed->status)) << failed->status;
  EXPECT_EQ(failed->status.message(), "bad");
  EXPECT_EQ(results[0].checksum, 104u);
}

TEST(AnswerDecoderTest, EachViolationIsNamed) {
  EXPECT_EQ(KindOf(Answers(1, 2), {0, 2}), ProtocolViolation::Kind::kOutOfOrder);
  EXPECT_EQ(KindOf(Answers(9, 1), {0, 2}), ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(Answers(0, 2), {0, 1}), ProtocolViolation::Kind::kWrongCount);
  EXPECT_EQ(KindOf(Answers(0, 1) + "x", {0, 1}), ProtocolViolation::Kind::kWrongCount);
  EXPECT_EQ(KindOf(Answers(0, 2, {1}) + "x", {0, 2}), ProtocolViolation::Kind::kWrongCount);
  // More failed than tasks; error bytes that cannot hold the errors.
  const std::string fine = Answers(0, 2);
  EXPECT_EQ(KindOf(WithHeader(fine, [](AnswerHeader& h) { h.failed = 3; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(WithHeader(fine, [](AnswerHeader& h) { h.failed = 1; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(WithHeader(fine, [](AnswerHeader& h) { h.reserved = 1; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(WithHeader(fine, [](AnswerHeader& h) { h.pid = -1; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
}

TEST(AnswerDecoderTest, EachErrorIsChecked) {
  const std::string failed = Answers(0, 2, {1});
  const std::size_t error_at = MinAnswerBytes(2);
  const auto with_error = [&](auto change) {
    std::string bytes = failed;
    FailedTask error;
    std::memcpy(&error, bytes.data() + error_at, sizeof(error));
    change(error);
    std::memcpy(bytes.data() + error_at, &error, sizeof(error));
    return bytes;
  };
  EXPECT_EQ(KindOf(with_error([](FailedTask& e) { e.index = 2; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(with_error([](FailedTask& e) { e.code = 0; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(with_error([](FailedTask& e) { e.code = 1234; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  EXPECT_EQ(KindOf(with_error([](FailedTask& e) { e.length = 2; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  // Task 0 named as failed, whose checksum is not 0.
  EXPECT_EQ(KindOf(with_error([](FailedTask& e) { e.index = 0; }), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
  // A control byte in the message, caught as soon as it came.
  std::string control = failed;
  control[error_at + sizeof(FailedTask)] = '\x01';
  EXPECT_EQ(KindOf(control.substr(0, error_at + sizeof(FailedTask) + 1), {0, 2}),
            ProtocolViolation::Kind::kGarbage);
}

TEST(AnswerDecoderTest, AWorkerSendsCleanBoundedText) {
  // Control bytes become '?', and the message is cut to kMaxErrorMessage.
  const std::string long_text =
      "a\x01"
      "b" +
      std::string(500, 'x');
  const std::string bytes = Answers(0, 1, {0}, absl::InternalError(long_text));
  const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes), {0, 1});
  ASSERT_FALSE(check.violation.has_value()) << check.violation->detail;
  std::vector<TaskResult> results(1);
  const std::optional<FailedAnswer> failed =
      TakeAnswers(absl::MakeConstSpan(bytes), absl::MakeSpan(results));
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->status.message().size(), kMaxErrorMessage);
  EXPECT_TRUE(absl::StartsWith(failed->status.message(), "a?bxxx")) << failed->status;
}

TEST(AnswerDecoderTest, JunkIsCaughtFromItsFirstBytes) {
  // Junk bytes, less than one answer: caught by the index they begin with.
  EXPECT_EQ(KindOf(std::string(4, 'Z'), {0, 1}), ProtocolViolation::Kind::kGarbage);
  // The right start, then a task count that is not the chunk's.
  const std::string start = Answers(0, 3).substr(0, 8);
  EXPECT_EQ(KindOf(start, {0, 2}), ProtocolViolation::Kind::kWrongCount);
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
