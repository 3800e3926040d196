// The misbehaving library, for the scribble tests (gtest's
// scribble_test.cc, and the Scribble row of bench_with_scribbler and its
// worker program): junk written into every pipe and socket a process can
// write to, then a long computation that only a kill ends.
#ifndef PARBENCH_TEST_SCRIBBLE_JUNK_H_
#define PARBENCH_TEST_SCRIBBLE_JUNK_H_

#include <cstdint>

namespace parbench::testing {

// The junk byte: 64 of it go into each descriptor.
inline constexpr char kJunkByte = 'Z';

// Writes 64 junk bytes into each pipe or socket above stderr that this
// process may write to. Whether each write lands is not checked: the junk is
// the point.
void ScribbleOnEveryPipe();

// Computes for 600 s (far longer than any test waits) and returns a sum
// seeded with `seed`.
std::uint64_t ComputeForLong(std::uint64_t seed);

}  // namespace parbench::testing

#endif  // PARBENCH_TEST_SCRIBBLE_JUNK_H_
