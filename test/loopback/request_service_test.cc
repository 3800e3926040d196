// RequestService: answers on an ephemeral loopback port, leaves no process
// and no listening port behind, and fails to start with a clear error.
#include "lib/loopback/request_service.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gtest/gtest.h"
#include "lib/core/byte_pattern.h"
#include "lib/loopback/request_protocol.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/process_pool.h"
#include "lib/workloads/io_net.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// A blocking connection to 127.0.0.1:`port`, or the connect() errno.
struct Connected {
  UniqueFd fd;
  int error = 0;
};
Connected ConnectTo(std::uint16_t port) {
  Connected result;
  result.fd.Reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(result.fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) !=
      0) {
    result.error = errno;
  }
  return result;
}

TEST(RequestServiceTest, AnswersOnAnEphemeralLoopbackPort) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_NE(service->port(), 0);
  EXPECT_GT(service->pid(), 0);
  SetRequestServicePort(service->port());
  for (std::uint64_t bytes : {0, 1, 64, 100'000}) {
    absl::StatusOr<std::uint64_t> checksum = RequestOverLoopback(bytes);
    ASSERT_TRUE(checksum.ok()) << checksum.status();
    EXPECT_EQ(*checksum, Fnv1a64(BytePattern(bytes)));
  }
  SetRequestServicePort(0);
  EXPECT_TRUE(service->Stop().ok());
}

TEST(RequestServiceTest, StopLeavesNoProcessAndNoPort) {
  const int fds_before = testing::OpenDescriptorCount();
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  const std::uint16_t port = service->port();
  ASSERT_EQ(ConnectTo(port).error, 0);  // Listening while it runs.

  const absl::Status stopped = service->Stop();
  EXPECT_TRUE(stopped.ok()) << stopped;  // A clean exit, not a kill.
  EXPECT_EQ(service->pid(), -1);
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(ConnectTo(port).error, ECONNREFUSED);
  EXPECT_TRUE(service->Stop().ok());  // Again: same answer, nothing to do.
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST(RequestServiceTest, DestructorStopsAndReaps) {
  std::uint16_t port = 0;
  {
    absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
    ASSERT_TRUE(service.ok()) << service.status();
    port = service->port();
    // Moving it keeps one owner: the moved-from object stops nothing.
    RequestService moved = *std::move(service);
    EXPECT_GT(moved.pid(), 0);
  }
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(ConnectTo(port).error, ECONNREFUSED);
}

TEST(RequestServiceTest, LaterForkedWorkersDoNotKeepThePortOpen) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  const std::uint16_t port = service->port();
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create({.workers = 2});
  ASSERT_TRUE(pool.ok()) << pool.status();
  ASSERT_TRUE(service->Stop().ok());
  // The pool's workers are alive, and hold no copy of the listening socket.
  EXPECT_EQ(ConnectTo(port).error, ECONNREFUSED);
  pool->reset();
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(RequestServiceTest, PortInUseIsAClearError) {
  absl::StatusOr<RequestService> first = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<RequestService> second =
      RequestService::Start(absl::Milliseconds(1), first->port());
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("starting the request service"), absl::string_view::npos)
      << second.status();
  EXPECT_NE(second.status().message().find("bind(127.0.0.1:"), absl::string_view::npos)
      << second.status();
  EXPECT_NE(second.status().message().find(std::strerror(EADDRINUSE)), absl::string_view::npos)
      << second.status();
  ASSERT_TRUE(first->Stop().ok());
  EXPECT_TRUE(testing::HasNoChildren());  // The failed start forked nothing.
}

TEST(RequestServiceTest, InvalidLatencyIsAClearError) {
  const int fds_before = testing::OpenDescriptorCount();
  for (absl::Duration latency :
       {absl::Milliseconds(-1), RequestService::kMaxLatency + absl::Seconds(1),
        absl::InfiniteDuration()}) {
    absl::StatusOr<RequestService> service = RequestService::Start(latency);
    ASSERT_FALSE(service.ok());
    EXPECT_TRUE(absl::IsInvalidArgument(service.status())) << service.status();
    EXPECT_NE(service.status().message().find("latency"), absl::string_view::npos)
        << service.status();
  }
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST(RequestServiceTest, ZeroLatencyAnswersAtOnce) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::ZeroDuration());
  ASSERT_TRUE(service.ok()) << service.status();
  SetRequestServicePort(service->port());
  EXPECT_TRUE(RequestOverLoopback(10).ok());
  SetRequestServicePort(0);
}

TEST(RequestServiceTest, AMisbehavingClientLosesOnlyItsOwnConnection) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(5));
  ASSERT_TRUE(service.ok()) << service.status();
  SetRequestServicePort(service->port());

  // Not the protocol: the service hangs up on it.
  Connected garbage = ConnectTo(service->port());
  ASSERT_EQ(garbage.error, 0);
  const RequestHeader bad{0xdeadbeef, 4};
  ASSERT_TRUE(WriteFully(garbage.fd.get(), &bad, sizeof(bad)).ok());
  char byte;
  EXPECT_EQ(::read(garbage.fd.get(), &byte, 1), 0);

  // A client that leaves before its reply is due.
  Connected leaver = ConnectTo(service->port());
  ASSERT_EQ(leaver.error, 0);
  const RequestHeader header{kRequestMagic, 0};
  ASSERT_TRUE(WriteFully(leaver.fd.get(), &header, sizeof(header)).ok());
  leaver.fd.Reset();

  // Everyone else is still served.
  absl::StatusOr<std::uint64_t> checksum = RequestOverLoopback(64);
  EXPECT_TRUE(checksum.ok()) << checksum.status();
  SetRequestServicePort(0);
  EXPECT_TRUE(service->Stop().ok());
}

TEST(RequestServiceTest, OneConnectionCanCarrySeveralRequests) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  Connected client = ConnectTo(service->port());
  ASSERT_EQ(client.error, 0);
  for (std::uint32_t bytes : {3u, 300u}) {
    const RequestHeader header{kRequestMagic, bytes};
    const std::vector<char> payload = BytePattern(bytes);
    ASSERT_TRUE(WriteFully(client.fd.get(), &header, sizeof(header)).ok());
    ASSERT_TRUE(WriteFully(client.fd.get(), payload.data(), payload.size()).ok());
    Reply reply;
    ASSERT_TRUE(ReadFully(client.fd.get(), &reply, sizeof(reply)).ok());
    EXPECT_EQ(reply.checksum, Fnv1a64(payload));
  }
}

}  // namespace
}  // namespace parbench
