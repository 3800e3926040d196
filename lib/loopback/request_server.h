// The loop a RequestService child runs: one thread, epoll over a listening
// socket and every connection, one timerfd armed at the earliest pending
// reply, so any number of requests wait out their latency at once.
#ifndef PARBENCH_LIB_LOOPBACK_REQUEST_SERVER_H_
#define PARBENCH_LIB_LOOPBACK_REQUEST_SERVER_H_

#include "absl/time/time.h"

namespace parbench {

// Serves requests (lib/request_protocol.h) accepted on `listen_fd`, replying
// to each `latency` after it arrived, until `lifeline_fd` becomes readable
// (the parent closed its end, or died). Returns the process's exit status:
// 0 after a clean stop, non-zero if a system call of the loop itself failed.
// A misbehaving client only loses its own connection.
int ServeRequests(int listen_fd, int lifeline_fd, absl::Duration latency);

}  // namespace parbench

#endif  // PARBENCH_LIB_LOOPBACK_REQUEST_SERVER_H_
