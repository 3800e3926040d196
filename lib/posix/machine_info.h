// What a run's numbers depend on besides the code and the CPUs it may use:
// the processor model and the kernel. bench records both in its JSON
// context, so that a performance history never puts runs from different
// machines in one series (scripts/history.sh's machine fingerprint).
#ifndef PARBENCH_LIB_POSIX_MACHINE_INFO_H_
#define PARBENCH_LIB_POSIX_MACHINE_INFO_H_

#include <string>
#include <string_view>

namespace parbench {

struct MachineInfo {
  std::string cpu_model;  // /proc/cpuinfo's first "model name", or "unknown".
  std::string kernel;     // uname's release ("6.1.0-27-amd64"), or "unknown".
};

MachineInfo ProbeMachineInfo();

// The value of the first "model name" line of a /proc/cpuinfo text (x86;
// "Processor" on older ARM kernels), blanks trimmed; "" when it has none.
std::string CpuModelFromCpuinfo(std::string_view cpuinfo);

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_MACHINE_INFO_H_
