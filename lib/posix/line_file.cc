#include "lib/posix/line_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/posix/fd_io.h"

namespace parbench {

absl::StatusOr<LineFile> LineFile::Create(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644));
  if (!fd.valid()) return absl::ErrnoToStatus(errno, absl::StrCat("open(", path, ")"));
  return LineFile(std::move(fd), path);
}

absl::Status LineFile::Append(absl::string_view line) {
  if (!status_.ok()) return status_;
  if (line.find('\n') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(path_, ": a line with a line break in it"));
  }
  const std::string whole = absl::StrCat(line, "\n");
  status_ = WriteFully(fd_.get(), whole.data(), whole.size());
  if (status_.ok() && ::fdatasync(fd_.get()) != 0) {
    status_ = absl::ErrnoToStatus(errno, "fdatasync()");
  }
  if (!status_.ok()) {
    status_ = absl::Status(status_.code(), absl::StrCat(path_, ": ", status_.message()));
  }
  return status_;
}

}  // namespace parbench
