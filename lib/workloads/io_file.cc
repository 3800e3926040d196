#include "lib/workloads/io_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/core/byte_pattern.h"
#include "lib/core/workload_table.h"
#include "lib/posix/unique_fd.h"

namespace parbench {
namespace {

std::string TempDirectory() {
  const char* dir = ::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

absl::Status StepError(absl::string_view step, const std::string& path) {
  return absl::ErrnoToStatus(errno, absl::StrFormat("IoFile: %s (%s)", step, path));
}

}  // namespace

absl::StatusOr<std::uint64_t> WriteSyncReadBack(std::uint64_t bytes) {
  if (bytes > kMaxFileBlock) {
    return absl::InvalidArgumentError(
        absl::StrFormat("IoFile: block of %d bytes exceeds %d", bytes, kMaxFileBlock));
  }
  std::string path = TempDirectory() + "/parbench-iofile.XXXXXX";
  UniqueFd file(::mkostemp(path.data(), O_CLOEXEC));
  if (!file.valid()) return StepError("mkostemp()", path);
  // From here on the file has no name: the descriptor is all there is.
  if (::unlink(path.c_str()) != 0) return StepError("unlink()", path);

  const std::vector<char> block = BytePattern(bytes);
  for (std::size_t done = 0; done < block.size();) {
    const ssize_t n =
        ::pwrite(file.get(), block.data() + done, block.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return StepError("pwrite()", path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(file.get()) != 0) return StepError("fsync()", path);

  std::vector<char> back(block.size());
  for (std::size_t done = 0; done < back.size();) {
    const ssize_t n =
        ::pread(file.get(), back.data() + done, back.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return StepError("pread()", path);
    }
    if (n == 0) {
      return absl::DataLossError(
          absl::StrFormat("IoFile: read back %d of %d bytes (%s)", done, back.size(), path));
    }
    done += static_cast<std::size_t>(n);
  }
  const std::uint64_t written = Fnv1a64(block);
  const std::uint64_t read = Fnv1a64(back);
  if (read != written) {
    return absl::DataLossError(
        absl::StrFormat("IoFile: read back checksum %#x, wrote %#x (%s)", read, written, path));
  }
  return read;
}

PARBENCH_REGISTER_WORKLOAD({
    .name = "IoFile",
    .size_flag = "iofile_bytes",
    .help = "IoFile workload: bytes each task writes, fsyncs and reads back.",
    .default_size = 65536,
    .max_size = kMaxFileBlock,
    .test_size = 1'000,
    .run = &WriteSyncReadBack,
    .io_bound = true,
    .order = 4,
});

}  // namespace parbench
