// The socket options parbench sets (send and receive timeouts, TCP_NODELAY),
// each a checked setsockopt() whose failure names the option, so that no
// socket goes on silently without the option its caller counted on.
#ifndef PARBENCH_LIB_POSIX_SOCKET_OPTIONS_H_
#define PARBENCH_LIB_POSIX_SOCKET_OPTIONS_H_

#include "absl/status/status.h"

namespace parbench {

// SO_RCVTIMEO and SO_SNDTIMEO of `seconds` each: a blocking call on the
// socket fails with EAGAIN after that long rather than waiting for ever.
absl::Status SetSocketTimeouts(int fd, int seconds);

// TCP_NODELAY: small requests and replies go out at once (no Nagle delay).
absl::Status SetNoDelay(int fd);

// SO_REUSEADDR: a listening port can be bound again while old connections
// sit in TIME_WAIT.
absl::Status SetReuseAddress(int fd);

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_SOCKET_OPTIONS_H_
