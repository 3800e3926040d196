#include "lib/posix/unique_fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "absl/status/status.h"

namespace parbench {

void UniqueFd::Reset(int fd) {
  // close() is not retried on EINTR: on Linux the descriptor is released
  // whatever close() returns, and a retry could close someone else's.
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

absl::StatusOr<Pipe> MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "pipe2()");
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

}  // namespace parbench
