// The facts bench writes into each benchmark's label (bench/facts.h):
// blank-separated key=value items after "facts=1", the vocabulary's version.
//   facts=1 workload=Cpu strategy=ProcessPool life=warm launch=fork workers=2
//   tasks=10 kind=processes dispatch=chunked workload_role=reference
// Keys: family operation workload strategy life launch workers tasks chunk
// batch size mib pages floor per spin caller_runs lang api kind dispatch role
// workload_role bound;
// each at most once, any left out. An Overhead or Floor benchmark says its family=
// and operation=, and its strategy, launch, workers and chunk are its
// operation's (BenchFacts::op), never a grid cell's:
//   facts=1 family=Overhead operation=RoundTrip strategy=ProcessPool
//   launch=fork workers=1 floor=Floor/PipeRoundTrip
// Runs written
// before the facts have no "facts=" item: their labels are the legacy
// reader's (legacy_names.h).
#ifndef PARBENCH_LIB_REPORT_FACTS_LABEL_H_
#define PARBENCH_LIB_REPORT_FACTS_LABEL_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/report/model.h"

namespace parbench::report {

// Whether `label` carries bench's facts (has a "facts=" item).
bool HasFactsLabel(absl::string_view label);

// The facts of a facts label (source kFactsLabel). A bad item is
// InvalidArgument with one line naming it, for the reader to prefix with
// the record and field:
//   facts item workers=x is not a count
//   facts item kind=robots is not inline, threads, processes or remote
//   facts=2: a version this reader does not know (it reads facts=1)
absl::StatusOr<BenchFacts> ReadFactsLabel(absl::string_view label);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_FACTS_LABEL_H_
