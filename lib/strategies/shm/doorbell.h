// Doorbell: the word in shared memory a waiter parks on and a publisher
// rings, and SpinThenPark, how a waiter waits on one: a bounded, adaptive
// spin as ThreadPool's, then a futex wait in short slices, parked on its
// peers' life words too when it has them (a death wakes it), between which
// it checks its deadline and whether its peer has died: no wait outlasts
// its deadline, nor a death by more than a slice. A doorbell may serve
// several rings (the pool's one for answers).
#ifndef PARBENCH_LIB_STRATEGIES_SHM_DOORBELL_H_
#define PARBENCH_LIB_STRATEGIES_SHM_DOORBELL_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "lib/posix/futex.h"

namespace parbench {

// Lives in shared memory, zeroed at creation; written by both sides, so a
// peer can scribble on it: the worst that does is a wake-up too many or one
// missed, which the waiter's slices bound. Nothing here is trusted. A bell
// has one waiter (its ring's reader, or the pool for every answer).
struct alignas(64) Doorbell {
  std::atomic<std::uint32_t> rings{0};  // The futex word: bumped per wake-up.
  // 1 while the waiter is parked or about to park and no ring has woken it
  // yet: the ring that takes it back to 0 wakes it, and the rings after,
  // until it parks again, make no system call.
  std::atomic<std::uint32_t> parked{0};
  // Publications rung so far (wrapping), and the count a parked waiter
  // wants woken at: a ring below it wakes no one (SpinThenPark::Wait's
  // `wake_at`).
  std::atomic<std::uint32_t> published{0};
  std::atomic<std::uint32_t> wake_at{0};
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

// Called after publishing what the waiter may be waiting for (the
// publication a seq_cst store, or followed by a seq_cst fence): counts the
// publication and wakes the waiter parked on `bell` if the count has
// reached what it waits for, without a system call when it is not parked
// or a ring since it parked has woken it already. True when it woke it
// (then it needs a CPU); an error names the futex call.
absl::StatusOr<bool> RingDoorbell(Doorbell& bell);

class SpinThenPark {
 public:
  // How long a park lasts before the waiter looks at its deadline and its
  // peer: the most a death can go unseen. Short against the deadlines
  // callers give (seconds), long against a wake-up, so a parked waiter
  // costs a few system calls a second.
  static constexpr absl::Duration kParkSlice = absl::Milliseconds(20);
  // A first slice for a waiter that must see a death early in a wait (the
  // pool, waiting for its workers' answers) and has no life word to wake
  // it: its first look comes after it, the next ones a slice apart. A
  // worker that dies within it (on its first task) is seen about as soon
  // as a pipe would show it; a long wait pays one look more. More early
  // looks (at 1, 3, 7 and 15 ms) made the pool take a CPU from its workers
  // on a busy machine, and were slower there (results/shm-death-20261207/).
  static constexpr absl::Duration kFirstParkSlice = absl::Milliseconds(1);

  // `longest_spin`: the spin's ceiling (zero: park at once); give it as
  // SpinWhileCpusAllow() says (lib/posix/spin_wait.h). The spin adapts as
  // NextSpinForPeer() says: it shrinks when it finds nothing or finds it
  // late, which on a busy machine is a peer that had no CPU.
  // `park_slice`: the longest slice; `first_park_slice`: the first of a
  // wait without life words (cut to the longest; by default every slice
  // is the longest).
  explicit SpinThenPark(absl::Duration longest_spin, absl::Duration park_slice = kParkSlice,
                        absl::Duration first_park_slice = absl::InfiniteDuration())
      : longest_(longest_spin),
        spin_(longest_spin),
        slice_(park_slice),
        first_slice_(std::min(first_park_slice, park_slice)) {}

  // Returns OK as soon as `ready()` is true; `ready` must read what the
  // publisher wrote before ringing, with seq_cst loads. Spins up to the
  // current spin (adapting it), then parks on `bell` in slices (the first,
  // then the longest), none past the deadline; after each slice that ends
  // with nothing ready, `peer_alive()` is asked (an error from it ends the
  // wait, and is returned) and the deadline is checked (ShmFault::kSilent
  // past it). A failed futex call is kSystemCall.
  //
  // `wake_at`: park until the bell's publication count reaches it, not at
  // the next publication — for a waiter that knows how many publications
  // it needs before it can act (the pool, when it has sent its last chunk,
  // needs every answer): the publishers then wake it once, not per record.
  // A count reached that ready() does not confirm, or one a peer spoiled,
  // costs a look or a slice; ready() alone decides.
  //
  // `lives`: words a peer's end changes and wakes (each peer's LifeLock
  // word, lib/posix/life_lock.h), with the value each holds while its peer
  // lives (WatchLife's). The waiter parks on them beside the bell, and asks
  // `peer_alive()` as soon as one has changed, not at the slice's end: it
  // must then tell a peer that is ending from one that scribbled on its
  // word (ShmTransport waits a little on the peer's pidfd, which the kernel
  // makes readable after it marks the word). A word whose peer is alive is
  // spoiled: the rest of the wait parks on the bell alone. A wait with
  // lives sees its peers' deaths without looking, so its slices are all
  // the longest. At most kMaxFutexWatches - 1 words; none where the
  // kernel cannot watch them (FutexWaitAnyWatchesEveryWord).
  absl::Status Wait(Doorbell& bell, absl::FunctionRef<bool()> ready, absl::Time deadline,
                    absl::FunctionRef<absl::Status()> peer_alive,
                    std::optional<std::uint32_t> wake_at = std::nullopt,
                    absl::Span<const FutexWatch> lives = {});

  // The next Wait() parks at once, without spinning, then spins as before:
  // for a waiter that has just woken its peer, which now needs a CPU and
  // may need this one.
  void ParkNextWait() { park_next_ = true; }

  // The spin the next Wait() starts with.
  absl::Duration spin() const { return spin_; }

 private:
  const absl::Duration longest_;
  absl::Duration spin_;
  const absl::Duration slice_;
  const absl::Duration first_slice_;
  bool park_next_ = false;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_SHM_DOORBELL_H_
