// What a fork server and its client say to each other over one AF_UNIX
// SOCK_SEQPACKET socket (message boundaries kept, descriptors passed with
// SCM_RIGHTS), and the server's side of it. The client is ForkServer
// (fork_server.h).
//
// Once started, the server sends one hello: its workload table's names in
// row order, one per line, so that the client can check that a task's
// WorkloadId means the same workload on both sides. Then it answers
// requests until the socket closes:
//   kStart n: forks n workers, each serving the chunk protocol
//     (ServeTasks) on two pipes of its own, and sends one ForkReply per
//     worker with the parent's ends of both pipes attached (task pipe's
//     write end, then answer pipe's read end) — or, when a fork or a pipe
//     fails, a ForkReply carrying the error, and no more for that request;
//   kKill pids: SIGKILL to each (no reply);
//   kReap pids: waits for each to end and reaps it, then sends one message
//     of ReapReplies, one per pid, in order.
// The server reaps a worker only when asked, so a pid the client holds
// never names another process. When the socket closes (the client is done,
// or died), the server kills the workers it still has, reaps them and
// exits.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_PROTOCOL_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

// The flag that makes a spawnable binary a fork server on descriptor
// ChildProcess::kSpawnedFd (see RunSpawnWorkerIfAsked).
inline constexpr char kForkServerFlag[] = "--parbench_fork_server";

enum class ForkOp : std::uint32_t { kStart = 1, kKill = 2, kReap = 3 };

// Pids per kKill or kReap request; the client splits longer lists.
inline constexpr std::uint32_t kMaxForkPids = 64;
// Workers per kStart request: a bound, so that a garbled count cannot make
// the server fork without end.
inline constexpr std::uint32_t kMaxForkWorkers = 4096;

struct ForkRequest {
  ForkOp op = ForkOp::kStart;
  std::uint32_t count = 0;  // kStart: workers to fork; else pids used below.
  pid_t pids[kMaxForkPids] = {};
};

struct ForkReply {
  pid_t pid = -1;  // The worker's; -1 with an error in `outcome`.
  StatusMessage outcome;
  // The server's CPU time since the request came, forks included: the
  // client charges it as the pool's, as a forking caller's own CPU would be.
  std::int64_t cpu_nanos = 0;
};

struct ReapReply {
  pid_t pid = -1;
  StatusMessage outcome;  // How the worker ended (see DecodeWaitStatus).
};

// The hello: this program's workload table's names in row order, one a line.
std::string WorkloadTableHello();

// Sends one message, with `fds` (none, or a worker's two pipe ends)
// attached; false when it could not. MSG_NOSIGNAL: a peer gone is a failed
// send, not the sender's death.
bool SendForkMessage(int socket, const void* bytes, std::size_t size,
                     absl::Span<const int> fds = {});

// The request one received message holds, or why the server refuses it
// (then it exits with exit_status::kBadMessage): not the size of one
// ForkRequest, an unknown op, a count above its op's bound.
absl::StatusOr<ForkRequest> DecodeForkRequest(absl::Span<const char> bytes);

// The server's loop on `control_fd` (see above); returns the server's exit
// status (lib/posix/exit_status.h): kOk once the client closed the socket,
// kBadMessage for a request it refuses, kPeerLost when it could not speak
// to the client.
int ServeForks(int control_fd);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_PROTOCOL_H_
