#include "test/scribble_junk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace parbench::testing {

void ScribbleOnEveryPipe() {
  char junk[64];
  std::memset(junk, kJunkByte, sizeof(junk));
  // The descriptors first, then the writes: no write while the directory's
  // own descriptor is open.
  std::vector<int> fds;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (const dirent* entry = ::readdir(dir)) {
      char* end = nullptr;
      const long fd = std::strtol(entry->d_name, &end, 10);
      if (end != entry->d_name && *end == '\0' && fd > STDERR_FILENO && fd != ::dirfd(dir)) {
        fds.push_back(static_cast<int>(fd));
      }
    }
    ::closedir(dir);
  }
  for (const int fd : fds) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !(S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode))) continue;
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY) continue;
    (void)!::write(fd, junk, sizeof(junk));
  }
}

std::uint64_t ComputeForLong(std::uint64_t seed) {
  const absl::Time until = absl::Now() + absl::Seconds(600);
  std::uint64_t sum = seed;
  while (absl::Now() < until) sum = sum * 31 + 7;
  return sum;
}

}  // namespace parbench::testing
