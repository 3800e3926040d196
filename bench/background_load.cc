#include "bench/background_load.h"

#include <memory>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<BackgroundLoad>> BackgroundLoad::Start(int threads) {
  std::unique_ptr<BackgroundLoad> load(new BackgroundLoad());
  load->threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) {
    try {
      load->threads_.emplace_back(&BackgroundLoad::Burn, load.get());
    } catch (const std::system_error& e) {
      return absl::ResourceExhaustedError(absl::StrFormat(
          "starting background load thread %d of %d: %s", i + 1, threads, e.what()));
    }
  }
  return load;
}

BackgroundLoad::~BackgroundLoad() {
  stop_.store(true, std::memory_order_relaxed);
  for (std::thread& thread : threads_) thread.join();
}

void BackgroundLoad::Burn() {
  std::uint64_t counter = 0;
  while (!stop_.load(std::memory_order_relaxed)) {
    for (int i = 0; i < 1 << 16; ++i) {
      ++counter;
      asm volatile("" : "+r"(counter));  // Real work the compiler cannot fold.
    }
  }
}

}  // namespace parbench
