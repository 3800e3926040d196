#include "lib/posix/life_lock.h"

#include <linux/futex.h>

#include <cstddef>
#include <utility>

#include "absl/strings/str_format.h"

namespace parbench {
namespace {

// glibc's pthread_mutex_t starts with its futex word (`__data.__lock`): the
// word the kernel's robust-list walk reads, tid and flag bits as
// linux/futex.h lays them out.
static_assert(offsetof(pthread_mutex_t, __data.__lock) == 0);
static_assert(sizeof(std::declval<pthread_mutex_t&>().__data.__lock) == sizeof(std::uint32_t));

std::atomic<std::uint32_t>& Word(const LifeLock& life) {
  // Written by the holder's glibc and the kernel, read and marked here with
  // atomics: the word is a futex, shared as every futex is.
  return *reinterpret_cast<std::atomic<std::uint32_t>*>(
      const_cast<int*>(&life.mutex.__data.__lock));
}

absl::Status PthreadError(int error, const char* call) {
  return absl::ErrnoToStatus(error, absl::StrFormat("%s (the life lock)", call));
}

}  // namespace

absl::Status HoldLife(LifeLock& life) {
  pthread_mutexattr_t attributes;
  if (int error = ::pthread_mutexattr_init(&attributes); error != 0) {
    return PthreadError(error, "pthread_mutexattr_init");
  }
  int error = ::pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  const char* call = "pthread_mutexattr_setpshared";
  if (error == 0) {
    error = ::pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
    call = "pthread_mutexattr_setrobust";
  }
  if (error == 0) {
    error = ::pthread_mutex_init(&life.mutex, &attributes);
    call = "pthread_mutex_init";
  }
  // glibc's destroy only forgets the attributes: it cannot fail.
  static_cast<void>(::pthread_mutexattr_destroy(&attributes));
  if (error != 0) return PthreadError(error, call);
  // Never unlocked: the kernel releases it when this process ends.
  error = ::pthread_mutex_lock(&life.mutex);
  if (error != 0) return PthreadError(error, "pthread_mutex_lock");
  return absl::OkStatus();
}

const std::atomic<std::uint32_t>& LifeWord(const LifeLock& life) { return Word(life); }

std::optional<std::uint32_t> WatchLife(const LifeLock& life, pid_t holder) {
  const auto held = static_cast<std::uint32_t>(holder);
  const std::uint32_t watched = held | FUTEX_WAITERS;
  std::uint32_t seen = Word(life).load(std::memory_order_seq_cst);
  if (seen == watched) return watched;
  if (seen != held) return std::nullopt;
  // The holder never changes a word it holds; the kernel, as it ends, does:
  // then the exchange fails and the death is the caller's to find.
  if (!Word(life).compare_exchange_strong(seen, watched, std::memory_order_seq_cst)) {
    return std::nullopt;
  }
  return watched;
}

bool LifeMarkedEnded(const LifeLock& life) {
  return (Word(life).load(std::memory_order_seq_cst) & FUTEX_OWNER_DIED) != 0;
}

}  // namespace parbench
