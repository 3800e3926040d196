#include "lib/strategies/shm/shm_channel.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {

absl::Status PeerAlive(const PidFd& peer, absl::string_view who) {
  absl::StatusOr<bool> ended = peer.Ended();
  if (!ended.ok()) return ShmError(ShmFault::kSystemCall, ended.status());
  if (*ended) {
    return ShmError(ShmFault::kPeerEnded,
                    absl::StrFormat("%s (pid %d) has ended", who, peer.pid()));
  }
  return absl::OkStatus();
}

namespace {

// The life lock after both rings, on a cache line of its own.
constexpr std::size_t kLifeBytes = (sizeof(LifeLock) + 63) / 64 * 64;

}  // namespace

std::size_t ShmChannel::Bytes(ShmChannelShape shape) {
  return RingBytes(shape.chunks) + RingBytes(shape.answers) + kLifeBytes;
}

absl::StatusOr<ShmChannel> ShmChannel::Create(ShmChannelShape shape, Backing backing) {
  for (RingShape ring : {shape.chunks, shape.answers}) {
    if (absl::Status valid = ValidateRingShape(ring); !valid.ok()) return valid;
  }
  absl::StatusOr<SharedMapping> mapping =
      backing == Backing::kAnonymous ? SharedMapping::Anonymous(Bytes(shape))
                                     : SharedMapping::Memfd(Bytes(shape), "parbench-shm-channel");
  if (!mapping.ok()) return mapping.status();
  return ShmChannel(*std::move(mapping), shape);
}

absl::StatusOr<ShmChannel> ShmChannel::Attach(UniqueFd fd, ShmChannelShape shape) {
  for (RingShape ring : {shape.chunks, shape.answers}) {
    if (absl::Status valid = ValidateRingShape(ring); !valid.ok()) return valid;
  }
  absl::StatusOr<SharedMapping> mapping = SharedMapping::MapReceived(std::move(fd), Bytes(shape));
  if (!mapping.ok()) return mapping.status();
  return ShmChannel(*std::move(mapping), shape);
}

// The chunk ring first, the answer ring after it, the life lock last: each
// starts on a cache line, since RingBytes() is a multiple of one and mmap()
// gives pages.
void* ShmChannel::chunk_ring() const { return mapping_.data(); }
void* ShmChannel::answer_ring() const {
  return static_cast<std::byte*>(mapping_.data()) + RingBytes(shape_.chunks);
}

LifeLock& ShmChannel::life() const {
  return *reinterpret_cast<LifeLock*>(static_cast<std::byte*>(mapping_.data()) +
                                      RingBytes(shape_.chunks) + RingBytes(shape_.answers));
}

RingWriter ShmChannel::ChunkWriter() const { return RingWriter(chunk_ring(), shape_.chunks); }
RingReader ShmChannel::ChunkReader() const { return RingReader(chunk_ring(), shape_.chunks); }
RingReader ShmChannel::AnswerReader(Doorbell* answer_bell) const {
  return RingReader(answer_ring(), shape_.answers, answer_bell);
}
RingWriter ShmChannel::AnswerWriter(Doorbell* answer_bell) const {
  return RingWriter(answer_ring(), shape_.answers, answer_bell);
}

}  // namespace parbench
