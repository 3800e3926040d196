// Whole-buffer reads and writes on a descriptor, transparent to EINTR and to
// short transfers, for the pools' fixed-size messages.
#ifndef PARBENCH_LIB_POSIX_FD_IO_H_
#define PARBENCH_LIB_POSIX_FD_IO_H_

#include <signal.h>

#include <cstddef>

#include "absl/status/status.h"

namespace parbench {

// Reads exactly `size` bytes. End of file before the first byte is
// OutOfRange (the peer closed cleanly); end of file part-way is DataLoss.
absl::Status ReadFully(int fd, void* buffer, std::size_t size);

// Writes exactly `size` bytes. A reader that has gone away is
// FailedPrecondition (EPIPE); hold a SigpipeBlock around such writes, or the
// SIGPIPE that comes with EPIPE kills the process.
absl::Status WriteFully(int fd, const void* buffer, std::size_t size);

// Blocks SIGPIPE in the calling thread while it lives, and consumes any
// SIGPIPE raised meanwhile, so that writing to a dead child is an error status
// rather than the death of the caller. Scoped to a thread instead of changing
// the process-wide disposition, which a library has no business doing. Costs
// about three system calls: hold one per batch of writes, not per write.
class SigpipeBlock {
 public:
  SigpipeBlock();
  ~SigpipeBlock();
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool was_pending_ = false;  // A SIGPIPE pending before us is not ours to eat.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_FD_IO_H_
