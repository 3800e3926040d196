// SharedMapping owns one MAP_SHARED region that two processes see alike: an
// anonymous one, inherited by a child forked after it is made; one backed
// by a sealed memfd, whose descriptor can cross a program start (passed as
// the pipes are, by inheritance or SCM_RIGHTS) and be mapped by the peer;
// or one backed by a file, read by whoever opens the file, even after the
// writer has died.
#ifndef PARBENCH_LIB_POSIX_SHARED_MAPPING_H_
#define PARBENCH_LIB_POSIX_SHARED_MAPPING_H_

#include <cstddef>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

class SharedMapping {
 public:
  // `bytes` of zeroed memory, MAP_SHARED | MAP_ANONYMOUS: shared with every
  // child forked while it lives, and with nothing else.
  [[nodiscard]] static absl::StatusOr<SharedMapping> Anonymous(std::size_t bytes);

  // `bytes` of zeroed memory in a memfd (O_CLOEXEC) named `name` for
  // /proc/<pid>/maps, sealed against growing and shrinking, so that a peer
  // cannot truncate it under us (a shrunken file would make our next access
  // a SIGBUS). fd() is the descriptor to hand the peer.
  [[nodiscard]] static absl::StatusOr<SharedMapping> Memfd(std::size_t bytes, const char* name);

  // The peer's side of Memfd(): maps the memfd received. Refuses a
  // descriptor that is not a memfd sealed against shrinking or holds fewer
  // than `bytes`, since either could end in a SIGBUS.
  [[nodiscard]] static absl::StatusOr<SharedMapping> MapReceived(UniqueFd fd, std::size_t bytes);

  // `bytes` of zeroed memory backed by the file at `path`, created or
  // truncated (mode 0644, O_CLOEXEC): what is stored in it outlives this
  // process, however it ends, for a reader that comes after (the file
  // stays; only the mapping goes).
  [[nodiscard]] static absl::StatusOr<SharedMapping> File(const std::string& path,
                                                          std::size_t bytes);

  SharedMapping(SharedMapping&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        bytes_(std::exchange(other.bytes_, 0)),
        fd_(std::move(other.fd_)) {}
  SharedMapping& operator=(SharedMapping&& other) noexcept;
  SharedMapping(const SharedMapping&) = delete;
  SharedMapping& operator=(const SharedMapping&) = delete;
  // Unmaps (munmap) and closes the memfd if any.
  ~SharedMapping();

  void* data() const { return data_; }
  std::size_t size() const { return bytes_; }
  // The memfd or file behind the mapping; -1 for an anonymous one.
  int fd() const { return fd_.get(); }

 private:
  SharedMapping(void* data, std::size_t bytes, UniqueFd fd)
      : data_(data), bytes_(bytes), fd_(std::move(fd)) {}
  void Unmap();

  void* data_ = nullptr;  // nullptr once unmapped or moved from.
  std::size_t bytes_ = 0;
  UniqueFd fd_;  // Empty for an anonymous mapping.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_SHARED_MAPPING_H_
