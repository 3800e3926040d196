// UniqueFd owns one file descriptor and closes it exactly once. Nothing in
// parbench holds a raw descriptor past the call that created it.
#ifndef PARBENCH_LIB_POSIX_UNIQUE_FD_H_
#define PARBENCH_LIB_POSIX_UNIQUE_FD_H_

#include <utility>

#include "absl/status/statusor.h"

namespace parbench {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) Reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes the descriptor held now (if any) and takes `fd` instead.
  void Reset(int fd = -1);

 private:
  int fd_ = -1;  // -1 when empty.
};

// Both ends of a pipe(2), opened O_CLOEXEC.
struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};
absl::StatusOr<Pipe> MakePipe();

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_UNIQUE_FD_H_
