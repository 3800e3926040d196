#include "lib/kernels.h"

#include <sys/mman.h>

#include <new>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace parbench {
namespace {

// Gives every allocation fresh pages from the kernel and returns them on
// release. Without it the cost of AppendInts would depend on which thread
// runs it: glibc's per-thread arenas keep freed pages that the main thread's
// arena hands back, and measured 20 % apart on this machine at one worker.
template <typename T>
struct FreshPagesAllocator {
  using value_type = T;
  FreshPagesAllocator() = default;
  template <typename U>
  explicit FreshPagesAllocator(const FreshPagesAllocator<U>&) {}

  T* allocate(std::size_t n) {
    void* p = ::mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) { ::munmap(p, n * sizeof(T)); }
  friend bool operator==(const FreshPagesAllocator&, const FreshPagesAllocator&) = default;
};

}  // namespace

std::uint64_t CountTo(std::uint64_t n) {
  std::uint64_t counter = 0;
  while (counter < n) {
    ++counter;
    // Tells the compiler the counter may have changed behind its back, so it
    // can neither compute the result in closed form nor vectorise the loop.
    asm volatile("" : "+r"(counter));
  }
  return counter;
}

std::uint64_t WaitMicros(std::uint64_t micros) {
  absl::SleepFor(absl::Microseconds(micros));  // Loops over EINTR itself.
  return micros;
}

std::uint64_t AppendInts(std::uint64_t n) {
  std::vector<std::uint32_t, FreshPagesAllocator<std::uint32_t>> values;
  for (std::uint64_t i = 0; i < n; ++i) {
    values.push_back(static_cast<std::uint32_t>(i * 2654435761u));
  }
  // The stores must reach memory: pretend the buffer escapes.
  asm volatile("" : : "g"(values.data()) : "memory");
  std::uint64_t checksum = 0;
  for (std::uint32_t v : values) checksum = checksum * 31 + v;
  return checksum;
}

}  // namespace parbench
