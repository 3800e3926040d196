#include "lib/strategies/process/answer_decoder.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace parbench {
namespace {

// absl::StatusCode's last value (kUnauthenticated).
constexpr std::int32_t kLastStatusCode = 16;

ProtocolViolation Violation(ProtocolViolation::Kind kind, std::string detail) {
  return ProtocolViolation{kind, std::move(detail)};
}

// The field of type T at `offset` of `bytes` (unaligned).
template <typename T>
T FieldAt(const char* bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes + offset, sizeof(value));
  return value;
}

// What is wrong with as much of the header as `bytes` holds (`due` set from
// its error bytes once they came).
std::optional<ProtocolViolation> CheckHeader(absl::Span<const char> bytes, ChunkRange chunk,
                                             std::size_t& due) {
  const std::size_t have = bytes.size();
  const char* const at = bytes.data();
  if (have >= offsetof(AnswerHeader, first) + sizeof(std::uint32_t)) {
    const auto first = FieldAt<std::uint32_t>(at, offsetof(AnswerHeader, first));
    if (first != chunk.first) {
      const bool in_chunk = first > chunk.first && first - chunk.first < chunk.count;
      return Violation(
          in_chunk ? ProtocolViolation::Kind::kOutOfOrder : ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("answers that begin with task %d, where %s were due", first,
                          DescribeTasks(chunk)));
    }
  }
  if (have >= offsetof(AnswerHeader, count) + sizeof(std::uint32_t)) {
    const auto count = FieldAt<std::uint32_t>(at, offsetof(AnswerHeader, count));
    if (count != chunk.count) {
      return Violation(
          ProtocolViolation::Kind::kWrongCount,
          absl::StrFormat("answers to %d tasks, where %s were due", count, DescribeTasks(chunk)));
    }
  }
  std::uint32_t failed = 0;
  if (have >= offsetof(AnswerHeader, failed) + sizeof(std::uint32_t)) {
    failed = FieldAt<std::uint32_t>(at, offsetof(AnswerHeader, failed));
    if (failed > chunk.count) {
      return Violation(
          ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("answers that say %d tasks failed of %s", failed, DescribeTasks(chunk)));
    }
  }
  if (have >= offsetof(AnswerHeader, error_bytes) + sizeof(std::uint32_t)) {
    const auto error_bytes = FieldAt<std::uint32_t>(at, offsetof(AnswerHeader, error_bytes));
    const std::size_t least = std::size_t{failed} * sizeof(FailedTask);
    const std::size_t most = std::size_t{failed} * (sizeof(FailedTask) + kMaxErrorMessage);
    if (error_bytes < least || error_bytes > most) {
      return Violation(ProtocolViolation::Kind::kGarbage,
                       absl::StrFormat("answers that say %d tasks failed in %d bytes of errors "
                                       "(%d to %d allowed), for %s",
                                       failed, error_bytes, least, most, DescribeTasks(chunk)));
    }
    due = MinAnswerBytes(chunk.count) + error_bytes;
  }
  if (have >= sizeof(AnswerHeader)) {
    const auto header = FieldAt<AnswerHeader>(at, 0);
    if (header.cpu_nanos < 0 || header.peak_rss_kib < 0 || header.pid < 0 || header.reserved != 0) {
      return Violation(
          ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("answers to %s with header fields out of range", DescribeTasks(chunk)));
    }
  }
  return std::nullopt;
}

