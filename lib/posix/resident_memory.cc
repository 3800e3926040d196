#include "lib/posix/resident_memory.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

std::int64_t PeakResidentKib() {
  // Read with plain system calls: a forked worker calls this too.
  char buffer[4096];
  ssize_t size = -1;
  if (UniqueFd fd(::open("/proc/self/status", O_RDONLY | O_CLOEXEC)); fd.get() >= 0) {
    size = ::read(fd.get(), buffer, sizeof(buffer) - 1);
  }
  if (size > 0) {
    buffer[size] = '\0';
    if (const char* line = std::strstr(buffer, "\nVmHWM:"); line != nullptr) {
      const long long kib = std::strtoll(line + std::strlen("\nVmHWM:"), nullptr, 10);
      if (kib > 0) return kib;
    }
  }
  return PeakResidentSinceStartKib();
}

std::int64_t PeakResidentSinceStartKib() {
  rusage usage{};
  // getrusage(RUSAGE_SELF) fails only on a bad pointer; 0 then reads as
  // "not known", as for a process that reported nothing.
  if (::getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return usage.ru_maxrss;  // KiB on Linux.
}

absl::Status ResetPeakResident() {
  const UniqueFd fd(::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0) return absl::ErrnoToStatus(errno, "open(/proc/self/clear_refs)");
  if (::write(fd.get(), "5", 1) != 1) return absl::ErrnoToStatus(errno, "write(clear_refs)");
  return absl::OkStatus();
}

}  // namespace parbench
