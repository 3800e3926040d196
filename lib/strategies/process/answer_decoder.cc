#include "lib/strategies/process/answer_decoder.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace parbench {
namespace {

// absl::StatusCode's last value (kUnauthenticated).
constexpr std::int32_t kLastStatusCode = 16;

bool MessageByteAllowed(unsigned char byte) {
  return byte >= 0x20 ? byte != 0x7f : (byte == '\t' || byte == '\n');
}

ProtocolViolation Violation(ProtocolViolation::Kind kind, std::string detail) {
  return ProtocolViolation{kind, std::move(detail)};
}

// What is wrong with whole answer number `k` of `chunk`, if anything.
std::optional<ProtocolViolation> CheckOne(const AnswerMessage& answer, ChunkRange chunk,
                                          std::size_t k) {
  const std::uint32_t due = chunk.first + static_cast<std::uint32_t>(k);
  if (answer.index != due) {
    const bool in_chunk = answer.index >= chunk.first && answer.index - chunk.first < chunk.count;
    if (in_chunk) {
      return Violation(
          ProtocolViolation::Kind::kOutOfOrder,
          absl::StrFormat("answer %d is task %d's, where task %d's was due", k, answer.index, due));
    }
    return Violation(ProtocolViolation::Kind::kGarbage,
                     absl::StrFormat("answer %d names no task of %s (task %d's was due)", k,
                                     DescribeTasks(chunk), due));
  }
  if (!DecodeStatusMessage(answer.status).has_value()) {
    return Violation(ProtocolViolation::Kind::kGarbage,
                     absl::StrFormat("answer %d (task %d) has no valid status (code %d)", k, due,
                                     answer.status.code));
  }
  // Only a chunk's first answer carries the worker's CPU time, pid and memory.
  const bool carries = k == 0;
  if (answer.cpu_nanos < 0 || answer.pid < 0 || answer.peak_rss_kib < 0 ||
      (!carries && (answer.cpu_nanos != 0 || answer.pid != 0 || answer.peak_rss_kib != 0))) {
    return Violation(ProtocolViolation::Kind::kGarbage,
                     absl::StrFormat("answer %d (task %d) has fields out of range", k, due));
  }
  return std::nullopt;
}

}  // namespace

std::optional<absl::Status> DecodeStatusMessage(const StatusMessage& encoded) {
  if (encoded.code == 0) {
    // The common case, kept cheap: an OK status has no message at all.
    static constexpr char kZeros[sizeof(encoded.message)] = {};
    if (std::memcmp(encoded.message, kZeros, sizeof(kZeros)) != 0) return std::nullopt;
    return absl::OkStatus();
  }
  if (encoded.code < 0 || encoded.code > kLastStatusCode) return std::nullopt;
  const std::size_t length = strnlen(encoded.message, sizeof(encoded.message));
  if (length == sizeof(encoded.message)) return std::nullopt;  // No NUL.
  const auto* bytes = reinterpret_cast<const unsigned char*>(encoded.message);
  if (!std::all_of(bytes, bytes + length, MessageByteAllowed)) return std::nullopt;
  if (!std::all_of(bytes + length, bytes + sizeof(encoded.message),
                   [](unsigned char byte) { return byte == 0; })) {
    return std::nullopt;
  }
  return absl::Status(static_cast<absl::StatusCode>(encoded.code),
                      absl::string_view(encoded.message, length));
}

AnswerCheck CheckAnswers(absl::Span<const char> bytes, ChunkRange chunk, std::size_t checked) {
  AnswerCheck check;
  const std::size_t whole = bytes.size() / sizeof(AnswerMessage);
  if (whole > chunk.count || (whole == chunk.count && bytes.size() % sizeof(AnswerMessage) != 0)) {
    check.violation = Violation(ProtocolViolation::Kind::kWrongCount,
                                absl::StrFormat("%d bytes of answers for %s, more than %d answers",
                                                bytes.size(), DescribeTasks(chunk), chunk.count));
    return check;
  }
  for (std::size_t k = checked; k < whole; ++k) {
    AnswerMessage answer;  // Copied: the bytes need not be aligned.
    std::memcpy(&answer, bytes.data() + k * sizeof(answer), sizeof(answer));
    if (std::optional<ProtocolViolation> wrong = CheckOne(answer, chunk, k)) {
      check.valid = k;
      check.violation = std::move(wrong);
      return check;
    }
  }
  check.valid = std::max(whole, checked);
  // The part of the next answer that came: its index, then its status code.
  const std::size_t part = bytes.size() - whole * sizeof(AnswerMessage);
  const char* next = bytes.data() + whole * sizeof(AnswerMessage);
  const std::uint32_t due = chunk.first + static_cast<std::uint32_t>(whole);
  if (part >= sizeof(std::uint32_t)) {
    std::uint32_t index = 0;
    std::memcpy(&index, next + offsetof(AnswerMessage, index), sizeof(index));
    if (index != due) {
      check.violation =
          Violation(index >= chunk.first && index - chunk.first < chunk.count
                        ? ProtocolViolation::Kind::kOutOfOrder
                        : ProtocolViolation::Kind::kGarbage,
                    absl::StrFormat("answer %d begins with task index %d, where task %d's was due",
                                    whole, index, due));
      return check;
    }
  }
  constexpr std::size_t kCodeEnd = offsetof(AnswerMessage, status) + sizeof(std::int32_t);
  if (part >= kCodeEnd) {
    std::int32_t code = 0;
    std::memcpy(&code, next + offsetof(AnswerMessage, status), sizeof(code));
    if (code < 0 || code > kLastStatusCode) {
      check.violation = Violation(
          ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("answer %d (task %d) begins with status code %d", whole, due, code));
    }
  }
  return check;
}

absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer) {
  if (answer.status.code != 0) {
    return absl::Status(
        static_cast<absl::StatusCode>(answer.status.code),
        absl::string_view(answer.status.message,
                          strnlen(answer.status.message, sizeof(answer.status.message))));
  }
  return TaskResult{answer.checksum, answer.cpu_nanos, answer.pid, answer.peak_rss_kib};
}

}  // namespace parbench
