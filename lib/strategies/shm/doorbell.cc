#include "lib/strategies/shm/doorbell.h"

#include <algorithm>
#include <climits>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_format.h"
#include "lib/posix/futex.h"
#include "lib/posix/spin_wait.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {

// The publisher's side of the Dekker hand-shake with SpinThenPark::Wait: it
// publishes (seq_cst), counts, then reads `parked` and `wake_at`; the
// waiter stores `wake_at`, sets `parked` (seq_cst), reads `rings`, then
// looks at the publication. In the one total order of these seq_cst
// operations either the waiter sees the publication, or the publisher sees
// it parked (and the `wake_at` stored before), takes `parked` back to 0,
// bumps `rings` and wakes it: if the waiter is not asleep yet, its
// FUTEX_WAIT finds `rings` changed (EAGAIN). A ring that finds `parked`
// taken already needs no system call: the ring that took it wakes the
// waiter, which looks at every publication when it does. So a waiter that
// is sent four chunks while it waits for a CPU costs one FUTEX_WAKE, not
// four. With nobody parked a ring costs one locked increment and a load.
absl::StatusOr<bool> RingDoorbell(Doorbell& bell) {
  const std::uint32_t published = bell.published.fetch_add(1, std::memory_order_seq_cst) + 1;
  if (bell.parked.load(std::memory_order_seq_cst) == 0) return false;
  // Wrapping: reached when no more than half the counter's range behind.
  const std::uint32_t wake_at = bell.wake_at.load(std::memory_order_seq_cst);
  if (static_cast<std::int32_t>(published - wake_at) < 0) return false;
  if (bell.parked.exchange(0, std::memory_order_seq_cst) == 0) return false;
  bell.rings.fetch_add(1, std::memory_order_seq_cst);
  absl::StatusOr<int> woken = FutexWake(bell.rings, INT_MAX);
  if (!woken.ok()) return ShmError(ShmFault::kSystemCall, woken.status());
  return *woken > 0;
}

absl::Status SpinThenPark::Wait(Doorbell& bell, absl::FunctionRef<bool()> ready,
                                absl::Time deadline, absl::FunctionRef<absl::Status()> peer_alive,
                                std::optional<std::uint32_t> wake_at,
                                absl::Span<const FutexWatch> lives) {
  const bool spin = !std::exchange(park_next_, false);
  // Ready at once: no spin to judge, no clock read.
  if (ready()) return absl::OkStatus();
  if (spin && longest_ > absl::ZeroDuration()) {
    const absl::Time start = absl::Now();
    const bool paid = SpinUntil([&ready] { return ready(); }, spin_);
    spin_ = NextSpinForPeer(spin_, paid, absl::Now() - start, longest_);
    if (paid) return absl::OkStatus();
  }
  // Lives the kernel cannot watch (no futex_waitv) are no lives at all.
  if (!FutexWaitAnyWatchesEveryWord()) lives = {};
  // A peer that keeps changing the word (a scribbler) keeps the futex from
  // ever timing out: the checks go by the clock, once a slice, whatever
  // ended each wait; and no slice runs past the deadline.
  absl::Time next_check = std::min(absl::Now() + (lives.empty() ? first_slice_ : slice_), deadline);
  // The bell first (its expected value set each slice), then the lives.
  absl::InlinedVector<FutexWatch, 9> words = {{&bell.rings, 0}};
  words.insert(words.end(), lives.begin(), lives.end());
  // Any publication from now on, unless told a count: stored before this
  // waiter sets `parked`, so a publisher that sees the one sees the other.
  bell.wake_at.store(wake_at.value_or(bell.published.load(std::memory_order_seq_cst)),
                     std::memory_order_seq_cst);
  while (true) {
    // Set again each slice: a slice that timed out, or a wake-up that found
    // nothing ready (a scribbler's), leaves the next ring a waiter to wake.
    bell.parked.store(1, std::memory_order_seq_cst);
    words[0].expected = bell.rings.load(std::memory_order_seq_cst);
    absl::StatusOr<FutexWaitEnd> end = FutexWaitEnd::kNotExpected;
    const absl::Duration left = next_check - absl::Now();
    if (!ready() && left > absl::ZeroDuration()) end = FutexWaitAny(words, left);
    // Not parked now: the rings while it runs make no system call.
    bell.parked.store(0, std::memory_order_seq_cst);
    if (!end.ok()) return ShmError(ShmFault::kSystemCall, end.status());
    if (ready()) return absl::OkStatus();
    const bool life_changed =
        std::any_of(words.begin() + 1, words.end(), [](const FutexWatch& life) {
          return life.word->load(std::memory_order_seq_cst) != life.expected;
        });
    if (life_changed) {
      if (absl::Status alive = peer_alive(); !alive.ok()) return alive;
      words.resize(1);  // Spoiled: the slices look from now on.
    }
    const absl::Time now = absl::Now();
    if (now < next_check) continue;
    next_check = std::min(now + slice_, deadline);
    if (absl::Status alive = peer_alive(); !alive.ok()) return alive;
    if (now >= deadline) {
      return ShmError(ShmFault::kSilent,
                      absl::StrFormat("waited past the deadline (%s)",
                                      absl::FormatTime(deadline, absl::UTCTimeZone())));
    }
  }
}

}  // namespace parbench
