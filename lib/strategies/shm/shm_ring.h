// A single-producer, single-consumer ring of fixed-size slots in memory two
// processes share: records (a chunk, a chunk's answers) go in whole, a record
// larger than a slot in consecutive slots, published by one store of the
// head. Each end keeps its own index privately and reads only the peer's,
// which it validates with everything else it reads: a peer that scribbles on
// the ring is reported as ShmFault::kCorrupt, never followed.
#ifndef PARBENCH_LIB_STRATEGIES_SHM_SHM_RING_H_
#define PARBENCH_LIB_STRATEGIES_SHM_SHM_RING_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "lib/strategies/shm/doorbell.h"

namespace parbench {

inline constexpr std::size_t kCacheLine = 64;

static_assert(std::atomic<std::uint64_t>::is_always_lock_free &&
                  std::atomic<std::uint32_t>::is_always_lock_free,
              "the ring's atomics must work between processes: lock-free, no hidden lock");

// The ring's geometry. Both ends take it from their own configuration (the
// pool decides, the worker is told at start), never from the shared memory.
struct RingShape {
  std::uint32_t slots = 64;         // A power of two, at least 2.
  std::uint32_t slot_bytes = 1024;  // A multiple of kCacheLine, header included.
};
// OK, or InvalidArgument naming what is wrong with `shape`.
absl::Status ValidateRingShape(RingShape shape);
// The bytes a ring of `shape` takes in shared memory (a multiple of kCacheLine).
std::size_t RingBytes(RingShape shape);
// The largest record a ring of `shape` takes: every slot's payload. A larger
// one is refused (ShmFault::kTooLarge), for the caller to cut or send
// another way.
std::size_t MaxRecordBytes(RingShape shape);
// How many records of `record_bytes` each a ring of `shape` holds at once
// (a record takes whole slots); 0 when one is too large.
std::size_t RecordsThatFit(RingShape shape, std::size_t record_bytes);

// The shared part, at the start of the ring's memory: each index on a cache
// line of its own, so the writer's stores and the reader's do not contend.
// Zeroed memory is an empty ring.
struct RingControl {
  alignas(kCacheLine) std::atomic<std::uint64_t> head{0};  // Slots published (the writer's).
  alignas(kCacheLine) std::atomic<std::uint64_t> tail{0};  // Slots consumed (the reader's).
  Doorbell space;  // The writer parks here when the ring is full.
  Doorbell data;   // The reader parks here, unless given a doorbell of its own.
};

// The writing end. Not thread-safe (one writer); cheap to move.
class RingWriter {
 public:
  // `memory`: RingBytes(shape) bytes of shared memory, zeroed when made,
  // with a valid `shape`. `data_bell`: rung after each record, where the
  // reader parks (the ring's own when null).
  RingWriter(void* memory, RingShape shape, Doorbell* data_bell = nullptr);

  // Publishes `record` if the ring has room for it now: true if it did,
  // false if it is too full (nothing written). kTooLarge for a record over
  // MaxRecordBytes(), kCorrupt if the reader's index is impossible; a
  // kCorrupt ring stays so.
  absl::StatusOr<bool> TryWrite(absl::Span<const std::byte> record);

  // TryWrite, waiting with `waiter` while the ring is full (see
  // SpinThenPark::Wait for `deadline` and `peer_alive`).
  absl::Status Write(absl::Span<const std::byte> record, SpinThenPark& waiter, absl::Time deadline,
                     absl::FunctionRef<absl::Status()> peer_alive);

  std::size_t max_record_bytes() const { return MaxRecordBytes(shape_); }

  // Whether the last record published woke a reader parked for it (which
  // then needs a CPU).
  bool woke_reader() const { return woke_reader_; }

 private:
  // Slots free now, by the reader's index (validated into broken_).
  std::uint64_t FreeSlots();

  RingControl* control_;
  std::byte* slots_;
  RingShape shape_;
  Doorbell* data_bell_;
  std::uint64_t head_ = 0;       // Slots published: ours, never read back.
  std::uint64_t tail_seen_ = 0;  // The reader's index last read: it only grows.
  absl::Status broken_;          // The first corruption seen; sticky.
  bool woke_reader_ = false;
};

// The reading end. Not thread-safe (one reader); cheap to move.
class RingReader {
 public:
  // As RingWriter's; `data_bell` is where Read() parks.
  RingReader(void* memory, RingShape shape, Doorbell* data_bell = nullptr);

  // Whether the writer has published anything not read yet. Unchecked (a
  // scribbled head reads as pending; TryRead() then reports it): for a
  // waiter's ready() over several rings.
  bool Pending() const;

  // Takes the next record into `record` (resized to it): true if there was
  // one, false if the ring is empty. kCorrupt if anything read breaks the
  // ring's rules (an index out of range, a slot's sequence number, lengths
  // that disagree or exceed the ring); a kCorrupt ring stays so.
  absl::StatusOr<bool> TryRead(std::vector<std::byte>& record);

  // TryRead, waiting with `waiter` while the ring is empty.
  absl::Status Read(std::vector<std::byte>& record, SpinThenPark& waiter, absl::Time deadline,
                    absl::FunctionRef<absl::Status()> peer_alive);

  Doorbell& data_bell() const { return *data_bell_; }

 private:
  RingControl* control_;
  const std::byte* slots_;
  RingShape shape_;
  Doorbell* data_bell_;
  std::uint64_t tail_ = 0;  // Slots consumed: ours, never read back.
  absl::Status broken_;     // The first corruption seen; sticky.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_SHM_SHM_RING_H_
