#include "lib/posix/fd_io.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace parbench {
namespace {

bool SigpipePending() {
  sigset_t pending;
  sigpending(&pending);
  return sigismember(&pending, SIGPIPE) == 1;
}

}  // namespace

SigpipeBlock::SigpipeBlock() {
  sigemptyset(&sigpipe_);
  sigaddset(&sigpipe_, SIGPIPE);
  was_pending_ = SigpipePending();
  pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
}

SigpipeBlock::~SigpipeBlock() {
  if (!was_pending_ && SigpipePending()) {
    const timespec zero{};
    while (sigtimedwait(&sigpipe_, nullptr, &zero) == -1 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

absl::Status ReadFully(int fd, void* buffer, std::size_t size) {
  auto* bytes = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, bytes + done, size - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n == 0) {
      if (done == 0) return absl::OutOfRangeError("end of file");
      return absl::DataLossError(absl::StrFormat("end of file after %d of %d bytes", done, size));
    } else if (errno != EINTR) {
      return absl::ErrnoToStatus(errno, "read()");
    }
  }
  return absl::OkStatus();
}

absl::Status WriteFully(int fd, const void* buffer, std::size_t size) {
  const auto* bytes = static_cast<const char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, bytes + done, size - done);
    if (n >= 0) {
      done += static_cast<std::size_t>(n);
    } else if (errno == EPIPE) {
      return absl::FailedPreconditionError("write(): the reader has gone (EPIPE)");
    } else if (errno != EINTR) {
      return absl::ErrnoToStatus(errno, "write()");
    }
  }
  return absl::OkStatus();
}

}  // namespace parbench
