// ShmTransport: ProcessPool's workers reached through shared memory — one
// ShmChannel each (a ring of chunks, a ring of answers, in an anonymous
// MAP_SHARED mapping made before the worker is forked), one answer doorbell
// for the whole pool. Each worker holds a life lock in its channel: the pool
// parks on its word beside the doorbell, so a death wakes the pool at once,
// and polls each worker's pidfd between park slices, so that no wait
// outlasts a death by more than a slice even when a worker has spoiled its
// word. Both sides spin a little before they park; a pool with every chunk
// of a Map() sent parks for all the answers, and is woken once. It owns
// every worker and mapping: destruction stops and reaps whatever is left.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_SHM_TRANSPORT_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_SHM_TRANSPORT_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/core/task.h"
#include "lib/posix/child_process.h"
#include "lib/posix/futex.h"
#include "lib/posix/pidfd.h"
#include "lib/posix/shared_mapping.h"
#include "lib/strategies/dispatch/transport.h"
#include "lib/strategies/shm/doorbell.h"
#include "lib/strategies/shm/shm_channel.h"

namespace parbench {

// How long each side of a ShmTransport spins before it parks.
struct ShmSpins {
  // The pool, for answers: ThreadPool's spin.
  absl::Duration pool = absl::Microseconds(50);
  // A worker, for its next chunk: longer, since between two Map()s it waits
  // while the pool wakes, reads every answer and sends again (see
  // docs/pools.md, "Waking once a Map()").
  absl::Duration worker = absl::Microseconds(200);
};

class ShmTransport final : public Transport {
 public:
  // The rings of every channel: a chunk ring of small slots (a chunk is 16
  // bytes a task), an answer ring of large ones (8 bytes a task, but up to
  // 220 when every task fails with a long message), so that all four
  // default chunks of a 1000-task Map() at 2 workers, and their answers at
  // their largest, fit a worker's rings at once (MaxInFlight).
  static constexpr ShmChannelShape kShape = {.chunks = {.slots = 64, .slot_bytes = 1024},
                                             .answers = {.slots = 64, .slot_bytes = 4096}};
  // A Map() whose work is shorter than this goes to one worker
  // (ChunkDispatcher::Options::one_worker_below): a second worker costs
  // about two wake-ups, its own and the pool's, each dear when its vCPU
  // slept, and takes half the work (docs/pools.md, "Short Map()s on one
  // worker").
  static constexpr absl::Duration kOneWorkerBelow = absl::Microseconds(150);

  // The spins of a pool of `workers` on `cpus` usable CPUs, given `spins`,
  // as ThreadPool's rule: a worker spins while each worker has a usable
  // CPU of its own; the pool's thread may spin while it and one worker
  // have one each, and spins only in waits on no more workers than leave
  // it a CPU (PoolSpinsFor): otherwise it parks at once, and its workers
  // wake it once a Map().
  static ShmSpins SpinsFor(ShmSpins spins, int workers, int cpus);
  // Whether the pool's thread spins while it waits on `busy` workers: when
  // they and it each have a usable CPU.
  bool PoolSpinsFor(std::size_t busy) const { return busy + 1 <= static_cast<std::size_t>(cpus_); }

  // `count` workers forked here (ChildProcess::Fork), running `run_task`.
  // If a fork fails, those forked already are reaped and the error names
  // the fork. `spins` are the defaults unless a test asks, cut as
  // SpinsFor() says.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ShmTransport>> Fork(int count,
                                                                          TaskRunner run_task,
                                                                          ShmSpins spins = {});

  ShmTransport(const ShmTransport&) = delete;
  ShmTransport& operator=(const ShmTransport&) = delete;
  ~ShmTransport() override;  // Stop({}) unless stopped.

