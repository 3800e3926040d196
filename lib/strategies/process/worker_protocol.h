// What the process-based strategies send over their pipes: a chunk of
// fixed-size task messages behind a header, the chunk's answers, and the loop
// a worker process runs. Each pipe has one writer and one reader, and every
// transfer goes through ReadFully/WriteFully, so a chunk may exceed PIPE_BUF.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_

#include <limits.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/core/task.h"

namespace parbench {

struct TaskMessage {
  std::uint32_t index = 0;  // The task's position in the Map() call.
  WorkloadId workload = 0;
  std::uint64_t size = 0;
};

struct AnswerMessage {
  std::uint32_t index = 0;       // Echoes TaskMessage::index.
  std::int32_t status_code = 0;  // absl::StatusCode of the task's outcome.
  std::uint64_t checksum = 0;
  std::int64_t cpu_nanos = 0;  // See TaskResult::cpu_nanos.
  char error[200] = {};        // The task's error message, truncated.
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

// Child side: answers the chunks read from `task_fd` until end of file, then
// returns 0; returns non-zero if a read or write fails. The return value is
// the worker process's exit status.
int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task);

// Parent side: sends tasks [first, first + count) of `tasks` as one chunk.
absl::Status SendChunk(int task_fd, std::uint32_t first, std::uint32_t count, const Task* tasks);

// Parent side: the result an answer carries, or the task's error.
absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
