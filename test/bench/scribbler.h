// The Scribble workload row (scribbler.cc), linked into bench_with_scribbler
// and its worker program (test/CMakeLists.txt): the user scenario as
// a workload. In a worker process each task scribbles on every pipe and
// socket it can write to (test/scribble_junk.h) and then computes for far
// longer than any test waits; in the process spared, bench's driver, whose
// Sequential reference run computes the expected checksums, it only counts.
#ifndef PARBENCH_TEST_BENCH_SCRIBBLER_H_
#define PARBENCH_TEST_BENCH_SCRIBBLER_H_

#include <sys/types.h>

namespace parbench::testing {

// Tasks run by process `pid` do not scribble (none is spared unless called).
void SpareFromScribbling(pid_t pid);

}  // namespace parbench::testing

#endif  // PARBENCH_TEST_BENCH_SCRIBBLER_H_
