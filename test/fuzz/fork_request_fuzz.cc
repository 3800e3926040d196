// Fuzzes the fork server's request decoder (DecodeForkRequest): any bytes,
// as one received message. A request is accepted exactly when it is one
// ForkRequest's size, names a known op and stays within that op's bound,
// and then it is those bytes; anything else is refused with a message —
// never a crash or an out-of-bounds read.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "lib/strategies/process/fork_server_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parbench;
  const absl::StatusOr<ForkRequest> request =
      DecodeForkRequest(absl::MakeConstSpan(reinterpret_cast<const char*>(data), size));

  bool valid = size == sizeof(ForkRequest);
  if (valid) {
    std::uint32_t op = 0;
    std::uint32_t count = 0;
    std::memcpy(&op, data + offsetof(ForkRequest, op), sizeof(op));
    std::memcpy(&count, data + offsetof(ForkRequest, count), sizeof(count));
    const bool start = op == static_cast<std::uint32_t>(ForkOp::kStart);
    const bool pids = op == static_cast<std::uint32_t>(ForkOp::kKill) ||
                      op == static_cast<std::uint32_t>(ForkOp::kReap);
    valid = (start && count <= kMaxForkWorkers) || (pids && count <= kMaxForkPids);
  }
  if (request.ok() != valid) std::abort();
  if (!request.ok()) {
    if (request.status().message().empty()) std::abort();
    return 0;
  }
  if (std::memcmp(&*request, data, sizeof(ForkRequest)) != 0) std::abort();
  return 0;
}
