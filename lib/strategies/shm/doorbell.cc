#include "lib/strategies/shm/doorbell.h"

#include <algorithm>
#include <climits>

#include "absl/strings/str_format.h"
#include "lib/posix/futex.h"
#include "lib/posix/spin_wait.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {

// The publisher's side of the Dekker hand-shake with SpinThenPark::Wait: it
// publishes (seq_cst), then reads `sleepers`; the waiter counts itself in
// `sleepers` (seq_cst), reads `rings`, then looks at the publication. In
// the one total order of these seq_cst operations either the waiter sees
// the publication, or the publisher sees the sleeper, bumps `rings` and
// wakes it: if the waiter is not asleep yet, its FUTEX_WAIT finds `rings`
// changed (EAGAIN). With no sleeper a ring costs one load, no locked
// instruction and no system call.
absl::Status RingDoorbell(Doorbell& bell) {
  if (bell.sleepers.load(std::memory_order_seq_cst) == 0) return absl::OkStatus();
  bell.rings.fetch_add(1, std::memory_order_seq_cst);
  absl::StatusOr<int> woken = FutexWake(bell.rings, INT_MAX);
  if (!woken.ok()) return ShmError(ShmFault::kSystemCall, woken.status());
  return absl::OkStatus();
}

absl::Status SpinThenPark::Wait(Doorbell& bell, absl::FunctionRef<bool()> ready,
                                absl::Time deadline, absl::FunctionRef<absl::Status()> peer_alive) {
  // Ready at once: no spin to judge, no clock read.
  if (ready()) return absl::OkStatus();
  if (longest_ > absl::ZeroDuration()) {
    const absl::Time start = absl::Now();
    const bool paid = SpinUntil([&ready] { return ready(); }, spin_);
    spin_ = NextSpinForPeer(spin_, paid, absl::Now() - start, longest_);
    if (paid) return absl::OkStatus();
  }
  // A peer that keeps changing the word (a scribbler) keeps the futex from
  // ever timing out: the checks go by the clock, once a slice, whatever
  // ended each wait.
  absl::Time next_check = absl::Now() + slice_;
  while (true) {
    bell.sleepers.fetch_add(1, std::memory_order_seq_cst);
    const std::uint32_t seen = bell.rings.load(std::memory_order_seq_cst);
    absl::StatusOr<FutexWaitEnd> end = FutexWaitEnd::kNotExpected;
    if (!ready()) end = FutexWait(bell.rings, seen, slice_);
    bell.sleepers.fetch_sub(1, std::memory_order_seq_cst);
    if (!end.ok()) return ShmError(ShmFault::kSystemCall, end.status());
    if (ready()) return absl::OkStatus();
    const absl::Time now = absl::Now();
    if (now < next_check) continue;
    next_check = now + slice_;
    if (absl::Status alive = peer_alive(); !alive.ok()) return alive;
    if (now >= deadline) {
      return ShmError(ShmFault::kSilent,
                      absl::StrFormat("waited past the deadline (%s)",
                                      absl::FormatTime(deadline, absl::UTCTimeZone())));
    }
  }
}

}  // namespace parbench
