// InFlightRecord: which benchmark runs and which chunks each worker of the
// pool holds, kept in a file-backed MAP_SHARED mapping so that it outlives
// the process that writes it. When a job dies whole (Open MPI ends every rank
// when one dies), the file still says what the workers were running; the
// scripts read it after the job (scripts/common.sh, tell_in_flight).
//
// The file is fixed-width text lines that sh reads with `read`:
//   parbench-in-flight 1
//   benchmark SEQ NAME SEQ
//   worker SEQ KIND RANK PID FIRST COUNT NEXT_FIRST NEXT_COUNT SEQ   (kMaxWorkers lines)
// SEQ, FIRST and COUNT are 0x and eight hex digits (sh's arithmetic reads
// them; writing them costs no division); KIND is the pool's word for its
// workers' ranks ("-": no worker); RANK and PID are decimal, PID -1 when
// not known; COUNT 0 is no chunk. Each update writes the line's first SEQ
// before its fields and its last SEQ after them: a writer that died in the
// middle leaves the two unequal, and the reader calls the line torn
// instead of mixing two states. Updates are plain stores, no system call,
// so that recording costs a chunk nothing measurable.
#ifndef PARBENCH_LIB_STRATEGIES_DISPATCH_IN_FLIGHT_RECORD_H_
#define PARBENCH_LIB_STRATEGIES_DISPATCH_IN_FLIGHT_RECORD_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/posix/shared_mapping.h"
#include "lib/strategies/dispatch/worker_failure.h"

namespace parbench {

class InFlightRecord {
 public:
  // Workers with a line of their own; a pool's workers past it go unrecorded.
  static constexpr int kMaxWorkers = 256;
  // Characters of a benchmark's name kept; a longer name is cut to it.
  static constexpr std::size_t kNameWidth = 240;
  // Characters of a worker's kind (SetWorkers); a longer one is cut to it.
  static constexpr std::size_t kKindWidth = 8;
  // Chunks a worker's line holds: the one it runs and the next. A pool that
  // keeps a record sends no more at once (ChunkDispatcher).
  static constexpr std::size_t kChunksPerWorker = 2;

  // Creates (or truncates) the file at `path` and lays out its lines: no
  // benchmark, no worker.
  [[nodiscard]] static absl::StatusOr<InFlightRecord> Create(const std::string& path);

  InFlightRecord(InFlightRecord&&) = default;
  InFlightRecord& operator=(InFlightRecord&&) = default;
  InFlightRecord(const InFlightRecord&) = delete;
  InFlightRecord& operator=(const InFlightRecord&) = delete;

  // The benchmark that runs from now on (blanks become '_', so that the
  // name stays one field; an empty one is "-").
  void SetBenchmark(absl::string_view name);

  // A new pool's workers: worker i is rank `ranks[i]` of its `kind` (a word:
  // "rank" for the ranks mpirun started, "spawned" for a spawn's), process
  // `pids[i]` (-1: not known), holding nothing. The lines of workers past
  // them are cleared. `pids` is empty or as long as `ranks`.
  void SetWorkers(absl::string_view kind, absl::Span<const int> ranks,
                  absl::Span<const pid_t> pids);

  // Worker `worker` now holds `chunks`, oldest (the one it runs) first; the
  // first two are recorded. Empty: it holds nothing.
  void Hold(int worker, absl::Span<const ChunkRange> chunks);

  // The whole file's text, as a reader would find it.
  absl::string_view text() const {
    return {static_cast<const char*>(mapping_.data()), mapping_.size()};
  }

 private:
  explicit InFlightRecord(SharedMapping mapping) : mapping_(std::move(mapping)) {}

  // Worker `worker`'s line, past its tag.
  char* Line(std::size_t worker) const;
  // Writes a line's SEQ before `write` and after it (`fields`: the line
  // past its tag), with `write`'s stores kept between them.
  template <typename Write>
  void Update(char* fields, std::size_t end_seq_at, Write write);

  SharedMapping mapping_;
  std::uint32_t seq_ = 0;    // The last SEQ written (0: the layout's).
  std::size_t workers_ = 0;  // Worker lines SetWorkers filled last.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_DISPATCH_IN_FLIGHT_RECORD_H_
