// ScopedRequestService runs parbench's loopback request service for one
// test: started, and its port published for IoNet tasks, when made — make it
// before any strategy forks, so workers inherit the port — and stopped, the
// port unpublished, when destroyed.
#ifndef PARBENCH_TEST_SCOPED_REQUEST_SERVICE_H_
#define PARBENCH_TEST_SCOPED_REQUEST_SERVICE_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/loopback/request_service.h"
#include "lib/workloads/io_net.h"

namespace parbench::testing {

class ScopedRequestService {
 public:
  explicit ScopedRequestService(absl::Duration latency) {
    absl::StatusOr<RequestService> service = RequestService::Start(latency);
    status_ = service.status();
    if (!service.ok()) return;
    service_.emplace(*std::move(service));
    SetRequestServicePort(service_->port());
  }
  ~ScopedRequestService() {
    SetRequestServicePort(0);
    if (service_) {
      EXPECT_TRUE(service_->Stop().ok());
    }
  }
  ScopedRequestService(const ScopedRequestService&) = delete;
  ScopedRequestService& operator=(const ScopedRequestService&) = delete;

  // Whether it started; ASSERT on it in SetUp().
  const absl::Status& status() const { return status_; }

  // Stops the service early, leaving its port published (a test of what a
  // client sees once the service is gone). RequestService::Stop() answers
  // the same again when the destructor calls it.
  absl::Status Stop() { return service_ ? service_->Stop() : status_; }

 private:
  absl::Status status_;
  std::optional<RequestService> service_;
};

}  // namespace parbench::testing

#endif  // PARBENCH_TEST_SCOPED_REQUEST_SERVICE_H_
