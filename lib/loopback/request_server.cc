#include "lib/loopback/request_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <queue>
#include <utility>
#include <vector>

#include "lib/core/byte_pattern.h"
#include "lib/loopback/request_protocol.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/socket_options.h"
#include "lib/posix/unique_fd.h"

namespace parbench {
namespace {

// The service process's loop failures (lib/posix/exit_status.h).
using exit_status::kServiceEpollFailed;
using exit_status::kServiceTimerFailed;

// epoll tags for the loop's own descriptors; connections count up from here.
constexpr std::uint64_t kListenTag = 0;
constexpr std::uint64_t kLifelineTag = 1;
constexpr std::uint64_t kTimerTag = 2;
constexpr std::uint64_t kFirstConnectionTag = 3;

// CLOCK_MONOTONIC, which the timer is armed against (steady_clock reads it).
std::int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Connection {
  enum class State { kReading, kWaiting, kWriting };
  UniqueFd fd;
  State state = State::kReading;
  RequestHeader header;
  std::size_t header_read = 0;
  std::vector<char> payload;
  std::size_t payload_read = 0;
  // The answer being sent: a Reply, or a StatsReply to a stats query.
  alignas(std::uint64_t) char reply[sizeof(StatsReply)] = {};
  std::size_t reply_size = 0;
  std::size_t reply_sent = 0;
  // A request counted in Server::held_, from its arrival to its reply.
  bool holds_request = false;
};
static_assert(sizeof(Reply) <= sizeof(StatsReply));

class Server {
 public:
  Server(int listen_fd, int lifeline_fd, absl::Duration latency)
      : listen_fd_(listen_fd),
        lifeline_fd_(lifeline_fd),
        latency_nanos_(absl::ToInt64Nanoseconds(latency)) {}

  int Run() {
    epoll_.Reset(::epoll_create1(EPOLL_CLOEXEC));
    timer_.Reset(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    if (!epoll_.valid() || !timer_.valid()) return kServiceEpollFailed;
    if (!Watch(EPOLL_CTL_ADD, listen_fd_, EPOLLIN, kListenTag) ||
        !Watch(EPOLL_CTL_ADD, lifeline_fd_, EPOLLIN, kLifelineTag) ||
        !Watch(EPOLL_CTL_ADD, timer_.get(), EPOLLIN, kTimerTag)) {
      return kServiceEpollFailed;
    }
    epoll_event events[64];
    while (true) {
      const int ready = ::epoll_wait(epoll_.get(), events, std::size(events), -1);
      if (ready < 0) {
        if (errno == EINTR) continue;
        return kServiceEpollFailed;
      }
      for (int i = 0; i < ready; ++i) {
        const std::uint64_t tag = events[i].data.u64;
        if (tag == kLifelineTag) return 0;  // The owner closed its end: stop.
        if (tag == kListenTag) {
          AcceptAll();
        } else if (tag == kTimerTag) {
          if (!SendDueReplies()) return kServiceTimerFailed;
        } else {
          OnConnectionEvent(tag, events[i].events);
        }
      }
      if (timer_failed_) return kServiceTimerFailed;
    }
  }

 private:
  bool Watch(int op, int fd, std::uint32_t events, std::uint64_t tag) {
    epoll_event event{};
    event.events = events;
    event.data.u64 = tag;
    return ::epoll_ctl(epoll_.get(), op, fd, &event) == 0;
  }

  void AcceptAll() {
    while (true) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;  // EAGAIN: none left; anything else: the client's loss.
      Connection connection;
      connection.fd.Reset(fd);
      // Without it each reply would wait for Nagle: a connection that cannot
      // have it is refused (closed by its UniqueFd).
      if (!SetNoDelay(fd).ok()) continue;
      const std::uint64_t tag = next_tag_++;
      if (!Watch(EPOLL_CTL_ADD, fd, EPOLLIN, tag)) continue;  // Closed by its UniqueFd.
      connections_.emplace(tag, std::move(connection));
    }
  }

  // close() also takes it out of the epoll set.
  void Close(std::uint64_t tag) {
    auto it = connections_.find(tag);
    if (it == connections_.end()) return;
    if (it->second.holds_request) --held_;
    connections_.erase(it);
  }

  void OnConnectionEvent(std::uint64_t tag, std::uint32_t events) {
    auto it = connections_.find(tag);
    if (it == connections_.end()) return;
    Connection& c = it->second;
    if (events & (EPOLLERR | EPOLLHUP)) return Close(tag);
    if (c.state == Connection::State::kReading && (events & EPOLLIN)) return Read(tag, c);
    if (c.state == Connection::State::kWriting && (events & EPOLLOUT)) {
      if (!SendReply(tag, c)) Close(tag);
    }
  }

