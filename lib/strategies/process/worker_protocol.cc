#include "lib/strategies/process/worker_protocol.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/posix/cpu_clock.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/resident_memory.h"

namespace parbench {
namespace {

// Exit statuses of a worker process whose pipe failed; a task's own failure
// travels in the answer instead.
constexpr int kReadFailed = 3;
constexpr int kWriteFailed = 4;

// The answer carrying `checksum`, a task's outcome, without CPU time (see
// ChargeCpu).
AnswerMessage AnswerFor(std::uint32_t index, const absl::StatusOr<std::uint64_t>& checksum) {
  AnswerMessage answer;
  answer.index = index;
  if (checksum.ok()) {
    answer.checksum = *checksum;
  } else {
    answer.status = ToStatusMessage(checksum.status());
  }
  return answer;
}

// Runs `task` with `run_task`: its answer, without CPU time.
AnswerMessage RunForAnswer(std::uint32_t index, const Task& task, TaskRunner run_task) {
  return AnswerFor(index, run_task(task));
}

// Charges the worker's CPU time since `cpu_mark` to the first of `answers`
// (one clock read per batch, see TaskResult::cpu_nanos) and moves the mark;
// the first answer also carries the worker's id and peak memory.
void ChargeCpu(absl::Span<AnswerMessage> answers, std::int64_t& cpu_mark) {
  const std::int64_t now = ProcessCpuNanos();
  answers.front().cpu_nanos = now - cpu_mark;
  answers.front().pid = static_cast<std::int32_t>(::getpid());
  answers.front().peak_rss_kib = PeakResidentSinceStartKib();
  cpu_mark = now;
}

}  // namespace

absl::Status AnswerTask(std::uint32_t index, const Task& task, TaskRunner run_task, int answer_fd,
                        std::int64_t& cpu_mark) {
  AnswerMessage answer = RunForAnswer(index, task, run_task);
  ChargeCpu(absl::MakeSpan(&answer, 1), cpu_mark);
  return WriteFully(answer_fd, &answer, sizeof(answer));
}

absl::Status AnswerError(std::uint32_t index, const absl::Status& error, int answer_fd) {
  const AnswerMessage answer = AnswerFor(index, error);
  return WriteFully(answer_fd, &answer, sizeof(answer));
}

absl::Status SendChunk(int task_fd, std::uint32_t first, std::uint32_t count, const Task* tasks) {
  // Header and tasks in one buffer: one write() per chunk in the common case.
  std::vector<char> buffer(sizeof(ChunkHeader) + count * sizeof(TaskMessage));
  const ChunkHeader header{count};
  std::memcpy(buffer.data(), &header, sizeof(header));
  for (std::uint32_t i = 0; i < count; ++i) {
    const TaskMessage message{first + i, tasks[first + i].workload, tasks[first + i].size};
    std::memcpy(buffer.data() + sizeof(header) + i * sizeof(message), &message, sizeof(message));
  }
  return WriteFully(task_fd, buffer.data(), buffer.size());
}

void RunChunk(absl::Span<const TaskMessage> chunk, TaskRunner run_task,
              std::vector<AnswerMessage>& answers, std::int64_t& cpu_mark) {
  answers.clear();
  for (const TaskMessage& message : chunk) {
    const Task task{message.workload, message.size};
    answers.push_back(RunForAnswer(message.index, task, run_task));
  }
  if (!answers.empty()) ChargeCpu(absl::MakeSpan(answers), cpu_mark);
}

int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task) {
  std::int64_t cpu_mark = 0;
  std::vector<TaskMessage> chunk;
  std::vector<AnswerMessage> answers;
  while (true) {
    ChunkHeader header;
    const absl::Status read = ReadFully(task_fd, &header, sizeof(header));
    if (absl::IsOutOfRange(read)) return 0;  // The pool closed: time to go.
    if (!read.ok() || header.count == 0 || header.count > kMaxChunkTasks) return kReadFailed;
    chunk.resize(header.count);
    if (!ReadFully(task_fd, chunk.data(), chunk.size() * sizeof(TaskMessage)).ok()) {
      return kReadFailed;
    }
    RunChunk(chunk, run_task, answers, cpu_mark);
    // All answers in one write: the parent wakes once per chunk, not per task.
    if (!WriteFully(answer_fd, answers.data(), answers.size() * sizeof(AnswerMessage)).ok()) {
      return kWriteFailed;
    }
  }
}

absl::StatusOr<ForkedWorker> ForkWorker(TaskRunner run_task) {
  absl::StatusOr<Pipe> tasks = MakePipe();
  if (!tasks.ok()) return tasks.status();
  absl::StatusOr<Pipe> answers = MakePipe();
  if (!answers.ok()) return answers.status();
  const int task_fd = tasks->read_end.get();
  const int answer_fd = answers->write_end.get();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork(
      {task_fd, answer_fd},
      [task_fd, answer_fd, run_task] { return ServeTasks(task_fd, answer_fd, run_task); });
  if (!child.ok()) return child.status();
  // The child's ends of both pipes close here, in the caller.
  return ForkedWorker{*std::move(child), std::move(tasks->write_end), std::move(answers->read_end)};
}

StatusMessage ToStatusMessage(const absl::Status& status) {
  StatusMessage encoded;
  encoded.code = static_cast<std::int32_t>(status.code());
  const std::size_t length = std::min(status.message().size(), sizeof(encoded.message) - 1);
  if (length > 0) std::memcpy(encoded.message, status.message().data(), length);
  return encoded;
}

absl::Status FromStatusMessage(const StatusMessage& encoded) {
  const absl::string_view message(encoded.message,
                                  strnlen(encoded.message, sizeof(encoded.message)));
  return absl::Status(static_cast<absl::StatusCode>(encoded.code), message);
}

absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer) {
  if (answer.status.code != 0) return FromStatusMessage(answer.status);
  return TaskResult{answer.checksum, answer.cpu_nanos, answer.pid, answer.peak_rss_kib};
}

}  // namespace parbench
