#include "lib/workloads/memory.h"

#include <sys/mman.h>

#include <new>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

// Gives every allocation fresh pages from the kernel and returns them on
// release. Without it the cost of AppendInts would depend on which thread
// runs it: glibc's per-thread arenas keep freed pages that the main thread's
// arena hands back, so a pool at one worker ran faster than Sequential for
// no reason of its own (see results/README.md, "Memory").
template <typename T>
struct FreshPagesAllocator {
  using value_type = T;
  FreshPagesAllocator() = default;
  template <typename U>
  explicit FreshPagesAllocator(const FreshPagesAllocator<U>&) {}

  T* allocate(std::size_t n) {
    void* p =
        ::mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
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
// each. One at a time, the fold is bound by its multiplications, well below
// what a plain read of memory reaches; this way it keeps up with memory.
std::uint64_t Fold(const std::uint32_t* values, std::uint64_t n) {
  constexpr std::uint64_t p2 = std::uint64_t{31} * 31, p4 = p2 * p2, p6 = p4 * p2, p8 = p4 * p4;
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

namespace {

absl::StatusOr<std::uint64_t> RunMemory(std::uint64_t n) { return AppendInts(n); }
std::uint64_t BytesAppended(std::uint64_t n) { return n * sizeof(std::uint32_t); }

}  // namespace

// The limit, 1 GiB of integers per task, keeps ten tasks at once within the
// memory of a small machine.
PARBENCH_REGISTER_WORKLOAD({
    .name = "Memory",
    .size_flag = "memory_ints",
    .help = "Memory workload: integers appended to a fresh vector per task.",
    .default_size = 10'000'000,
    .max_size = 250'000'000,
    .test_size = 10'000,
    .run = &RunMemory,
    .bytes_per_task = &BytesAppended,
    .order = 2,
});

}  // namespace parbench
