#include "lib/report/stats/cost_model.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

#include "absl/types/span.h"

namespace parbench::stats {
namespace {

std::int64_t Chunks(const MapShape& shape) { return (shape.tasks + shape.chunk - 1) / shape.chunk; }

CostTerms Values(const UncertainTerms& t) {
  return {t.ceiling.value, t.fixed.value, t.dispatch.value};
}

}  // namespace

std::int64_t DefaultChunk(std::int64_t tasks, std::int64_t workers) {
  const std::int64_t c = tasks / (4 * workers);
  return c < 1 ? 1 : c;
}

std::int64_t ChunkFor(ChunkRule rule, std::int64_t tasks, std::int64_t workers) {
  switch (rule) {
    case ChunkRule::kPerTask:
      return 1;
    case ChunkRule::kBlock:
      return (tasks + workers - 1) / workers;
    case ChunkRule::kDefault:
      break;
  }
  return DefaultChunk(tasks, workers);
}

double WorkShare(const MapShape& shape, double ceiling) {
  const std::int64_t rounds = (Chunks(shape) + shape.workers - 1) / shape.workers;
  // In the order d27df6f:scripts/lib/model.awk computed it: the same digits.
  const double busiest = static_cast<double>(rounds) * static_cast<double>(shape.chunk) /
                         static_cast<double>(shape.tasks);
  const double share = 1 / ceiling;
  return busiest > share ? busiest : share;
}

double ModelTime(double task_ns, const MapShape& shape, const CostTerms& terms) {
  const auto tasks = static_cast<double>(shape.tasks);
  return tasks * task_ns * WorkShare(shape, terms.ceiling) + terms.fixed +
         terms.dispatch * static_cast<double>(Chunks(shape));
}

std::optional<double> BreakEven(const MapShape& shape, const CostTerms& terms) {
  const double share = WorkShare(shape, terms.ceiling);
  if (share >= 1) return std::nullopt;
  return (terms.fixed + terms.dispatch * static_cast<double>(Chunks(shape))) /
         (static_cast<double>(shape.tasks) * (1 - share));
}

Dominant DominantTerm(double task_ns, const MapShape& shape, const CostTerms& terms) {
  const double d = terms.dispatch * static_cast<double>(Chunks(shape));
  const double share = WorkShare(shape, terms.ceiling);
  const double lost =
      static_cast<double>(shape.tasks) * task_ns * (share - 1 / static_cast<double>(shape.workers));
  if (lost > terms.fixed && lost > d) {
    return share > 1 / terms.ceiling ? Dominant::kUnevenRounds : Dominant::kCeiling;
  }
  return terms.fixed >= d ? Dominant::kStartUp : Dominant::kDispatch;
}

Uncertain PredictTime(const Uncertain& task_ns, const MapShape& shape,
                      const UncertainTerms& terms) {
  const std::array<Uncertain, 4> in = {task_ns, terms.ceiling, terms.fixed, terms.dispatch};
  return Propagate(
      [&shape](absl::Span<const double> v) {
        return ModelTime(v[0], shape, CostTerms{v[1], v[2], v[3]});
      },
      in);
}

std::optional<Uncertain> PredictBreakEven(const MapShape& shape, const UncertainTerms& terms) {
  if (!BreakEven(shape, Values(terms))) return std::nullopt;
  const std::array<Uncertain, 3> in = {terms.ceiling, terms.fixed, terms.dispatch};
  return Propagate(
      [&shape](absl::Span<const double> v) {
        // Near the edge where it never pays, a step may cross it: the
        // break-even grows without bound there.
        return BreakEven(shape, CostTerms{v[0], v[1], v[2]})
            .value_or(std::numeric_limits<double>::infinity());
      },
      in);
}

}  // namespace parbench::stats
