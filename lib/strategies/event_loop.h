// EventLoop: concurrency without parallelism — one thread keeps up to n
// tasks in flight at once over epoll (asyncio's shape). Tasks that can wait
// without a thread (Io, IoNet: see StartTask) overlap their waits; the rest
// (Cpu, Memory, IoFile) run one after another on that thread, like Sequential.
#ifndef PARBENCH_LIB_STRATEGIES_EVENT_LOOP_H_
#define PARBENCH_LIB_STRATEGIES_EVENT_LOOP_H_

#include <memory>

#include "lib/core/strategy.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

class EventLoop final : public Strategy {
 public:
  // An event loop keeping at most `max_in_flight` tasks (at least 1) in
  // flight. Fails if the epoll instance cannot be made.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<EventLoop>> Create(int max_in_flight);

  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Starts tasks in order until `max_in_flight` wait at once, and starts the
  // next as each one finishes, all on the calling thread. A task that cannot
  // wait without a thread runs to completion when its turn comes, holding up
  // the others meanwhile. After a task's error no further task starts; the
  // ones in flight finish, then the error of the lowest-numbered failed task
  // is returned. A task's cpu_nanos is the loop thread's CPU time in its steps.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

  int max_in_flight() const { return max_in_flight_; }

 private:
  EventLoop(int max_in_flight, UniqueFd epoll)
      : max_in_flight_(max_in_flight), epoll_(std::move(epoll)) {}

  int max_in_flight_;
  UniqueFd epoll_;  // Watches the descriptor of every task in flight.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_EVENT_LOOP_H_
