#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "test/test_util.h"

namespace parbench {
namespace {

TEST(DecodeWaitStatusTest, ExitCodesAndSignals) {
  EXPECT_TRUE(DecodeWaitStatus(0).ok());
  const absl::Status exited = DecodeWaitStatus(3 << 8);
  EXPECT_TRUE(absl::IsInternal(exited));
  EXPECT_EQ(exited.message(), "exited with status 3");
  const absl::Status killed = DecodeWaitStatus(SIGKILL);
  EXPECT_TRUE(absl::IsAborted(killed));
  EXPECT_EQ(killed.message(), "killed by signal 9 (SIGKILL)");
}

TEST(ChildProcessTest, WaitReportsHowTheChildEnded) {
  absl::StatusOr<ChildProcess> ok = ChildProcess::Fork({}, [] { return 0; });
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(ok->Wait().ok());
  EXPECT_EQ(ok->pid(), -1);
  EXPECT_TRUE(ok->Wait().ok());  // Asking again gives the same answer.

  absl::StatusOr<ChildProcess> failed = ChildProcess::Fork({}, [] { return 7; });
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->Wait().message(), "exited with status 7");

  absl::StatusOr<ChildProcess> aborted = ChildProcess::Fork({}, [] {
    abort();
    return 0;
  });
  ASSERT_TRUE(aborted.ok());
  EXPECT_TRUE(absl::StrContains(aborted->Wait().message(), "SIGABRT"));
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(ChildProcessTest, DestructorKillsAndReapsARunningChild) {
  {
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [] {
      pause();
      return 0;
    });
    ASSERT_TRUE(child.ok());
    ASSERT_GT(child->pid(), 0);
  }
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(ChildProcessTest, ChildKeepsOnlyTheDescriptorsItIsGiven) {
  absl::StatusOr<Pipe> kept = MakePipe();
  absl::StatusOr<Pipe> other = MakePipe();
  ASSERT_TRUE(kept.ok() && other.ok());
  const int kept_fd = kept->write_end.get();
  const int other_fd = other->write_end.get();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({kept_fd}, [kept_fd, other_fd] {
    const bool kept_open = fcntl(kept_fd, F_GETFD) != -1;
    const bool other_closed = fcntl(other_fd, F_GETFD) == -1 && errno == EBADF;
    return kept_open && other_closed ? 0 : 1;
  });
  ASSERT_TRUE(child.ok());
  EXPECT_TRUE(child->Wait().ok());
}

TEST(FdIoTest, ReadFullyTellsCleanEndFromTruncation) {
  absl::StatusOr<Pipe> pipe = MakePipe();
  ASSERT_TRUE(pipe.ok());
  const char two[2] = {'a', 'b'};
  ASSERT_TRUE(WriteFully(pipe->write_end.get(), two, 2).ok());
  pipe->write_end.Reset();
  char buffer[4];
  EXPECT_TRUE(absl::IsDataLoss(ReadFully(pipe->read_end.get(), buffer, 4)));
  EXPECT_TRUE(absl::IsOutOfRange(ReadFully(pipe->read_end.get(), buffer, 1)));
}

TEST(FdIoTest, WritingToAGoneReaderIsAnErrorNotDeath) {
  absl::StatusOr<Pipe> pipe = MakePipe();
  ASSERT_TRUE(pipe.ok());
  pipe->read_end.Reset();
  const SigpipeBlock block;
  const char byte = 'x';
  const absl::Status written = WriteFully(pipe->write_end.get(), &byte, 1);
  EXPECT_TRUE(absl::IsFailedPrecondition(written)) << written;
}

TEST(UniqueFdTest, ClosesOnceAndMoves) {
  const int before = testing::OpenDescriptorCount();
  {
    absl::StatusOr<Pipe> pipe = MakePipe();
    ASSERT_TRUE(pipe.ok());
    UniqueFd moved = std::move(pipe->read_end);
    EXPECT_FALSE(pipe->read_end.valid());
    EXPECT_TRUE(moved.valid());
    EXPECT_NE(fcntl(moved.get(), F_GETFD) & FD_CLOEXEC, 0);
  }
  EXPECT_EQ(testing::OpenDescriptorCount(), before);
}

}  // namespace
}  // namespace parbench
