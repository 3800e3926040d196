#include "lib/strategies/shm/shm_ring.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_format.h"
#include "lib/posix/tsan_annotations.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {
namespace {

// At the start of every slot. Atomics, read once each into locals, so that a
// peer writing them while we read cannot make us check one value and use
// another.
struct SlotHeader {
  std::atomic<std::uint64_t> seq;           // The slot's position in the stream.
  std::atomic<std::uint32_t> record_bytes;  // The whole record's length.
  std::atomic<std::uint32_t> fragment;      // Its place among the record's slots.
};
static_assert(sizeof(SlotHeader) == 16);

constexpr std::size_t kLeastSlotBytes = 2 * kCacheLine;

std::size_t PayloadBytes(RingShape shape) { return shape.slot_bytes - sizeof(SlotHeader); }

// Slots a record of `bytes` takes: at least one, so an empty record is a
// record too.
std::uint64_t SlotsFor(std::size_t bytes, RingShape shape) {
  const std::size_t payload = PayloadBytes(shape);
  return std::max<std::uint64_t>(1, (bytes + payload - 1) / payload);
}

template <typename Byte>
Byte* SlotAt(Byte* slots, RingShape shape, std::uint64_t position) {
  return slots + (position & (shape.slots - 1)) * shape.slot_bytes;
}

SlotHeader& HeaderOf(const std::byte* slot) {
  return *reinterpret_cast<SlotHeader*>(const_cast<std::byte*>(slot));
}

absl::Status Corrupt(const absl::FormatSpec<std::uint64_t, std::uint64_t, std::uint64_t>& format,
                     std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return ShmError(ShmFault::kCorrupt, absl::StrFormat(format, a, b, c));
}

RingControl* ControlOf(void* memory) { return static_cast<RingControl*>(memory); }
std::byte* SlotsOf(void* memory) { return static_cast<std::byte*>(memory) + sizeof(RingControl); }

}  // namespace

absl::Status ValidateRingShape(RingShape shape) {
  if (shape.slots < 2 || (shape.slots & (shape.slots - 1)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrFormat("a ring's slot count must be a power of two ≥ 2, not %u", shape.slots));
  }
  if (shape.slot_bytes < kLeastSlotBytes || shape.slot_bytes % kCacheLine != 0) {
    return absl::InvalidArgumentError(
        absl::StrFormat("a ring's slot must be a multiple of %u bytes ≥ %u, not %u", kCacheLine,
                        kLeastSlotBytes, shape.slot_bytes));
  }
  return absl::OkStatus();
}

std::size_t RingBytes(RingShape shape) {
  return sizeof(RingControl) + std::size_t{shape.slots} * shape.slot_bytes;
}

std::size_t MaxRecordBytes(RingShape shape) { return shape.slots * PayloadBytes(shape); }

std::size_t RecordsThatFit(RingShape shape, std::size_t record_bytes) {
  return shape.slots / SlotsFor(record_bytes, shape);
}

RingWriter::RingWriter(void* memory, RingShape shape, Doorbell* data_bell)
    : control_(ControlOf(memory)),
      slots_(SlotsOf(memory)),
      shape_(shape),
      data_bell_(data_bell != nullptr ? data_bell : &control_->data) {}

std::uint64_t RingWriter::FreeSlots() {
  const std::uint64_t tail = control_->tail.load(std::memory_order_seq_cst);
  if (tail < tail_seen_ || tail > head_) {
    if (broken_.ok()) {
      broken_ = Corrupt(
          "the reader's index %u is outside [%u, %u] (it only moves forward, up "
          "to what was written)",
          tail, tail_seen_, head_);
    }
    return 0;
  }
  tail_seen_ = tail;
  return shape_.slots - (head_ - tail);
}

absl::StatusOr<bool> RingWriter::TryWrite(absl::Span<const std::byte> record) {
  if (!broken_.ok()) return broken_;
  if (record.size() > max_record_bytes()) {
    return ShmError(
        ShmFault::kTooLarge,
        absl::StrFormat("a record of %u bytes, over the %u a ring of %u slots of %u "
                        "bytes takes",
                        record.size(), max_record_bytes(), shape_.slots, shape_.slot_bytes));
  }
  const std::uint64_t needed = SlotsFor(record.size(), shape_);
  if (FreeSlots() < needed) {
    if (!broken_.ok()) return broken_;
    return false;
  }
  // The reader's release of these slots happened in another process, which
  // TSan cannot see: this pairs our own successive writes instead, whatever
  // thread makes them (tsan_annotations.h).
  TsanAcquire(control_);
  const std::size_t payload = PayloadBytes(shape_);
  for (std::uint64_t i = 0; i < needed; ++i) {
    std::byte* slot = SlotAt(slots_, shape_, head_ + i);
    SlotHeader& header = HeaderOf(slot);
    header.seq.store(head_ + i, std::memory_order_relaxed);
    header.record_bytes.store(static_cast<std::uint32_t>(record.size()), std::memory_order_relaxed);
    header.fragment.store(static_cast<std::uint32_t>(i), std::memory_order_relaxed);
    const std::size_t offset = i * payload;
    const std::size_t bytes = std::min(payload, record.size() - std::min(offset, record.size()));
    if (bytes > 0) std::memcpy(slot + sizeof(SlotHeader), record.data() + offset, bytes);
  }
  head_ += needed;
  TsanRelease(control_);
  control_->head.store(head_, std::memory_order_seq_cst);
  absl::StatusOr<bool> woke = RingDoorbell(*data_bell_);
  if (!woke.ok()) return woke.status();
  woke_reader_ = *woke;
  return true;
}

