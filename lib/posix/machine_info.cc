#include "lib/posix/machine_info.h"

#include <sys/utsname.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace parbench {
namespace {

constexpr std::string_view kBlanks = " \t";

std::string_view Trim(std::string_view s) {
  const std::size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace

std::string CpuModelFromCpuinfo(std::string_view cpuinfo) {
  for (const std::string_view key : {"model name", "Processor"}) {
    std::size_t start = 0;
    while (start < cpuinfo.size()) {
      std::size_t end = cpuinfo.find('\n', start);
      if (end == std::string_view::npos) end = cpuinfo.size();
      const std::string_view line = cpuinfo.substr(start, end - start);
      start = end + 1;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || Trim(line.substr(0, colon)) != key) continue;
      return std::string(Trim(line.substr(colon + 1)));
    }
  }
  return "";
}

MachineInfo ProbeMachineInfo() {
  MachineInfo info{.cpu_model = "unknown", .kernel = "unknown"};
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::ostringstream text;
  text << cpuinfo.rdbuf();
  if (std::string model = CpuModelFromCpuinfo(text.str()); !model.empty()) {
    info.cpu_model = std::move(model);
  }
  struct utsname names {};
  if (uname(&names) == 0) info.kernel = names.release;
  return info;
}

}  // namespace parbench
