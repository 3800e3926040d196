#include "lib/posix/futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_format.h"

namespace parbench {
namespace {

std::uint32_t* Address(const std::atomic<std::uint32_t>& word) {
  // The kernel reads the word; it never writes it for WAIT or WAKE.
  return reinterpret_cast<std::uint32_t*>(const_cast<std::atomic<std::uint32_t>*>(&word));
}

}  // namespace

absl::StatusOr<FutexWaitEnd> FutexWait(const std::atomic<std::uint32_t>& word,
                                       std::uint32_t expected, absl::Duration timeout) {
  if (timeout <= absl::ZeroDuration() || timeout == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "futex(FUTEX_WAIT): timeout %s is not positive and finite", absl::FormatDuration(timeout)));
  }
  // FUTEX_WAIT's timeout is relative, on CLOCK_MONOTONIC.
  const timespec relative = absl::ToTimespec(timeout);
  const long result =
      ::syscall(SYS_futex, Address(word), FUTEX_WAIT, expected, &relative, nullptr, 0);
  if (result == 0) return FutexWaitEnd::kWoken;
  switch (errno) {
    case EINTR:
      return FutexWaitEnd::kWoken;
    case EAGAIN:
      return FutexWaitEnd::kNotExpected;
    case ETIMEDOUT:
      return FutexWaitEnd::kTimedOut;
    default:
      return absl::ErrnoToStatus(errno, "futex(FUTEX_WAIT)");
  }
}

absl::StatusOr<int> FutexWake(const std::atomic<std::uint32_t>& word, int count) {
  const long woken = ::syscall(SYS_futex, Address(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
  if (woken < 0) return absl::ErrnoToStatus(errno, "futex(FUTEX_WAKE)");
  return static_cast<int>(woken);
}

}  // namespace parbench
