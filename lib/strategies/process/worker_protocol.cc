#include "lib/strategies/process/worker_protocol.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "lib/posix/cpu_clock.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/resident_memory.h"
#include "lib/strategies/process/answer_decoder.h"

namespace parbench {
namespace {

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

void BuildChunk(std::uint32_t first, std::uint32_t count, const Task* tasks,
                std::vector<char>& buffer) {
  buffer.resize(sizeof(ChunkHeader) + count * sizeof(TaskMessage));
  const ChunkHeader header{count};
  std::memcpy(buffer.data(), &header, sizeof(header));
  for (std::uint32_t i = 0; i < count; ++i) {
    const TaskMessage message{first + i, tasks[first + i].workload, tasks[first + i].size};
    std::memcpy(buffer.data() + sizeof(header) + i * sizeof(message), &message, sizeof(message));
  }
}

absl::Status SendChunk(int task_fd, std::uint32_t first, std::uint32_t count, const Task* tasks,
                       std::vector<char>& buffer) {
  // Header and tasks in one buffer: one write() per chunk in the common case.
  BuildChunk(first, count, tasks, buffer);
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
  // A message cut short is the parent's protocol error; any other failed
  // read means the pipe is gone.
  const auto failed_read = [](const absl::Status& read) {
    return absl::IsDataLoss(read) || absl::IsOutOfRange(read) ? exit_status::kBadMessage
                                                              : exit_status::kPeerLost;
  };
  while (true) {
    ChunkHeader header;
    const absl::Status read = ReadFully(task_fd, &header, sizeof(header));
    if (absl::IsOutOfRange(read)) return exit_status::kOk;  // The pool closed: time to go.
    if (!read.ok()) return failed_read(read);
    if (!ValidChunkHeader(header)) return exit_status::kBadMessage;
    chunk.resize(header.count);
    if (absl::Status tasks = ReadFully(task_fd, chunk.data(), chunk.size() * sizeof(TaskMessage));
        !tasks.ok()) {
      return failed_read(tasks);
    }
    RunChunk(chunk, run_task, answers, cpu_mark);
    // All answers in one write: the parent wakes once per chunk, not per task.
    if (!WriteFully(answer_fd, answers.data(), answers.size() * sizeof(AnswerMessage)).ok()) {
      return exit_status::kPeerLost;
    }
  }
}

bool ValidChunkHeader(const ChunkHeader& header) {
  return header.count > 0 && header.count <= kMaxChunkTasks;
}

absl::StatusOr<WorkerPipes> ForkWorker(TaskRunner run_task) {
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
  const pid_t pid = child->pid();
  return WorkerPipes{pid, *std::move(child), std::move(tasks->write_end),
                     std::move(answers->read_end)};
}

StatusMessage ToStatusMessage(const absl::Status& status) {
  StatusMessage encoded;
  encoded.code = static_cast<std::int32_t>(status.code());
  const std::size_t length = std::min(status.message().size(), sizeof(encoded.message) - 1);
  if (length > 0) std::memcpy(encoded.message, status.message().data(), length);
  return encoded;
}

absl::Status FromStatusMessage(const StatusMessage& encoded) {
  std::optional<absl::Status> status = DecodeStatusMessage(encoded);
  if (!status.has_value()) {
    return absl::DataLossError(absl::StrFormat("a garbled status (code %d)", encoded.code));
  }
  return *std::move(status);
}

}  // namespace parbench
