// Under mpirun: the bare MPI round trip the Mpi strategy's is held against
// (Overhead/RoundTrip/Mpi carries floor=Floor/MpiRoundTrip), and the MPI
// world in the JSON context: its size, hosts, transport and library, and how
// scripts/run.sh launched it and shaped its links; and on rank 0 the
// in-flight record the scripts read when the job dies. The Mpi strategy's
// own rows come from the strategy table like any other.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/strategies/dispatch/in_flight_record.h"
#include "lib/strategies/mpi/mpi_world.h"

namespace parbench {
namespace {

// How the ranks were started and what their links are, which only the
// launcher knows: scripts/run.sh sets these (and mpirun -x forwards them to
// rank 0 wherever it runs). Unset: started by hand.
constexpr char kLaunchVariable[] = "PARBENCH_MPI_LAUNCH";
constexpr char kLinkVariable[] = "PARBENCH_MPI_LINK";
// Where rank 0 keeps its in-flight record (lib/strategies/dispatch/
// in_flight_record.h): the scripts set it, and read the file when the job
// dies. Unset or empty: no record.
constexpr char kInFlightVariable[] = "PARBENCH_MPI_IN_FLIGHT";

const char* EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// On rank 0, with PARBENCH_MPI_IN_FLIGHT set: the record every Mpi pool
// notes its workers' chunks in, and each benchmark's name as it starts.
// It lives as long as the process, longer than any pool. A file that
// cannot be made costs the run only its breadcrumb: said, and run on.
void StartInFlightRecord() {
  const char* path = EnvOr(kInFlightVariable, "");
  if (*path == '\0' || MpiWorldRank() != 0) return;
  absl::StatusOr<InFlightRecord> made = InFlightRecord::Create(path);
  if (!made.ok()) {
    std::fprintf(stderr, "bench: %s: %s; the Mpi rows run without an in-flight record\n",
                 kInFlightVariable, std::string(made.status().ToString()).c_str());
    return;
  }
  static auto* record = new InFlightRecord(*std::move(made));
  RecordMpiInFlight(record);
  OnBenchmarkStart([](const std::string& name) { record->SetBenchmark(name); });
}

void RunMpiRoundTrip(benchmark::State& state) {
  absl::StatusOr<std::unique_ptr<MpiPingPong>> ping = MpiPingPong::Create();
  if (!ping.ok()) return SkipWithStatus(state, ping.status());
  for (auto _ : state) (*ping)->RoundTrip();
}

}  // namespace

void RegisterMpiFamily(const SuiteConfig& /*config*/) {
  if (MpiWorldSize() == 0) return;  // Not under mpirun.
  StartInFlightRecord();
  const MpiWorldInfo world = DescribeMpiWorld();
  benchmark::AddCustomContext("parbench_mpi_world_size", absl::StrCat(world.size));
  benchmark::AddCustomContext("parbench_mpi_hosts", world.hosts);
  benchmark::AddCustomContext("parbench_mpi_host_count", absl::StrCat(world.host_count));
  benchmark::AddCustomContext("parbench_mpi_btl", world.btl);
  benchmark::AddCustomContext("parbench_mpi_transport", world.transport);
  benchmark::AddCustomContext("parbench_mpi_library", world.library);
  benchmark::AddCustomContext("parbench_mpi_launch", EnvOr(kLaunchVariable, "by hand"));
  benchmark::AddCustomContext("parbench_mpi_link", EnvOr(kLinkVariable, "unshaped"));
  if (world.size >= 2) {
    Family(
        "Floor/MpiRoundTrip",
        [](benchmark::State& state) {
          state.SetLabel(FactsLabel(OperationFacts("Floor", "MpiRoundTrip")));
          RunMpiRoundTrip(state);
        },
        benchmark::kMicrosecond);
  }
}

}  // namespace parbench
