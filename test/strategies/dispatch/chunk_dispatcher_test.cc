// The dispatcher's queueing rules, over a transport played in memory: how
// many chunks each worker holds at once, and how many answers the
// dispatcher says it wants when it waits.
#include "lib/strategies/dispatch/chunk_dispatcher.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <deque>
#include <optional>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/strategies/dispatch/in_flight_record.h"
#include "lib/strategies/dispatch/transport.h"
#include "lib/strategies/process/worker_protocol.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// Workers that answer at once: every chunk sent is answered by the next
// Read() (a task's checksum is its size). It notes the most chunks a worker
// held, and what each Wait() was asked for.
class InstantTransport final : public Transport {
 public:
  explicit InstantTransport(int workers)
      : queues_(static_cast<std::size_t>(workers)), sent_(queues_.size()) {}

  int workers() const override { return static_cast<int>(queues_.size()); }
  pid_t pid(int /*worker*/) const override { return -1; }
  std::size_t MaxInFlight(std::size_t /*chunk_tasks*/) const override { return kMaxChunksInFlight; }
  std::optional<TransportFault> Send(int worker, ChunkRange chunk, absl::Span<const Task> tasks,
                                     bool /*first_of_map*/) override {
    std::deque<Sent>& queue = queues_[static_cast<std::size_t>(worker)];
    queue.push_back({chunk, tasks});
    ++sent_[static_cast<std::size_t>(worker)];
    most_held_ = std::max(most_held_, queue.size());
    return std::nullopt;
  }
  std::optional<TransportFault> Wait(absl::Span<const int> busy, absl::Time /*deadline*/,
                                     std::size_t wanted, std::vector<int>& ready) override {
    wanted_.push_back(wanted);
    ready.assign(busy.begin(), busy.end());
    return std::nullopt;
  }
  ReadOutcome Read(int worker, absl::Span<char> into, std::size_t /*known*/) override {
    std::deque<Sent>& queue = queues_[static_cast<std::size_t>(worker)];
    const Sent sent = queue.front();
    queue.pop_front();
    ChunkAnswers answers;
    answers.Start(sent.chunk.first, sent.chunk.count);
    for (std::uint32_t k = 0; k < sent.chunk.count; ++k) {
      answers.Set(k, sent.tasks[sent.chunk.first + k].size);
    }
    answers.Finish(cpu_mark_, /*read_clocks=*/false);
    const absl::Span<const char> bytes = answers.bytes();
    std::memcpy(into.data(), bytes.data(), bytes.size());
    return ReadOutcome{bytes.size(), std::nullopt, /*record=*/true};
  }
  std::variant<WorkerEnded, TransportLost> Finish(int /*worker*/) override { return WorkerEnded{}; }
  void Stop(absl::Span<const int> /*busy*/) override {}

  std::size_t most_held() const { return most_held_; }
  const std::vector<std::size_t>& wanted() const { return wanted_; }
  // Chunks sent to each worker since the last Forget().
  const std::vector<std::size_t>& sent() const { return sent_; }
  void Forget() {
    most_held_ = 0;
    wanted_.clear();
    std::fill(sent_.begin(), sent_.end(), 0);
  }

 private:
  struct Sent {
    ChunkRange chunk;
    absl::Span<const Task> tasks;
  };
  std::vector<std::deque<Sent>> queues_;
  std::vector<std::size_t> sent_;
  std::size_t most_held_ = 0;
  std::vector<std::size_t> wanted_;
  std::int64_t cpu_mark_ = 0;
};

std::vector<Task> Tasks(std::size_t count) {
  std::vector<Task> tasks;
  for (std::size_t i = 0; i < count; ++i) tasks.push_back({0, 100 + i});
  return tasks;
}

void ExpectAnswered(const DispatchResult& result, const std::vector<Task>& tasks) {
  const auto* results = std::get_if<std::vector<TaskResult>>(&result);
  ASSERT_NE(results, nullptr) << "the Map() failed";
  ASSERT_EQ(results->size(), tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) EXPECT_EQ((*results)[i].checksum, tasks[i].size);
}

