#include "lib/strategies/mpi/spawn_launch.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/strategies/mpi/mpi_world.h"

namespace parbench::mpi_internal {
namespace {

// Debian's Open MPI 4.1.4 with its external PMIx 4.2.2 now and then never
// returns from MPI_Comm_spawn (openpmix issue 2735). When it hangs, mpirun's
// PMIx server has accepted a spawned worker's connection but never reads
// its connect-ack: PMIx 4.2.2's listener thread hands each connection to the
// progress thread as an activated event, and that hand-off was lost (PMIx
// 4.2.6 accepts on the progress thread instead; Debian 12 has 4.2.2). No
// setting avoids it (results/README.md, "The spawn hang"), so a cold pool
// must not hang the run: past this deadline the process says why and exits,
// mpirun ends the job, and scripts/run.sh resumes the run without what it
// finished. A spawn takes about 0.3 s here.
constexpr absl::Duration kSpawnDeadline = absl::Seconds(20);

// Ends the process if it is not destroyed within kSpawnDeadline.
class HangGuard {
 public:
  explicit HangGuard(const char* what)
      : thread_([this, what] {
          absl::MutexLock lock(&mu_);
          if (!mu_.AwaitWithTimeout(absl::Condition(&done_), kSpawnDeadline)) {
            std::fprintf(stderr,
                         "bench: %s did not return within %s (a known Open MPI 4.1 + PMIx 4 "
                         "spawn hang); ending the job\n",
                         what, absl::FormatDuration(kSpawnDeadline).c_str());
            std::fflush(stderr);
            std::_Exit(kSpawnHung);
          }
        }) {}
  ~HangGuard() {
    {
      absl::MutexLock lock(&mu_);
      done_ = true;
    }
    thread_.join();
  }
  HangGuard(const HangGuard&) = delete;
  HangGuard& operator=(const HangGuard&) = delete;

 private:
  absl::Mutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // Last: starts once the rest is built.
};

// This binary's path, for MPI_Comm_spawn (which execs it through Open MPI's
// daemon, where /proc/self/exe would name the daemon): on a cluster, the
// same binary must sit at the same path on every host.
absl::StatusOr<std::string> OwnBinary() {
  char path[PATH_MAX] = {};
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length <= 0) return absl::ErrnoToStatus(errno, "readlink(/proc/self/exe)");
  return std::string(path, static_cast<std::size_t>(length));
}

std::string MpiErrorText(int code) {
  char text[MPI_MAX_ERROR_STRING] = {};
  int length = 0;
  MPI_Error_string(code, text, &length);
  return std::string(text, static_cast<std::size_t>(length));
}

// The test hook (kHangTestEnv): true when this spawn is to hang.
bool HangForTest() {
  static int spawns = 0;
  ++spawns;
  const char* file = std::getenv(kHangTestEnv);
  if (file == nullptr) return false;
  std::ifstream in(file);
  int at = 0;
  if (!(in >> at) || at != spawns) return false;
  return ::unlink(file) == 0;  // Once: the resumed run must get through.
}

}  // namespace

absl::StatusOr<MPI_Comm> SpawnWorkers(int count) {
  absl::StatusOr<std::string> binary = OwnBinary();
  if (!binary.ok()) return binary.status();
  // The worker flag, then bench's own arguments (MPI_Comm_spawn's argv has
  // no program name and ends with a null).
  std::vector<std::string> arguments = {kMpiWorkerFlag};
  arguments.insert(arguments.end(), SpawnArguments().begin(), SpawnArguments().end());
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<int> errors(static_cast<std::size_t>(count), MPI_SUCCESS);
  MPI_Comm children = MPI_COMM_NULL;
  // A failed spawn is an error to report, not a reason to abort the job.
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  const HangGuard guard("MPI_Comm_spawn");
  if (HangForTest()) {
    for (;;) ::pause();  // The guard ends the process.
  }
  const int spawned = MPI_Comm_spawn(binary->c_str(), argv.data(), count, MPI_INFO_NULL, 0,
                                     MPI_COMM_SELF, &children, errors.data());
  if (spawned != MPI_SUCCESS) {
    return absl::UnavailableError(
        absl::StrCat("MPI_Comm_spawn of ", count, " workers: ", MpiErrorText(spawned)));
  }
  return children;
}

void DisconnectWorkers(MPI_Comm* workers) {
  const HangGuard guard("MPI_Comm_disconnect");
  MPI_Comm_disconnect(workers);
}

}  // namespace parbench::mpi_internal
