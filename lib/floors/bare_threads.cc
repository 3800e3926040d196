#include "lib/floors/bare_threads.h"

#include <algorithm>
#include <numeric>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace parbench {

BareThreads::BareThreads(int workers)
    : workers_(static_cast<std::size_t>(std::max(workers, 1))),
      start_(static_cast<std::ptrdiff_t>(workers_) + 1),
      finish_(static_cast<std::ptrdiff_t>(workers_) + 1),
      counted_(workers_, 0) {}

absl::StatusOr<std::unique_ptr<BareThreads>> BareThreads::Create(int workers) {
  std::unique_ptr<BareThreads> bare(new BareThreads(workers));
  for (std::size_t i = 0; i < bare->workers_; ++i) {
    try {
      bare->threads_.emplace_back(&BareThreads::Run, bare.get(), i);
    } catch (const std::system_error& e) {
      // Threads that never started leave the start barrier, so the
      // destructor's stop releases exactly the ones that did.
      for (std::size_t missing = i; missing < bare->workers_; ++missing) {
        (void)bare->start_.arrive_and_drop();
      }
      return absl::ResourceExhaustedError(
          absl::StrFormat("starting thread %d: %s", i + 1, e.what()));
    }
  }
  return bare;
}

BareThreads::~BareThreads() {
  stop_ = true;
  start_.arrive_and_wait();
  // jthreads join here.
}

void BareThreads::Run(std::size_t index) {
  while (true) {
    start_.arrive_and_wait();
    if (stop_) return;
    const std::uint64_t share = total_ / workers_ + (index < total_ % workers_ ? 1 : 0);
    counted_[index] = count_(share);
    finish_.arrive_and_wait();
  }
}

std::uint64_t BareThreads::Count(std::uint64_t total, CountFn count) {
  total_ = total;
  count_ = count;
  start_.arrive_and_wait();
  finish_.arrive_and_wait();
  return std::accumulate(counted_.begin(), counted_.end(), std::uint64_t{0});
}

}  // namespace parbench
