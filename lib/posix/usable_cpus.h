// How many CPUs this process may really use. num_cpus counts the machine's;
// a container or a taskset can allow fewer, through the affinity mask or a
// cgroup CPU quota, and a worker count above that is oversubscribed.
#ifndef PARBENCH_LIB_POSIX_USABLE_CPUS_H_
#define PARBENCH_LIB_POSIX_USABLE_CPUS_H_

#include <optional>

namespace parbench {

struct UsableCpus {
  int affinity = 1;                    // CPUs in sched_getaffinity()'s mask.
  std::optional<double> cgroup_quota;  // cpu.max quota ÷ period, if limited.
  int usable = 1;                      // min(affinity, ceil(quota)), at least 1.
};

UsableCpus ProbeUsableCpus();

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_USABLE_CPUS_H_
