// Linked into bench_with_scribbler only: spares bench's driver from the
// Scribble row's junk (scribbler.h), since the driver runs Sequential's
// reference tasks itself. The role is decided as bench's main() decides it
// (DecideRole), from this process's command line, before main() runs and so
// before any worker is forked: a forked worker has a pid of its own and
// scribbles; a spawned worker, a fork server's worker and every Mpi worker
// rank are other roles and scribble.
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bench/process_role.h"
#include "test/bench/scribbler.h"

namespace parbench::testing {
namespace {

bool SpareTheDriver() {
  std::ifstream file("/proc/self/cmdline", std::ios::binary);
  std::string words((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::vector<char*> argv;
  // NUL-terminated words, one after another.
  for (std::size_t start = 0; start < words.size();) {
    argv.push_back(words.data() + start);
    const std::size_t end = words.find('\0', start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  const int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  if (DecideRole(argc, argv.data()) != ProcessRole::kDriver) return false;
  SpareFromScribbling(::getpid());
  return true;
}

[[maybe_unused]] const bool spared = SpareTheDriver();

}  // namespace
}  // namespace parbench::testing
