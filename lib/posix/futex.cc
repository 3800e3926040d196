#include "lib/posix/futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_format.h"

namespace parbench {
namespace {

std::uint32_t* Address(const std::atomic<std::uint32_t>& word) {
  // The kernel reads the word; it never writes it for WAIT or WAKE.
  return reinterpret_cast<std::uint32_t*>(const_cast<std::atomic<std::uint32_t>*>(&word));
}

absl::Status CheckTimeout(absl::Duration timeout, const char* call) {
  if (timeout <= absl::ZeroDuration() || timeout == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: timeout %s is not positive and finite",
                                                      call, absl::FormatDuration(timeout)));
  }
  return absl::OkStatus();
}

// A failed wait's errno as FutexWait's answer, or the call's error.
absl::StatusOr<FutexWaitEnd> WaitEndOf(int error, const char* call) {
  switch (error) {
    case EINTR:
      return FutexWaitEnd::kWoken;
    case EAGAIN:
      return FutexWaitEnd::kNotExpected;
    case ETIMEDOUT:
      return FutexWaitEnd::kTimedOut;
    default:
      return absl::ErrnoToStatus(error, call);
  }
}

}  // namespace

bool FutexWaitAnyWatchesEveryWord() {
  // No words is EINVAL from a kernel that has the call; ENOSYS without it,
  // EPERM (or ENOSYS) from a seccomp filter that refuses it.
  static const bool watches = [] {
    return ::syscall(SYS_futex_waitv, nullptr, 0, 0, nullptr, CLOCK_MONOTONIC) < 0 &&
           errno == EINVAL;
  }();
  return watches;
}

absl::StatusOr<FutexWaitEnd> FutexWait(const std::atomic<std::uint32_t>& word,
                                       std::uint32_t expected, absl::Duration timeout) {
  if (absl::Status valid = CheckTimeout(timeout, "futex(FUTEX_WAIT)"); !valid.ok()) return valid;
  // FUTEX_WAIT's timeout is relative, on CLOCK_MONOTONIC.
  const timespec relative = absl::ToTimespec(timeout);
  const long result =
      ::syscall(SYS_futex, Address(word), FUTEX_WAIT, expected, &relative, nullptr, 0);
  if (result == 0) return FutexWaitEnd::kWoken;
  return WaitEndOf(errno, "futex(FUTEX_WAIT)");
}

absl::StatusOr<FutexWaitEnd> FutexWaitAny(absl::Span<const FutexWatch> words,
                                          absl::Duration timeout) {
  if (words.empty() || words.size() > kMaxFutexWatches) {
    return absl::InvalidArgumentError(
        absl::StrFormat("futex_waitv: %d words, not 1 to %d", words.size(), kMaxFutexWatches));
  }
  if (words.size() == 1 || !FutexWaitAnyWatchesEveryWord()) {
    return FutexWait(*words[0].word, words[0].expected, timeout);
  }
  if (absl::Status valid = CheckTimeout(timeout, "futex_waitv"); !valid.ok()) return valid;
  // A pool's bell and its busy workers' lives: a few words, on the stack.
  absl::InlinedVector<futex_waitv, 9> waiters;
  waiters.reserve(words.size());
  for (const FutexWatch& watch : words) {
    waiters.push_back({.val = watch.expected,
                       .uaddr = reinterpret_cast<std::uintptr_t>(Address(*watch.word)),
                       // Without FUTEX_PRIVATE_FLAG: keyed by the page, as FutexWait.
                       .flags = FUTEX_32,
                       .__reserved = 0});
  }
  // futex_waitv's timeout is absolute, on the clock it is given.
  timespec now;
  if (::clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
    return absl::ErrnoToStatus(errno, "clock_gettime(CLOCK_MONOTONIC)");
  }
  const timespec until = absl::ToTimespec(absl::DurationFromTimespec(now) + timeout);
  const long result =
      ::syscall(SYS_futex_waitv, waiters.data(), waiters.size(), 0, &until, CLOCK_MONOTONIC);
  if (result >= 0) return FutexWaitEnd::kWoken;
  return WaitEndOf(errno, "futex_waitv");
}

absl::StatusOr<int> FutexWake(const std::atomic<std::uint32_t>& word, int count) {
  const long woken = ::syscall(SYS_futex, Address(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
  if (woken < 0) return absl::ErrnoToStatus(errno, "futex(FUTEX_WAKE)");
  return static_cast<int>(woken);
}

}  // namespace parbench
