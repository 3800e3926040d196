// The doorbell's counted wake-up and the one-shot park: what a ring does to
// a parked waiter is read from the bell's words (a wake-up bumps `rings`),
// never from how long anything took.
#include "lib/strategies/shm/doorbell.h"

#include <atomic>
#include <cstdint>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/posix/futex.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {
namespace {

absl::Status Alive() { return absl::OkStatus(); }

// Parks on `bell` in a thread of its own until `ready` is set, the waiter
// as given; the result is in `waited` once the thread is joined.
class ParkedWaiter {
 public:
  ParkedWaiter(Doorbell& bell, SpinThenPark& waiter, const std::atomic<bool>& ready,
               std::optional<std::uint32_t> wake_at)
      : thread_([&bell, &waiter, &ready, wake_at, this] {
          waited_ = waiter.Wait(
              bell, [&ready] { return ready.load(std::memory_order_seq_cst); },
              absl::InfiniteFuture(), &Alive, wake_at);
        }) {}
  ~ParkedWaiter() { Join().IgnoreError(); }
  absl::Status Join() {
    if (thread_.joinable()) thread_.join();
    return waited_;
  }

 private:
  absl::Status waited_;
  std::thread thread_;
};

// Until the waiter has set `parked`: it has stored its `wake_at` and will
// not spin again.
void UntilParked(const Doorbell& bell) {
  while (bell.parked.load(std::memory_order_seq_cst) == 0) std::this_thread::yield();
}

// A slice far longer than any test: a waiter leaves its futex only when
// woken, so a test that forgot to wake it hangs (and fails by timeout)
// instead of passing by accident.
constexpr absl::Duration kLongSlice = absl::Hours(1);

TEST(DoorbellTest, ARingWithNoSleeperCountsAndWakesNoOne) {
  Doorbell bell;
  absl::StatusOr<bool> woke = RingDoorbell(bell);
  ASSERT_TRUE(woke.ok()) << woke.status();
  EXPECT_FALSE(*woke);
  EXPECT_EQ(bell.published.load(), 1u);
  EXPECT_EQ(bell.rings.load(), 0u);
}

TEST(DoorbellTest, AParkedWaiterIsWokenByTheNextRing) {
  Doorbell bell;
  RingDoorbell(bell).IgnoreError();  // Counted before the waiter parks: not its.
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  std::atomic<bool> ready{false};
  ParkedWaiter parked(bell, waiter, ready, std::nullopt);
  UntilParked(bell);
  EXPECT_EQ(bell.wake_at.load(), 1u) << "any ring after the one already counted";
  ready = true;
  ASSERT_TRUE(RingDoorbell(bell).ok());
  EXPECT_EQ(bell.rings.load(), 1u);
  EXPECT_TRUE(parked.Join().ok());
  EXPECT_EQ(bell.parked.load(), 0u) << "a waiter that has left is not parked";
}

// A waiter sent several records while it waits for a CPU is woken by the
// first ring: that ring takes `parked`, and the rings after it, until the
// waiter parks again, make no system call (they would bump `rings` if they
// did). The waiter's side is its words alone: `parked` set, as a waiter
// does before it sleeps, and nobody on the futex, so nothing races.
TEST(DoorbellTest, OnlyTheFirstRingAfterAParkMakesASystemCall) {
  Doorbell bell;
  bell.wake_at = 1;
  bell.parked = 1;
  for (int ring = 1; ring <= 4; ++ring) {
    absl::StatusOr<bool> woke = RingDoorbell(bell);
    ASSERT_TRUE(woke.ok()) << woke.status();
    EXPECT_FALSE(*woke) << "ring " << ring << ": nobody sleeps on the futex";
  }
  EXPECT_EQ(bell.rings.load(), 1u);
  EXPECT_EQ(bell.parked.load(), 0u);
  EXPECT_EQ(bell.published.load(), 4u);
  // Parked again: the next ring wakes it again.
  bell.parked = 1;
  ASSERT_TRUE(RingDoorbell(bell).ok());
  EXPECT_EQ(bell.rings.load(), 2u);
}

TEST(DoorbellTest, AWaiterWokenAtACountSleepsThroughTheRingsBelowIt) {
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  std::atomic<bool> ready{false};
  // Three answers out: woken at the third.
  ParkedWaiter parked(bell, waiter, ready, bell.published.load() + 3);
  UntilParked(bell);
  for (int ring = 1; ring <= 2; ++ring) {
    absl::StatusOr<bool> woke = RingDoorbell(bell);
    ASSERT_TRUE(woke.ok()) << woke.status();
    EXPECT_FALSE(*woke) << "ring " << ring;
    EXPECT_EQ(bell.rings.load(), 0u) << "ring " << ring << " woke the waiter";
  }
  ready = true;
  ASSERT_TRUE(RingDoorbell(bell).ok());
  EXPECT_EQ(bell.rings.load(), 1u);
  EXPECT_TRUE(parked.Join().ok());
}

TEST(DoorbellTest, TheCountWraps) {
  Doorbell bell;
  bell.published = 0xffff'fffeu;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  std::atomic<bool> ready{false};
  ParkedWaiter parked(bell, waiter, ready, bell.published.load() + 3);  // Wraps to 1.
  UntilParked(bell);
  ASSERT_TRUE(RingDoorbell(bell).ok());  // 0xffffffff
  ASSERT_TRUE(RingDoorbell(bell).ok());  // 0
  EXPECT_EQ(bell.rings.load(), 0u);
  ready = true;
  ASSERT_TRUE(RingDoorbell(bell).ok());  // 1: reached.
  EXPECT_EQ(bell.rings.load(), 1u);
  EXPECT_TRUE(parked.Join().ok());
}

// A count that never comes (a peer that scribbled on it, or fewer answers
// than the waiter counted on) costs a slice, not the wait: ready() decides.
TEST(DoorbellTest, ACountNeverReachedEndsAtTheSliceWhenReady) {
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), absl::Milliseconds(1));
  std::atomic<bool> ready{false};
  ParkedWaiter parked(bell, waiter, ready, bell.published.load() + 100);
  UntilParked(bell);
  ready = true;
  ASSERT_TRUE(RingDoorbell(bell).ok());
  EXPECT_EQ(bell.rings.load(), 0u);
  EXPECT_TRUE(parked.Join().ok());
}

