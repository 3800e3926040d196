// The life lock: a word the kernel marks and wakes when its holder ends,
// however it ends, which a watcher parks on. Each wait has a long bound
// only so that a broken wake fails the test instead of hanging it.
#include "lib/posix/life_lock.h"

#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <thread>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/posix/futex.h"
#include "lib/posix/shared_mapping.h"
#include "test/test_util.h"

namespace parbench {
namespace {

constexpr absl::Duration kForABug = absl::Seconds(60);

// A life lock, and a robust mutex of the holder's own beside it.
struct SharedLocks {
  LifeLock life;
  pthread_mutex_t own;
};

SharedLocks& LocksIn(const SharedMapping& mapping) {
  return *static_cast<SharedLocks*>(mapping.data());
}

// Until the child holds `life`: the value its watcher parks on.
std::optional<std::uint32_t> UntilHeld(const LifeLock& life, pid_t holder) {
  const absl::Time give_up = absl::Now() + kForABug;
  while (LifeWord(life).load() == 0 && absl::Now() < give_up) {
    if (!FutexWait(LifeWord(life), 0, absl::Milliseconds(10)).ok()) return std::nullopt;
  }
  return WatchLife(life, holder);
}

// A holder that holds, wakes its watcher, and waits to be killed.
int HoldThenPause(LifeLock* life) {
  if (!HoldLife(*life).ok()) return 2;
  if (!FutexWake(LifeWord(*life), 1).ok()) return 3;
  while (true) ::pause();
}

TEST(LifeLockTest, AHolderKilledWakesItsParkedWatcher) {
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  LifeLock* life = &LocksIn(*shared).life;
  absl::StatusOr<ChildProcess> child =
      ChildProcess::Fork({}, [life] { return HoldThenPause(life); });
  ASSERT_TRUE(child.ok()) << child.status();
  const std::optional<std::uint32_t> held = UntilHeld(*life, child->pid());
  ASSERT_TRUE(held.has_value()) << std::hex << LifeWord(*life).load();
  EXPECT_EQ(*held, static_cast<std::uint32_t>(child->pid()) | FUTEX_WAITERS);
  EXPECT_FALSE(LifeMarkedEnded(*life));
  ChildProcess* holder = &*child;
  std::thread killer([holder] {
    absl::SleepFor(absl::Milliseconds(20));  // Most likely after the park.
    EXPECT_TRUE(holder->Signal(SIGKILL).ok());
  });
  const FutexWatch watched[] = {{&LifeWord(*life), *held}};
  absl::StatusOr<FutexWaitEnd> end = FutexWaitAny(watched, kForABug);
  killer.join();
  ASSERT_TRUE(end.ok()) << end.status();
  EXPECT_NE(*end, FutexWaitEnd::kTimedOut);
  EXPECT_TRUE(LifeMarkedEnded(*life));
  EXPECT_FALSE(WatchLife(*life, child->pid()).has_value());
  EXPECT_TRUE(absl::StrContains(child->Wait().message(), "SIGKILL"));
}

// An exit marks the word as a signal does; and the holder's own robust
// mutexes, on the same robust list, still tell the next owner that their
// owner died.
TEST(LifeLockTest, AnExitMarksTheWordAndKeepsTheHoldersOwnRobustMutexes) {
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  SharedLocks* locks = &LocksIn(*shared);
  pthread_mutexattr_t attributes;
  ASSERT_EQ(pthread_mutexattr_init(&attributes), 0);
  ASSERT_EQ(pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED), 0);
  ASSERT_EQ(pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST), 0);
  ASSERT_EQ(pthread_mutex_init(&locks->own, &attributes), 0);
  pthread_mutexattr_destroy(&attributes);
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [locks] {
    if (pthread_mutex_lock(&locks->own) != 0) return 2;
    if (!HoldLife(locks->life).ok()) return 3;
    return 0;  // Holding both.
  });
  ASSERT_TRUE(child.ok()) << child.status();
  ASSERT_TRUE(child->Wait().ok());
  EXPECT_TRUE(LifeMarkedEnded(locks->life));
  EXPECT_EQ(pthread_mutex_lock(&locks->own), EOWNERDEAD);
  EXPECT_EQ(pthread_mutex_consistent(&locks->own), 0);
  EXPECT_EQ(pthread_mutex_unlock(&locks->own), 0);
  EXPECT_EQ(pthread_mutex_destroy(&locks->own), 0);
}

// Only the holder's tid is trusted: a word not held yet, held by another,
// or marked is not watched.
TEST(LifeLockTest, WatchLifeTrustsOnlyTheHoldersTid) {
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  LifeLock& life = LocksIn(*shared).life;
  auto& word = const_cast<std::atomic<std::uint32_t>&>(LifeWord(life));
  EXPECT_FALSE(WatchLife(life, 1234).has_value());  // Not held yet.
  word.store(4321);
  EXPECT_FALSE(WatchLife(life, 1234).has_value());
  EXPECT_EQ(word.load(), 4321u);  // Left as it was.
  word.store(1234);
  EXPECT_EQ(WatchLife(life, 1234), 1234u | FUTEX_WAITERS);
  EXPECT_EQ(word.load(), 1234u | FUTEX_WAITERS);
  EXPECT_EQ(WatchLife(life, 1234), 1234u | FUTEX_WAITERS);  // Marked once.
  word.store(FUTEX_WAITERS | FUTEX_OWNER_DIED);
  EXPECT_TRUE(LifeMarkedEnded(life));
  EXPECT_FALSE(WatchLife(life, 1234).has_value());
}

}  // namespace
}  // namespace parbench
