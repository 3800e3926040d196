// ThreadPool's knobs: every combination of spin and caller participation
// gives Sequential's results, survives reuse and concurrent Map() calls,
// counts the caller among its workers, and spins only where a spinning
// thread has a CPU of its own.
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/posix/usable_cpus.h"
#include "lib/strategies/sequential.h"
#include "lib/strategies/thread_pool.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::Checksums;
using testing::TaskOf;

std::vector<Task> Tasks(int count) { return testing::DistinctCpuTasks(count, 50, 7); }

using Param = std::tuple<bool, bool, int>;  // spin, caller_runs, workers

class ThreadPoolKnobs : public ::testing::TestWithParam<Param> {
 protected:
  ThreadPool::Options Options() const {
    const auto [spin, caller_runs, workers] = GetParam();
    return {.workers = workers,
            .spin = spin ? absl::Microseconds(200) : absl::ZeroDuration(),
            .caller_runs = caller_runs};
  }
};

TEST_P(ThreadPoolKnobs, SequentialResultsAcrossManyMaps) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(Options());
  ASSERT_TRUE(pool.ok()) << pool.status();
  for (int count : {0, 1, 2, 7, 100, 1000}) {
    const std::vector<Task> tasks = Tasks(count);
    absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    EXPECT_EQ(Checksums(*results), Checksums(*expected)) << count << " tasks";
  }
}

TEST_P(ThreadPoolKnobs, ConcurrentMapsEachGetTheirOwnResults) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(Options());
  ASSERT_TRUE(pool.ok()) << pool.status();
  std::vector<std::thread> callers;
  callers.reserve(4);
  std::vector<int> same(4, 0);  // Not vector<bool>: its elements share words.
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&, c] {
      const std::vector<Task> tasks = Tasks(50 + c);
      bool ok = true;
      for (int round = 0; round < 20 && ok; ++round) {
        absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
        ok = results.ok() && Checksums(*results) == Checksums(*Sequential().Map(tasks));
      }
      same[static_cast<std::size_t>(c)] = ok ? 1 : 0;
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(same, std::vector<int>(4, 1));
}

TEST_P(ThreadPoolKnobs, ThreadsAndSpinFollowTheWorkers) {
  const ThreadPool::Options options = Options();
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status();
  const bool may_spin = options.spin > absl::ZeroDuration();
  EXPECT_EQ((*pool)->spins(), may_spin && options.workers <= ProbeUsableCpus().usable);
  // The caller, when it runs chunks, is one of the workers.
  EXPECT_EQ((*pool)->threads(), options.workers - (options.caller_runs ? 1 : 0));
}

INSTANTIATE_TEST_SUITE_P(AllKnobs, ThreadPoolKnobs,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool(),
                                            ::testing::Values(1, 2, 8)),
                         [](const ::testing::TestParamInfo<Param>& info) {
                           return absl::StrCat(
                               std::get<0>(info.param) ? "Spin" : "NoSpin",
                               std::get<1>(info.param) ? "CallerRuns" : "CallerWaits", "Workers",
                               std::get<2>(info.param));
                         });

}  // namespace
}  // namespace parbench
