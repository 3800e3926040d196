// Under mpirun: the bare MPI round trip the Mpi strategy's is held against
// (Overhead/RoundTrip/Mpi carries floor=Floor/MpiRoundTrip), and the MPI
// world in the JSON context: its size, hosts, transport and library. The
// Mpi strategy's own rows come from the strategy table like any other.
#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/families/families.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/strategies/mpi/mpi_world.h"

namespace parbench {
namespace {

void RunMpiRoundTrip(benchmark::State& state) {
  absl::StatusOr<std::unique_ptr<MpiPingPong>> ping = MpiPingPong::Create();
  if (!ping.ok()) return SkipWithStatus(state, ping.status());
  for (auto _ : state) (*ping)->RoundTrip();
}

}  // namespace

void RegisterMpiFamily(const SuiteConfig& /*config*/) {
  if (MpiWorldSize() == 0) return;  // Not under mpirun.
  const MpiWorldInfo world = DescribeMpiWorld();
  benchmark::AddCustomContext("parbench_mpi_world_size", absl::StrCat(world.size));
  benchmark::AddCustomContext("parbench_mpi_hosts", world.hosts);
  benchmark::AddCustomContext("parbench_mpi_btl", world.btl);
  benchmark::AddCustomContext("parbench_mpi_transport", world.transport);
  benchmark::AddCustomContext("parbench_mpi_library", world.library);
  if (world.size >= 2) {
    Family("Floor/MpiRoundTrip", &RunMpiRoundTrip, benchmark::kMicrosecond);
  }
}

}  // namespace parbench