absl::Status RingWriter::Write(absl::Span<const std::byte> record, SpinThenPark& waiter,
                               absl::Time deadline, absl::FunctionRef<absl::Status()> peer_alive) {
  while (true) {
    absl::StatusOr<bool> written = TryWrite(record);
    if (!written.ok()) return written.status();
    if (*written) return absl::OkStatus();
    const std::uint64_t needed = SlotsFor(record.size(), shape_);
    absl::Status waited = waiter.Wait(
        control_->space, [this, needed] { return FreeSlots() >= needed || !broken_.ok(); },
        deadline, peer_alive);
    if (!waited.ok()) return waited;
  }
}

RingReader::RingReader(void* memory, RingShape shape, Doorbell* data_bell)
    : control_(ControlOf(memory)),
      slots_(SlotsOf(memory)),
      shape_(shape),
      data_bell_(data_bell != nullptr ? data_bell : &control_->data) {}

bool RingReader::Pending() const { return control_->head.load(std::memory_order_seq_cst) != tail_; }

absl::StatusOr<bool> RingReader::TryRead(std::vector<std::byte>& record) {
  if (!broken_.ok()) return broken_;
  const std::uint64_t head = control_->head.load(std::memory_order_seq_cst);
  if (head == tail_) return false;
  const std::uint64_t published = head - tail_;  // Wraps to huge if head < tail_.
  if (head < tail_ || published > shape_.slots) {
    return broken_ = Corrupt("the writer's index %u is outside (%u, %u]", head, tail_,
                             tail_ + shape_.slots);
  }
  TsanAcquire(control_);  // As in TryWrite: our own successive reads.
  const SlotHeader& first = HeaderOf(SlotAt(slots_, shape_, tail_));
  const std::uint64_t record_bytes = first.record_bytes.load(std::memory_order_relaxed);
  if (record_bytes > MaxRecordBytes(shape_)) {
    return broken_ = Corrupt("slot %u holds a record of %u bytes, over the ring's %u", tail_,
                             record_bytes, MaxRecordBytes(shape_));
  }
  const std::uint64_t needed = SlotsFor(record_bytes, shape_);
  if (needed > published) {
    return broken_ = Corrupt("a record of %u slots at slot %u, of which %u are published", needed,
                             tail_, published);
  }
  record.resize(record_bytes);
  const std::size_t payload = PayloadBytes(shape_);
  for (std::uint64_t i = 0; i < needed; ++i) {
    const std::uint64_t position = tail_ + i;
    const std::byte* slot = SlotAt(slots_, shape_, position);
    const SlotHeader& header = HeaderOf(slot);
    const std::uint64_t seq = header.seq.load(std::memory_order_relaxed);
    if (seq != position) {
      return broken_ = Corrupt("slot %u holds sequence number %u, not %u", position, seq, position);
    }
    const std::uint64_t bytes = header.record_bytes.load(std::memory_order_relaxed);
    const std::uint64_t fragment = header.fragment.load(std::memory_order_relaxed);
    if (bytes != record_bytes || fragment != i) {
      return broken_ = Corrupt("slot %u says fragment %u of a record of %u bytes", position,
                               fragment, bytes);
    }
    const std::size_t offset = i * payload;
    const std::size_t count =
        std::min<std::size_t>(payload, record_bytes - std::min<std::size_t>(offset, record_bytes));
    if (count > 0) std::memcpy(record.data() + offset, slot + sizeof(SlotHeader), count);
  }
  tail_ += needed;
  TsanRelease(control_);
  control_->tail.store(tail_, std::memory_order_seq_cst);
  if (absl::StatusOr<bool> woke = RingDoorbell(control_->space); !woke.ok()) return woke.status();
  return true;
}

absl::Status RingReader::Read(std::vector<std::byte>& record, SpinThenPark& waiter,
                              absl::Time deadline, absl::FunctionRef<absl::Status()> peer_alive) {
  while (true) {
    absl::StatusOr<bool> got = TryRead(record);
    if (!got.ok()) return got.status();
    if (*got) return absl::OkStatus();
    absl::Status waited = waiter.Wait(
        *data_bell_, [this] { return Pending(); }, deadline, peer_alive);
    if (!waited.ok()) {
      // A record the peer published just before it died is still its own.
      absl::StatusOr<bool> last = TryRead(record);
      if (last.ok() && *last) return absl::OkStatus();
      return waited;
    }
  }
}

}  // namespace parbench
