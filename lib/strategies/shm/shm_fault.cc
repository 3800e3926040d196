#include "lib/strategies/shm/shm_fault.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"

namespace parbench {
namespace {

// The payload's type URL; its value is the fault as one decimal digit.
constexpr absl::string_view kFaultUrl = "parbench/shm_fault";

absl::StatusCode CodeOf(ShmFault fault) {
  switch (fault) {
    case ShmFault::kPeerEnded:
      return absl::StatusCode::kUnavailable;
    case ShmFault::kSilent:
      return absl::StatusCode::kDeadlineExceeded;
    case ShmFault::kCorrupt:
      return absl::StatusCode::kDataLoss;
    case ShmFault::kTooLarge:
      return absl::StatusCode::kOutOfRange;
    case ShmFault::kSystemCall:
      return absl::StatusCode::kInternal;
  }
  return absl::StatusCode::kInternal;
}

}  // namespace

absl::Status ShmError(ShmFault fault, absl::Status cause) {
  if (cause.ok()) cause = absl::InternalError("a fault reported without a cause");
  cause.SetPayload(kFaultUrl,
                   absl::Cord(std::string(1, static_cast<char>('0' + static_cast<int>(fault)))));
  return cause;
}

absl::Status ShmError(ShmFault fault, absl::string_view message) {
  return ShmError(fault, absl::Status(CodeOf(fault), message));
}

std::optional<ShmFault> ShmFaultOf(const absl::Status& status) {
  const absl::optional<absl::Cord> payload = status.GetPayload(kFaultUrl);
  if (!payload.has_value() || payload->size() != 1) return std::nullopt;
  const int value = (*payload)[0] - '0';
  if (value < 0 || value > static_cast<int>(ShmFault::kSystemCall)) return std::nullopt;
  return static_cast<ShmFault>(value);
}

}  // namespace parbench
