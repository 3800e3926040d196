// A futex on a 32-bit word in memory shared between processes: FUTEX_WAIT
// and FUTEX_WAKE without the _PRIVATE flag, so the kernel keys the word by
// its page and a waiter in one process is woken by a waker in another.
// The wait is always bounded, so that no caller sleeps past what it checks.
#ifndef PARBENCH_LIB_POSIX_FUTEX_H_
#define PARBENCH_LIB_POSIX_FUTEX_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace parbench {

static_assert(std::atomic<std::uint32_t>::is_always_lock_free &&
                  sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "a futex word must be a bare lock-free 32-bit word");

// Why a FutexWait returned. Every case means "look at the word again":
// a wake may be spurious, and the word may have changed before the wait.
enum class FutexWaitEnd {
  kWoken,        // A FUTEX_WAKE, or a signal (EINTR).
  kNotExpected,  // The word no longer held `expected` (EAGAIN).
  kTimedOut,     // `timeout` passed (ETIMEDOUT).
};

// Sleeps while `word` holds `expected`, for at most `timeout` (a positive,
// finite duration). An error (EFAULT, EINVAL, ENOSYS) names the call.
[[nodiscard]] absl::StatusOr<FutexWaitEnd> FutexWait(const std::atomic<std::uint32_t>& word,
                                                     std::uint32_t expected,
                                                     absl::Duration timeout);

// A word to wait on, and the value it holds while there is nothing to see.
struct FutexWatch {
  const std::atomic<std::uint32_t>* word;
  std::uint32_t expected;
};

// The most words one FutexWaitAny takes (futex_waitv's limit).
inline constexpr std::size_t kMaxFutexWatches = 128;

// Whether FutexWaitAny watches every word it is given: futex_waitv(2) is
// there (Linux 5.16+) and allowed (a container's seccomp filter may refuse
// it). Asked of the kernel once.
bool FutexWaitAnyWatchesEveryWord();

// Sleeps while every word holds its `expected`, for at most `timeout` (as
// FutexWait's): woken by a FUTEX_WAKE on any of them. Which word changed is
// for the caller to look. Where futex_waitv is not to be had
// (FutexWaitAnyWatchesEveryWord), it waits on the first word alone.
[[nodiscard]] absl::StatusOr<FutexWaitEnd> FutexWaitAny(absl::Span<const FutexWatch> words,
                                                        absl::Duration timeout);

// Wakes up to `count` waiters on `word`; how many were woken.
[[nodiscard]] absl::StatusOr<int> FutexWake(const std::atomic<std::uint32_t>& word, int count);

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_FUTEX_H_
