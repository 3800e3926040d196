// What the process-based strategies send over their pipes: a chunk of
// fixed-size task messages behind a header, the chunk's answers, and the loop
// a worker process runs. Each pipe has one writer and one reader, and every
// transfer goes through ReadFully/WriteFully, so a chunk may exceed PIPE_BUF.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_WORKER_PROTOCOL_H_

#include <limits.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
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

// An absl::Status as it crosses the fork server's socket: its code and its
// message, truncated. (A task's answer carries its error in a compact form of
// its own, see ChunkAnswers.)
struct StatusMessage {
  std::int32_t code = 0;  // absl::StatusCode; 0 is OK.
  char message[200] = {};
};
StatusMessage ToStatusMessage(const absl::Status& status);
// The status `encoded` carries; DataLoss when it is not a valid one (see
// DecodeStatusMessage): junk is never shown as a message.
absl::Status FromStatusMessage(const StatusMessage& encoded);

// A chunk's answers, one record for the whole chunk (ChunkAnswers):
//   an AnswerHeader;
//   `count` checksums, 8 bytes each, in task order (a failed task's is 0);
//   then, only when tasks failed, `failed` FailedTask records in task order, each
//   followed by its message's `length` bytes (no NUL), `error_bytes` in all.
// The common case, every task fine, is 40 bytes and 8 a task.
struct AnswerHeader {
  std::uint32_t first = 0;        // Echoes the chunk's first task index.
  std::uint32_t count = 0;        // Tasks answered: the chunk's count.
  std::uint32_t failed = 0;       // Tasks whose error follows the checksums.
  std::uint32_t error_bytes = 0;  // The bytes of those errors, messages included.
  // The worker's CPU time for the chunk (see TaskResult::cpu_nanos), its
  // process id and peak memory (TaskResult::worker_pid, worker_peak_rss_kib):
  // given to the chunk's first task.
  std::int64_t cpu_nanos = 0;
  std::int64_t peak_rss_kib = 0;
  std::int32_t pid = 0;
  std::uint32_t reserved = 0;  // Zero.
};
static_assert(sizeof(AnswerHeader) == 40);

// One failed task's error, after the checksums.
struct FailedTask {
  std::uint32_t index = 0;   // The task's, within the chunk.
  std::int32_t code = 0;     // absl::StatusCode, not OK.
  std::uint32_t length = 0;  // Of the message that follows: ≤ kMaxErrorMessage.
};
static_assert(sizeof(FailedTask) == 12);

// The longest error message an answer carries; a longer one is cut.
inline constexpr std::size_t kMaxErrorMessage = 200;

// Whether an error message may hold `byte`: printable text, tabs and
// newlines (a worker replaces any other with '?'; the decoder rejects it).
constexpr bool MessageByteAllowed(unsigned char byte) {
  return byte >= 0x20 ? byte != 0x7f : (byte == '\t' || byte == '\n');
}

// The bytes of a chunk's answers when every task is fine (the least), and at
// most (every task failed with the longest message): what a reader must be
// able to hold.
constexpr std::size_t MinAnswerBytes(std::size_t count) {
  return sizeof(AnswerHeader) + count * sizeof(std::uint64_t);
}
constexpr std::size_t MaxAnswerBytes(std::size_t count) {
  return MinAnswerBytes(count) + count * (sizeof(FailedTask) + kMaxErrorMessage);
}

// Worker side: a chunk's answers built as their tasks run, in a buffer kept
// between chunks (nothing allocated per chunk once warm, unless tasks fail).
class ChunkAnswers {
 public:
  // Starts the answers to `count` tasks from `first` on.
  void Start(std::uint32_t first, std::uint32_t count);
  // Task number `k` of the chunk (0-based), in order: its checksum or error.
  void Set(std::uint32_t k, const absl::StatusOr<std::uint64_t>& outcome);
  // Ends the record, which carries the worker's id and, with
  // `read_clocks`, its CPU time since `cpu_mark` (then moved) and its peak
  // memory now (see TaskResult::cpu_nanos). Without, no CPU time (the next
  // record that reads the clock charges it) and the peak last read: two
  // system calls fewer, for a worker with another chunk already waiting.
  void Finish(std::int64_t& cpu_mark, bool read_clocks);
  // The record, once finished.
  absl::Span<const char> bytes() const { return bytes_; }

 private:
  std::vector<char> bytes_;   // The header and the checksums.
  std::vector<char> errors_;  // The errors, appended to bytes_ by Finish().
  AnswerHeader header_;
  // Read once: this process's id does not change (a ChunkAnswers is made
  // in the process that answers with it).
  std::int32_t pid_ = static_cast<std::int32_t>(::getpid());
  std::int64_t peak_rss_kib_ = 0;  // As last read.
};

// Precedes `count` TaskMessages of consecutive indices; the worker answers
// with one ChunkAnswers record, after running them all.
struct ChunkHeader {
  std::uint32_t count = 0;
};

// A bound on `count` so that a garbled header cannot make a worker allocate
// without limit; the pools never send more (they split larger chunks).
inline constexpr std::uint32_t kMaxChunkTasks = 1 << 16;

// True for a header a worker accepts: 1 to kMaxChunkTasks tasks. The
// worker (ServeTasks) checks every header with it.
bool ValidChunkHeader(const ChunkHeader& header);

// True for a chunk's tasks a worker accepts: consecutive indices (their
// answers echo the first only). Checked with the header by every worker.
bool ConsecutiveTasks(absl::Span<const TaskMessage> chunk);

static_assert(sizeof(TaskMessage) <= PIPE_BUF && MaxAnswerBytes(1) <= PIPE_BUF);

// Child side: runs `task` with `run_task` and writes its answer (a chunk of
// one) to `answer_fd`. `cpu_mark` is the process CPU time at the previous
// answer (0 for a fresh child, whose clock starts at fork) and is moved
// forward.
absl::Status AnswerTask(std::uint32_t index, const Task& task, TaskRunner run_task, int answer_fd,
                        std::int64_t& cpu_mark);

// Child side: writes an answer carrying `error` for task `index`, for a
// task that could not even be read (a spawned worker given a workload name
// its binary does not know).
absl::Status AnswerError(std::uint32_t index, const absl::Status& error, int answer_fd);

// Worker side: runs a chunk's tasks (consecutive, see ConsecutiveTasks) with
// `run_task` into `answers`, charging the worker's CPU time since `cpu_mark`
// unless `more_waiting()`, asked once the tasks have run, says another chunk
// already waits (see ChunkAnswers::Finish).
void RunChunk(absl::Span<const TaskMessage> chunk, TaskRunner run_task, ChunkAnswers& answers,
              std::int64_t& cpu_mark, absl::FunctionRef<bool()> more_waiting);

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
