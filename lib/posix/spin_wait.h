// Bounded, adaptive spinning, shared by every waiter that spins a little
// before it parks (ThreadPool's threads, the shared-memory rings' ends): a
// spin reads the clock only every few rounds, and each waiter halves its
// next spin after one that found nothing and doubles it after one that paid.
#ifndef PARBENCH_LIB_POSIX_SPIN_WAIT_H_
#define PARBENCH_LIB_POSIX_SPIN_WAIT_H_

#include <algorithm>
#include <chrono>

#include "absl/time/time.h"

namespace parbench {

// The least an adaptive spin shrinks to, as a fraction of the longest: it
// keeps probing whether spinning pays again.
inline constexpr int kSpinFloorDivisor = 16;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Spins until `done()` or `budget` has passed; true when done() was seen.
// The clock is read every few rounds only: a read costs more than a round.
template <typename Done>
bool SpinUntil(Done done, absl::Duration budget) {
  using Clock = std::chrono::steady_clock;
  if (budget <= absl::ZeroDuration()) return done();
  const Clock::time_point end = Clock::now() + absl::ToChronoNanoseconds(budget);
  while (true) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return true;
      CpuRelax();
    }
    if (Clock::now() >= end) return done();
  }
}

// The next spin after one that succeeded (double, up to `longest`) or not
// (halve, down to a floor).
inline absl::Duration NextSpin(absl::Duration spin, bool paid, absl::Duration longest) {
  if (paid) return std::min(spin * 2, longest);
  return std::max(spin / 2, longest / kSpinFloorDivisor);
}

// NextSpin for a waiter whose peer is another process, which must be given
// a CPU to answer: a spin that paid only after `waited` longer than half the
// longest spin most likely waited for a peer that had no CPU (a busy
// machine, the spinner on its CPU), and counts as one that found nothing,
// so that on a busy machine the spin soon shrinks to its floor.
inline absl::Duration NextSpinForPeer(absl::Duration spin, bool paid, absl::Duration waited,
                                      absl::Duration longest) {
  return NextSpin(spin, paid && waited * 2 <= longest, longest);
}

// `spin` when `spinners` threads or processes may spin at once and each has
// one of the `usable_cpus` (lib/posix/usable_cpus.h) of its own, zero
// otherwise: a spinner would take a CPU from one with work. The caller
// probes the CPUs once for all the spins of one pool.
inline absl::Duration SpinWhileCpusAllow(absl::Duration spin, int spinners, int usable_cpus) {
  return spinners <= usable_cpus ? spin : absl::ZeroDuration();
}

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_SPIN_WAIT_H_
