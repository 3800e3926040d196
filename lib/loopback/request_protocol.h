// The loopback request protocol between IoNet tasks and the RequestService:
// a request is a header and a payload; the reply, sent after the service's
// latency, is the payload's FNV-1a checksum. A header with kStatsMagic is a
// query for the service's own counts instead, answered at once. Host byte
// order: both ends are on the same machine.
#ifndef PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_
#define PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_

#include <arpa/inet.h>
#include <netinet/in.h>

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

// "PRBS": a stats query, with no payload. The service answers with a
// StatsReply at once, and counts the query as no request.
inline constexpr std::uint32_t kStatsMagic = 0x53425250;

struct StatsReply {
  // The most requests held at once — each from the moment it has fully
  // arrived until its reply is sent — since the service started: how many a
  // client really had in flight together.
  std::uint64_t peak_requests_held = 0;
  std::uint64_t replies_sent = 0;  // Replies sent in full since the start.
};

// The service's address on 127.0.0.1:`port`, for the server and its clients.
inline sockaddr_in LoopbackAddress(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

}  // namespace parbench

#endif  // PARBENCH_LIB_LOOPBACK_REQUEST_PROTOCOL_H_
