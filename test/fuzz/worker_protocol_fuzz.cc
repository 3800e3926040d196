// Fuzzes the worker side of the chunk protocol: ServeTasks reading any bytes
// as its task pipe (a memfd holding the input). Checked against a reference
// reading of the same bytes: a worker answers exactly the whole, valid
// chunks (consecutive task indices) before the first bad or truncated one,
// one answers record each that the pool's decoder accepts, with each task's
// size as its checksum or its error, and then ends with exit_status::kOk (the input ended
// between chunks) or kBadMessage (it did not) — never a crash, a hang, a
// leak, or kPeerLost while both descriptors work.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "lib/posix/exit_status.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/answer_decoder.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

// Runs no workload: the decoding is under test, not the tasks. A size that
// is 1 modulo 5 fails, with a message as long as the size says (up to 299
// bytes) of bytes the size chooses, control bytes among them: the worker
// must send them as clean, bounded text.
bool Fails(std::uint64_t size) { return size % 5 == 1; }
absl::StatusOr<std::uint64_t> EchoSize(const Task& task) {
  if (Fails(task.size)) {
    return absl::InternalError(std::string(task.size % 300, static_cast<char>(task.size >> 8)));
  }
  return task.size;
}

// The tasks a reference reading of `data` finds, and how the worker must end.
struct Expected {
  std::vector<TaskMessage> tasks;
  std::vector<ChunkRange> chunks;  // The chunks answered, in order.
  int exit_status = exit_status::kOk;
};

Expected ReadReference(const std::uint8_t* data, std::size_t size) {
  Expected expected;
  std::size_t at = 0;
  while (at < size) {
    ChunkHeader header;
    if (size - at < sizeof(header))
      return {expected.tasks, expected.chunks, exit_status::kBadMessage};
    std::memcpy(&header, data + at, sizeof(header));
    at += sizeof(header);
    if (!ValidChunkHeader(header) || (size - at) / sizeof(TaskMessage) < header.count) {
      return {expected.tasks, expected.chunks, exit_status::kBadMessage};
    }
    std::vector<TaskMessage> chunk(header.count);
    std::memcpy(chunk.data(), data + at, header.count * sizeof(TaskMessage));
    at += header.count * sizeof(TaskMessage);
    // Consecutive task indices only: the answers echo the first.
    for (std::uint32_t i = 1; i < header.count; ++i) {
      if (chunk[i].index != std::uint64_t{chunk[0].index} + i) {
        return {expected.tasks, expected.chunks, exit_status::kBadMessage};
      }
    }
    expected.chunks.push_back(ChunkRange{chunk[0].index, header.count});
    expected.tasks.insert(expected.tasks.end(), chunk.begin(), chunk.end());
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
  if (written < 0) std::abort();
  std::vector<char> got(static_cast<std::size_t>(written));
  if (!got.empty() && ::pread(answers.get(), got.data(), got.size(), 0) != written) {
    std::abort();
  }
  // One answers record a chunk, each valid, with every task's outcome.
  std::size_t at = 0;
  std::size_t task = 0;
  for (const ChunkRange& chunk : expected.chunks) {
    const absl::Span<const char> rest = absl::MakeConstSpan(got).subspan(at);
    // Its header says how long it is; then the record alone must be whole.
    const AnswerCheck head =
        CheckAnswers(rest.subspan(0, std::min(rest.size(), sizeof(AnswerHeader))), chunk);
    if (head.violation.has_value() || rest.size() < head.due) std::abort();
    const absl::Span<const char> record = rest.subspan(0, head.due);
    const AnswerCheck check = CheckAnswers(record, chunk);
    if (check.violation.has_value() || check.due != record.size()) std::abort();
    std::vector<TaskResult> results(chunk.count);
    const std::optional<FailedAnswer> failed = TakeAnswers(record, absl::MakeSpan(results));
    std::optional<std::uint32_t> first_failing;
    for (std::uint32_t k = 0; k < chunk.count; ++k) {
      const std::uint64_t size = expected.tasks[task + k].size;
      if (Fails(size)) {
        if (!first_failing.has_value()) first_failing = chunk.first + k;
      } else if (results[k].checksum != size) {
        std::abort();
      }
    }
    if (failed.has_value() != first_failing.has_value()) std::abort();
    if (failed.has_value() &&
        (failed->index != *first_failing ||
         failed->status.message().size() !=
             std::min<std::size_t>(expected.tasks[failed->index - chunk.first + task].size % 300,
                                   kMaxErrorMessage))) {
      std::abort();
    }
    at += check.due;
    task += chunk.count;
  }
  if (at != got.size()) std::abort();
  return 0;
}
