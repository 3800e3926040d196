// The one RequestService of a bench run, for the IoNet benchmarks: started
// at the first IoNet benchmark (a run that selects none never starts it),
// before that benchmark builds any pool, so every worker forked afterwards
// inherits its port; stopped and reaped by StopIoService() at the end of main.
#ifndef PARBENCH_BENCH_IO_SERVICE_H_
#define PARBENCH_BENCH_IO_SERVICE_H_

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace parbench {

// Starts the service with `latency` on first call and publishes its port
// (SetRequestServicePort); later calls return the first call's outcome.
// Call it only while no worker thread runs: it forks.
absl::Status EnsureIoService(absl::Duration latency);

// Stops and reaps the service if one was started. Safe to call always.
void StopIoService();

}  // namespace parbench

#endif  // PARBENCH_BENCH_IO_SERVICE_H_
