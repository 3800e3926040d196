// What the process-based strategies send over their pipes: a chunk of
// fixed-size task messages behind a header, the chunk's answers, and the loop
// a worker process runs. Each pipe has one writer and one reader, and every
// transfer goes through ReadFully/WriteFully, so a chunk may exceed PIPE_BUF.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_

#include <limits.h>

#include <cstdint>
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
// returns 0; returns non-zero if a read or write fails. The return value is
// the worker process's exit status.
int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task);

// A pool worker, forked by the calling process with a task pipe and an
// answer pipe of its own, serving them (ServeTasks with `run_task`) until
// its task pipe closes. Both launches of ProcessPool make their workers so:
// the fork launch in the caller, the spawn launch in the fork server.
struct ForkedWorker {
  ChildProcess process;
  UniqueFd to_worker;    // Write end of its task pipe.
  UniqueFd from_worker;  // Read end of its answer pipe.
};
absl::StatusOr<ForkedWorker> ForkWorker(TaskRunner run_task);

// Parent side: sends tasks [first, first + count) of `tasks` as one chunk.
absl::Status SendChunk(int task_fd, std::uint32_t first, std::uint32_t count, const Task* tasks);

// Parent side: the result an answer carries, or the task's error.
absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
