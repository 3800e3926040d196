// The bare system operations the strategies rest on, written as directly as
// the system allows, so that each overhead parbench measures can be held
// against its floor in the same run: fork + exit + wait, a pipe round trip
// between two processes, a futex wake-up round trip between two threads
// and between two processes through shared memory, thread creation + join.
#ifndef PARBENCH_LIB_FLOORS_FLOOR_OPS_H_
#define PARBENCH_LIB_FLOORS_FLOOR_OPS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/posix/child_process.h"
#include "lib/posix/pidfd.h"
#include "lib/posix/shared_mapping.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

// fork() `count` children that _exit(0) at once, then waitpid() each: the
// least that starting and stopping `count` processes can cost. Every child is
// reaped before it returns, also on error.
absl::Status BareForkAndReap(int count);

// fork() `count` children that each wait, doing nothing else, until the
// parent closes one pipe, then waitpid() each: the least that starting
// `count` processes which live at the same time, as a pool's do, and then
// stopping them costs. Every child is reaped before it returns, also on
// error.
absl::Status BareForkHoldAndReap(int count);

// pthread_create() `count` threads that return at once, then join them all.
absl::Status BareThreadsCreateAndJoin(int count);

// A child process that echoes one byte per round trip over two pipes.
class PipePingPong {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PipePingPong>> Create();
  // Closes the pipe (the child exits at end of file) and reaps the child.
  ~PipePingPong();
  PipePingPong(const PipePingPong&) = delete;
  PipePingPong& operator=(const PipePingPong&) = delete;

  // One byte there and back: two writes, two reads, two wake-ups.
  absl::Status RoundTrip();

 private:
  PipePingPong() = default;
  UniqueFd to_child_;
  UniqueFd from_child_;
  std::optional<ChildProcess> child_;
};

// A child process that answers each ping with a pong through a futex on a
// word in memory both share (MAP_SHARED, so FUTEX_WAIT and FUTEX_WAKE
// without _PRIVATE): ThreadPingPong between processes, the floor of a
// shared-memory transport. Two wake-ups per round trip and nothing else.
// A wait is sliced and the child watched by its pidfd, so a child that dies
// is an error, not a hang.
class ShmPingPong {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ShmPingPong>> Create();
  // Tells the child to stop and reaps it.
  ~ShmPingPong();
  ShmPingPong(const ShmPingPong&) = delete;
  ShmPingPong& operator=(const ShmPingPong&) = delete;

  absl::Status RoundTrip();

 private:
  ShmPingPong(SharedMapping turn, PidFd watch, ChildProcess child)
      : turn_(std::move(turn)), watch_(std::move(watch)), child_(std::move(child)) {}
  std::atomic<std::uint32_t>& turn() const;

  SharedMapping turn_;  // One futex word: whose turn it is, or stop.
  PidFd watch_;         // The echoing child, to see it die.
  ChildProcess child_;
};

// A thread that answers each ping with a pong through a futex: two wake-ups
// per round trip and nothing else (no lock, no queue, no spinning).
class ThreadPingPong {
 public:
  ThreadPingPong();
  // Stops and joins the echo thread.
  ~ThreadPingPong();
  ThreadPingPong(const ThreadPingPong&) = delete;
  ThreadPingPong& operator=(const ThreadPingPong&) = delete;

  void RoundTrip();

 private:
  void Echo();
  // kCaller's turn, kEcho's turn, or kStop; the futex word.
  std::atomic<std::uint32_t> turn_{0};
  std::thread echo_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_FLOORS_FLOOR_OPS_H_
