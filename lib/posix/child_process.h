// ChildProcess owns one child process: it is reaped exactly once, and a child
// still running when its owner goes away is killed first, so no zombie and no
// orphan outlives the owner. Every process parbench starts comes from Fork()
// or, to run a program afresh, Spawn().
#ifndef PARBENCH_LIB_POSIX_CHILD_PROCESS_H_
#define PARBENCH_LIB_POSIX_CHILD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace parbench {

class ChildProcess {
 public:
  // Forks. The child keeps only stdin/stdout/stderr and `keep_fds` (every
  // other inherited descriptor is closed, so no child holds a pipe end that
  // keeps another child from seeing end of file), has default signal
  // handling with nothing blocked, is killed by the kernel if the forking
  // thread's process dies, runs `body` and _exit()s with its return value:
  // it never returns into the parent's stack. A failed fork() is an error
  // that names errno.
  [[nodiscard]] static absl::StatusOr<ChildProcess> Fork(absl::Span<const int> keep_fds,
                                                         absl::FunctionRef<int()> body);

  // Starts `argv` (argv[0] is the path run) with posix_spawn(), which
  // clones without copying the parent's page tables (vfork-style) and execs.
  // The child gets `pass_fd` as descriptor kSpawnedFd and keeps only that and
  // stdin/stdout/stderr, with default signal handling and nothing blocked.
  // Unlike Fork()'s children it is not killed with its parent (posix_spawn
  // cannot ask for that): give it work that ends. Errors name the errno.
  [[nodiscard]] static absl::StatusOr<ChildProcess> Spawn(const std::vector<std::string>& argv,
                                                          int pass_fd);
  static constexpr int kSpawnedFd = 3;

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills (SIGKILL) and reaps a child not reaped yet.
  ~ChildProcess();

  // The child's process ID; -1 once reaped.
  pid_t pid() const { return pid_; }

  // Blocks until the child ends and reaps it: OK if it exited with status 0,
  // otherwise how it ended (see DecodeWaitStatus). Calling it again returns
  // the same answer.
  absl::Status Wait();

  // Sends `signal` to a child not reaped yet (OK for one reaped); a failed
  // kill() names itself.
  absl::Status Signal(int signal) const;

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  void KillAndReap();

  pid_t pid_ = -1;             // -1 once reaped or moved from.
  absl::Status how_it_ended_;  // Set by Wait().
};

// Turns a waitpid() status into OK (exited 0), Internal ("exited with status
// 3") or Aborted ("killed by signal 9 (SIGKILL)").
absl::Status DecodeWaitStatus(int wait_status);

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_CHILD_PROCESS_H_
