// The ways a shared-memory ring can fail that its callers must tell apart,
// as a type carried in the absl::Status's payload rather than read from a
// status code: the peer ended, the peer stayed silent past the deadline, the
// peer scribbled on the ring, a record too large for the ring.
#ifndef PARBENCH_LIB_STRATEGIES_SHM_SHM_FAULT_H_
#define PARBENCH_LIB_STRATEGIES_SHM_SHM_FAULT_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parbench {

enum class ShmFault {
  kPeerEnded,   // The process at the other end has ended (its pidfd said so).
  kSilent,      // Nothing came, or no room was made, before the deadline.
  kCorrupt,     // What the peer wrote breaks the ring's rules: never trusted.
  kTooLarge,    // A record larger than the ring holds: the caller falls back.
  kSystemCall,  // A futex or poll call failed; the message names it.
};

// An error of kind `fault` with `message`. The status code follows the kind
// (Unavailable, DeadlineExceeded, DataLoss, OutOfRange, Internal), for
// readers of the message only; callers branch on ShmFaultOf().
absl::Status ShmError(ShmFault fault, absl::string_view message);
// `cause` (its code and message) marked as of kind `fault`: a failed system
// call keeps the errno it names.
absl::Status ShmError(ShmFault fault, absl::Status cause);

// The kind of an error made by ShmError(); nullopt for OK or any other status.
std::optional<ShmFault> ShmFaultOf(const absl::Status& status);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_SHM_SHM_FAULT_H_
