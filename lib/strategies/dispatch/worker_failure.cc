#include "lib/strategies/dispatch/worker_failure.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace parbench {
namespace {

std::string Doing(const WorkerFailure& failure) {
  switch (failure.doing) {
    case WorkerFailure::Doing::kRunning:
      return "running " + DescribeTasks(failure.chunk);
    case WorkerFailure::Doing::kBeforeTaking:
      return "before taking " + DescribeTasks(failure.chunk);
    case WorkerFailure::Doing::kIdle:
      break;
  }
  return "while idle";
}

std::string Who(const WorkerFailure& failure, absl::string_view pool) {
  if (failure.pid > 0) {
    return absl::StrFormat("%s worker %d (pid %d)", pool, failure.worker + 1, failure.pid);
  }
  return absl::StrFormat("%s worker %d", pool, failure.worker + 1);
}

}  // namespace

std::string DescribeTasks(ChunkRange chunk) {
  if (chunk.count == 1) return absl::StrFormat("task %d", chunk.first);
  return absl::StrFormat("tasks %d-%d", chunk.first, chunk.first + chunk.count - 1);
}

absl::string_view KindName(ProtocolViolation::Kind kind) {
  switch (kind) {
    case ProtocolViolation::Kind::kOutOfOrder:
      return "an answer out of order";
    case ProtocolViolation::Kind::kGarbage:
      return "garbage for an answer";
    case ProtocolViolation::Kind::kTruncated:
      return "a truncated answer";
    case ProtocolViolation::Kind::kWrongCount:
      return "the wrong number of answers";
  }
  return "an unknown violation";
}

absl::Status ToStatus(const WorkerFailure& failure, absl::string_view pool) {
  struct Render {
    const WorkerFailure& failure;
    absl::string_view pool;
    absl::Status operator()(const WorkerEnded& ended) const {
      if (ended.how.ok()) {
        return absl::InternalError(absl::StrFormat(
            "%s exited without answering, %s (exit status 0)", Who(failure, pool), Doing(failure)));
      }
      return absl::Status(ended.how.code(), absl::StrFormat("%s died %s: %s", Who(failure, pool),
                                                            Doing(failure), ended.how.message()));
    }
    absl::Status operator()(const WorkerSilent& silent) const {
      return absl::DeadlineExceededError(absl::StrFormat(
          "%s Map() passed its deadline of %s with %d task(s) unfinished; the busy workers were "
          "killed",
          pool, absl::FormatDuration(silent.deadline), silent.unfinished));
    }
    absl::Status operator()(const ProtocolViolation& violation) const {
      return absl::DataLossError(absl::StrFormat("%s sent %s %s: %s; it was stopped",
                                                 Who(failure, pool), KindName(violation.kind),
                                                 Doing(failure), violation.detail));
    }
    absl::Status operator()(const TransportLost& lost) const {
      return absl::UnavailableError(absl::StrFormat("%s, %s: its transport was lost: %s",
                                                    Who(failure, pool), Doing(failure),
                                                    lost.cause.message()));
    }
  };
  return std::visit(Render{failure, pool}, failure.kind);
}

}  // namespace parbench
