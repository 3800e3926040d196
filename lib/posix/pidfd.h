// PidFd watches one process through a pidfd (pidfd_open(2), Linux 5.3+):
// the descriptor becomes readable when the process ends, whoever its parent
// is, and it names that process only, however soon its pid is reused. The
// shared-memory waits use it to learn that their peer died.
#ifndef PARBENCH_LIB_POSIX_PIDFD_H_
#define PARBENCH_LIB_POSIX_PIDFD_H_

#include <sys/types.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

class PidFd {
 public:
  // Opens a pidfd (O_CLOEXEC) on `pid`, which must be running or a zombie
  // (a child not reaped yet): open it before anyone can reap the process.
  [[nodiscard]] static absl::StatusOr<PidFd> Open(pid_t pid);
  // Takes a pidfd received from elsewhere (inherited, or over SCM_RIGHTS).
  explicit PidFd(UniqueFd fd, pid_t pid) : fd_(std::move(fd)), pid_(pid) {}

  // Whether the process has ended, waiting for it up to `timeout` (zero:
  // just look). An error names the call.
  [[nodiscard]] absl::StatusOr<bool> Ended(absl::Duration timeout = absl::ZeroDuration()) const;

  int fd() const { return fd_.get(); }
  pid_t pid() const { return pid_; }

 private:
  UniqueFd fd_;
  pid_t pid_ = -1;  // The pid it was opened on, for messages.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_PIDFD_H_
