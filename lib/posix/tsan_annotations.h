// Debian's abseil and libgomp are built without ThreadSanitizer, so TSan
// cannot see absl::Mutex, absl::BlockingCounter or an OpenMP region
// synchronise and reports races on all they guard. TsanVisibleLock is
// absl::MutexLock plus the acquire/release annotations TSan needs;
// TsanRelease/TsanAcquire mark other hand-offs. In every other build they
// compile to nothing.
#ifndef PARBENCH_LIB_POSIX_TSAN_ANNOTATIONS_H_
#define PARBENCH_LIB_POSIX_TSAN_ANNOTATIONS_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace parbench {

// Everything written before TsanRelease(p) happens before everything after a
// later TsanAcquire(p), as far as TSan knows.
inline void TsanRelease([[maybe_unused]] const void* p) {
#if defined(__SANITIZE_THREAD__)
  __tsan_release(const_cast<void*>(p));
#endif
}
inline void TsanAcquire([[maybe_unused]] const void* p) {
#if defined(__SANITIZE_THREAD__)
  __tsan_acquire(const_cast<void*>(p));
#endif
}

class ABSL_SCOPED_LOCKABLE TsanVisibleLock {
 public:
  explicit TsanVisibleLock(absl::Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    mu_->Lock();
    TsanAcquire(mu_);
  }
  ~TsanVisibleLock() ABSL_UNLOCK_FUNCTION() {
    TsanRelease(mu_);
    mu_->Unlock();
  }
  TsanVisibleLock(const TsanVisibleLock&) = delete;
  TsanVisibleLock& operator=(const TsanVisibleLock&) = delete;

  // absl::Mutex::Await, which lets go of the lock while it waits.
  void Await(const absl::Condition& condition) {
    TsanRelease(mu_);
    mu_->Await(condition);
    TsanAcquire(mu_);
  }

 private:
  absl::Mutex* const mu_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_TSAN_ANNOTATIONS_H_
