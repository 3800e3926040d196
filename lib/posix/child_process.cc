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

#include "absl/strings/str_format.h"

namespace parbench {
namespace {

// Runs in the child between fork() and the body: only system calls, nothing
// that allocates (another thread of the parent may have held the heap lock).
void CloseAllExcept(absl::Span<const int> keep_fds) {
  int keep[16];
  std::size_t count = 0;
  for (int fd : keep_fds) {
    if (fd > STDERR_FILENO && count < std::size(keep)) keep[count++] = fd;
  }
  std::sort(keep, keep + count);
  unsigned first = STDERR_FILENO + 1;
  for (std::size_t i = 0; i < count; ++i) {
    const auto fd = static_cast<unsigned>(keep[i]);
    if (fd > first) ::close_range(first, fd - 1, 0);
    first = fd + 1;
  }
  ::close_range(first, ~0U, 0);
}

// The signals whose disposition children get back to the default.
constexpr int kResetSignals[] = {SIGINT, SIGTERM, SIGPIPE, SIGCHLD};

void ResetSignals() {
  for (int signal : kResetSignals) ::signal(signal, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace

absl::StatusOr<ChildProcess> ChildProcess::Fork(absl::Span<const int> keep_fds,
                                                absl::FunctionRef<int()> body) {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return absl::ErrnoToStatus(errno, "fork()");
  if (pid == 0) {
    // If the parent dies (Ctrl-C, a crash), the kernel kills this child too.
    // The check after it closes the race with a parent that died first.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ResetSignals();
    CloseAllExcept(keep_fds);
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

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawnattr_init(&attributes);
  // dup2 clears O_CLOEXEC on the copy (even when pass_fd is already 3);
  // everything above it goes, as with Fork().
  ::posix_spawn_file_actions_adddup2(&actions, pass_fd, kSpawnedFd);
  ::posix_spawn_file_actions_addclosefrom_np(&actions, kSpawnedFd + 1);
  sigset_t none;
  sigemptyset(&none);
  sigset_t reset;
  sigemptyset(&reset);
  for (int signal : kResetSignals) sigaddset(&reset, signal);
  ::posix_spawnattr_setsigmask(&attributes, &none);
  ::posix_spawnattr_setsigdefault(&attributes, &reset);
  ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int error = ::posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
  ::posix_spawnattr_destroy(&attributes);
  ::posix_spawn_file_actions_destroy(&actions);
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
  Signal(SIGKILL);
  Wait().IgnoreError();  // How a child we killed ended is no news.
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

void ChildProcess::Signal(int signal) const {
  if (pid_ > 0) ::kill(pid_, signal);
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
