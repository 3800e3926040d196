#include "lib/strategies/process/shm_transport.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

#include "absl/strings/str_format.h"
#include "lib/posix/futex.h"
#include "lib/posix/life_lock.h"
#include "lib/posix/spin_wait.h"
#include "lib/posix/usable_cpus.h"
#include "lib/strategies/process/shm_worker.h"
#include "lib/strategies/process/worker_protocol.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {
namespace {

// How long Stop() gives an idle worker to take its end-of-work record and
// exit before it is killed: generous, since an idle worker may be parked.
constexpr absl::Duration kStopGrace = absl::Seconds(5);

// How long the pool waits for the pidfd of a worker whose life word says it
// has ended: the kernel marks the word early in the worker's exit, and makes
// the pidfd readable when the exit is done, after its memory is unmapped. A
// worker that marked the word itself costs this once.
constexpr absl::Duration kEndingGrace = SpinThenPark::kParkSlice;

// A ring call's failure as the dispatcher's fault: a ring the worker broke
// is its protocol violation; anything else (a futex call) the transport's.
TransportFault FaultOf(const absl::Status& failed, absl::string_view ring) {
  if (ShmFaultOf(failed) == ShmFault::kCorrupt) {
    return ProtocolViolation{ProtocolViolation::Kind::kGarbage,
                             absl::StrFormat("its %s ring: %s", ring, failed.message())};
  }
  return TransportLost{failed};
}

}  // namespace

ShmTransport::ShmTransport(SharedMapping bell_mapping, PidFd pool, ShmSpins spins, int cpus)
    : bell_mapping_(std::move(bell_mapping)),
      answer_bell_(new (bell_mapping_.data()) Doorbell()),
      pool_(std::move(pool)),
      worker_spin_(spins.worker),
      waiter_(spins.pool, SpinThenPark::kParkSlice, SpinThenPark::kFirstParkSlice),
      cpus_(cpus) {}

ShmSpins ShmTransport::SpinsFor(ShmSpins spins, int workers, int cpus) {
  // The pool's ceiling counts it and one worker (every pool has one); each
  // wait then parks at once when its busy workers leave no CPU.
  return {.pool = SpinWhileCpusAllow(spins.pool, 2, cpus),
          .worker = SpinWhileCpusAllow(spins.worker, workers, cpus)};
}

absl::StatusOr<std::unique_ptr<ShmTransport>> ShmTransport::Fork(int count, TaskRunner run_task,
                                                                 ShmSpins spins) {
  absl::StatusOr<SharedMapping> bell = SharedMapping::Anonymous(sizeof(Doorbell));
  if (!bell.ok()) return bell.status();
  // The workers watch this process through a pidfd they inherit.
  absl::StatusOr<PidFd> pool = PidFd::Open(::getpid());
  if (!pool.ok()) return pool.status();
  const int cpus = ProbeUsableCpus().usable;
  std::unique_ptr<ShmTransport> transport(
      new ShmTransport(*std::move(bell), *std::move(pool), SpinsFor(spins, count, cpus), cpus));
  transport->workers_.reserve(static_cast<std::size_t>(count));
  const std::size_t channel_bytes = ShmChannel::Bytes(kShape);
  for (int i = 0; i < count; ++i) {
    // Each channel just before its worker's fork: the worker unmaps those
    // of the workers before it, and those after it are made after it, so
    // that it shares its own only and can spoil no other (shm_channel.h).
    absl::StatusOr<ShmChannel> channel =
        ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
    if (!channel.ok()) return channel.status();
    // Reserved: the workers forked so far keep their places.
    transport->workers_.emplace_back(*std::move(channel), *transport->answer_bell_);
    // On any early return the destructor reaps the workers so far.
    ShmTransport& self = *transport;
    const std::size_t own = static_cast<std::size_t>(i);
    absl::StatusOr<ChildProcess> child =
        ChildProcess::Fork({self.pool_.fd()}, [&self, own, channel_bytes, run_task] {
          for (std::size_t j = 0; j < own; ++j) {
            // Only system calls here (fork's child); a failure leaves the mapping shared, no worse.
            ::munmap(self.workers_[j].channel.chunk_ring(), channel_bytes);
          }
          return ServeShmTasks(self.workers_[own].channel, *self.answer_bell_, self.pool_, run_task,
                               self.worker_spin_);
        });
    if (!child.ok()) {
      return absl::Status(child.status().code(),
                          absl::StrFormat("starting process pool worker %d of %d: %s", i + 1, count,
                                          child.status().message()));
    }
    Worker& worker = transport->workers_[own];
    worker.pid = child->pid();
    worker.process = *std::move(child);
    // Not reaped before this: a child is reaped by its owner only.
    absl::StatusOr<PidFd> watch = PidFd::Open(worker.pid);
    if (!watch.ok()) return watch.status();
    worker.watch = *std::move(watch);
  }
  return transport;
}

