// The loopback request protocol between IoNet tasks and the RequestService:
// a request is a header and a payload; the reply, sent after the service's
// latency, is the payload's FNV-1a checksum. Host byte order: both ends are
// on the same machine.
#ifndef PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_
#define PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_

#include <cstdint>

namespace parbench {

// "PRBQ": a first guard against talking to something that is not the service.
inline constexpr std::uint32_t kRequestMagic = 0x51425250;
// A request is "small"; the cap keeps a corrupted header from making the
// service allocate gigabytes.
inline constexpr std::uint32_t kMaxRequestPayload = 1 << 20;

struct RequestHeader {
  std::uint32_t magic = kRequestMagic;
  std::uint32_t payload_bytes = 0;  // At most kMaxRequestPayload.
};

struct Reply {
  std::uint64_t checksum = 0;  // Fnv1a64 of the request's payload.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_
