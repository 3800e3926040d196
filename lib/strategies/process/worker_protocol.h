// What the process-based strategies send over their pipes: a chunk of
// fixed-size task messages behind a header, the chunk's answers, and the loop
// a worker process runs. Each pipe has one writer and one reader, and every
// transfer goes through ReadFully/WriteFully, so a chunk may exceed PIPE_BUF.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_

#include <limits.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/core/task.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

struct TaskMessage {
  std::uint32_t index = 0;  // The task's position in the Map() call.
  WorkloadId workload = 0;
  std::uint64_t size = 0;
};

// An absl::Status as it crosses a pipe or a socket: its code and its
// message, truncated.
struct StatusMessage {
  std::int32_t code = 0;  // absl::StatusCode; 0 is OK.
  char message[200] = {};
};
StatusMessage ToStatusMessage(const absl::Status& status);
// The status `encoded` carries; DataLoss when it is not a valid one (see
// DecodeStatusMessage): junk is never shown as a message.
absl::Status FromStatusMessage(const StatusMessage& encoded);

struct AnswerMessage {
  std::uint32_t index = 0;  // Echoes TaskMessage::index.
  StatusMessage status;     // The task's outcome.
  std::uint64_t checksum = 0;
  std::int64_t cpu_nanos = 0;  // See TaskResult::cpu_nanos.
  // On the first answer of a chunk: the worker's process id and peak
  // memory (see TaskResult::worker_pid and worker_peak_rss_kib).
  std::int32_t pid = 0;
  std::int64_t peak_rss_kib = 0;
};

// Precedes `count` TaskMessages of consecutive indices; the worker answers
// with `count` AnswerMessages in one write, after running them all.
struct ChunkHeader {
  std::uint32_t count = 0;
};

// A bound on `count` so that a garbled header cannot make a worker allocate
// without limit; the pools never send more (they split larger chunks).
inline constexpr std::uint32_t kMaxChunkTasks = 1 << 16;

// True for a header a worker accepts: 1 to kMaxChunkTasks tasks. The
// worker (ServeTasks) checks every header with it.
bool ValidChunkHeader(const ChunkHeader& header);

static_assert(sizeof(TaskMessage) <= PIPE_BUF && sizeof(AnswerMessage) <= PIPE_BUF);

// Child side: runs `task` with `run_task` and writes its answer to
// `answer_fd`. `cpu_mark` is the process CPU time at the previous answer (0
// for a fresh child, whose clock starts at fork) and is moved forward.
absl::Status AnswerTask(std::uint32_t index, const Task& task, TaskRunner run_task, int answer_fd,
                        std::int64_t& cpu_mark);

// Child side: writes an answer carrying `error` for task `index`, for a
// task that could not even be read (a spawned worker given a workload name
// its binary does not know).
absl::Status AnswerError(std::uint32_t index, const absl::Status& error, int answer_fd);

// Worker side: runs a chunk's tasks with `run_task` into `answers` (one
// each, in order) and charges the worker process's CPU time since
// `cpu_mark` to the first, moving the mark (see TaskResult::cpu_nanos).
void RunChunk(absl::Span<const TaskMessage> chunk, TaskRunner run_task,
              std::vector<AnswerMessage>& answers, std::int64_t& cpu_mark);

// Child side: answers the chunks read from `task_fd` until end of file, then
// returns exit_status::kOk; returns kBadMessage for a garbled or truncated
// chunk, kPeerLost when a read or write fails (lib/posix/exit_status.h).
// The return value is the worker process's exit status.
int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task);

// A worker process and this process's ends of its pipes: one struct for
// every process-strategy child. `process` is set when this process is its
// parent, empty when another is (the fork server); `pid` is -1 once reaped.
// A one-task child (ProcessPerTask) has no task pipe.
struct WorkerPipes {
  pid_t pid = -1;
  std::optional<ChildProcess> process;
  UniqueFd to_worker;    // Write end of its task pipe.
  UniqueFd from_worker;  // Read end of its answer pipe.
};

// A pool worker, forked by the calling process with a task pipe and an
// answer pipe of its own, serving them (ServeTasks with `run_task`) until
// its task pipe closes. Both launches of ProcessPool make their workers so:
// the fork launch in the caller, the spawn launch in the fork server.
absl::StatusOr<WorkerPipes> ForkWorker(TaskRunner run_task);

// Parent side: tasks [first, first + count) of `tasks` as one chunk's bytes
// (its header, then its task messages) in `buffer`, resized to them: what
// SendChunk writes to a pipe and the shared-memory transport puts on a ring.
void BuildChunk(std::uint32_t first, std::uint32_t count, const Task* tasks,
                std::vector<char>& buffer);

// Parent side: sends tasks [first, first + count) of `tasks` as one chunk,
// built in `buffer` (kept by the caller, so that a chunk allocates nothing).
absl::Status SendChunk(int task_fd, std::uint32_t first, std::uint32_t count, const Task* tasks,
                       std::vector<char>& buffer);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
