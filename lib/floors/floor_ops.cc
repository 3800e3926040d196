#include "lib/floors/floor_ops.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "absl/strings/str_format.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/futex.h"
#include "lib/posix/unique_fd.h"

namespace parbench {
namespace {

constexpr std::uint32_t kCallerTurn = 0;
constexpr std::uint32_t kEchoTurn = 1;
constexpr std::uint32_t kStop = 2;

// Between the threads of one process: the _PRIVATE futex calls, which skip
// the shared mapping's lookup. Sleeps while `word` still holds `value`
// (returns at once if it does not).
void PrivateFutexWait(std::atomic<std::uint32_t>& word, std::uint32_t value) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, value, nullptr,
            nullptr, 0);
}

void PrivateFutexWake(std::atomic<std::uint32_t>& word) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr,
            nullptr, 0);
}

absl::Status Reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::ErrnoToStatus(errno, absl::StrFormat("waitpid(%d)", pid));
  }
  return DecodeWaitStatus(status);
}

}  // namespace

absl::Status BareForkAndReap(int count) {
  std::vector<pid_t> children;
  children.reserve(static_cast<std::size_t>(count));
  absl::Status status;
  for (int i = 0; i < count; ++i) {
    // The one fork() outside ChildProcess::Fork, on purpose: this is the
    // floor that Fork() is measured against, so it must not include what
    // Fork() adds (PR_SET_PDEATHSIG, closing descriptors, resetting
    // signals). The child touches nothing and _exit()s; every child is
    // reaped below, also when a later fork fails.
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    if (pid < 0) {
      status = absl::ErrnoToStatus(errno, "fork()");
      break;
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    const absl::Status reaped = Reap(pid);
    if (status.ok()) status = reaped;
  }
  return status;
}

absl::Status BareForkHoldAndReap(int count) {
  absl::StatusOr<Pipe> gate = MakePipe();
  if (!gate.ok()) return gate.status();
  const int read_fd = gate->read_end.get();
  const int write_fd = gate->write_end.get();
  std::vector<pid_t> children;
  children.reserve(static_cast<std::size_t>(count));
  absl::Status status;
  for (int i = 0; i < count; ++i) {
    // As in BareForkAndReap, a bare fork() on purpose. A child keeps the
    // read end only, so that the parent's close is the end of file it waits
    // for; every child is reaped below, also when a later fork fails.
    const pid_t pid = ::fork();
    if (pid == 0) {
      // Without the write end closed the parent's close would not wake it.
      if (::close(write_fd) != 0) ::_exit(exit_status::kFailed);
      char byte = 0;
      while (::read(read_fd, &byte, 1) < 0 && errno == EINTR) {
      }
      ::_exit(0);
    }
    if (pid < 0) {
      status = absl::ErrnoToStatus(errno, "fork()");
      break;
    }
    children.push_back(pid);
  }
  gate->write_end.Reset();  // Every child wakes at once.
  for (pid_t pid : children) {
    const absl::Status reaped = Reap(pid);
    if (status.ok()) status = reaped;
  }
  return status;
}

absl::Status BareThreadsCreateAndJoin(int count) {
  std::vector<pthread_t> threads;
  threads.reserve(static_cast<std::size_t>(count));
  absl::Status status;
  for (int i = 0; i < count; ++i) {
    pthread_t thread;
    const int error = ::pthread_create(
        &thread, nullptr, [](void*) -> void* { return nullptr; }, nullptr);
    if (error != 0) {
      status = absl::ErrnoToStatus(error, "pthread_create()");
      break;
    }
    threads.push_back(thread);
  }
  for (pthread_t thread : threads) {
    const int error = ::pthread_join(thread, nullptr);
    if (error != 0 && status.ok()) status = absl::ErrnoToStatus(error, "pthread_join()");
  }
  return status;
}

absl::StatusOr<std::unique_ptr<PipePingPong>> PipePingPong::Create() {
  absl::StatusOr<Pipe> there = MakePipe();
  if (!there.ok()) return there.status();
  absl::StatusOr<Pipe> back = MakePipe();
  if (!back.ok()) return back.status();
  const int in = there->read_end.get();
  const int out = back->write_end.get();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({in, out}, [in, out] {
    char byte = 0;
    while (::read(in, &byte, 1) == 1) {
      if (::write(out, &byte, 1) != 1) return 1;
    }
    return 0;
  });
  if (!child.ok()) return child.status();
  std::unique_ptr<PipePingPong> ping(new PipePingPong());
  ping->to_child_ = std::move(there->write_end);
  ping->from_child_ = std::move(back->read_end);
  ping->child_.emplace(*std::move(child));
  return ping;  // The child's ends close here, in the parent.
}

PipePingPong::~PipePingPong() {
  to_child_.Reset();
  if (child_) child_->Wait().IgnoreError();
}

absl::Status PipePingPong::RoundTrip() {
  char byte = 1;
  if (::write(to_child_.get(), &byte, 1) != 1) return absl::ErrnoToStatus(errno, "write()");
  if (::read(from_child_.get(), &byte, 1) != 1) return absl::DataLossError("no echo");
  return absl::OkStatus();
}

namespace {

// How long the caller sleeps before it looks whether the echoing child
// died: a floor, not a fault test, so the slice only bounds a hang.
constexpr absl::Duration kEchoSlice = absl::Milliseconds(100);

absl::Status Wake(const std::atomic<std::uint32_t>& word) {
  absl::StatusOr<int> woken = FutexWake(word, 1);
  return woken.ok() ? absl::OkStatus() : woken.status();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ShmPingPong>> ShmPingPong::Create() {
  absl::StatusOr<SharedMapping> turn = SharedMapping::Anonymous(sizeof(std::uint32_t));
  if (!turn.ok()) return turn.status();
  auto* word = static_cast<std::atomic<std::uint32_t>*>(turn->data());
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [word] {
    // The parent's death kills this child (ChildProcess::Fork), so its
    // waits need no deadline; the slice only keeps each one finite.
    while (true) {
      std::uint32_t now;
      while ((now = word->load(std::memory_order_acquire)) == kCallerTurn) {
        if (!FutexWait(*word, kCallerTurn, absl::Seconds(1)).ok()) return 1;
      }
      if (now == kStop) return 0;
      word->store(kCallerTurn, std::memory_order_release);
      if (!Wake(*word).ok()) return 1;
    }
  });
  if (!child.ok()) return child.status();
  absl::StatusOr<PidFd> watch = PidFd::Open(child->pid());
  if (!watch.ok()) return watch.status();  // ~ChildProcess kills and reaps it.
  return std::unique_ptr<ShmPingPong>(
      new ShmPingPong(*std::move(turn), *std::move(watch), *std::move(child)));
}

std::atomic<std::uint32_t>& ShmPingPong::turn() const {
  return *static_cast<std::atomic<std::uint32_t>*>(turn_.data());
}

ShmPingPong::~ShmPingPong() {
  turn().store(kStop, std::memory_order_release);
  Wake(turn()).IgnoreError();  // A child that missed it is killed by ~ChildProcess.
  child_.Wait().IgnoreError();
}

absl::Status ShmPingPong::RoundTrip() {
  std::atomic<std::uint32_t>& word = turn();
  word.store(kEchoTurn, std::memory_order_release);
  if (absl::Status woke = Wake(word); !woke.ok()) return woke;
  while (word.load(std::memory_order_acquire) == kEchoTurn) {
    absl::StatusOr<FutexWaitEnd> end = FutexWait(word, kEchoTurn, kEchoSlice);
    if (!end.ok()) return end.status();
    if (*end != FutexWaitEnd::kTimedOut) continue;
    absl::StatusOr<bool> ended = watch_.Ended();
    if (!ended.ok()) return ended.status();
    if (*ended) return absl::AbortedError("the echoing child ended in a shared-memory round trip");
  }
  return absl::OkStatus();
}

ThreadPingPong::ThreadPingPong() : echo_(&ThreadPingPong::Echo, this) {}

ThreadPingPong::~ThreadPingPong() {
  turn_.store(kStop, std::memory_order_release);
  PrivateFutexWake(turn_);
  echo_.join();
}

void ThreadPingPong::RoundTrip() {
  turn_.store(kEchoTurn, std::memory_order_release);
  PrivateFutexWake(turn_);
  while (turn_.load(std::memory_order_acquire) == kEchoTurn) PrivateFutexWait(turn_, kEchoTurn);
}

void ThreadPingPong::Echo() {
  while (true) {
    std::uint32_t turn;
    while ((turn = turn_.load(std::memory_order_acquire)) == kCallerTurn) {
      PrivateFutexWait(turn_, kCallerTurn);
    }
    if (turn == kStop) return;
    turn_.store(kCallerTurn, std::memory_order_release);
    PrivateFutexWake(turn_);
  }
}

}  // namespace parbench
