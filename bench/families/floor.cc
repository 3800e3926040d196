// Floor: the bare system operations the overheads rest on — fork+waitpid,
// thread start+join, a pipe round trip, a futex round trip between
// threads and between processes through shared memory, the STREAM triad —
// measured in the same run, so that every overhead has its ceiling beside
// it rather than a number from another day.
#include <sys/mman.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/floors/floor_ops.h"
#include "lib/floors/stream_triad.h"

namespace parbench {
namespace {

// Each triad array is at least 4× the last-level cache (STREAM's own rule)
// for caches up to 32 MiB, so that the arrays stream from memory whatever
// was run before.
constexpr std::int64_t kTriadArrayMib = 128;

void RunBareFork(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  for (auto _ : state) {
    if (absl::Status s = BareForkAndReap(count); !s.ok()) return SkipWithStatus(state, s);
  }
  state.SetItemsProcessed(state.iterations() * count);
}

void RunBareForkHold(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  for (auto _ : state) {
    if (absl::Status s = BareForkHoldAndReap(count); !s.ok()) return SkipWithStatus(state, s);
  }
  state.SetItemsProcessed(state.iterations() * count);
}

void RunThreadCreateJoin(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  for (auto _ : state) {
    if (absl::Status s = BareThreadsCreateAndJoin(count); !s.ok()) return SkipWithStatus(state, s);
  }
  state.SetItemsProcessed(state.iterations() * count);
}

void RunPipeRoundTrip(benchmark::State& state) {
  absl::StatusOr<std::unique_ptr<PipePingPong>> ping = PipePingPong::Create();
  if (!ping.ok()) return SkipWithStatus(state, ping.status());
  for (auto _ : state) {
    if (absl::Status s = (*ping)->RoundTrip(); !s.ok()) return SkipWithStatus(state, s);
  }
}

void RunShmFutexRoundTrip(benchmark::State& state) {
  absl::StatusOr<std::unique_ptr<ShmPingPong>> ping = ShmPingPong::Create();
  if (!ping.ok()) return SkipWithStatus(state, ping.status());
  for (auto _ : state) {
    if (absl::Status s = (*ping)->RoundTrip(); !s.ok()) return SkipWithStatus(state, s);
  }
}

void RunThreadWakeRoundTrip(benchmark::State& state) {
  ThreadPingPong ping;
  for (auto _ : state) ping.RoundTrip();
}

// Memory for the triad on 4 KiB pages, the kind the Memory kernel gets, so
// that kernel and floor pay the same TLB misses (2 MiB pages would flatter
// the triad). Faulted in by one call, outside the timing.
struct TriadArray {
  explicit TriadArray(std::size_t n) : bytes(n * sizeof(double)) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    ::madvise(p, bytes, MADV_NOHUGEPAGE);
    ::madvise(p, bytes, MADV_POPULATE_WRITE);  // Best effort: the loop below touches anyway.
    data = static_cast<double*>(p);
  }
  ~TriadArray() {
    if (data != nullptr) ::munmap(data, bytes);
  }
  TriadArray(const TriadArray&) = delete;
  TriadArray& operator=(const TriadArray&) = delete;
  std::size_t bytes;
  double* data = nullptr;
};

void RunTriad(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const std::size_t n = static_cast<std::size_t>(state.range(1)) * (1 << 20) / sizeof(double);
  TriadArray a(n), b(n), c(n);
  if (a.data == nullptr || b.data == nullptr || c.data == nullptr) {
    return state.SkipWithError("mmap() of the triad arrays failed");
  }
  // First touch outside the timing: the timed passes fault no page. (One
  // NUMA node here, so which thread touches first does not matter.)
  for (std::size_t i = 0; i < n; ++i) {
    a.data[i] = 0.0;
    b.data[i] = 1.0;
    c.data[i] = 2.0;
  }
  Triad(a.data, b.data, c.data, n, 3.0, threads);  // A warm-up pass.
  for (auto _ : state) {
    Triad(a.data, b.data, c.data, n, 3.0, threads);
    benchmark::ClobberMemory();
  }
  if (a.data[n / 2] != 1.0 + 3.0 * 2.0) return state.SkipWithError("triad gave a wrong value");
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(n * kTriadBytesPerElement));
}

// What a floor's arguments are: none, (workers), or (workers, mib).
enum class FloorArgs { kNone, kWorkers, kWorkersMib };

// Registers the floor "Floor/<operation>", labelled with its facts: its
// operation and, as `args` says, its workers and MiB.
benchmark::internal::Benchmark* Floor(const char* operation, void (*run)(benchmark::State&),
                                      FloorArgs args = FloorArgs::kNone) {
  auto labelled = [operation, run, args](benchmark::State& state) {
    BenchmarkFacts facts = OperationFacts("Floor", operation);
    if (args != FloorArgs::kNone) facts.workers = state.range(0);
    if (args == FloorArgs::kWorkersMib) facts.mib = state.range(1);
    state.SetLabel(FactsLabel(facts));
    run(state);
  };
  return Family(absl::StrCat("Floor/", operation), labelled, benchmark::kMicrosecond);
}

}  // namespace

void RegisterFloorFamily(const SuiteConfig& config) {
  auto* fork = Floor("Fork", &RunBareFork, FloorArgs::kWorkers)->ArgName("workers");
  auto* fork_hold = Floor("ForkHold", &RunBareForkHold, FloorArgs::kWorkers)->ArgName("workers");
  auto* threads =
      Floor("ThreadCreateJoin", &RunThreadCreateJoin, FloorArgs::kWorkers)->ArgName("workers");
  for (int workers : StartUpWorkerCounts(config)) {
    fork->Arg(workers);
    fork_hold->Arg(workers);
    threads->Arg(workers);
  }
  Floor("PipeRoundTrip", &RunPipeRoundTrip);
  Floor("ShmFutexRoundTrip", &RunShmFutexRoundTrip);
  Floor("ThreadWakeRoundTrip", &RunThreadWakeRoundTrip);
  auto* triad = Floor("Triad", &RunTriad, FloorArgs::kWorkersMib)->ArgNames({"workers", "mib"});
  triad->Args({1, kTriadArrayMib});
  if (config.cpus.usable > 1) triad->Args({config.cpus.usable, kTriadArrayMib});
}

}  // namespace parbench