  // Reads only what the current request still needs, so that a client that
  // sends its next request early is not cut in the middle of it.
  void Read(std::uint64_t tag, Connection& c) {
    while (true) {
      char* into;
      std::size_t want;
      if (c.header_read < sizeof(c.header)) {
        into = reinterpret_cast<char*>(&c.header) + c.header_read;
        want = sizeof(c.header) - c.header_read;
      } else {
        into = c.payload.data() + c.payload_read;
        want = c.payload.size() - c.payload_read;
      }
      if (want > 0) {
        const ssize_t n = ::recv(c.fd.get(), into, want, 0);
        if (n == 0) return Close(tag);  // The client is done.
        if (n < 0) {
          if (errno == EAGAIN || errno == EINTR) return;
          return Close(tag);
        }
        if (c.header_read < sizeof(c.header)) {
          c.header_read += static_cast<std::size_t>(n);
          if (c.header_read < sizeof(c.header)) continue;
          if (c.header.magic == kStatsMagic && c.header.payload_bytes == 0) {
            return AnswerStats(tag, c);
          }
          if (c.header.magic != kRequestMagic || c.header.payload_bytes > kMaxRequestPayload) {
            return Close(tag);
          }
          c.payload.assign(c.header.payload_bytes, 0);
          c.payload_read = 0;
        } else {
          c.payload_read += static_cast<std::size_t>(n);
        }
      }
      if (c.header_read == sizeof(c.header) && c.payload_read == c.payload.size()) {
        return Hold(tag, c);
      }
    }
  }

  // The request is complete: compute the answer now, send it after the latency.
  void Hold(std::uint64_t tag, Connection& c) {
    const Reply reply{Fnv1a64(c.payload)};
    SetReply(c, &reply, sizeof(reply));
    c.state = Connection::State::kWaiting;
    // While it waits, only a hang-up or error is of interest (level-triggered
    // EPOLLIN would report a client's early close over and over).
    if (!Watch(EPOLL_CTL_MOD, c.fd.get(), 0, tag)) return Close(tag);
    c.holds_request = true;
    peak_held_ = std::max(peak_held_, ++held_);
    due_.emplace(MonotonicNanos() + latency_nanos_, tag);
    ArmTimer();
  }

  // A stats query: answered at once, and no request itself.
  void AnswerStats(std::uint64_t tag, Connection& c) {
    const StatsReply stats{peak_held_, replies_sent_};
    SetReply(c, &stats, sizeof(stats));
    c.state = Connection::State::kWriting;
    if (!SendReply(tag, c)) Close(tag);
  }

  static void SetReply(Connection& c, const void* reply, std::size_t size) {
    std::memcpy(c.reply, reply, size);
    c.reply_size = size;
    c.reply_sent = 0;
  }

  void ArmTimer() {
    itimerspec when{};
    if (!due_.empty()) {
      // Absolute monotonic time is never 0, so this never disarms by accident;
      // a time already past fires at once.
      const std::int64_t at = due_.top().first;
      when.it_value.tv_sec = at / 1'000'000'000;
      when.it_value.tv_nsec = at % 1'000'000'000;
    }
    if (::timerfd_settime(timer_.get(), TFD_TIMER_ABSTIME, &when, nullptr) != 0) {
      timer_failed_ = true;  // The loop ends at its next turn.
    }
  }

  bool SendDueReplies() {
    std::uint64_t expirations;
    if (::read(timer_.get(), &expirations, sizeof(expirations)) < 0 && errno != EAGAIN &&
        errno != EINTR) {
      return false;
    }
    const std::int64_t now = MonotonicNanos();
    while (!due_.empty() && due_.top().first <= now) {
      const std::uint64_t tag = due_.top().second;
      due_.pop();
      auto it = connections_.find(tag);
      if (it == connections_.end()) continue;  // The client left meanwhile.
      it->second.state = Connection::State::kWriting;
      if (!SendReply(tag, it->second)) Close(tag);
    }
    ArmTimer();
    return !timer_failed_;
  }

  // Sends what is left of the reply; false if the connection is lost.
  bool SendReply(std::uint64_t tag, Connection& c) {
    while (c.reply_sent < c.reply_size) {
      const ssize_t n = ::send(c.fd.get(), c.reply + c.reply_sent, c.reply_size - c.reply_sent,
                               MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN) return Watch(EPOLL_CTL_MOD, c.fd.get(), EPOLLOUT, tag);
        return false;
      }
      c.reply_sent += static_cast<std::size_t>(n);
    }
    if (c.holds_request) {
      c.holds_request = false;
      --held_;
      ++replies_sent_;
    }
    // Ready for the next request on the same connection.
    c.state = Connection::State::kReading;
    c.header_read = 0;
    c.payload.clear();
    c.payload_read = 0;
    return Watch(EPOLL_CTL_MOD, c.fd.get(), EPOLLIN, tag);
  }

  const int listen_fd_;
  const int lifeline_fd_;
  const std::int64_t latency_nanos_;
  UniqueFd epoll_;
  UniqueFd timer_;
  bool timer_failed_ = false;  // timerfd_settime failed: the loop must end.
  std::map<std::uint64_t, Connection> connections_;
  std::uint64_t next_tag_ = kFirstConnectionTag;
  std::uint64_t held_ = 0;       // Requests between arrival and reply, now.
  std::uint64_t peak_held_ = 0;  // The most held_ has been (StatsReply).
  std::uint64_t replies_sent_ = 0;
  // Pending replies, earliest first: (due time in monotonic ns, connection).
  std::priority_queue<std::pair<std::int64_t, std::uint64_t>,
                      std::vector<std::pair<std::int64_t, std::uint64_t>>, std::greater<>>
      due_;
};

}  // namespace

int ServeRequests(int listen_fd, int lifeline_fd, absl::Duration latency) {
  return Server(listen_fd, lifeline_fd, latency).Run();
}

}  // namespace parbench
