#include "lib/workloads/io_wait.h"

#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/core/task_in_flight.h"
#include "lib/core/workload_table.h"
#include "lib/posix/unique_fd.h"

namespace parbench {
namespace {

// Io without a thread: a one-shot timer that becomes readable when the wait
// is over. Returns the same checksum as WaitMicros (the wait in µs).
class TimerInFlight final : public TaskInFlight {
 public:
  TimerInFlight(UniqueFd timer, std::uint64_t micros) : timer_(std::move(timer)), micros_(micros) {}

  int fd() const override { return timer_.get(); }
  std::uint32_t events() const override { return EPOLLIN; }

  std::optional<absl::StatusOr<std::uint64_t>> Advance() override {
    std::uint64_t expirations = 0;
    if (::read(timer_.get(), &expirations, sizeof(expirations)) < 0) {
      if (errno == EAGAIN || errno == EINTR) return std::nullopt;
      return absl::StatusOr<std::uint64_t>(absl::ErrnoToStatus(errno, "read(timerfd)"));
    }
    return absl::StatusOr<std::uint64_t>(micros_);
  }

 private:
  UniqueFd timer_;
  std::uint64_t micros_;
};

absl::StatusOr<std::unique_ptr<TaskInFlight>> StartTimer(std::uint64_t micros) {
  UniqueFd timer(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
  if (!timer.valid()) return absl::ErrnoToStatus(errno, "timerfd_create()");
  itimerspec when{};
  when.it_value.tv_sec = static_cast<time_t>(micros / 1'000'000);
  when.it_value.tv_nsec = static_cast<long>(micros % 1'000'000) * 1000;
  // An all-zero it_value would disarm the timer instead of firing it.
  if (micros == 0) when.it_value.tv_nsec = 1;
  if (::timerfd_settime(timer.get(), 0, &when, nullptr) != 0) {
    return absl::ErrnoToStatus(errno, "timerfd_settime()");
  }
  return std::make_unique<TimerInFlight>(std::move(timer), micros);
}

}  // namespace

std::uint64_t WaitMicros(std::uint64_t micros) {
  absl::SleepFor(absl::Microseconds(micros));  // Loops over EINTR itself.
  return micros;
}

namespace {

absl::StatusOr<std::uint64_t> RunIo(std::uint64_t micros) { return WaitMicros(micros); }
std::uint64_t MillisToMicros(std::uint64_t ms) { return ms * 1000; }

}  // namespace

PARBENCH_REGISTER_WORKLOAD({
    .name = "Io",
    .size_flag = "io_latency_ms",
    .help = "Io workload: milliseconds each task waits.",
    .default_size = 50,
    .max_size = 60'000,
    .test_size = 1'000,
    .run = &RunIo,
    .io_bound = true,
    .task_size = &MillisToMicros,
    .start_in_flight = &StartTimer,
    .order = 1,
});

}  // namespace parbench