absl::Status ShmTransport::AwaitLife(Worker& worker) {
  if (worker.life_awaited) return absl::OkStatus();
  worker.life_awaited = true;
  const std::atomic<std::uint32_t>& word = LifeWord(worker.channel.life());
  const absl::Time give_up = absl::Now() + kStopGrace;
  // The worker wakes the word once it holds it; its pidfd says if it ended
  // first, and a worker that takes longer than the grace is not waited for.
  while (word.load(std::memory_order_seq_cst) == 0 && absl::Now() < give_up) {
    absl::StatusOr<bool> ended = Ended(worker);
    if (!ended.ok()) return ended.status();
    if (*ended) break;
    absl::StatusOr<FutexWaitEnd> woken = FutexWait(word, 0, SpinThenPark::kParkSlice);
    if (!woken.ok()) return woken.status();
  }
  return absl::OkStatus();
}

ShmTransport::~ShmTransport() { Stop({}); }

std::size_t ShmTransport::MaxChunkTasks() const {
  const std::size_t by_chunks =
      (MaxRecordBytes(kShape.chunks) - sizeof(ChunkHeader)) / sizeof(TaskMessage);
  const std::size_t by_answers = (MaxRecordBytes(kShape.answers) - sizeof(AnswerHeader)) /
                                 (sizeof(std::uint64_t) + sizeof(FailedTask) + kMaxErrorMessage);
  return std::min(by_chunks, by_answers);
}

std::size_t ShmTransport::MaxInFlight(std::size_t chunk_tasks) const {
  // As many chunks as the chunk ring holds at once, whose answers at their
  // largest the answer ring holds too: then a send never waits on the
  // worker, and the worker never waits for room to answer.
  const std::size_t fit = std::min(RecordsThatFit(kShape.chunks, ChunkRecordBytes(chunk_tasks)),
                                   RecordsThatFit(kShape.answers, MaxAnswerBytes(chunk_tasks)));
  return std::clamp<std::size_t>(fit, 1, kMaxChunksInFlight);
}

bool ShmTransport::LifeHeld(const Worker& worker) {
  return !worker.life_spoiled && worker.pid > 0 &&
         WatchLife(worker.channel.life(), worker.pid).has_value();
}

absl::StatusOr<bool> ShmTransport::Ended(const Worker& worker) const {
  if (!worker.watch.has_value()) return true;
  return worker.watch->Ended();
}

