// The shared-memory primitives: a mapping two processes share (inherited, or
// by a memfd's descriptor), a futex between processes, a pidfd that sees a
// process end, the spin a waiter on another process adapts; and that none
// leaves a descriptor or a mapping behind.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/posix/futex.h"
#include "lib/posix/pidfd.h"
#include "lib/posix/shared_mapping.h"
#include "lib/posix/spin_wait.h"
#include "lib/posix/unique_fd.h"
#include "test/test_util.h"

namespace parbench {
namespace {

std::atomic<std::uint32_t>& WordAt(const SharedMapping& mapping) {
  return *static_cast<std::atomic<std::uint32_t>*>(mapping.data());
}

TEST(SharedMappingTest, AnonymousIsSharedWithAChildForkedAfter) {
  const int maps_before = testing::SharedMappingCount();
  {
    absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
    ASSERT_TRUE(shared.ok()) << shared.status();
    EXPECT_EQ(shared->fd(), -1);
    EXPECT_EQ(WordAt(*shared).load(), 0u);  // Zeroed.
    std::atomic<std::uint32_t>* word = &WordAt(*shared);
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [word] {
      word->store(42);
      return 0;
    });
    ASSERT_TRUE(child.ok()) << child.status();
    ASSERT_TRUE(child->Wait().ok());
    EXPECT_EQ(word->load(), 42u);
  }
  EXPECT_EQ(testing::SharedMappingCount(), maps_before);
}

TEST(SharedMappingTest, MemfdIsMappedAnewFromItsDescriptor) {
  const int fds_before = testing::OpenDescriptorCount();
  const int maps_before = testing::SharedMappingCount();
  {
    absl::StatusOr<SharedMapping> shared = SharedMapping::Memfd(4096, "parbench-test");
    ASSERT_TRUE(shared.ok()) << shared.status();
    ASSERT_GE(shared->fd(), 0);
    const int fd = shared->fd();
    // The child maps the descriptor itself, at an address of its own, as a
    // worker started from another program would.
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({fd}, [fd] {
      absl::StatusOr<SharedMapping> mine = SharedMapping::MapReceived(UniqueFd(::dup(fd)), 4096);
      if (!mine.ok()) return 2;
      WordAt(*mine).store(7);
      return 0;
    });
    ASSERT_TRUE(child.ok()) << child.status();
    ASSERT_TRUE(child->Wait().ok());
    EXPECT_EQ(WordAt(*shared).load(), 7u);
    // A memfd cannot be shrunk under its peer.
    EXPECT_NE(::ftruncate(fd, 0), 0);
  }
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
  EXPECT_EQ(testing::SharedMappingCount(), maps_before);
}

TEST(SharedMappingTest, RefusesAnUnsealedOrShortDescriptor) {
  UniqueFd unsealed(::memfd_create("parbench-unsealed", MFD_CLOEXEC));
  ASSERT_TRUE(unsealed.valid());
  ASSERT_EQ(::ftruncate(unsealed.get(), 4096), 0);
  absl::StatusOr<SharedMapping> refused = SharedMapping::MapReceived(std::move(unsealed), 4096);
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();

  absl::StatusOr<SharedMapping> small = SharedMapping::Memfd(4096, "parbench-small");
  ASSERT_TRUE(small.ok());
  absl::StatusOr<SharedMapping> short_one =
      SharedMapping::MapReceived(UniqueFd(::dup(small->fd())), 8192);
  EXPECT_TRUE(absl::StrContains(short_one.status().message(), "fewer than")) << short_one.status();

  absl::StatusOr<SharedMapping> not_memfd = SharedMapping::MapReceived(UniqueFd(), 4096);
  EXPECT_TRUE(absl::StrContains(not_memfd.status().message(), "F_GET_SEALS"));
  EXPECT_FALSE(SharedMapping::Anonymous(0).ok());
}

TEST(SpinWaitTest, APeersSpinGrowsWhenItPaysEarlyAndShrinksOtherwise) {
  const absl::Duration longest = absl::Microseconds(64);
  const absl::Duration half = absl::Microseconds(32);
  EXPECT_EQ(NextSpinForPeer(half, true, absl::Microseconds(5), longest), longest);
  EXPECT_EQ(NextSpinForPeer(longest, true, absl::Microseconds(5), longest), longest);
  // Found, but late: the peer most likely had no CPU.
  EXPECT_EQ(NextSpinForPeer(longest, true, absl::Microseconds(40), longest), half);
  EXPECT_EQ(NextSpinForPeer(longest, false, longest, longest), half);
  // Never below the floor, from which it keeps probing.
  const absl::Duration floor = longest / kSpinFloorDivisor;
  EXPECT_EQ(NextSpinForPeer(floor, false, floor, longest), floor);
  EXPECT_EQ(NextSpinForPeer(floor, true, floor, longest), floor * 2);
}

TEST(FutexTest, WaitReturnsAtOnceOrAfterItsTimeout) {
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  std::atomic<std::uint32_t>& word = WordAt(*shared);
  EXPECT_EQ(*FutexWait(word, 1, absl::Seconds(5)), FutexWaitEnd::kNotExpected);
  EXPECT_EQ(*FutexWait(word, 0, absl::Milliseconds(1)), FutexWaitEnd::kTimedOut);
  EXPECT_EQ(*FutexWake(word, 1), 0);  // Nobody waits.
  EXPECT_TRUE(absl::IsInvalidArgument(FutexWait(word, 0, absl::ZeroDuration()).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(FutexWait(word, 0, absl::InfiniteDuration()).status()));
}

TEST(FutexTest, WakesAWaiterInAnotherProcess) {
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  std::atomic<std::uint32_t>* word = &WordAt(*shared);
  // The child waits for 1, says it saw it with 2; the parent waits for 2.
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [word] {
    while (word->load() != 1) {
      if (!FutexWait(*word, 0, absl::Seconds(1)).ok()) return 2;
    }
    word->store(2);
    return FutexWake(*word, 1).ok() ? 0 : 3;
  });
  ASSERT_TRUE(child.ok());
  word->store(1);
  ASSERT_TRUE(FutexWake(*word, 1).ok());
  const absl::Time give_up = absl::Now() + absl::Seconds(60);  // Only so a broken wake ends.
  while (word->load() != 2 && absl::Now() < give_up) {
    ASSERT_TRUE(FutexWait(*word, 1, absl::Milliseconds(100)).ok());
  }
  EXPECT_EQ(word->load(), 2u);
  EXPECT_TRUE(child->Wait().ok());
}

TEST(FutexTest, WaitAnyReturnsAtOnceIfAnyWordDiffersOrAfterItsTimeout) {
  if (!FutexWaitAnyWatchesEveryWord()) GTEST_SKIP() << "no futex_waitv on this kernel";
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  std::atomic<std::uint32_t>* words = &WordAt(*shared);
  const FutexWatch both_zero[] = {{&words[0], 0}, {&words[1], 0}};
  const FutexWatch second_one[] = {{&words[0], 0}, {&words[1], 1}};
  EXPECT_EQ(*FutexWaitAny(second_one, absl::Seconds(5)), FutexWaitEnd::kNotExpected);
  EXPECT_EQ(*FutexWaitAny(both_zero, absl::Milliseconds(1)), FutexWaitEnd::kTimedOut);
  EXPECT_TRUE(absl::IsInvalidArgument(FutexWaitAny({}, absl::Seconds(1)).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(FutexWaitAny(both_zero, absl::ZeroDuration()).status()));
  const std::vector<FutexWatch> too_many(kMaxFutexWatches + 1, {&words[0], 0});
  EXPECT_TRUE(absl::IsInvalidArgument(FutexWaitAny(too_many, absl::Seconds(1)).status()));
}

// Woken through its second word, by another process: the wait would
// otherwise end at its timeout, which the test would see.
TEST(FutexTest, WaitAnyIsWokenThroughAnyOfItsWords) {
  if (!FutexWaitAnyWatchesEveryWord()) GTEST_SKIP() << "no futex_waitv on this kernel";
  absl::StatusOr<SharedMapping> shared = SharedMapping::Anonymous(4096);
  ASSERT_TRUE(shared.ok());
  std::atomic<std::uint32_t>* words = &WordAt(*shared);
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [words] {
    // Once the parent is about to park (words[0] == 1), change words[1].
    while (words[0].load() != 1) {
      if (!FutexWait(words[0], 0, absl::Seconds(1)).ok()) return 2;
    }
    words[1].store(1);
    return FutexWake(words[1], 1).ok() ? 0 : 3;
  });
  ASSERT_TRUE(child.ok());
  words[0].store(1);
  ASSERT_TRUE(FutexWake(words[0], 1).ok());
  const FutexWatch watched[] = {{&words[0], 1}, {&words[1], 0}};
  absl::StatusOr<FutexWaitEnd> end = FutexWaitAny(watched, absl::Seconds(60));
  ASSERT_TRUE(end.ok()) << end.status();
  // kNotExpected when the child was quicker than the park.
  EXPECT_NE(*end, FutexWaitEnd::kTimedOut);
  EXPECT_EQ(words[1].load(), 1u);
  EXPECT_TRUE(child->Wait().ok());
}

TEST(PidFdTest, SeesAChildEndWhoeverReapsIt) {
  const int fds_before = testing::OpenDescriptorCount();
  {
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [] {
      ::pause();
      return 0;
    });
    ASSERT_TRUE(child.ok());
    absl::StatusOr<PidFd> watch = PidFd::Open(child->pid());
    ASSERT_TRUE(watch.ok()) << watch.status();
    EXPECT_EQ(watch->pid(), child->pid());
    EXPECT_FALSE(*watch->Ended());
    ASSERT_TRUE(child->Signal(SIGKILL).ok());
    EXPECT_TRUE(*watch->Ended(absl::Seconds(60)));  // Ends at once; the bound is for a bug.
    EXPECT_TRUE(absl::StrContains(child->Wait().message(), "SIGKILL"));
    EXPECT_TRUE(*watch->Ended());  // Still readable once reaped.
  }
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(PidFdTest, ErrorsNameTheCall) {
  absl::StatusOr<PidFd> none = PidFd::Open(-1);
  EXPECT_TRUE(absl::StrContains(none.status().message(), "pidfd_open(-1)")) << none.status();
  PidFd empty(UniqueFd(), 5);
  EXPECT_FALSE(empty.Ended().ok());
}

}  // namespace
}  // namespace parbench
