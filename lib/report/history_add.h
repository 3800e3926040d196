// history.sh add's computation: what a run adds to a history (history.h) —
// its machine's description and fingerprint, its revision and date, the
// file name it is kept under, its row of runs.csv and one row of
// history.csv per benchmark (the median of its repetitions, their count,
// extremes and quartiles, or its median aggregate). Moving the files into
// place, atomically and under a lock, is history.sh's.
#ifndef PARBENCH_LIB_REPORT_HISTORY_ADD_H_
#define PARBENCH_LIB_REPORT_HISTORY_ADD_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/report/model.h"

namespace parbench::report {

// The machine a run was made on.
struct MachineId {
  // "key=value; ..." from Google Benchmark's context and parbench's keys
  // when present: cpu_model, num_cpus, usable_cpus, mhz_per_cpu (only
  // without a CPU model: it moves with frequency scaling), caches, kernel,
  // compiler, build_type, library_version, library_build_type; not the host
  // name (a machine renamed is the same machine). "" when nothing is known.
  std::string description;
  std::string fingerprint;  // 8 hex digits: POSIX cksum's CRC of the description
};

// The run's machine; InvalidArgument when the run is not one history.sh
// takes (no context.date, no benchmark with a time), naming the run.
absl::StatusOr<MachineId> MachineOfRun(const Run& run);

// The CRC that POSIX cksum prints first for `text` (CRC-32, polynomial
// 0x04C11DB7, the length appended, complemented).
uint32_t PosixCksum(absl::string_view text);

struct AddOptions {
  std::string rev;                 // "": the context's parbench_revision
  bool force = false;              // add it even when the history has rev on this machine
  std::string expect_fingerprint;  // "": any machine
};

struct AddedRun {
  int64_t number = 0;
  std::string rev, date;
  MachineId machine;
  std::string file;      // its name under runs/
  std::string runs_row;  // its line of runs.csv
  std::string rows;      // its lines of history.csv
  int benchmarks = 0;
};

// What `run` adds to the history whose files hold runs_csv and rows_csv
// (each its header alone for a new history; `dir` names the history in
// messages). InvalidArgument, one line, on a run of another machine than
// expected, no revision, a revision already there (unless forced), or no
// benchmark with a time.
absl::StatusOr<AddedRun> AddToHistory(const Run& run, absl::string_view runs_csv,
                                      absl::string_view rows_csv, absl::string_view dir,
                                      const AddOptions& options);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_ADD_H_
