// A competing CPU load for the whole run (--background_load=N): N threads
// that only burn CPU, so that the same benchmarks can be read on a machine
// whose CPUs are all busy — where spinning, which pays on an idle machine,
// steals the CPU the work needs.
#ifndef PARBENCH_BENCH_BACKGROUND_LOAD_H_
#define PARBENCH_BENCH_BACKGROUND_LOAD_H_

#include <atomic>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace parbench {

class BackgroundLoad {
 public:
  // Starts `threads` busy threads (none for 0). Fails if the system refuses
  // a thread; those already started are stopped and joined.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BackgroundLoad>> Start(int threads);
  // Stops and joins them.
  ~BackgroundLoad();
  BackgroundLoad(const BackgroundLoad&) = delete;
  BackgroundLoad& operator=(const BackgroundLoad&) = delete;

 private:
  BackgroundLoad() = default;
  void Burn();

  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

}  // namespace parbench

#endif  // PARBENCH_BENCH_BACKGROUND_LOAD_H_