// A wait's first slice, when one is given, is short whatever the longest: a
// peer dead before the wait began is found at the first look, not a long
// slice later (the test would hang if it were). The next wait starts short
// again.
TEST(DoorbellTest, AWaitsFirstLookComesAfterTheFirstSliceNotTheLongest) {
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice, absl::Milliseconds(1));
  int looks = 0;
  const auto dead = [&looks] {
    ++looks;
    return absl::UnavailableError("the peer has ended");
  };
  for (int wait = 1; wait <= 2; ++wait) {
    const absl::Status waited = waiter.Wait(
        bell, [] { return false; }, absl::InfiniteFuture(), dead);
    EXPECT_TRUE(absl::IsUnavailable(waited)) << waited;
    EXPECT_EQ(looks, wait);
  }
}

// No slice runs past the deadline: with slices of an hour, a wait given a
// deadline a moment away ends there.
TEST(DoorbellTest, NoSliceRunsPastTheDeadline) {
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  const absl::Status waited = waiter.Wait(
      bell, [] { return false; }, absl::Now() + absl::Milliseconds(5), &Alive);
  EXPECT_EQ(ShmFaultOf(waited), ShmFault::kSilent) << waited;
}

// A life word that changes (its peer ending) wakes a parked waiter, which
// asks its peer at once: with slices of an hour the wait would otherwise
// hang, and fail by the test's timeout.
TEST(DoorbellTest, AChangedLifeWordAsksThePeerAtOnce) {
  if (!FutexWaitAnyWatchesEveryWord()) GTEST_SKIP() << "no futex_waitv on this kernel";
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  std::atomic<std::uint32_t> life{7};
  std::atomic<int> looks{0};
  const auto dead = [&looks] {
    ++looks;
    return absl::UnavailableError("the peer has ended");
  };
  std::thread ender([&bell, &life] {
    UntilParked(bell);
    life.store(8);
    ASSERT_TRUE(FutexWake(life, 1).ok());
  });
  const FutexWatch lives[] = {{&life, 7}};
  const absl::Status waited = waiter.Wait(
      bell, [] { return false; }, absl::InfiniteFuture(), dead, std::nullopt, lives);
  ender.join();
  EXPECT_TRUE(absl::IsUnavailable(waited)) << waited;
  EXPECT_EQ(looks.load(), 1);
}

