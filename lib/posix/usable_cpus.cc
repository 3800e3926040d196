#include "lib/posix/usable_cpus.h"

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

namespace parbench {
namespace {

// cgroup v2's "cpu.max" holds "<quota> <period>" or "max <period>"; v1 keeps
// the two numbers in separate files, with -1 for no quota.
std::optional<double> ReadCgroupQuota() {
  std::ifstream v2("/sys/fs/cgroup/cpu.max");
  std::string quota;
  double period = 0;
  if (v2 >> quota >> period) {
    if (quota == "max" || period <= 0) return std::nullopt;
    return std::stod(quota) / period;
  }
  std::ifstream v1_quota("/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
  std::ifstream v1_period("/sys/fs/cgroup/cpu/cpu.cfs_period_us");
  double quota_us = -1;
  if (v1_quota >> quota_us && v1_period >> period && quota_us > 0 && period > 0) {
    return quota_us / period;
  }
  return std::nullopt;
}

}  // namespace

UsableCpus ProbeUsableCpus() {
  UsableCpus cpus;
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) == 0) cpus.affinity = CPU_COUNT(&mask);
  cpus.cgroup_quota = ReadCgroupQuota();
  cpus.usable = cpus.affinity;
  if (cpus.cgroup_quota) {
    cpus.usable = std::min(cpus.usable, static_cast<int>(std::ceil(*cpus.cgroup_quota)));
  }
  cpus.usable = std::max(cpus.usable, 1);
  return cpus;
}

}  // namespace parbench
