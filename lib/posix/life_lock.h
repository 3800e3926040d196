// LifeLock: a word in memory shared between processes that holds its
// holder's thread id while the holder lives, and that the kernel itself
// marks (FUTEX_OWNER_DIED) and wakes when the holder ends, however it ends:
// an exit, a signal, SIGKILL. A watcher that parks on the word (FutexWaitAny)
// sees the death when it happens, with no thread, signal or poll of its own.
//
// It is a glibc robust, process-shared mutex that the holder locks and never
// unlocks: glibc keeps it on the holder's robust futex list
// (set_robust_list(2)) beside the holder's own robust mutexes, whose
// owner-died handling is left as it was, and the kernel walks that list as
// the holder ends. The word is the mutex's futex word, which holds its
// owner's tid by the kernel's robust-futex ABI.
//
// The holder may scribble on the word (it is in memory it can write): a word
// is a prompt to look at the holder's pidfd, never a verdict.
#ifndef PARBENCH_LIB_POSIX_LIFE_LOCK_H_
#define PARBENCH_LIB_POSIX_LIFE_LOCK_H_

#include <pthread.h>
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"

namespace parbench {

// Lives in shared memory, zeroed before the holder starts.
struct LifeLock {
  pthread_mutex_t mutex;
};

// In the holder, once, before anything that may end it: makes `life` a
// robust process-shared mutex and locks it for good. An error names the
// call; the word then stays 0, which no watcher trusts.
absl::Status HoldLife(LifeLock& life);

// The futex word, for FutexWaitAny.
const std::atomic<std::uint32_t>& LifeWord(const LifeLock& life);

// In the watcher: the value to park on while `holder` (a single-threaded
// process, whose tid is its pid) holds `life`, having marked the word as
// having a waiter (FUTEX_WAITERS, without which the kernel marks it but
// wakes no one). nullopt when the word holds anything else: not held yet,
// ended, or spoiled by the holder.
std::optional<std::uint32_t> WatchLife(const LifeLock& life, pid_t holder);

// Whether the word carries the kernel's mark that its holder has ended
// (or a holder's scribble that looks like it).
bool LifeMarkedEnded(const LifeLock& life);

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_LIFE_LOCK_H_
