#include "lib/worker_protocol.h"

#include <algorithm>
#include <cstring>
#include "absl/strings/string_view.h"

#include "lib/posix/cpu_clock.h"
#include "lib/posix/fd_io.h"

namespace parbench {
namespace {

// Exit statuses of a worker process whose pipe failed; a task's own failure
// travels in the answer instead.
constexpr int kReadFailed = 3;
constexpr int kWriteFailed = 4;

}  // namespace

absl::Status AnswerTask(std::uint32_t index, const Task& task, TaskRunner run_task,
                        int answer_fd, std::int64_t& cpu_mark) {
  const absl::StatusOr<std::uint64_t> checksum = run_task(task);
  AnswerMessage answer;
  answer.index = index;
  if (checksum.ok()) {
    answer.checksum = *checksum;
  } else {
    answer.status_code = static_cast<std::int32_t>(checksum.status().code());
    const absl::string_view message = checksum.status().message();
    std::memcpy(answer.error, message.data(),
                std::min(message.size(), sizeof(answer.error) - 1));
  }
  const std::int64_t now = ProcessCpuNanos();
  answer.cpu_nanos = now - cpu_mark;
  cpu_mark = now;
  return WriteFully(answer_fd, &answer, sizeof(answer));
}

int ServeTasks(int task_fd, int answer_fd, TaskRunner run_task) {
  std::int64_t cpu_mark = 0;
  while (true) {
    TaskMessage message;
    const absl::Status read = ReadFully(task_fd, &message, sizeof(message));
    if (absl::IsOutOfRange(read)) return 0;  // The pool closed: time to go.
    if (!read.ok()) return kReadFailed;
    const Task task{message.workload, message.size};
    if (!AnswerTask(message.index, task, run_task, answer_fd, cpu_mark).ok()) {
      return kWriteFailed;
    }
  }
}

absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer) {
  if (answer.status_code != 0) {
    const absl::string_view message(answer.error, strnlen(answer.error, sizeof(answer.error)));
    return absl::Status(static_cast<absl::StatusCode>(answer.status_code), message);
  }
  return TaskResult{answer.checksum, answer.cpu_nanos};
}

}  // namespace parbench