// A pool's first Map() knows nothing of its chunks' length and keeps two a
// worker; once its chunks proved short, every chunk goes out at once and
// the pool waits for all their answers, not the first. (Every chunk counts
// as short here, and none in the next test: how long a Map() took under a
// sanitizer or on a busy machine must not decide.)
TEST(ChunkDispatcherTest, ShortChunksGoOutAtOnceAndTheWaitIsForAll) {
  InstantTransport transport(2);
  ChunkDispatcher dispatcher(transport,
                             {.chunk_size = 125, .deep_queue_below = absl::InfiniteDuration()});
  const std::vector<Task> tasks = Tasks(1000);  // 8 chunks, 4 a worker.

  ExpectAnswered(dispatcher.Map(tasks), tasks);
  EXPECT_EQ(transport.most_held(), ChunkDispatcher::kShallowQueue);
  ASSERT_FALSE(transport.wanted().empty());
  EXPECT_EQ(transport.wanted().front(), 1u) << "chunks were left to send";

  transport.Forget();
  ExpectAnswered(dispatcher.Map(tasks), tasks);
  EXPECT_EQ(transport.most_held(), 4u);
  ASSERT_FALSE(transport.wanted().empty());
  EXPECT_EQ(transport.wanted().front(), 8u) << "nothing was left to send";
  // Each later wait wants what is still out, never more.
  for (std::size_t i = 1; i < transport.wanted().size(); ++i) {
    EXPECT_LT(transport.wanted()[i], transport.wanted()[i - 1]);
  }
}

TEST(ChunkDispatcherTest, LongChunksKeepTwoAWorker) {
  InstantTransport transport(2);
  ChunkDispatcher dispatcher(transport,
                             {.chunk_size = 125, .deep_queue_below = absl::ZeroDuration()});
  const std::vector<Task> tasks = Tasks(1000);
  for (int map = 0; map < 3; ++map) ExpectAnswered(dispatcher.Map(tasks), tasks);
  EXPECT_EQ(transport.most_held(), ChunkDispatcher::kShallowQueue);
  ASSERT_FALSE(transport.wanted().empty());
  EXPECT_EQ(transport.wanted().front(), 1u) << "chunks were left to send";
}

// A pool that keeps an in-flight record never gives a worker more chunks
// than the record's line holds, however short its chunks.
TEST(ChunkDispatcherTest, AnInFlightRecordKeepsTheQueueToItsLine) {
  testing::ScratchFile scratch;
  absl::StatusOr<InFlightRecord> record = InFlightRecord::Create(scratch.path());
  ASSERT_TRUE(record.ok()) << record.status();
  InstantTransport transport(2);
  ChunkDispatcher dispatcher(
      transport,
      {.chunk_size = 125, .in_flight = &*record, .deep_queue_below = absl::InfiniteDuration()});
  const std::vector<Task> tasks = Tasks(1000);
  for (int map = 0; map < 3; ++map) ExpectAnswered(dispatcher.Map(tasks), tasks);
  EXPECT_EQ(transport.most_held(), InFlightRecord::kChunksPerWorker);
}

// A pool's first Map() spreads over every worker; once its Map()s proved
// short, the next goes to the first worker alone, whatever its chunks.
// (Every Map() counts as short here, and none in the next test.)
TEST(ChunkDispatcherTest, ShortMapsGoToOneWorker) {
  InstantTransport transport(2);
  ChunkDispatcher dispatcher(transport,
                             {.chunk_size = 125, .one_worker_below = absl::InfiniteDuration()});
  const std::vector<Task> tasks = Tasks(1000);
  ExpectAnswered(dispatcher.Map(tasks), tasks);
  EXPECT_EQ(transport.sent(), (std::vector<std::size_t>{4, 4}));
  for (int map = 0; map < 2; ++map) {
    transport.Forget();
    ExpectAnswered(dispatcher.Map(tasks), tasks);
    EXPECT_EQ(transport.sent(), (std::vector<std::size_t>{8, 0})) << "Map() " << map + 2;
  }
}

TEST(ChunkDispatcherTest, LongMapsSpreadOverEveryWorker) {
  InstantTransport transport(2);
  ChunkDispatcher dispatcher(transport, {.chunk_size = 125});  // Off unless asked for.
  const std::vector<Task> tasks = Tasks(1000);
  for (int map = 0; map < 3; ++map) {
    transport.Forget();
    ExpectAnswered(dispatcher.Map(tasks), tasks);
    EXPECT_EQ(transport.sent(), (std::vector<std::size_t>{4, 4})) << "Map() " << map + 1;
  }
}

}  // namespace
}  // namespace parbench
