// Small helpers the tests share: what a test process holds (children,
// descriptors) before and after the code under test.
#ifndef PARBENCH_TEST_TEST_UTIL_H_
#define PARBENCH_TEST_TEST_UTIL_H_

#include <dirent.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdint>
#include <vector>

#include "lib/task.h"

namespace parbench::testing {

// Descriptors open in this process (/proc/self/fd, less the one used to list it).
inline int OpenDescriptorCount() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int count = 0;
  while (readdir(dir) != nullptr) ++count;
  closedir(dir);
  return count - 3;  // ".", ".." and the directory's own descriptor.
}

// True when this process has no child at all, running or zombie.
inline bool HasNoChildren() {
  int status = 0;
  return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

// The checksums of a Map()'s results, in task order.
inline std::vector<std::uint64_t> Checksums(const std::vector<TaskResult>& results) {
  std::vector<std::uint64_t> checksums;
  for (const TaskResult& r : results) checksums.push_back(r.checksum);
  return checksums;
}

}  // namespace parbench::testing

#endif  // PARBENCH_TEST_TEST_UTIL_H_
