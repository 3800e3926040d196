#include "lib/posix/child_process.h"

#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/posix/exit_status.h"

namespace parbench {
namespace {

// Runs in the child between fork() and the body: only system calls, nothing
// that allocates (another thread of the parent may have held the heap lock).
// False when one failed: the child cannot promise what Fork() says.
bool CloseAllExcept(absl::Span<const int> keep_fds) {
  int keep[16];
  std::size_t count = 0;
  for (int fd : keep_fds) {
    if (fd > STDERR_FILENO && count < std::size(keep)) keep[count++] = fd;
  }
  std::sort(keep, keep + count);
  unsigned first = STDERR_FILENO + 1;
  for (std::size_t i = 0; i < count; ++i) {
    const auto fd = static_cast<unsigned>(keep[i]);
    if (fd > first && ::close_range(first, fd - 1, 0) != 0) return false;
    first = fd + 1;
  }
  return ::close_range(first, ~0U, 0) == 0;
}

// The signals whose disposition children get back to the default.
constexpr int kResetSignals[] = {SIGINT, SIGTERM, SIGPIPE, SIGCHLD};

bool ResetSignals() {
  for (int signal : kResetSignals) {
    if (::signal(signal, SIG_DFL) == SIG_ERR) return false;
  }
  sigset_t none;
  sigemptyset(&none);
  return ::sigprocmask(SIG_SETMASK, &none, nullptr) == 0;
}

// posix_spawn's two option sets for Spawn(), destroyed on every path. The
// posix_spawn* calls return an error number rather than setting errno;
// each failure names its call.
class SpawnOptions {
 public:
  SpawnOptions() = default;
  SpawnOptions(const SpawnOptions&) = delete;
  SpawnOptions& operator=(const SpawnOptions&) = delete;
  ~SpawnOptions() {
    if (attributes_ready_) ::posix_spawnattr_destroy(&attributes_);
    if (actions_ready_) ::posix_spawn_file_actions_destroy(&actions_);
  }

  // The child gets `pass_fd` as `as_fd` (dup2 clears O_CLOEXEC on the copy,
  // even when pass_fd is already as_fd) and loses everything above it, as
  // with Fork(); its signal mask is empty and kResetSignals are default.
  absl::Status Prepare(int pass_fd, int as_fd) {
    if (absl::Status s =
            Check(::posix_spawn_file_actions_init(&actions_), "posix_spawn_file_actions_init");
        !s.ok()) {
      return s;
    }
    actions_ready_ = true;
    if (absl::Status s = Check(::posix_spawnattr_init(&attributes_), "posix_spawnattr_init");
        !s.ok()) {
      return s;
    }
    attributes_ready_ = true;
    sigset_t none;
    sigemptyset(&none);
    sigset_t reset;
    sigemptyset(&reset);
    for (int signal : kResetSignals) sigaddset(&reset, signal);
    const std::pair<int, const char*> steps[] = {
        {::posix_spawn_file_actions_adddup2(&actions_, pass_fd, as_fd),
         "posix_spawn_file_actions_adddup2"},
        {::posix_spawn_file_actions_addclosefrom_np(&actions_, as_fd + 1),
         "posix_spawn_file_actions_addclosefrom_np"},
        {::posix_spawnattr_setsigmask(&attributes_, &none), "posix_spawnattr_setsigmask"},
        {::posix_spawnattr_setsigdefault(&attributes_, &reset), "posix_spawnattr_setsigdefault"},
        {::posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
         "posix_spawnattr_setflags"},
    };
    for (const auto& [error, call] : steps) {
      if (absl::Status s = Check(error, call); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  const posix_spawn_file_actions_t* actions() const { return &actions_; }
  const posix_spawnattr_t* attributes() const { return &attributes_; }

 private:
  static absl::Status Check(int error, const char* call) {
    return error == 0 ? absl::OkStatus() : absl::ErrnoToStatus(error, absl::StrCat(call, "()"));
  }

  posix_spawn_file_actions_t actions_{};
  posix_spawnattr_t attributes_{};
  bool actions_ready_ = false;
  bool attributes_ready_ = false;
};

}  // namespace

absl::StatusOr<ChildProcess> ChildProcess::Fork(absl::Span<const int> keep_fds,
                                                absl::FunctionRef<int()> body) {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return absl::ErrnoToStatus(errno, "fork()");
  if (pid == 0) {
    // If the parent dies (Ctrl-C, a crash), the kernel kills this child too.
    // The check after it closes the race with a parent that died first. A
    // child that cannot set itself up ends before its body runs.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent || !ResetSignals() ||
        !CloseAllExcept(keep_fds)) {
      ::_exit(exit_status::kFailed);
    }
    ::_exit(body());
  }
  return ChildProcess(pid);
}

absl::StatusOr<ChildProcess> ChildProcess::Spawn(const std::vector<std::string>& argv,
                                                 int pass_fd) {
  if (argv.empty()) return absl::InvalidArgumentError("Spawn(): empty argv");
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  SpawnOptions options;
  if (absl::Status prepared = options.Prepare(pass_fd, kSpawnedFd); !prepared.ok()) {
    return prepared;
  }
  pid_t pid = -1;
  const int error =
      ::posix_spawn(&pid, args[0], options.actions(), options.attributes(), args.data(), environ);
  if (error != 0) return absl::ErrnoToStatus(error, absl::StrFormat("posix_spawn(%s)", argv[0]));
  return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), how_it_ended_(std::move(other.how_it_ended_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    KillAndReap();
    pid_ = std::exchange(other.pid_, -1);
    how_it_ended_ = std::move(other.how_it_ended_);
  }
  return *this;
}

ChildProcess::~ChildProcess() { KillAndReap(); }

void ChildProcess::KillAndReap() {
  if (pid_ < 0) return;
  // An unreaped child can always be signalled (it is at worst a zombie), and
  // how a child we killed ended is no news.
  Signal(SIGKILL).IgnoreError();
  Wait().IgnoreError();
}

absl::Status ChildProcess::Wait() {
  if (pid_ < 0) return how_it_ended_;
  int wait_status = 0;
  pid_t reaped;
  do {
    reaped = ::waitpid(pid_, &wait_status, 0);
  } while (reaped < 0 && errno == EINTR);
  if (reaped < 0) {
    how_it_ended_ = absl::ErrnoToStatus(errno, absl::StrFormat("waitpid(%d)", pid_));
  } else {
    how_it_ended_ = DecodeWaitStatus(wait_status);
  }
  pid_ = -1;
  return how_it_ended_;
}

absl::Status ChildProcess::Signal(int signal) const {
  if (pid_ <= 0) return absl::OkStatus();
  if (::kill(pid_, signal) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("kill(%d, %d)", pid_, signal));
  }
  return absl::OkStatus();
}

absl::Status DecodeWaitStatus(int wait_status) {
  if (WIFEXITED(wait_status)) {
    const int code = WEXITSTATUS(wait_status);
    if (code == 0) return absl::OkStatus();
    return absl::InternalError(absl::StrFormat("exited with status %d", code));
  }
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    const char* abbrev = ::sigabbrev_np(signal);
    return absl::AbortedError(absl::StrFormat("killed by signal %d (SIG%s)%s", signal,
                                              abbrev ? abbrev : "?",
                                              WCOREDUMP(wait_status) ? ", core dumped" : ""));
  }
  return absl::UnknownError(absl::StrFormat("unexpected wait status 0x%x", wait_status));
}

}  // namespace parbench
