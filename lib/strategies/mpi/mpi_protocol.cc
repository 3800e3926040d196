#include "lib/strategies/mpi/mpi_protocol.h"

#include <time.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "lib/core/shared_resources.h"
#include "lib/core/task.h"
#include "lib/posix/cpu_clock.h"
#include "lib/posix/exit_status.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench::mpi_internal {
namespace {

// How often an idle (lazy) worker rank looks for a message: rarely enough
// that idle ranks cost next to no CPU while other benchmarks run, often
// enough that engaging a warm pool (outside the timing) is quick.
constexpr long kLazyProbeNanos = 1'000'000;

// Waits for the next message from `boss`: busily (MPI's blocking probe
// polls) or lazily (a probe, then a sleep).
MPI_Status WaitForMessage(MPI_Comm comm, int boss, bool engaged) {
  MPI_Status status;
  if (engaged) {
    MPI_Probe(boss, MPI_ANY_TAG, comm, &status);
    return status;
  }
  while (true) {
    int arrived = 0;
    MPI_Iprobe(boss, MPI_ANY_TAG, comm, &arrived, &status);
    if (arrived != 0) return status;
    const timespec nap{0, kLazyProbeNanos};
    nanosleep(&nap, nullptr);
  }
}

// Echoes 1-byte pings from `boss` until kTagRelease: the bare round trip.
void EchoPings(MPI_Comm comm, int boss) {
  while (true) {
    char byte = 0;
    MPI_Status status;
    MPI_Recv(&byte, 1, MPI_BYTE, boss, MPI_ANY_TAG, comm, &status);
    if (status.MPI_TAG != kTagPing) return;
    MPI_Send(&byte, 1, MPI_BYTE, boss, kTagPing, comm);
  }
}

}  // namespace

std::vector<std::uint64_t>& WorkerFlagValues() {
  static auto* values = new std::vector<std::uint64_t>();
  return *values;
}

int ServeChunks(MPI_Comm comm, int boss, bool engaged) {
  SharedResources shared(WorkerFlagValues());
  std::int64_t cpu_mark = 0;  // A fresh process: its clock started with it.
  std::vector<char> message;
  std::vector<TaskMessage> chunk;
  ChunkAnswers answers;
  while (true) {
    const MPI_Status status = WaitForMessage(comm, boss, engaged);
    int bytes = 0;
    MPI_Get_count(&status, MPI_BYTE, &bytes);
    message.resize(static_cast<std::size_t>(std::max(bytes, 1)));
    MPI_Recv(message.data(), bytes, MPI_BYTE, boss, status.MPI_TAG, comm, MPI_STATUS_IGNORE);
    switch (status.MPI_TAG) {
      case kTagChunk: {
        ChunkPrefix prefix;
        if (static_cast<std::size_t>(bytes) < sizeof(prefix)) return exit_status::kBadMessage;
        std::memcpy(&prefix, message.data(), sizeof(prefix));
        if (prefix.count == 0 || prefix.count > kMaxChunkTasks ||
            static_cast<std::size_t>(bytes) !=
                sizeof(prefix) + prefix.count * sizeof(TaskMessage)) {
          return exit_status::kBadMessage;
        }
        if (prefix.restart_clock != 0) cpu_mark = ProcessCpuNanos();
        chunk.resize(prefix.count);
        std::memcpy(chunk.data(), message.data() + sizeof(prefix),
                    prefix.count * sizeof(TaskMessage));
        if (!ConsecutiveTasks(chunk)) return exit_status::kBadMessage;
        // A failed start shows as the tasks' own error (the loopback
        // service's, say), not as a dead worker.
        for (const TaskMessage& task : chunk) shared.Ensure(task.workload).IgnoreError();
        // A chunk waiting is a message not yet received: the clocks are
        // read every chunk.
        RunChunk(chunk, &RunTask, answers, cpu_mark, [] { return false; });
        MPI_Send(answers.bytes().data(), static_cast<int>(answers.bytes().size()), MPI_BYTE, boss,
                 kTagAnswer, comm);
        break;
      }
      case kTagEngage:
        engaged = true;
        break;
      case kTagRelease:
        engaged = false;
        break;
      case kTagPingMode:
        EchoPings(comm, boss);
        break;
      case kTagStop:
        return exit_status::kOk;
      default:
        return exit_status::kBadMessage;
    }
  }
}

}  // namespace parbench::mpi_internal
