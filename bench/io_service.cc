#include "bench/io_service.h"

#include <optional>

#include "lib/net_request.h"
#include "lib/request_service.h"

namespace parbench {
namespace {

// Owned here rather than by a static object's destructor so that main stops
// it at a known point; if the process dies first, the child dies with it
// (ChildProcess::Fork sets PR_SET_PDEATHSIG).
std::optional<RequestService>& Service() {
  static auto* service = new std::optional<RequestService>();
  return *service;
}

absl::Status& StartOutcome() {
  static auto* outcome = new absl::Status(absl::UnknownError("not started"));
  return *outcome;
}

bool started = false;

}  // namespace

absl::Status EnsureIoService(absl::Duration latency) {
  if (started) return StartOutcome();
  started = true;
  absl::StatusOr<RequestService> service = RequestService::Start(latency);
  if (!service.ok()) return StartOutcome() = service.status();
  SetRequestServicePort(service->port());
  Service() = *std::move(service);
  return StartOutcome() = absl::OkStatus();
}

void StopIoService() {
  if (!Service().has_value()) return;
  SetRequestServicePort(0);
  Service().reset();  // Stops and reaps the child.
}

}  // namespace parbench
