#include "lib/strategies/event_loop.h"

#include <sys/epoll.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/core/strategy_table.h"
#include "lib/core/task_in_flight.h"
#include "lib/posix/cpu_clock.h"

namespace parbench {
namespace {

// One epoll_wait() hands back at most this many ready tasks; more just wait
// for the next call.
constexpr int kEventsPerWait = 64;

struct InFlight {
  std::unique_ptr<TaskInFlight> task;
  std::uint32_t watched_events = 0;  // What epoll watches for it now.
  std::int64_t cpu_nanos = 0;        // Loop-thread CPU spent in its steps.
};

absl::Status Watch(int epoll_fd, int op, const InFlight& slot, std::size_t index) {
  epoll_event event{};
  event.events = slot.watched_events;
  event.data.u64 = index;
  if (::epoll_ctl(epoll_fd, op, slot.task->fd(), &event) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("epoll_ctl() for task %d", index));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventLoop>> EventLoop::Create(int max_in_flight) {
  UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll.valid()) return absl::ErrnoToStatus(errno, "epoll_create1()");
  return std::unique_ptr<EventLoop>(new EventLoop(std::max(max_in_flight, 1), std::move(epoll)));
}

absl::StatusOr<std::vector<TaskResult>> EventLoop::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  // Tasks in flight, by index; destroying one closes its descriptor, which
  // also takes it out of the epoll set, so an early return leaves it empty.
  std::vector<InFlight> in_flight(tasks.size());
  std::size_t running = 0;
  std::size_t next = 0;
  bool failed = false;

  auto finish = [&](std::size_t index, absl::StatusOr<std::uint64_t> checksum) {
    if (checksum.ok()) {
      slots[index] = TaskResult{*checksum, in_flight[index].cpu_nanos};
    } else {
      slots[index] = checksum.status();
      failed = true;
    }
    in_flight[index] = InFlight{};
  };

  epoll_event events[kEventsPerWait];
  while (true) {
    // Fill the free places, in task order.
    while (!failed && next < tasks.size() && running < static_cast<std::size_t>(max_in_flight_)) {
      const std::size_t index = next++;
      const std::int64_t start = ThreadCpuNanos();
      absl::StatusOr<std::unique_ptr<TaskInFlight>> started = StartTask(tasks[index]);
      if (started.ok() && *started == nullptr) {
        // Cannot wait without a thread: run it here and now.
        RunBatchTimed(tasks.subspan(index, 1), absl::MakeSpan(slots).subspan(index, 1));
        failed = !slots[index].ok();
        continue;
      }
      in_flight[index].cpu_nanos = ThreadCpuNanos() - start;
      if (!started.ok()) {
        finish(index, started.status());
        continue;
      }
      InFlight& slot = in_flight[index];
      slot.task = *std::move(started);
      slot.watched_events = slot.task->events();
      if (absl::Status watched = Watch(epoll_.get(), EPOLL_CTL_ADD, slot, index); !watched.ok()) {
        return watched;
      }
      ++running;
    }
    if (running == 0) break;

    const int ready = ::epoll_wait(epoll_.get(), events, kEventsPerWait, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "epoll_wait()");
    }
    for (int i = 0; i < ready; ++i) {
      const auto index = static_cast<std::size_t>(events[i].data.u64);
      InFlight& slot = in_flight[index];
      if (slot.task == nullptr) continue;
      const std::int64_t start = ThreadCpuNanos();
      std::optional<absl::StatusOr<std::uint64_t>> done = slot.task->Advance();
      slot.cpu_nanos += ThreadCpuNanos() - start;
      if (done.has_value()) {
        if (::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, slot.task->fd(), nullptr) != 0) {
          return absl::ErrnoToStatus(errno, "epoll_ctl(EPOLL_CTL_DEL)");
        }
        finish(index, *std::move(done));
        --running;
      } else if (slot.task->events() != slot.watched_events) {
        slot.watched_events = slot.task->events();
        if (absl::Status watched = Watch(epoll_.get(), EPOLL_CTL_MOD, slot, index); !watched.ok()) {
          return watched;
        }
      }
    }
  }
  // Tasks never started after a failure leave their slots unset; the failed
  // one comes before them, so GatherResults reports it.
  return GatherResults(std::move(slots));
}

namespace {

// `workers` for an event loop: tasks in flight at once.
absl::StatusOr<std::unique_ptr<Strategy>> MakeEventLoop(const StrategyOptions& options) {
  return EventLoop::Create(options.workers);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "EventLoop",
                            .make = &MakeEventLoop,
                            .worker_kind = WorkerKind::kInline,
                            .dispatch = Dispatch::kPerTask,
                            .order = 5});

}  // namespace parbench
