#include "lib/posix/pidfd.h"

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "absl/strings/str_format.h"

namespace parbench {

absl::StatusOr<PidFd> PidFd::Open(pid_t pid) {
  // glibc 2.36 has a wrapper, older ones do not: the system call is the same.
  // A pidfd is O_CLOEXEC always.
  const long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) return absl::ErrnoToStatus(errno, absl::StrFormat("pidfd_open(%d)", pid));
  return PidFd(UniqueFd(static_cast<int>(fd)), pid);
}

absl::StatusOr<bool> PidFd::Ended(absl::Duration timeout) const {
  if (!fd_.valid()) {
    return absl::FailedPreconditionError(absl::StrFormat("no pidfd open on %d", pid_));
  }
  pollfd watch = {.fd = fd_.get(), .events = POLLIN, .revents = 0};
  const int millis = static_cast<int>(absl::ToInt64Milliseconds(timeout));
  while (true) {
    const int ready = ::poll(&watch, 1, millis);
    if (ready > 0 && (watch.revents & POLLNVAL) != 0) {
      return absl::FailedPreconditionError(absl::StrFormat("poll(pidfd of %d): not open", pid_));
    }
    if (ready > 0) return (watch.revents & (POLLIN | POLLHUP)) != 0;
    if (ready == 0) return false;
    // A signal cuts the wait short: the caller looks again on its own
    // schedule, so a retry with the whole timeout bounds it well enough.
    if (errno != EINTR)
      return absl::ErrnoToStatus(errno, absl::StrFormat("poll(pidfd of %d)", pid_));
  }
}

}  // namespace parbench
