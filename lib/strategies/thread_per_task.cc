#include "lib/strategies/thread_per_task.h"

#include <algorithm>
#include <system_error>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/core/strategy_table.h"

namespace parbench {

ThreadPerTask::ThreadPerTask(int workers) : workers_(std::max(workers, 1)) {}

absl::StatusOr<std::vector<TaskResult>> ThreadPerTask::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  const auto wave_size = static_cast<std::size_t>(workers_);
  for (std::size_t first = 0; first < tasks.size(); first += wave_size) {
    // jthreads join when the wave goes out of scope, also on an early return.
    std::vector<std::jthread> wave;
    for (std::size_t i = first; i < std::min(first + wave_size, tasks.size()); ++i) {
      try {
        wave.emplace_back([&slots, &tasks, i] {
          RunBatchTimed(tasks.subspan(i, 1), absl::MakeSpan(slots).subspan(i, 1));
        });
      } catch (const std::system_error& e) {
        return absl::ResourceExhaustedError(
            absl::StrFormat("starting a thread for task %d: %s", i, e.what()));
      }
    }
  }
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeThreadPerTask(const StrategyOptions& options) {
  return std::make_unique<ThreadPerTask>(options.workers);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ThreadPerTask",
                            .make = &MakeThreadPerTask,
                            .dispatch = Dispatch::kPerTask,
                            .order = 3});

}  // namespace parbench