std::optional<TransportFault> ShmTransport::Send(int worker, ChunkRange chunk,
                                                 absl::Span<const Task> tasks, bool first_of_map) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  // A ring does not fail when its reader is dead, as a pipe does: a worker
  // that died while idle is looked for once a Map(), so that the error says
  // it died before taking its chunk. Its life word answers without a system
  // call while it holds the worker's tid.
  if (first_of_map && !LifeHeld(w)) {
    absl::StatusOr<bool> ended = Ended(w);
    if (!ended.ok()) return TransportLost{ended.status()};
    if (*ended) return WorkerEnded{};
  }
  BuildChunk(chunk.first, chunk.count, tasks.data(), send_buffer_);
  absl::StatusOr<bool> written = w.chunks.TryWrite(absl::MakeConstSpan(
      reinterpret_cast<const std::byte*>(send_buffer_.data()), send_buffer_.size()));
  if (!written.ok()) return FaultOf(written.status(), "chunk");
  if (!*written) {
    // MaxInFlight keeps room for every chunk sent: no room is a reader's
    // index that went wrong without breaking the ring's rules.
    return ProtocolViolation{ProtocolViolation::Kind::kGarbage,
                             "its chunk ring has no room for a chunk the pool kept room for"};
  }
  return std::nullopt;
}

std::optional<TransportFault> ShmTransport::Wait(absl::Span<const int> busy, absl::Time deadline,
                                                 std::size_t wanted, std::vector<int>& ready) {
  ready.clear();
  const auto pending = [this, busy] {
    for (int worker : busy) {
      if (workers_[static_cast<std::size_t>(worker)].answers.Pending()) return true;
    }
    return false;
  };
  // Every busy worker's life word, or none: a wait that misses one looks
  // for deaths by its short first slice (SpinThenPark::Wait), or at once
  // when its worker no longer holds the word (most likely it has begun to
  // end).
  lives_.clear();
  bool life_let_go = false;
  for (int worker : busy) {
    Worker& w = workers_[static_cast<std::size_t>(worker)];
    // Its first wait: it answers nothing before it holds its life lock.
    if (absl::Status started = AwaitLife(w); !started.ok()) return TransportLost{started};
    const bool watchable = !w.life_spoiled && busy.size() < kMaxFutexWatches;
    const std::optional<std::uint32_t> held =
        watchable ? WatchLife(w.channel.life(), w.pid) : std::nullopt;
    if (!held.has_value()) {
      life_let_go = watchable;
      lives_.clear();
      break;
    }
    lives_.push_back({&LifeWord(w.channel.life()), *held});
  }
  // Asked once a park slice, and when a life word changes: a pidfd poll
  // per busy worker, which waits a little for one whose word says it has
  // ended, since the kernel marks the word before the pidfd is readable.
  const auto alive = [this, busy]() -> absl::Status {
    for (int worker : busy) {
      Worker& w = workers_[static_cast<std::size_t>(worker)];
      const bool marked =
          !w.life_spoiled && w.watch.has_value() && LifeMarkedEnded(w.channel.life());
      absl::StatusOr<bool> ended = marked ? w.watch->Ended(kEndingGrace) : Ended(w);
      if (!ended.ok()) return ShmError(ShmFault::kSystemCall, ended.status());
      // A word marked by a worker still running is its own scribble: never
      // trusted again.
      if (marked && !*ended) w.life_spoiled = true;
      if (*ended) {
        return ShmError(ShmFault::kPeerEnded,
                        absl::StrFormat("process pool worker %d has ended", worker + 1));
      }
    }
    return absl::OkStatus();
  };
  // A worker that let its word go before this wait began is looked for at
  // once, not a park slice later.
  absl::Status waited = life_let_go && !pending() ? alive() : absl::OkStatus();
  if (waited.ok()) {
    if (!PoolSpinsFor(busy.size())) waiter_.ParkNextWait();
    // Every answer record rings the bell once: parked, the pool is woken
    // when the `wanted`-th answer not read yet is published, not at the
    // first.
    waited = waiter_.Wait(
        *answer_bell_, pending, deadline, alive,
        answers_read_ + static_cast<std::uint32_t>(std::max<std::size_t>(wanted, 1)), lives_);
  }
  const std::optional<ShmFault> fault = ShmFaultOf(waited);
  if (!waited.ok() && fault != ShmFault::kPeerEnded && fault != ShmFault::kSilent) {
    return TransportLost{waited};
  }
  // Ready: a worker with answers, or one that has ended (its Read says so).
  const bool look_for_ended = fault == ShmFault::kPeerEnded;
  for (int worker : busy) {
    const Worker& w = workers_[static_cast<std::size_t>(worker)];
    if (w.answers.Pending()) {
      ready.push_back(worker);
    } else if (look_for_ended) {
      absl::StatusOr<bool> ended = Ended(w);
      if (!ended.ok()) return TransportLost{ended.status()};
      if (*ended) ready.push_back(worker);
    }
  }
  return std::nullopt;
}

