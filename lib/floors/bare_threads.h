// BareThreads: the machine's parallel ceiling for counting, measured rather
// than assumed. n plain threads wait at a barrier, are released together,
// each counts its share of the total and meets the others at a second
// barrier: no queue, no allocation, no messages — nothing a pool could do
// less of. It is measured in the same run as the strategies because on
// virtual machines it is far from n× and moves from hour to hour (see
// results/README.md).
#ifndef PARBENCH_LIB_FLOORS_BARE_THREADS_H_
#define PARBENCH_LIB_FLOORS_BARE_THREADS_H_

#include <barrier>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace parbench {

class BareThreads {
 public:
  // Starts `workers` threads (at least 1), parked at the start barrier.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BareThreads>> Create(int workers);

  // Not copyable or movable: the threads hold `this`.
  BareThreads(const BareThreads&) = delete;
  BareThreads& operator=(const BareThreads&) = delete;
  ~BareThreads();

  // What each thread runs on its share: the Cpu workload's kernel, given by
  // the caller so that floors do not depend on workloads. Returns its input.
  using CountFn = std::uint64_t (*)(std::uint64_t steps);

  // Releases the threads to `count` `total` steps between them (shares
  // differ by at most one) and returns the sum of what they returned, which
  // is `total`.
  std::uint64_t Count(std::uint64_t total, CountFn count);

 private:
  explicit BareThreads(int workers);
  void Run(std::size_t index);

  const std::size_t workers_;
  std::barrier<> start_;                // The threads and the caller.
  std::barrier<> finish_;               // Likewise.
  std::uint64_t total_ = 0;             // Written before `start_`, read after it.
  CountFn count_ = nullptr;             // Likewise.
  bool stop_ = false;                   // Likewise.
  std::vector<std::uint64_t> counted_;  // One slot per thread.
  std::vector<std::jthread> threads_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_FLOORS_BARE_THREADS_H_
