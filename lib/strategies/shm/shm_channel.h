// ShmChannel: one pool worker's link through shared memory — a ring of
// chunks from the pool and a ring of answers back, in one mapping that only
// that worker shares with the pool (a worker that scribbles can spoil only
// its own link, and the error names it). Made before the worker starts:
// anonymous for a forked worker, which inherits it; a sealed memfd for one
// started from another program (the fork server's), passed like its pipes.
//
// What this offers the chunk dispatcher (issue 20's transport interface),
// one ShmTransport over n channels, each worker watched by its pidfd:
//   - send a chunk:  ChunkWriter().Write(record, waiter, deadline, alive)
//     with the chunk's header and tasks as one record; kTooLarge when it
//     exceeds max_chunk_record_bytes(): the dispatcher cuts chunks so that
//     a chunk and its answers fit (MaxTasksPerChunk), or falls back to the
//     pipe for that Map().
//   - wait for answers with a deadline: SpinThenPark::Wait on the pool's
//     one answer doorbell (a Doorbell in a small mapping of its own that
//     every worker's AnswerWriter rings) until some AnswerReader::Pending();
//     parked on each busy worker's life word too (life()), so that a
//     death wakes it; between park slices each worker's pidfd is polled,
//     so a death is seen within kParkSlice even of a worker that spoiled
//     its word; kSilent past the deadline.
//   - read answers: AnswerReader().TryRead(); kCorrupt is a protocol
//     violation by a live worker (kill, then reap), never trusted further.
//   - stop: an empty record on each chunk ring (the worker's end of
//     work), then reap; a worker still busy is killed as over the pipe.
//   - how a worker ended: kPeerEnded from a wait (its pidfd readable), then
//     ChildProcess::Wait's status: the dispatcher's "worker ended" kind.
// The worker's loop is the mirror: HoldLife(life()) first, then
// ChunkReader().Read() parked with the pool's pidfd as its peer (a pool
// that dies ends its workers' waits), an empty record to stop,
// AnswerWriter().Write() per chunk.
#ifndef PARBENCH_LIB_STRATEGIES_SHM_SHM_CHANNEL_H_
#define PARBENCH_LIB_STRATEGIES_SHM_SHM_CHANNEL_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/posix/life_lock.h"
#include "lib/posix/pidfd.h"
#include "lib/posix/shared_mapping.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/shm/shm_ring.h"

namespace parbench {

struct ShmChannelShape {
  RingShape chunks;
  RingShape answers;
};

// OK while `peer` runs; ShmFault::kPeerEnded naming `who` once it has ended
// (a failed poll is kSystemCall). The `peer_alive` of the rings' waits.
absl::Status PeerAlive(const PidFd& peer, absl::string_view who);

class ShmChannel {
 public:
  enum class Backing {
    kAnonymous,  // MAP_SHARED | MAP_ANONYMOUS: for a worker forked after it.
    kMemfd,      // A sealed memfd: fd() crosses a program start.
  };
  // Zeroed rings of `shape` (each shape valid, see ValidateRingShape).
  [[nodiscard]] static absl::StatusOr<ShmChannel> Create(ShmChannelShape shape, Backing backing);
  // The worker's side of a kMemfd channel: maps the descriptor received,
  // checked as SharedMapping::MapReceived does.
  [[nodiscard]] static absl::StatusOr<ShmChannel> Attach(UniqueFd fd, ShmChannelShape shape);

  // The bytes a channel of `shape` maps.
  static std::size_t Bytes(ShmChannelShape shape);

  // The pool's ends. `answer_bell`: where answers ring (the pool's one
  // doorbell for every worker); the channel's own when null. Make each end
  // once per side: an end keeps its index privately.
  RingWriter ChunkWriter() const;
  RingReader AnswerReader(Doorbell* answer_bell = nullptr) const;
  // The worker's ends, with the same `answer_bell` as the pool's reader.
  RingReader ChunkReader() const;
  RingWriter AnswerWriter(Doorbell* answer_bell = nullptr) const;

  // The worker's life lock (lib/posix/life_lock.h): the worker holds it
  // from its start, and the pool parks on its word beside the answer
  // doorbell, so that the worker's death wakes the pool at once.
  LifeLock& life() const;

  // Where each ring starts in the mapping (its RingControl, then its slots):
  // for a test that plays a worker scribbling on its ring.
  void* chunk_ring() const;
  void* answer_ring() const;

  // The memfd to hand the worker; -1 for an anonymous channel.
  int fd() const { return mapping_.fd(); }
  const ShmChannelShape& shape() const { return shape_; }

 private:
  ShmChannel(SharedMapping mapping, ShmChannelShape shape)
      : mapping_(std::move(mapping)), shape_(shape) {}

  SharedMapping mapping_;
  ShmChannelShape shape_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_SHM_SHM_CHANNEL_H_