ReadOutcome ShmTransport::TakeAnswers(absl::Span<char> into) {
  ++answers_read_;
  if (record_.empty() || record_.size() > into.size()) {
    return ReadOutcome{
        0, ProtocolViolation{ProtocolViolation::Kind::kWrongCount,
                             absl::StrFormat("a record of %d bytes where 1 to %d were due",
                                             record_.size(), into.size())}};
  }
  std::memcpy(into.data(), record_.data(), record_.size());
  return ReadOutcome{record_.size(), std::nullopt, /*record=*/true};
}

ReadOutcome ShmTransport::Read(int worker, absl::Span<char> into, std::size_t /*known*/) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  absl::StatusOr<bool> got = w.answers.TryRead(record_);
  if (!got.ok()) return ReadOutcome{0, FaultOf(got.status(), "answer")};
  if (*got) return TakeAnswers(into);
  absl::StatusOr<bool> ended = Ended(w);
  if (!ended.ok()) return ReadOutcome{0, TransportLost{ended.status()}};
  if (!*ended) return ReadOutcome{};  // Woken for another worker's answers.
  // Answers published just before it ended are still its own.
  got = w.answers.TryRead(record_);
  if (!got.ok()) return ReadOutcome{0, FaultOf(got.status(), "answer")};
  if (*got) return TakeAnswers(into);
  return ReadOutcome{0, WorkerEnded{}};
}

absl::Status ShmTransport::KillAndReap(Worker& worker) {
  // Killing one that has exited already leaves its exit status as it was.
  worker.process->Signal(SIGKILL).IgnoreError();  // Wait() says how it ended.
  absl::Status how = worker.process->Wait();
  worker.pid = -1;
  worker.watch.reset();
  return how;
}

std::variant<WorkerEnded, TransportLost> ShmTransport::Finish(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  if (w.pid < 0 || !w.process.has_value()) {
    return TransportLost{absl::FailedPreconditionError("reaped already")};
  }
  return WorkerEnded{KillAndReap(w)};
}

void ShmTransport::Stop(absl::Span<const int> busy) {
  if (stopped_) return;
  stopped_ = true;
  for (int worker : busy) {
    Worker& w = workers_[static_cast<std::size_t>(worker)];
    if (w.pid >= 0 && w.process.has_value()) KillAndReap(w).IgnoreError();
  }
  // An idle worker is parked reading its chunk ring and exits at an empty
  // record; one that cannot take it (its ring broken or full) is killed.
  for (Worker& w : workers_) {
    if (w.pid < 0 || !w.process.has_value()) continue;
    absl::StatusOr<bool> written = w.chunks.TryWrite({});
    if (!written.ok() || !*written) KillAndReap(w).IgnoreError();
  }
  for (Worker& w : workers_) {
    if (w.pid < 0 || !w.process.has_value()) continue;
    absl::StatusOr<bool> ended = w.watch.has_value() ? w.watch->Ended(kStopGrace) : true;
    if (!ended.ok() || !*ended) w.process->Signal(SIGKILL).IgnoreError();
    w.process->Wait().IgnoreError();
    w.pid = -1;
    w.watch.reset();
  }
  workers_.clear();
}

}  // namespace parbench
