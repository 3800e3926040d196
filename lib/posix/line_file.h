// LineFile: a new file that only grows by whole lines, each appended with
// one write() and made durable with fdatasync() before Append returns. A
// crash (SIGKILL included) can therefore tear only the last line; after a
// failed append nothing more is written, so that no line follows a torn one.
#ifndef PARBENCH_LIB_POSIX_LINE_FILE_H_
#define PARBENCH_LIB_POSIX_LINE_FILE_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

class LineFile {
 public:
  // Creates `path`, which must not exist yet: a LineFile never writes over
  // lines it did not write (EEXIST otherwise).
  [[nodiscard]] static absl::StatusOr<LineFile> Create(const std::string& path);

  // Appends `line` (without its newline, which this adds; it must hold
  // none) once every earlier append succeeded; else returns the first
  // failure again.
  absl::Status Append(absl::string_view line);

  const std::string& path() const { return path_; }

 private:
  LineFile(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  UniqueFd fd_;
  std::string path_;
  absl::Status status_;  // The first failed append's, kept.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_LINE_FILE_H_
