#include "lib/posix/spin_wait.h"

#include "lib/posix/usable_cpus.h"

namespace parbench {

absl::Duration SpinWhileCpusAllow(absl::Duration spin, int spinners) {
  return spinners <= ProbeUsableCpus().usable ? spin : absl::ZeroDuration();
}

}  // namespace parbench
