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

// absl::StatusCode's last value (kUnauthenticated).
constexpr std::int32_t kLastStatusCode = 16;

}  // namespace

void ChunkAnswers::Start(std::uint32_t first, std::uint32_t count) {
  header_ = AnswerHeader{};
  header_.first = first;
  header_.count = count;
  bytes_.resize(MinAnswerBytes(count));
  std::memset(bytes_.data(), 0, bytes_.size());
  errors_.clear();
}

void ChunkAnswers::Set(std::uint32_t k, const absl::StatusOr<std::uint64_t>& outcome) {
  char* const checksum = bytes_.data() + sizeof(AnswerHeader) + k * sizeof(std::uint64_t);
  if (outcome.ok()) {
    std::memcpy(checksum, &*outcome, sizeof(std::uint64_t));
    return;
  }
  std::memset(checksum, 0, sizeof(std::uint64_t));
  const absl::Status& error = outcome.status();
  auto code = static_cast<std::int32_t>(error.code());
  if (code <= 0 || code > kLastStatusCode)
    code = static_cast<std::int32_t>(absl::StatusCode::kUnknown);
  const std::size_t length = std::min(error.message().size(), kMaxErrorMessage);
  const FailedTask failed{header_.first + k, code, static_cast<std::uint32_t>(length)};
  const std::size_t at = errors_.size();
  errors_.resize(at + sizeof(failed) + length);
  std::memcpy(errors_.data() + at, &failed, sizeof(failed));
  char* const text = errors_.data() + at + sizeof(failed);
  for (std::size_t i = 0; i < length; ++i) {
    // Clean text only: the pool reads any other byte as junk.
    const char byte = error.message()[i];
    text[i] = MessageByteAllowed(static_cast<unsigned char>(byte)) ? byte : '?';
  }
  ++header_.failed;
}

void ChunkAnswers::Finish(std::int64_t& cpu_mark, bool read_clocks) {
  if (read_clocks) {
    const std::int64_t now = ProcessCpuNanos();
    header_.cpu_nanos = now - cpu_mark;
    cpu_mark = now;
    peak_rss_kib_ = PeakResidentSinceStartKib();
  }
  header_.pid = pid_;
  header_.peak_rss_kib = peak_rss_kib_;
  header_.error_bytes = static_cast<std::uint32_t>(errors_.size());
  std::memcpy(bytes_.data(), &header_, sizeof(header_));
  bytes_.insert(bytes_.end(), errors_.begin(), errors_.end());
}

absl::Status AnswerTask(std::uint32_t index, const Task& task, TaskRunner run_task, int answer_fd,
                        std::int64_t& cpu_mark) {
  ChunkAnswers answers;
  answers.Start(index, 1);
  answers.Set(0, run_task(task));
  answers.Finish(cpu_mark, /*read_clocks=*/true);
  return WriteFully(answer_fd, answers.bytes().data(), answers.bytes().size());
}

absl::Status AnswerError(std::uint32_t index, const absl::Status& error, int answer_fd) {
  ChunkAnswers answers;
  answers.Start(index, 1);
  answers.Set(0, error);
  std::int64_t cpu_mark = 0;  // A fresh process's clock: it started with it.
  answers.Finish(cpu_mark, /*read_clocks=*/true);
  return WriteFully(answer_fd, answers.bytes().data(), answers.bytes().size());
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

void RunChunk(absl::Span<const TaskMessage> chunk, TaskRunner run_task, ChunkAnswers& answers,
              std::int64_t& cpu_mark, absl::FunctionRef<bool()> more_waiting) {
  answers.Start(chunk.empty() ? 0 : chunk.front().index, static_cast<std::uint32_t>(chunk.size()));
  for (std::size_t k = 0; k < chunk.size(); ++k) {
    const Task task{chunk[k].workload, chunk[k].size};
    answers.Set(static_cast<std::uint32_t>(k), run_task(task));
  }
  answers.Finish(cpu_mark, /*read_clocks=*/!more_waiting());
}

int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task) {
  std::int64_t cpu_mark = 0;
  std::vector<TaskMessage> chunk;
  ChunkAnswers answers;
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
    if (!ConsecutiveTasks(chunk)) return exit_status::kBadMessage;
    // What waits in the pipe cannot be seen without a system call: the
    // clocks are read every chunk.
    RunChunk(chunk, run_task, answers, cpu_mark, [] { return false; });
    // All answers in one write: the parent wakes once per chunk, not per task.
    if (!WriteFully(answer_fd, answers.bytes().data(), answers.bytes().size()).ok()) {
      return exit_status::kPeerLost;
    }
  }
}

bool ValidChunkHeader(const ChunkHeader& header) {
  return header.count > 0 && header.count <= kMaxChunkTasks;
}

bool ConsecutiveTasks(absl::Span<const TaskMessage> chunk) {
  for (std::size_t k = 1; k < chunk.size(); ++k) {
    if (chunk[k].index != chunk[0].index + k) return false;
  }
  return true;
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
