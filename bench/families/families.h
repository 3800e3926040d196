// The benchmark families, one file each. Every one registers through
// bench/registration.h and measures strategies through bench/measure.h.
#ifndef PARBENCH_BENCH_FAMILIES_FAMILIES_H_
#define PARBENCH_BENCH_FAMILIES_FAMILIES_H_

#include "bench/suite_config.h"

namespace parbench {

// "<Workload>/<Strategy>[/cold|/warm]/workers:<n>/tasks:<t>" for every row
// of both tables, plus the bare-thread ceiling "Cpu/BareThreads/...".
void RegisterStrategyFamily(const SuiteConfig& config);
// "<Workload>/<Strategy>/spawn/...": the process strategies that can start
// their workers as fresh programs, on the rows with spawn_rows (Cpu).
void RegisterSpawnFamily(const SuiteConfig& config);
// "Chunk/...": tiny Cpu tasks, where the cost of a message per task shows,
// at chunk sizes 1, the default and all-in-one.
void RegisterChunkFamily(const SuiteConfig& config);
// "CpuSweep/...": every strategy at Cpu task sizes 1e3..1e8 (--sweep).
void RegisterSweepFamily(const SuiteConfig& config);
// "Overhead/...": what each strategy adds, each labelled with its floor.
void RegisterOverheadFamily(const SuiteConfig& config);
// "Knobs/...": ThreadPool with each of its knobs on and off, side by side.
void RegisterKnobsFamily(const SuiteConfig& config);
// "Floor/...": the bare system operations the overheads rest on.
void RegisterFloorFamily(const SuiteConfig& config);
// "Floor/MpiRoundTrip" and the MPI world in the JSON context, under mpirun
// in a build with MPI (families/mpi.cc); nothing otherwise.
void RegisterMpiFamily(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_FAMILIES_FAMILIES_H_
