#include "lib/strategies/mpi/mpi_world.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/posix/exit_status.h"
#include "lib/strategies/mpi/mpi_protocol.h"

namespace parbench {
namespace {

using mpi_internal::kTagPing;
using mpi_internal::kTagPingMode;
using mpi_internal::kTagRelease;
using mpi_internal::kTagStop;

struct World {
  int size = 0;
  int rank = 0;
  MpiWorldInfo info;
  std::vector<std::string> spawn_arguments;
  MPI_Comm parent = MPI_COMM_NULL;      // A spawned worker's pool (JoinSpawningPool).
  InFlightRecord* in_flight = nullptr;  // RecordMpiInFlight's.
  std::vector<int> pids;                // By rank, on rank 0 (InitMpiWorld).
};

World& TheWorld() {
  static World world;
  return world;
}

// The transport between rank 0 and rank 1: what Open MPI picks from the
// byte transfer layers allowed (OMPI_MCA_btl, set by `mpirun --mca btl`):
// shared memory (vader) between ranks of one host when allowed, else TCP.
std::string Transport(const std::string& btl, bool one_host) {
  if (btl == "default") return one_host ? "vader (shared memory)" : "tcp between hosts";
  const std::vector<absl::string_view> layers = absl::StrSplit(btl, ',');
  auto allowed = [&layers](absl::string_view name) {
    for (absl::string_view layer : layers) {
      if (layer == name) return true;
    }
    return false;
  };
  if (btl.rfind('^', 0) == 0) return absl::StrCat("all but ", btl.substr(1));
  if (one_host && (allowed("vader") || allowed("sm"))) return "vader (shared memory)";
  if (allowed("tcp")) return one_host ? "tcp (loopback)" : "tcp";
  return btl;
}

}  // namespace

std::optional<int> MpirunRank() {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
  int value = 0;
  if (size == nullptr || rank == nullptr || !absl::SimpleAtoi(rank, &value)) return std::nullopt;
  return value;
}

absl::Status InitMpiWorld() {
  if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) return absl::InternalError("MPI_Init failed");
  World& world = TheWorld();
  MPI_Comm_size(MPI_COMM_WORLD, &world.size);
  MPI_Comm_rank(MPI_COMM_WORLD, &world.rank);

  // Every rank's host name, gathered on rank 0.
  char name[MPI_MAX_PROCESSOR_NAME] = {};
  int length = 0;
  MPI_Get_processor_name(name, &length);
  std::vector<char> names(static_cast<std::size_t>(world.size) * MPI_MAX_PROCESSOR_NAME);
  MPI_Gather(name, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, names.data(), MPI_MAX_PROCESSOR_NAME, MPI_CHAR,
             0, MPI_COMM_WORLD);
  std::vector<std::string> hosts;
  for (int r = 0; r < world.size && world.rank == 0; ++r) {
    std::string host(names.data() + static_cast<std::size_t>(r) * MPI_MAX_PROCESSOR_NAME);
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
  }
  // Every rank's pid, gathered on rank 0 once, for the in-flight record.
  const int pid = static_cast<int>(::getpid());
  world.pids.assign(static_cast<std::size_t>(world.size), -1);
  MPI_Gather(&pid, 1, MPI_INT, world.pids.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  char version[MPI_MAX_LIBRARY_VERSION_STRING] = {};
  MPI_Get_library_version(version, &length);
  const char* btl = std::getenv("OMPI_MCA_btl");
  MpiWorldInfo& info = world.info;
  info.size = world.size;
  info.hosts = absl::StrJoin(hosts, ",");
  info.host_count = static_cast<int>(hosts.size());
  info.btl = btl != nullptr && *btl != '\0' ? btl : "default";
  info.transport = Transport(info.btl, hosts.size() <= 1);
  info.library = std::string(absl::string_view(version).substr(0, std::strcspn(version, ",\n")));
  return absl::OkStatus();
}

int MpiWorldSize() { return TheWorld().size; }
int MpiWorldRank() { return TheWorld().rank; }

pid_t MpiWorldPid(int rank) {
  const std::vector<int>& pids = TheWorld().pids;
  if (rank < 0 || static_cast<std::size_t>(rank) >= pids.size()) return -1;
  return pids[static_cast<std::size_t>(rank)];
}

int ServeMpiWorld() {
  const int status = mpi_internal::ServeChunks(MPI_COMM_WORLD, 0, /*engaged=*/false);
  // A rank that cannot go on takes the job down (no rank can be lost in
  // Open MPI 4): better than rank 0 waiting for it forever.
  if (status != exit_status::kOk) MPI_Abort(MPI_COMM_WORLD, status);
  return status;
}

void StopMpiWorld() {
  for (int rank = 1; rank < TheWorld().size; ++rank) {
    MPI_Send(nullptr, 0, MPI_BYTE, rank, kTagStop, MPI_COMM_WORLD);
  }
}

void FinalizeMpi() {
  // Once, and only after an MPI_Init that ran: a join may have failed first.
  int initialised = 0;
  int finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (initialised != 0 && finalised == 0) MPI_Finalize();
}

bool IsSpawnedMpiWorker(int argc, char** argv) {
  return argc >= 2 && std::strcmp(argv[1], kMpiWorkerFlag) == 0;
}

void SetSpawnArguments(std::vector<std::string> arguments) {
  TheWorld().spawn_arguments = std::move(arguments);
}
const std::vector<std::string>& SpawnArguments() { return TheWorld().spawn_arguments; }

void RecordMpiInFlight(InFlightRecord* record) { TheWorld().in_flight = record; }
InFlightRecord* MpiInFlightRecord() { return TheWorld().in_flight; }

void SetWorkerFlagValues(std::vector<std::uint64_t> flag_values) {
  mpi_internal::WorkerFlagValues() = std::move(flag_values);
}

absl::Status JoinSpawningPool() {
  if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) return absl::InternalError("MPI_Init failed");
  MPI_Comm_get_parent(&TheWorld().parent);
  if (TheWorld().parent == MPI_COMM_NULL) {
    return absl::FailedPreconditionError(
        absl::StrCat(kMpiWorkerFlag, ": not started by MPI_Comm_spawn"));
  }
  return absl::OkStatus();
}

int ServeSpawningPool() {
  MPI_Comm& parent = TheWorld().parent;
  const int status = mpi_internal::ServeChunks(parent, 0, /*engaged=*/true);
  if (status != exit_status::kOk) MPI_Abort(parent, status);
  MPI_Comm_disconnect(&parent);
  return status;
}

MpiWorldInfo DescribeMpiWorld() { return TheWorld().info; }

absl::StatusOr<std::unique_ptr<MpiPingPong>> MpiPingPong::Create() {
  if (TheWorld().size < 2 || TheWorld().rank != 0) {
    return absl::FailedPreconditionError("the MPI round trip needs rank 0 and a rank 1");
  }
  MPI_Send(nullptr, 0, MPI_BYTE, 1, kTagPingMode, MPI_COMM_WORLD);
  return std::unique_ptr<MpiPingPong>(new MpiPingPong());
}

MpiPingPong::~MpiPingPong() { MPI_Send(nullptr, 0, MPI_BYTE, 1, kTagRelease, MPI_COMM_WORLD); }

void MpiPingPong::RoundTrip() {
  char byte = 1;
  MPI_Send(&byte, 1, MPI_BYTE, 1, kTagPing, MPI_COMM_WORLD);
  MPI_Recv(&byte, 1, MPI_BYTE, 1, kTagPing, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

}  // namespace parbench
