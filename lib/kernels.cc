#include "lib/kernels.h"

#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace parbench {

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
  std::vector<std::uint32_t> values;
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
