// Overhead: what each strategy adds to the work — start and stop, a round
// trip with an empty task, the cost per task, a process start, a fork from a
// fat parent, the Memory kernel without its page faults. Each benchmark's
// facts label (bench/facts.h) names the floor it is held against
// ("floor=<benchmark> [per=<n>]", read by scripts/overheads.sh) and what it
// measures (family=Overhead operation= strategy= workers= ...), so the pairing is written
// once, here.
#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/posix/child_process.h"
#include "lib/workloads/memory.h"

namespace parbench {
namespace {

// Tasks per Map() in the PerTask benchmarks: enough that the per-call costs
// (the result vector, the final wake-up) are spread thin.
constexpr int kPerTaskBatch = 1000;
// The Memory kernel comparison: 256 MiB of ints, far beyond any last-level
// cache.
constexpr std::int64_t kKernelMib = 256;
// The runtimes the pools' per-task cost is measured beside: the rows whose
// role says so, in table order; the first is the floor overheads.md holds
// the pools against.
std::vector<const StrategySpec*> PerTaskReferences() {
  std::vector<const StrategySpec*> rows;
  for (const StrategySpec& row : Strategies()) {
    if (row.table_role == TableRole::kPerTaskReference && StrategyUsable(row)) {
      rows.push_back(&row);
    }
  }
  return rows;
}

// An empty task: the reference workload (Cpu: counting) at size 0, the least
// a worker can be asked to do.
Task EmptyTask() {
  const std::optional<WorkloadId> reference = ReferenceWorkload();
  return reference ? Task{*reference, 0} : Task{};
}

// The floors a strategy's overheads rest on: a fork and a pipe round trip
// for process workers, a thread start and a futex wake-up for threads.
std::string StartFloor(const StrategySpec& strategy, int workers) {
  return absl::StrCat(WorkersAreProcesses(strategy) ? "Floor/Fork" : "Floor/ThreadCreateJoin",
                      "/workers:", workers);
}
std::string RoundTripFloor(const StrategySpec& strategy, TransportKind transport) {
  if (transport == TransportKind::kShm) return "Floor/ShmFutexRoundTrip";
  if (!strategy.round_trip_floor.empty()) return std::string(strategy.round_trip_floor);
  return WorkersAreProcesses(strategy) ? "Floor/PipeRoundTrip" : "Floor/ThreadWakeRoundTrip";
}

void RunStartStop(benchmark::State& state, const StrategySpec& strategy, Launch launch,
                  TransportKind transport) {
  const int workers = static_cast<int>(state.range(0));
  BenchmarkFacts facts = OperationFacts("Overhead", "StartStop");
  SetMeasuredStrategy(facts, strategy, transport, launch);
  facts.workers = workers;
  facts.floor = StartFloor(strategy, workers);
  state.SetLabel(FactsLabel(facts));
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<Strategy>> pool =
        strategy.make({.workers = workers, .launch = launch, .transport = transport, .cold = true});
    if (!pool.ok()) return SkipWithStatus(state, pool.status());
    pool->reset();  // Stopping is part of the price.
  }
  malloc_trim(0);
}

// Map() of `batch` empty tasks on a warm strategy; time per Map() call.
// Labelled with `facts` at this worker count.
void RunEmptyTasks(benchmark::State& state, const StrategySpec& strategy, TransportKind transport,
                   int batch, int chunk, BenchmarkFacts facts) {
  const int workers = static_cast<int>(state.range(0));
  facts.workers = workers;
  state.SetLabel(FactsLabel(facts));
  absl::StatusOr<std::unique_ptr<Strategy>> made =
      strategy.make({.workers = workers, .chunk_size = chunk, .transport = transport});
  if (!made.ok()) return SkipWithStatus(state, made.status());
  const std::vector<Task> tasks(static_cast<std::size_t>(batch), EmptyTask());
  for (auto _ : state) {
    absl::StatusOr<std::vector<TaskResult>> results = (*made)->Map(tasks);
    if (!results.ok()) return SkipWithStatus(state, results.status());
    benchmark::DoNotOptimize(results->data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

// The first row whose workers are local processes that is a pool, or that
// starts one per task and can spawn them (by role: ProcessPool,
// ProcessPerTask); null when none is.
const StrategySpec* ProcessStarter(bool pool) {
  for (const StrategySpec& row : Strategies()) {
    if (row.worker_kind != WorkerKind::kProcesses || row.pool != pool) continue;
    if (pool || (row.dispatch == Dispatch::kPerTask && row.spawns)) return &row;
  }
  return nullptr;
}

// n processes started one way or another, each answering one empty task:
// "pool" (a process pool of n, one task each), "fork" or "spawn" (a process
// per task).
void RunProcessStart(benchmark::State& state, const std::string& how) {
  const int workers = static_cast<int>(state.range(0));
  const std::vector<Task> tasks(static_cast<std::size_t>(workers), EmptyTask());
  const StrategySpec* strategy = ProcessStarter(how == "pool");
  BenchmarkFacts facts = OperationFacts("Overhead", "ProcessStart");
  if (strategy != nullptr) {
    SetMeasuredStrategy(facts, *strategy, TransportKind::kPipe,
                        how == "spawn" ? Launch::kSpawn : Launch::kFork);
  }
  facts.workers = workers;
  facts.floor = absl::StrCat("Floor/Fork/workers:", workers);
  state.SetLabel(FactsLabel(facts));
  if (strategy == nullptr) return state.SkipWithError("no strategy row starts processes so");
  const StrategyOptions options{.workers = workers,
                                .chunk_size = 1,
                                .launch = how == "spawn" ? Launch::kSpawn : Launch::kFork};
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<Strategy>> made = strategy->make(options);
    if (!made.ok()) return SkipWithStatus(state, made.status());
    absl::StatusOr<std::vector<TaskResult>> results = (*made)->Map(tasks);
    if (!results.ok()) return SkipWithStatus(state, results.status());
  }
  state.SetItemsProcessed(state.iterations() * workers);
}

// `mib` MiB of anonymous memory, every 4 KiB page touched (huge pages
// refused, so that fork() has one page-table entry per 4 KiB to copy, as for
// an ordinary heap); returned to the kernel on destruction.
class TouchedMemory {
 public:
  explicit TouchedMemory(std::size_t mib) : bytes_(mib << 20) {
    if (bytes_ == 0) return;
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    ::madvise(p, bytes_, MADV_NOHUGEPAGE);
    // MADV_POPULATE_WRITE faults every page in one call: far cheaper than
    // touching them one by one, with the same page tables as a result.
    if (::madvise(p, bytes_, MADV_POPULATE_WRITE) != 0) {
      for (std::size_t i = 0; i < bytes_; i += 4096) static_cast<volatile char*>(p)[i] = 1;
    }
    data_ = p;
  }
  ~TouchedMemory() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
  }
  TouchedMemory(const TouchedMemory&) = delete;
  TouchedMemory& operator=(const TouchedMemory&) = delete;
  bool ok() const { return bytes_ == 0 || data_ != nullptr; }

 private:
  std::size_t bytes_;
  void* data_ = nullptr;
};

void RunForkWithResident(benchmark::State& state) {
  BenchmarkFacts facts = OperationFacts("Overhead", "Fork");
  facts.mib = state.range(0);
  facts.floor = "Floor/Fork/workers:1";
  state.SetLabel(FactsLabel(facts));
  TouchedMemory resident(static_cast<std::size_t>(state.range(0)));
  if (!resident.ok()) return state.SkipWithError("mmap() of the resident memory failed");
  for (auto _ : state) {
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [] { return 0; });
    if (!child.ok()) return SkipWithStatus(state, child.status());
    if (absl::Status ended = child->Wait(); !ended.ok()) return SkipWithStatus(state, ended);
  }
  // `resident` is unmapped here: the next benchmark forks from a lean parent.
}

void RunMemoryKernel(benchmark::State& state, bool fresh) {
  BenchmarkFacts facts = OperationFacts("Overhead", "MemoryKernel");
  facts.pages = fresh ? "fresh" : "reused";
  facts.mib = state.range(0);
  state.SetLabel(FactsLabel(facts));
  const std::uint64_t n = static_cast<std::uint64_t>(state.range(0)) * (1 << 20) / 4;
  // Touched once, outside the timing; also the reference checksum.
  std::vector<std::uint32_t> reused(n);
  const std::uint64_t expected = FillAndFold(reused.data(), n);
  if (fresh) std::vector<std::uint32_t>().swap(reused);  // Not needed: let it go.
  std::uint64_t checksum = 0;
  for (auto _ : state) {
    checksum = fresh ? AppendInts(n) : FillAndFold(reused.data(), n);
    benchmark::DoNotOptimize(checksum);
  }
  if (checksum != expected) return state.SkipWithError("checksum differs from FillAndFold's");
  // One write and one read of each int, the triad's way of counting bytes.
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * 8));
}

