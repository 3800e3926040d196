#include "lib/strategies/process/shm_worker.h"

#include <cstring>

#include "absl/types/span.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/futex.h"
#include "lib/posix/life_lock.h"
#include "lib/strategies/process/worker_protocol.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {
namespace {

// A failed ring call: a ring that cannot be trusted (scribbled on by the
// pool, or by this worker's own task), else the pool gone.
int ExitStatusFor(const absl::Status& failed) {
  return ShmFaultOf(failed) == ShmFault::kCorrupt ? exit_status::kBadMessage
                                                  : exit_status::kPeerLost;
}

}  // namespace

std::size_t ChunkRecordBytes(std::size_t tasks) {
  return sizeof(ChunkHeader) + tasks * sizeof(TaskMessage);
}

int ServeShmTasks(const ShmChannel& channel, Doorbell& answer_bell, const PidFd& pool,
                  TaskRunner run_task, absl::Duration spin) {
  // Held until this process ends, however it ends: its end then wakes the
  // pool at once (shm_channel.h). The pool waits until it is held.
  if (!HoldLife(channel.life()).ok()) return exit_status::kFailed;
  if (!FutexWake(LifeWord(channel.life()), 1).ok()) return exit_status::kFailed;
  RingReader chunks = channel.ChunkReader();
  RingWriter answers = channel.AnswerWriter(&answer_bell);
  SpinThenPark waiter(spin);
  const auto pool_alive = [&pool] { return PeerAlive(pool, "the process pool"); };
  std::int64_t cpu_mark = 0;
  std::vector<std::byte> record;
  std::vector<TaskMessage> chunk;
  ChunkAnswers answered;
  while (true) {
    if (absl::Status read = chunks.Read(record, waiter, absl::InfiniteFuture(), pool_alive);
        !read.ok()) {
      return ExitStatusFor(read);
    }
    if (record.empty()) return exit_status::kOk;  // The pool's end of work.
    ChunkHeader header;
    if (record.size() < sizeof(header)) return exit_status::kBadMessage;
    std::memcpy(&header, record.data(), sizeof(header));
    if (!ValidChunkHeader(header) || record.size() != ChunkRecordBytes(header.count)) {
      return exit_status::kBadMessage;
    }
    chunk.resize(header.count);
    std::memcpy(chunk.data(), record.data() + sizeof(header), header.count * sizeof(TaskMessage));
    if (!ConsecutiveTasks(chunk)) return exit_status::kBadMessage;
    // The clocks are read at the end of a run of chunks only: a Map()'s
    // last chunk here always ends one, since the pool sends no more until
    // every answer is in.
    RunChunk(chunk, run_task, answered, cpu_mark, [&chunks] { return chunks.Pending(); });
    const auto bytes = absl::MakeConstSpan(
        reinterpret_cast<const std::byte*>(answered.bytes().data()), answered.bytes().size());
    if (absl::Status wrote = answers.Write(bytes, waiter, absl::InfiniteFuture(), pool_alive);
        !wrote.ok()) {
      return ExitStatusFor(wrote);
    }
    // The pool, woken by these answers, wants a CPU, most likely this one:
    // spinning for the next chunk would keep it from sending that chunk.
    if (answers.woke_reader()) waiter.ParkNextWait();
  }
}

}  // namespace parbench
