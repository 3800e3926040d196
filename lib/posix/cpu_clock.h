// CPU time of the calling thread and process, in nanoseconds, for counters
// that wall time alone cannot give (how much CPU a strategy really burned).
#ifndef PARBENCH_LIB_POSIX_CPU_CLOCK_H_
#define PARBENCH_LIB_POSIX_CPU_CLOCK_H_

#include <pthread.h>
#include <time.h>

#include <cstdint>

namespace parbench {

inline std::int64_t CpuNanos(clockid_t clock) {
  timespec now{};
  ::clock_gettime(clock, &now);
  return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

// The calling thread's CPU time.
inline std::int64_t ThreadCpuNanos() { return CpuNanos(CLOCK_THREAD_CPUTIME_ID); }

// The calling thread's CPU clock, for another thread to read with
// CpuNanos() while this one lives; CLOCK_THREAD_CPUTIME_ID (the reader's
// own) if the system will not say.
inline clockid_t ThisThreadCpuClock() {
  clockid_t clock = CLOCK_THREAD_CPUTIME_ID;
  ::pthread_getcpuclockid(::pthread_self(), &clock);
  return clock;
}

// All threads of the calling process; a child's clock starts at 0 at fork().
inline std::int64_t ProcessCpuNanos() { return CpuNanos(CLOCK_PROCESS_CPUTIME_ID); }

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_CPU_CLOCK_H_