benchmark::internal::Benchmark* Overhead(const std::string& name,
                                         std::function<void(benchmark::State&)> run) {
  return Family(name, std::move(run), benchmark::kMicrosecond);
}

}  // namespace

void RegisterOverheadFamily(const SuiteConfig& config) {
  for (const StrategySpec& pool : Strategies()) {
    if (!pool.pool || !StrategyUsable(pool)) continue;
    // Against the same floor whatever the launch: the forks a reader would
    // write by hand.
    // A pool over another transport (shared memory) is forked: its start
    // is the fork launch's, over other channels.
    std::vector<std::pair<Launch, TransportKind>> starts = {{Launch::kFork, TransportKind::kPipe}};
    if (pool.spawns) starts.emplace_back(Launch::kSpawn, TransportKind::kPipe);
    for (TransportKind transport : Transports(pool)) {
      if (transport != TransportKind::kPipe) starts.emplace_back(Launch::kFork, transport);
    }
    for (const std::pair<Launch, TransportKind>& start : starts) {
      // Named copies: clang 14 (clang-tidy's) cannot capture a structured
      // binding in a lambda (C++20's P1091).
      const Launch launch = start.first;
      const TransportKind transport = start.second;
      auto* start_stop =
          Overhead(absl::StrCat("Overhead/StartStop/", pool.name, TransportSuffix(transport),
                                launch == Launch::kSpawn ? "/spawn" : ""),
                   [&pool, launch, transport](benchmark::State& state) {
                     RunStartStop(state, pool, launch, transport);
                   })
              ->ArgName("workers");
      for (int workers : StartUpWorkerCounts(config)) start_stop->Arg(workers);
    }
    for (TransportKind transport : Transports(pool)) {
      Overhead(absl::StrCat("Overhead/RoundTrip/", pool.name, TransportSuffix(transport)),
               [&pool, transport](benchmark::State& state) {
                 BenchmarkFacts facts = OperationFacts("Overhead", "RoundTrip");
                 SetMeasuredStrategy(facts, pool, transport);
                 facts.floor = RoundTripFloor(pool, transport);
                 RunEmptyTasks(state, pool, transport, 1, 1, std::move(facts));
               })
          ->ArgName("workers")
          ->Arg(1);
    }
  }

  // Per-task cost at one worker and at every usable CPU, chunked one task per
  // message and by the default, against the runtimes' own.
  std::vector<int> per_task_workers = {1};
  if (config.cpus.usable > 1) per_task_workers.push_back(config.cpus.usable);
  const std::vector<const StrategySpec*> references = PerTaskReferences();
  for (int workers : per_task_workers) {
    const std::string floor = references.empty()
                                  ? std::string()
                                  : absl::StrCat("Overhead/PerTask/", references.front()->name,
                                                 "/batch:", kPerTaskBatch, "/workers:", workers);
    for (const StrategySpec& pool : Strategies()) {
      if (!pool.pool || !StrategyUsable(pool)) continue;
      const int default_chunk = static_cast<int>(ChunkSize(0, kPerTaskBatch, workers));
      for (TransportKind transport : Transports(pool)) {
        for (int chunk : {1, default_chunk}) {
          BenchmarkFacts facts = OperationFacts("Overhead", "PerTask");
          SetMeasuredStrategy(facts, pool, transport);
          facts.batch = facts.per = kPerTaskBatch;
          facts.chunk = chunk;
          facts.floor = floor;
          Overhead(absl::StrCat("Overhead/PerTask/", pool.name, TransportSuffix(transport),
                                "/batch:", kPerTaskBatch, "/chunk:", chunk),
                   [&pool, transport, chunk, facts](benchmark::State& state) {
                     RunEmptyTasks(state, pool, transport, kPerTaskBatch, chunk, facts);
                   })
              ->ArgName("workers")
              ->Arg(workers);
          if (default_chunk == 1) break;
        }
      }
    }
    for (const StrategySpec* reference : references) {
      BenchmarkFacts facts = OperationFacts("Overhead", "PerTask");
      SetMeasuredStrategy(facts, *reference, TransportKind::kPipe);
      facts.batch = facts.per = kPerTaskBatch;
      Overhead(absl::StrCat("Overhead/PerTask/", reference->name, "/batch:", kPerTaskBatch),
               [reference, facts](benchmark::State& state) {
                 RunEmptyTasks(state, *reference, TransportKind::kPipe, kPerTaskBatch, 0, facts);
               })
          ->ArgName("workers")
          ->Arg(workers);
    }
  }

  for (const char* how : {"fork", "spawn", "pool"}) {
    auto* start =
        Overhead(absl::StrCat("Overhead/ProcessStart/", how), [how = std::string(how)](
                                                                  benchmark::State& state) {
          RunProcessStart(state, how);
        })->ArgName("workers");
    for (int workers : StartUpWorkerCounts(config)) start->Arg(workers);
  }

  auto* fork = Overhead("Overhead/Fork", &RunForkWithResident)->ArgName("resident_mib");
  for (int mib : config.fork_resident_mib) fork->Arg(mib);

  for (bool fresh : {true, false}) {
    Overhead(absl::StrCat("Overhead/MemoryKernel/", fresh ? "fresh" : "reused"),
             [fresh](benchmark::State& state) { RunMemoryKernel(state, fresh); })
        ->ArgName("mib")
        ->Arg(kKernelMib)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace parbench