  int workers() const override { return static_cast<int>(workers_.size()); }
  pid_t pid(int worker) const override { return workers_[static_cast<std::size_t>(worker)].pid; }
  // The most tasks whose chunk record and answers record each fit a ring.
  std::size_t MaxChunkTasks() const override;
  // Two when two chunks and their answers fit the rings at once.
  std::size_t MaxInFlight(std::size_t chunk_tasks) const override;
  std::optional<TransportFault> Send(int worker, ChunkRange chunk, absl::Span<const Task> tasks,
                                     bool first_of_map) override;
  std::optional<TransportFault> Wait(absl::Span<const int> busy, absl::Time deadline,
                                     std::size_t wanted, std::vector<int>& ready) override;
  ReadOutcome Read(int worker, absl::Span<char> into, std::size_t known) override;
  std::variant<WorkerEnded, TransportLost> Finish(int worker) override;
  void Stop(absl::Span<const int> busy) override;

  // The spin the pool's next wait for answers starts with (zero: it parks
  // at once), and the one its workers were given, for tests.
  absl::Duration pool_spin() const { return waiter_.spin(); }
  absl::Duration worker_spin() const { return worker_spin_; }

 private:
  // One worker: its channel and the pool's ends of it, its process and the
  // pidfd that tells when that process has ended.
  struct Worker {
    Worker(ShmChannel made, Doorbell& answer_bell)
        : channel(std::move(made)),
          chunks(channel.ChunkWriter()),
          answers(channel.AnswerReader(&answer_bell)) {}
    ShmChannel channel;
    RingWriter chunks;
    RingReader answers;
    std::optional<ChildProcess> process;
    std::optional<PidFd> watch;
    pid_t pid = -1;  // -1 once reaped.
    // Its life word was found marked ended while it ran: never watched
    // again, its pidfd polled once a slice instead.
    bool life_spoiled = false;
    bool life_awaited = false;  // AwaitLife has returned for it once.
  };

  ShmTransport(SharedMapping bell_mapping, PidFd pool, ShmSpins spins, int cpus);
  // Returns once `worker` holds its life lock (or has ended, or has not
  // started within kStopGrace, which the pool's short first slices then
  // see), the first time it is asked: so that every wait for answers can
  // park on every busy worker's life word. A worker answers nothing before
  // it holds it, so the first wait on it loses nothing by waiting, and a
  // pool started and stopped never does. An error names the call.
  absl::Status AwaitLife(Worker& worker);
  // Whether `worker`'s life word still holds its tid, which the kernel
  // changes as the worker ends: then it has not begun to end. It is
  // WatchLife's test, so it marks the word watched, as every wait does.
  // Only for a look that a wait backs up: a worker whose own task broke
  // its robust list ends with the word unchanged, and only its pidfd tells.
  static bool LifeHeld(const Worker& worker);
  // Whether `worker` has ended (its pidfd readable); an error names the poll.
  absl::StatusOr<bool> Ended(const Worker& worker) const;
  // The answers record just read (record_), counted and copied into `into`.
  ReadOutcome TakeAnswers(absl::Span<char> into);
  // SIGKILL, then reap: how it ended.
  absl::Status KillAndReap(Worker& worker);

  SharedMapping bell_mapping_;  // Holds *answer_bell_.
  Doorbell* answer_bell_;       // Every worker's AnswerWriter rings it.
  PidFd pool_;                  // This process, for the workers to watch.
  absl::Duration worker_spin_;  // The workers' waits for chunks.
  SpinThenPark waiter_;         // The pool's waits for answers: short first slices.
  int cpus_;                    // Usable CPUs (usable_cpus.h).
  std::vector<Worker> workers_;
  std::vector<char> send_buffer_;  // A chunk's bytes, kept between chunks.
  std::vector<std::byte> record_;  // An answers record read, kept likewise.
  std::vector<FutexWatch> lives_;  // A wait's life words, kept likewise.
  // Answer records read, wrapping as the answer bell's count does: with the
  // chunks still out, the count at which every answer is in.
  std::uint32_t answers_read_ = 0;
  bool stopped_ = false;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_SHM_TRANSPORT_H_
