// What rank 0 and the Mpi strategy's workers say to each other: the message
// tags, the chunk header, and the loop a worker rank (or a worker started by
// MPI_Comm_spawn) runs. Tasks and answers are worker_protocol.h's, sent as
// bytes: every rank runs the same binary, hence the same layout. Internal to
// lib/strategies/mpi (it includes <mpi.h>; the public headers do not).
#ifndef PARBENCH_LIB_STRATEGIES_MPI_MPI_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_MPI_MPI_PROTOCOL_H_

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace parbench::mpi_internal {

enum Tag : int {
  kTagChunk = 1,     // Rank 0 → worker: a ChunkPrefix and its TaskMessages.
  kTagAnswer = 2,    // Worker → rank 0: the chunk's answers (ChunkAnswers).
  kTagEngage = 3,    // Rank 0 → worker rank: a pool now uses you; wait busy.
  kTagRelease = 4,   // Rank 0 → worker rank: idle again; wait lazily.
  kTagStop = 5,      // Rank 0 → worker: exit the serving loop.
  kTagPingMode = 6,  // Rank 0 → rank 1: echo kTagPing until kTagRelease.
  kTagPing = 7,      // A 1-byte ping, echoed with the same tag.
};

struct ChunkPrefix {
  std::uint32_t count = 0;
  // Nonzero on the first chunk a warm worker rank gets in a Map(): its CPU
  // clock restarts there, so that the busy polling of an idle pool between
  // benchmarks is not charged to the next one.
  std::uint32_t restart_clock = 0;
};

// Serves chunks from `boss` on `comm` until kTagStop; returns the process's
// exit status (0, or non-zero for a message it cannot read). `engaged`:
// start waiting busily (MPI's own blocking receive, which polls), as a
// spawned worker does; a world rank starts lazy (a probe every millisecond)
// and is engaged by a warm pool.
// Before a workload's first task it starts the workload's process-wide
// resource, if any, with its value in WorkerFlagValues(), and stops every
// one it started before returning.
int ServeChunks(MPI_Comm comm, int boss, bool engaged);

// The size flags' values by WorkloadId (see SetWorkerFlagValues).
std::vector<std::uint64_t>& WorkerFlagValues();

}  // namespace parbench::mpi_internal

#endif  // PARBENCH_LIB_STRATEGIES_MPI_MPI_PROTOCOL_H_
