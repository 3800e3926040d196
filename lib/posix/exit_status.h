// The exit statuses every parbench process can end with, in one place: bench
// (the driver, an Mpi rank, a spawned Mpi worker), parbench_worker, a
// spawned or forked worker, the fork server. Each number means one thing
// whichever process ends with it, so a parent reading "exited with status 4"
// knows what went wrong without knowing which role the child played.
#ifndef PARBENCH_LIB_POSIX_EXIT_STATUS_H_
#define PARBENCH_LIB_POSIX_EXIT_STATUS_H_

namespace parbench::exit_status {

// Done, as asked (a worker whose task failed is done too: its error
// travelled in its answer).
inline constexpr int kOk = 0;
// The run could not go on: MPI would not start (or an Mpi worker started by
// hand found no pool to serve), the background load could not start; a forked child could not set
// itself up (prctl, close_range, its signal mask) or found its parent already gone. abseil's flag
// parser also ends with 1 on a flag it does not know.
inline constexpr int kFailed = 1;
// Bad input on the command line: a bad flag value for bench; a malformed
// command line for a spawned worker, or parbench_worker started by hand
// (not by bench). The scripts use 2 the same way.
inline constexpr int kBadInput = 2;
// A bad row in the workload or strategy table (see ValidateWorkloads): a
// build mistake, found by bench at start-up before anything runs.
inline constexpr int kBadRegistration = 3;
// A worker (pipe, fork server or Mpi) was sent a message it cannot decode:
// a garbled or truncated chunk or request. The parent broke the protocol.
inline constexpr int kBadMessage = 4;
// A worker or the fork server could not read from or write to its parent
// (the pipe, socket or communicator failed): the parent is probably gone.
inline constexpr int kPeerLost = 5;
// The loopback request service's process (IoNet's, lib/loopback): its
// epoll set failed (epoll_create1, timerfd_create, epoll_ctl or
// epoll_wait), or its reply timer did (timerfd_settime, reading the timer).
inline constexpr int kServiceEpollFailed = 10;
inline constexpr int kServiceTimerFailed = 11;
// Rank 0 of an Mpi run gave up on an MPI_Comm_spawn that never returned (a
// known Open MPI 4.1 + PMIx 4 hang); sysexits' EX_TEMPFAIL: run again.
inline constexpr int kMpiSpawnHung = 75;

}  // namespace parbench::exit_status

#endif  // PARBENCH_LIB_POSIX_EXIT_STATUS_H_
