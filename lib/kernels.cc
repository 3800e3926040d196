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

std::uint32_t IntAt(std::uint64_t i) { return static_cast<std::uint32_t>(i * 2654435761u); }

// checksum = checksum × 31 + v over the values, eight at a time, with the
// same result as the one-at-a-time loop (arithmetic modulo 2^64): pairs
// first (v0 × 31 + v1 is a shift and a subtraction), then four multiplies
// and one link of the dependency chain per eight values instead of eight of
// each. One at a time, the fold was bound by its multiplications (11 GB/s
// here, against 21 GB/s for a plain read); this way it keeps up with memory.
std::uint64_t Fold(const std::uint32_t* values, std::uint64_t n) {
  constexpr std::uint64_t p2 = 31 * 31, p4 = p2 * p2, p6 = p4 * p2, p8 = p4 * p4;
  std::uint64_t checksum = 0;
  std::uint64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint32_t* v = values + i;
    const std::uint64_t a = std::uint64_t{v[0]} * 31 + v[1];
    const std::uint64_t b = std::uint64_t{v[2]} * 31 + v[3];
    const std::uint64_t c = std::uint64_t{v[4]} * 31 + v[5];
    const std::uint64_t d = std::uint64_t{v[6]} * 31 + v[7];
    checksum = checksum * p8 + (a * p6 + b * p4) + (c * p2 + d);
  }
  for (; i < n; ++i) checksum = checksum * 31 + values[i];
  return checksum;
}

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
    values.push_back(IntAt(i));
  }
  // The stores must reach memory: pretend the buffer escapes.
  asm volatile("" : : "g"(values.data()) : "memory");
  return Fold(values.data(), n);
}

std::uint64_t FillAndFold(std::uint32_t* buffer, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) buffer[i] = IntAt(i);
  asm volatile("" : : "g"(buffer) : "memory");
  return Fold(buffer, n);
}

}  // namespace parbench