// What is wrong with as much of the errors as `bytes` holds; the header and
// every checksum came whole and are valid.
std::optional<ProtocolViolation> CheckErrors(absl::Span<const char> bytes, ChunkRange chunk) {
  const auto header = FieldAt<AnswerHeader>(bytes.data(), 0);
  std::size_t at = MinAnswerBytes(chunk.count);
  const std::size_t end = at + header.error_bytes;
  std::uint64_t next = chunk.first;  // The least index the next error may name.
  for (std::uint32_t e = 0; e < header.failed; ++e) {
    if (at + sizeof(FailedTask) > end) {
      return Violation(ProtocolViolation::Kind::kGarbage,
                       absl::StrFormat("error %d of %s runs past its %d bytes of errors", e,
                                       DescribeTasks(chunk), header.error_bytes));
    }
    if (at + sizeof(FailedTask) > bytes.size()) return std::nullopt;  // Not come yet.
    const auto failed = FieldAt<FailedTask>(bytes.data(), at);
    if (failed.index < next || failed.index - chunk.first >= chunk.count) {
      return Violation(ProtocolViolation::Kind::kGarbage,
                       absl::StrFormat("error %d names task %d, not a task of %s after the last", e,
                                       failed.index, DescribeTasks(chunk)));
    }
    if (failed.code <= 0 || failed.code > kLastStatusCode || failed.length > kMaxErrorMessage ||
        at + sizeof(FailedTask) + failed.length > end) {
      return Violation(ProtocolViolation::Kind::kGarbage,
                       absl::StrFormat("task %d's error has status code %d and a message of %d "
                                       "bytes, out of range",
                                       failed.index, failed.code, failed.length));
    }
    const std::size_t slot =
        sizeof(AnswerHeader) + (failed.index - chunk.first) * sizeof(std::uint64_t);
    if (FieldAt<std::uint64_t>(bytes.data(), slot) != 0) {
      return Violation(
          ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("task %d failed and has a checksum all the same", failed.index));
    }
    const std::size_t text = at + sizeof(FailedTask);
    const std::size_t came = std::min<std::size_t>(failed.length, bytes.size() - text);
    const auto* message = reinterpret_cast<const unsigned char*>(bytes.data() + text);
    if (!std::all_of(message, message + came, MessageByteAllowed)) {
      return Violation(
          ProtocolViolation::Kind::kGarbage,
          absl::StrFormat("task %d's error message holds a control byte", failed.index));
    }
    at = text + failed.length;
    next = std::uint64_t{failed.index} + 1;
  }
  if (at != end) {
    return Violation(ProtocolViolation::Kind::kGarbage,
                     absl::StrFormat("%d bytes of errors for %s, where its %d errors took %d",
                                     header.error_bytes, DescribeTasks(chunk), header.failed,
                                     at - MinAnswerBytes(chunk.count)));
  }
  return std::nullopt;
}

}  // namespace

std::optional<absl::Status> DecodeStatusMessage(const StatusMessage& encoded) {
  if (encoded.code == 0) {
    // An OK status has no message at all.
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

AnswerCheck CheckAnswers(absl::Span<const char> bytes, ChunkRange chunk) {
  AnswerCheck check;
  check.due = MinAnswerBytes(chunk.count);
  check.violation = CheckHeader(bytes, chunk, check.due);
  if (check.violation.has_value()) return check;
  if (bytes.size() > check.due) {
    check.violation = Violation(ProtocolViolation::Kind::kWrongCount,
                                absl::StrFormat("%d bytes of answers for %s, where %d were due",
                                                bytes.size(), DescribeTasks(chunk), check.due));
    return check;
  }
  // The errors, once the checksums before them came.
  if (bytes.size() > MinAnswerBytes(chunk.count) ||
      (bytes.size() == check.due && check.due > MinAnswerBytes(chunk.count))) {
    check.violation = CheckErrors(bytes, chunk);
  }
  return check;
}

std::optional<FailedAnswer> TakeAnswers(absl::Span<const char> bytes,
                                        absl::Span<TaskResult> results) {
  const auto header = FieldAt<AnswerHeader>(bytes.data(), 0);
  const char* checksums = bytes.data() + sizeof(AnswerHeader);
  for (std::size_t k = 0; k < results.size(); ++k) {
    std::memcpy(&results[k].checksum, checksums + k * sizeof(std::uint64_t), sizeof(std::uint64_t));
  }
  if (!results.empty()) {
    results[0].cpu_nanos = header.cpu_nanos;
    results[0].worker_pid = header.pid;
    results[0].worker_peak_rss_kib = header.peak_rss_kib;
  }
  if (header.failed == 0) return std::nullopt;
  // The first error is the lowest-numbered task's: they come in task order.
  const auto failed = FieldAt<FailedTask>(bytes.data(), MinAnswerBytes(results.size()));
  const char* text = bytes.data() + MinAnswerBytes(results.size()) + sizeof(FailedTask);
  return FailedAnswer{failed.index, absl::Status(static_cast<absl::StatusCode>(failed.code),
                                                 absl::string_view(text, failed.length))};
}

}  // namespace parbench
