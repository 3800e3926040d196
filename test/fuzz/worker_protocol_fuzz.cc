// Fuzzes the worker side of the chunk protocol: ServeTasks reading any bytes
// as its task pipe (a memfd holding the input). Checked against a reference
// reading of the same bytes: a worker answers exactly the whole, valid
// chunks before the first bad or truncated one, echoing each task's index
// and size in order, and then ends with exit_status::kOk (the input ended
// between chunks) or kBadMessage (it did not) — never a crash, a hang, a
// leak, or kPeerLost while both descriptors work.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "lib/posix/exit_status.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/answer_decoder.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

// Runs no workload: the decoding is under test, not the tasks.
absl::StatusOr<std::uint64_t> EchoSize(const Task& task) { return task.size; }

// The tasks a reference reading of `data` finds, and how the worker must end.
struct Expected {
  std::vector<TaskMessage> tasks;
  int exit_status = exit_status::kOk;
};

Expected ReadReference(const std::uint8_t* data, std::size_t size) {
  Expected expected;
  std::size_t at = 0;
  while (at < size) {
    ChunkHeader header;
    if (size - at < sizeof(header)) return {expected.tasks, exit_status::kBadMessage};
    std::memcpy(&header, data + at, sizeof(header));
    at += sizeof(header);
    if (!ValidChunkHeader(header) || (size - at) / sizeof(TaskMessage) < header.count) {
      return {expected.tasks, exit_status::kBadMessage};
    }
    for (std::uint32_t i = 0; i < header.count; ++i) {
      TaskMessage task;
      std::memcpy(&task, data + at, sizeof(task));
      at += sizeof(task);
      expected.tasks.push_back(task);
    }
  }
  return expected;
}

UniqueFd MemoryFile(const char* name) {
  UniqueFd fd(::memfd_create(name, MFD_CLOEXEC));
  if (!fd.valid()) std::abort();  // The harness cannot run: not a finding.
  return fd;
}

}  // namespace
}  // namespace parbench

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parbench;
  const UniqueFd tasks = MemoryFile("tasks");
  const UniqueFd answers = MemoryFile("answers");
  if (size > 0 && !WriteFully(tasks.get(), data, size).ok()) std::abort();
  if (::lseek(tasks.get(), 0, SEEK_SET) != 0) std::abort();

  const int status = ServeTasks(tasks.get(), answers.get(), &EchoSize);

  const Expected expected = ReadReference(data, size);
  if (status != expected.exit_status) std::abort();
  const off_t written = ::lseek(answers.get(), 0, SEEK_END);
  if (written < 0 ||
      static_cast<std::size_t>(written) != expected.tasks.size() * sizeof(AnswerMessage)) {
    std::abort();
  }
  std::vector<AnswerMessage> got(expected.tasks.size());
  if (!got.empty() &&
      ::pread(answers.get(), got.data(), static_cast<std::size_t>(written), 0) != written) {
    std::abort();
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    const absl::StatusOr<TaskResult> result = ResultFromAnswer(got[i]);
    if (got[i].index != expected.tasks[i].index || !result.ok() ||
        result->checksum != expected.tasks[i].size) {
      std::abort();
    }
  }
  return 0;
}
