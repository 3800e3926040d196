// The worker's side of the shared-memory transport (shm_transport.h), the
// mirror of ServeTasks over a pipe: read a chunk record from its channel's
// chunk ring, run it (RunChunk), write the answers as one record on its
// answer ring; an empty record, or the pool's death, ends it.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_SHM_WORKER_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_SHM_WORKER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "lib/core/task.h"
#include "lib/posix/pidfd.h"
#include "lib/strategies/shm/doorbell.h"
#include "lib/strategies/shm/shm_channel.h"

namespace parbench {

// The bytes of a chunk of `tasks` tasks as one ring record (BuildChunk's):
// a ChunkHeader, then its TaskMessages.
std::size_t ChunkRecordBytes(std::size_t tasks);

// Holds the channel's life lock and wakes the pool waiting for that (or
// ends with exit_status::kFailed), then serves `channel` until an empty
// chunk record (kOk), the pool `pool` ending (kPeerLost), or a record it
// cannot trust (kBadMessage): a ring that breaks its rules, a chunk header
// out of range or a length that disagrees with it. Answers ring
// `answer_bell`, the pool's one doorbell. `spin`: the longest it spins for
// a chunk before it parks (SpinThenPark). The return value is the worker
// process's exit status.
int ServeShmTasks(const ShmChannel& channel, Doorbell& answer_bell, const PidFd& pool,
                  TaskRunner run_task, absl::Duration spin);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_SHM_WORKER_H_