// A life word that changed while its peer lives (a scribbler's) is asked
// about once, then dropped: the wait goes on on the bell alone and ends at
// the next ring, not in a loop of looks at a word that will never match.
TEST(DoorbellTest, ASpoiledLifeWordIsDroppedAndTheWaitGoesOn) {
  if (!FutexWaitAnyWatchesEveryWord()) GTEST_SKIP() << "no futex_waitv on this kernel";
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice);
  std::atomic<std::uint32_t> life{7};
  std::atomic<int> looks{0};
  std::atomic<bool> ready{false};
  const auto alive = [&looks, &life, &bell, &ready] {
    // Asked once the word has changed: the ring comes after the answer.
    if (++looks == 1) {
      EXPECT_EQ(life.load(), 9u);
      ready = true;
      EXPECT_TRUE(RingDoorbell(bell).ok());
    }
    return absl::OkStatus();
  };
  life.store(9);  // Spoiled before the wait: futex_waitv finds it at once.
  const FutexWatch lives[] = {{&life, 7}};
  const absl::Status waited = waiter.Wait(
      bell, [&ready] { return ready.load(); }, absl::InfiniteFuture(), alive, std::nullopt, lives);
  EXPECT_TRUE(waited.ok()) << waited;
  EXPECT_EQ(looks.load(), 1);
}

// A wait that parks on its peers' lives needs no early look: its first
// slice is the longest. The peer is never asked; the ring ends the wait.
TEST(DoorbellTest, AWaitWithLivesHasNoShortFirstSlice) {
  if (!FutexWaitAnyWatchesEveryWord()) GTEST_SKIP() << "no futex_waitv on this kernel";
  Doorbell bell;
  SpinThenPark waiter(absl::ZeroDuration(), kLongSlice, absl::Milliseconds(1));
  std::atomic<std::uint32_t> life{7};
  std::atomic<int> looks{0};
  const auto alive = [&looks] {
    ++looks;
    return absl::OkStatus();
  };
  std::atomic<bool> ready{false};
  std::thread ringer([&bell, &ready] {
    UntilParked(bell);
    // Well past the short first slice, which would have asked the peer.
    absl::SleepFor(absl::Milliseconds(20));
    ready = true;
    ASSERT_TRUE(RingDoorbell(bell).ok());
  });
  const FutexWatch lives[] = {{&life, 7}};
  const absl::Status waited = waiter.Wait(
      bell, [&ready] { return ready.load(); }, absl::InfiniteFuture(), alive, std::nullopt, lives);
  ringer.join();
  EXPECT_TRUE(waited.ok()) << waited;
  EXPECT_EQ(looks.load(), 0);
}

// After ParkNextWait, a waiter whose spin would outlast any test parks at
// once; the wait after that spins again.
TEST(DoorbellTest, ParkNextWaitSkipsOneSpin) {
  Doorbell bell;
  SpinThenPark waiter(absl::Hours(1), kLongSlice);
  waiter.ParkNextWait();
  std::atomic<bool> ready{false};
  {
    ParkedWaiter parked(bell, waiter, ready, std::nullopt);
    UntilParked(bell);
    ready = true;
    ASSERT_TRUE(RingDoorbell(bell).ok());
    EXPECT_TRUE(parked.Join().ok());
  }
  // The spin it skipped was not judged: it is still the longest.
  EXPECT_EQ(waiter.spin(), absl::Hours(1));
}

}  // namespace
}  // namespace parbench
