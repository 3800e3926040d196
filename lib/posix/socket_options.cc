#include "lib/posix/socket_options.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>

#include "absl/strings/str_cat.h"

namespace parbench {
namespace {

absl::Status SetOption(int fd, int level, int option, const void* value, socklen_t size,
                       const char* name) {
  if (::setsockopt(fd, level, option, value, size) == 0) return absl::OkStatus();
  return absl::ErrnoToStatus(errno, absl::StrCat("setsockopt(", name, ")"));
}

}  // namespace

absl::Status SetSocketTimeouts(int fd, int seconds) {
  const timeval timeout{seconds, 0};
  if (absl::Status set =
          SetOption(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout), "SO_RCVTIMEO");
      !set.ok()) {
    return set;
  }
  return SetOption(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout), "SO_SNDTIMEO");
}

absl::Status SetNoDelay(int fd) {
  const int one = 1;
  return SetOption(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one), "TCP_NODELAY");
}

absl::Status SetReuseAddress(int fd) {
  const int one = 1;
  return SetOption(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR");
}

}  // namespace parbench
