#include "lib/strategies/dispatch/chunk_dispatcher.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/core/chunk_size.h"
#include "lib/strategies/process/answer_decoder.h"

namespace parbench {

ChunkDispatcher::ChunkDispatcher(Transport& transport, Options options)
    : transport_(transport),
      options_(options),
      lanes_(static_cast<std::size_t>(transport.workers())) {
  busy_.reserve(lanes_.size());
  ready_.reserve(lanes_.size());
}

void ChunkDispatcher::StopAll() {
  if (stopped_) return;
  stopped_ = true;
  busy_.clear();
  for (std::size_t w = 0; w < lanes_.size(); ++w) {
    if (lanes_[w].queued > 0) busy_.push_back(static_cast<int>(w));
    lanes_[w].queued = 0;
  }
  transport_.Stop(busy_);
}

void ChunkDispatcher::Stop() { StopAll(); }

WorkerFailure ChunkDispatcher::Fail(int worker, const TransportFault& fault, bool sending) {
  WorkerFailure failure;
  failure.worker = worker;
  Lane& lane = lanes_[static_cast<std::size_t>(worker)];
  failure.pid = transport_.pid(worker);
  if (lane.queued > 0) {
    failure.chunk = lane.chunks[0];
    // A send that found the worker gone, with no chunk before this one: it
    // died before taking it. (A failed send of a second chunk still means
    // it died running the first.)
    const bool before = sending && lane.queued == 1 && std::holds_alternative<WorkerEnded>(fault);
    failure.doing = before ? WorkerFailure::Doing::kBeforeTaking : WorkerFailure::Doing::kRunning;
  }
  if (const auto* lost = std::get_if<TransportLost>(&fault)) {
    failure.kind = *lost;
  } else {
    // Ended or broke the protocol: either way it is finished (killed if it
    // still runs, so that reaping it cannot wait on a live worker) and reaped.
    std::variant<WorkerEnded, TransportLost> finished = transport_.Finish(worker);
    if (const auto* violation = std::get_if<ProtocolViolation>(&fault)) {
      failure.kind = *violation;
    } else if (auto* ended = std::get_if<WorkerEnded>(&finished)) {
      failure.kind = std::move(*ended);
    } else {
      failure.kind = std::get<TransportLost>(std::move(finished));
    }
  }
  lane.queued = 0;
  StopAll();
  return failure;
}

WorkerFailure ChunkDispatcher::FailSilent(std::size_t unfinished) {
  WorkerFailure failure;
  failure.kind = WorkerSilent{options_.map_deadline, unfinished};
  StopAll();
  return failure;
}

DispatchResult ChunkDispatcher::Map(absl::Span<const Task> tasks) {
  const absl::Time started = absl::Now();
  const absl::Time deadline = options_.map_deadline == absl::InfiniteDuration()
                                  ? absl::InfiniteFuture()
                                  : started + options_.map_deadline;
  std::vector<TaskResult> results(tasks.size());
  absl::Status first_error;
  std::uint32_t first_error_index = std::numeric_limits<std::uint32_t>::max();
  const std::size_t chunk_size =
      std::min<std::size_t>(ChunkSize(options_.chunk_size, tasks.size(), transport_.workers()),
                            std::min<std::size_t>(kMaxChunkTasks, transport_.MaxChunkTasks()));
  // Deep queues for short chunks only (see Options::deep_queue_below).
  const bool deep = options_.in_flight == nullptr && chunk_time_ < options_.deep_queue_below;
  const std::size_t in_flight = std::clamp<std::size_t>(transport_.MaxInFlight(chunk_size), 1,
                                                        deep ? kMaxChunksInFlight : kShallowQueue);
  std::size_t next = 0;      // The first task not sent yet.
  std::size_t busy = 0;      // Chunks sent and not yet answered.
  std::size_t answered = 0;  // Tasks answered.
  // Sends chunks to `worker` until it holds `depth` or none is left.
  auto fill = [&](int worker, std::size_t depth, bool initial) -> std::optional<TransportFault> {
    Lane& lane = lanes_[static_cast<std::size_t>(worker)];
    while (lane.queued < depth && next < tasks.size()) {
      const ChunkRange chunk{static_cast<std::uint32_t>(next),
                             static_cast<std::uint32_t>(std::min(chunk_size, tasks.size() - next))};
      const bool first_of_map = initial && lane.queued == 0;
      // Queued first, so that a failure names the chunk it was sent.
      lane.chunks[lane.queued++] = chunk;
      NoteHeld(worker, lane);
      next += chunk.count;
      ++busy;
      if (std::optional<TransportFault> fault =
              transport_.Send(worker, chunk, tasks, first_of_map)) {
        return fault;
      }
      ++chunks_sent_;
    }
    return std::nullopt;
  };
  // Short work on one worker only (see Options::one_worker_below).
  const int workers = map_work_ < options_.one_worker_below ? 1 : transport_.workers();
  // One chunk each first, so that short lists still spread over every worker used.
  for (std::size_t depth = 1; depth <= in_flight; ++depth) {
    for (int w = 0; w < workers; ++w) {
      if (std::optional<TransportFault> fault = fill(w, depth, depth == 1)) {
        return Fail(w, *fault, /*sending=*/true);
      }
    }
  }

  while (busy > 0) {
    busy_.clear();
    absl::Time wake = deadline;
    for (int w = 0; w < workers; ++w) {
      const Lane& lane = lanes_[static_cast<std::size_t>(w)];
      if (lane.queued == 0) continue;
      busy_.push_back(w);
      if (lane.stalled_since != absl::InfiniteFuture()) {
        wake = std::min(wake, lane.stalled_since + options_.answer_stall);
      }
    }
    // With nothing left to send, waking before every answer is in is waste.
    const std::size_t wanted = next < tasks.size() && first_error.ok() ? 1 : busy;
    if (std::optional<TransportFault> fault = transport_.Wait(busy_, wake, wanted, ready_)) {
      // Wait() faults belong to the transport, not to one worker.
      WorkerFailure failure;
      failure.kind = TransportLost{absl::UnavailableError("waiting for answers")};
      if (const auto* lost = std::get_if<TransportLost>(&*fault)) failure.kind = *lost;
      StopAll();
      return failure;
    }
    if (ready_.empty()) {
      const absl::Time now = absl::Now();
      if (now >= deadline) return FailSilent(tasks.size() - answered);
      for (int w : busy_) {
        const Lane& lane = lanes_[static_cast<std::size_t>(w)];
        if (lane.stalled_since + options_.answer_stall <= now) {
          return Fail(w,
                      ProtocolViolation{
                          ProtocolViolation::Kind::kTruncated,
                          absl::StrFormat("%d of its %d bytes, then nothing for %s", lane.bytes,
                                          lane.due, absl::FormatDuration(options_.answer_stall))},
                      /*sending=*/false);
        }
      }
      continue;
    }
    for (int w : ready_) {
      Lane& lane = lanes_[static_cast<std::size_t>(w)];
      const ChunkRange chunk = lane.chunks[0];
      // Room for the answers at their largest, kept between chunks (not
      // zeroed: only the bytes read are looked at).
      const std::size_t most = MaxAnswerBytes(chunk.count);
      if (lane.answers.size() < most) lane.answers.resize(most);
      char* const bytes = lane.answers.data();
      if (lane.bytes == 0) lane.due = MinAnswerBytes(chunk.count);
      const ReadOutcome got = transport_.Read(
          w, absl::MakeSpan(bytes + lane.bytes, most - lane.bytes), lane.due - lane.bytes);
      if (got.fault.has_value()) return Fail(w, *got.fault, /*sending=*/false);
      if (got.bytes == 0) continue;
      lane.bytes += got.bytes;
      const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes, lane.bytes), chunk);
      if (check.violation.has_value()) return Fail(w, *check.violation, /*sending=*/false);
      lane.due = check.due;
      if (got.record && lane.bytes != lane.due) {
        return Fail(w,
                    ProtocolViolation{ProtocolViolation::Kind::kWrongCount,
                                      absl::StrFormat("a record of %d bytes, where %d were due",
                                                      lane.bytes, lane.due)},
                    /*sending=*/false);
      }
      if (lane.bytes < lane.due) {
        // Part of the answers: the rest is due soon (see Options::answer_stall).
        lane.stalled_since = absl::Now();
        continue;
      }
      // Read in place: each result straight from its checksum's bytes.
      if (std::optional<FailedAnswer> failed =
              TakeAnswers(absl::MakeConstSpan(bytes, lane.bytes),
                          absl::MakeSpan(results).subspan(chunk.first, chunk.count));
          failed.has_value() && failed->index < first_error_index) {
        first_error_index = failed->index;
        first_error =
            absl::Status(failed->status.code(),
                         absl::StrFormat("task %d: %s", failed->index, failed->status.message()));
      }
      std::copy(lane.chunks + 1, lane.chunks + lane.queued, lane.chunks);
      --lane.queued;
      NoteHeld(w, lane);
      lane.bytes = 0;
      lane.stalled_since = absl::InfiniteFuture();
      --busy;
      answered += chunk.count;
      // After a task's error, let the chunks sent finish but send no more.
      if (first_error.ok()) {
        if (std::optional<TransportFault> fault = fill(w, in_flight, false)) {
          return Fail(w, *fault, /*sending=*/true);
        }
      }
    }
  }
  // The workers' time per chunk, near enough: they ran side by side.
  const std::size_t chunks = (tasks.size() + chunk_size - 1) / chunk_size;
  if (chunks > 0) {
    const double used = std::min<double>(static_cast<double>(workers), static_cast<double>(chunks));
    map_work_ = (absl::Now() - started) * used;
    chunk_time_ = map_work_ / static_cast<double>(chunks);
  }
  if (!first_error.ok()) return TaskError{std::move(first_error)};
  if (!results.empty()) results[0].cpu_nanos += std::exchange(uncharged_cpu_nanos_, 0);
  return results;
}

}  // namespace parbench
