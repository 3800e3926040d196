// A worker's shared-memory channel between two processes: records there and
// back through a forked child (the channel inherited, or mapped from its
// memfd), several workers answering through one doorbell, and the faults — a
// worker that dies while the pool waits, one that never answers, one that
// scribbles on its ring. Every wait ends with its own kind of error, and no
// process, descriptor or mapping is left. No test asserts on time: the
// deadlines only bound a broken wait.
#include "lib/strategies/shm/shm_channel.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/posix/spin_wait.h"
#include "lib/posix/usable_cpus.h"
#include "lib/strategies/shm/shm_fault.h"
#include "test/test_util.h"

namespace parbench {
namespace {

constexpr ShmChannelShape kShape = {.chunks = {.slots = 8, .slot_bytes = 256},
                                    .answers = {.slots = 8, .slot_bytes = 256}};
// Long enough never to be reached by a working wait, short enough that a
// broken test (two waits at most) ends inside ctest's 120 s.
constexpr absl::Duration kGenerous = absl::Seconds(30);

std::vector<std::byte> Record(std::size_t bytes, int seed) {
  std::vector<std::byte> record(bytes);
  for (std::size_t i = 0; i < bytes; ++i)
    record[i] = static_cast<std::byte>((static_cast<std::size_t>(seed) * 7 + i) & 0xff);
  return record;
}

// What the echoing worker answers: the record with every byte plus one.
std::vector<std::byte> Answer(std::vector<std::byte> record) {
  for (std::byte& b : record) b = static_cast<std::byte>(static_cast<int>(b) + 1);
  return record;
}

// The worker's loop: reads chunks until an empty one, answers each, watched
// the other way by the pool's pidfd. Its exit status says what went wrong.
int Echo(const ShmChannel& channel, Doorbell* answer_bell) {
  absl::StatusOr<PidFd> pool = PidFd::Open(::getppid());
  if (!pool.ok()) return 2;
  RingReader chunks = channel.ChunkReader();
  RingWriter answers = channel.AnswerWriter(answer_bell);
  SpinThenPark waiter(SpinWhileCpusAllow(absl::Microseconds(50), 2, ProbeUsableCpus().usable));
  auto alive = [&pool] { return PeerAlive(*pool, "the pool"); };
  std::vector<std::byte> record;
  while (true) {
    if (!chunks.Read(record, waiter, absl::InfiniteFuture(), alive).ok()) return 3;
    if (record.empty()) return 0;
    if (!answers.Write(Answer(record), waiter, absl::InfiniteFuture(), alive).ok()) return 4;
  }
}

class ShmChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fds_before_ = testing::OpenDescriptorCount();
    maps_before_ = testing::SharedMappingCount();
  }
  void TearDown() override {
    EXPECT_TRUE(testing::HasNoChildren());
    EXPECT_EQ(testing::OpenDescriptorCount(), fds_before_);
    EXPECT_EQ(testing::SharedMappingCount(), maps_before_);
  }

  // Sends records of many sizes (split over slots, some several per slot
  // count of the ring) and checks every answer, then stops the worker.
  static void PingPong(const ShmChannel& channel, const ChildProcess& worker) {
    absl::StatusOr<PidFd> watch = PidFd::Open(worker.pid());
    ASSERT_TRUE(watch.ok()) << watch.status();
    auto alive = [&watch] { return PeerAlive(*watch, "worker 1"); };
    RingWriter chunks = channel.ChunkWriter();
    RingReader answers = channel.AnswerReader();
    SpinThenPark waiter(SpinWhileCpusAllow(absl::Microseconds(50), 2, ProbeUsableCpus().usable));
    const absl::Time deadline = absl::Now() + kGenerous;
    std::vector<std::byte> got;
    for (int i = 0; i < 2000; ++i) {
      const std::size_t bytes = 1 + static_cast<std::size_t>(i * 37) % 1500;
      ASSERT_TRUE(chunks.Write(Record(bytes, i), waiter, deadline, alive).ok()) << i;
      ASSERT_TRUE(answers.Read(got, waiter, deadline, alive).ok()) << i;
      ASSERT_EQ(got, Answer(Record(bytes, i))) << i;
    }
    ASSERT_TRUE(chunks.Write({}, waiter, deadline, alive).ok());
  }

  int fds_before_ = 0;
  int maps_before_ = 0;
};

TEST_F(ShmChannelTest, RoundTripsWithAForkedWorker) {
  absl::StatusOr<ShmChannel> channel = ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
  ASSERT_TRUE(channel.ok()) << channel.status();
  EXPECT_EQ(channel->fd(), -1);
  const ShmChannel* shared = &*channel;
  absl::StatusOr<ChildProcess> worker =
      ChildProcess::Fork({}, [shared] { return Echo(*shared, nullptr); });
  ASSERT_TRUE(worker.ok()) << worker.status();
  PingPong(*channel, *worker);
  EXPECT_TRUE(worker->Wait().ok());
}

TEST_F(ShmChannelTest, RoundTripsWithAWorkerThatMapsTheMemfd) {
  absl::StatusOr<ShmChannel> channel = ShmChannel::Create(kShape, ShmChannel::Backing::kMemfd);
  ASSERT_TRUE(channel.ok()) << channel.status();
  const int fd = channel->fd();
  ASSERT_GE(fd, 0);
  // The worker maps the channel from the descriptor alone, as one started
  // from another program would.
  absl::StatusOr<ChildProcess> worker = ChildProcess::Fork({fd}, [fd] {
    absl::StatusOr<ShmChannel> mine = ShmChannel::Attach(UniqueFd(::dup(fd)), kShape);
    if (!mine.ok()) return 5;
    return Echo(*mine, nullptr);
  });
  ASSERT_TRUE(worker.ok()) << worker.status();
  PingPong(*channel, *worker);
  EXPECT_TRUE(worker->Wait().ok());
}

TEST_F(ShmChannelTest, TwoWorkersAnswerThroughOneDoorbell) {
  absl::StatusOr<SharedMapping> bell_memory = SharedMapping::Anonymous(sizeof(Doorbell));
  ASSERT_TRUE(bell_memory.ok());
  Doorbell* bell = static_cast<Doorbell*>(bell_memory->data());
  std::vector<ShmChannel> channels;
  std::vector<ChildProcess> workers;
  for (int w = 0; w < 2; ++w) {
    absl::StatusOr<ShmChannel> channel =
        ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
    ASSERT_TRUE(channel.ok());
    channels.push_back(*std::move(channel));
  }
  for (int w = 0; w < 2; ++w) {
    const ShmChannel* shared = &channels[w];
    absl::StatusOr<ChildProcess> worker =
        ChildProcess::Fork({}, [shared, bell] { return Echo(*shared, bell); });
    ASSERT_TRUE(worker.ok());
    workers.push_back(*std::move(worker));
  }
  std::vector<RingWriter> chunks;
  std::vector<RingReader> answers;
  for (const ShmChannel& channel : channels) {
    chunks.push_back(channel.ChunkWriter());
    answers.push_back(channel.AnswerReader(bell));
  }
  SpinThenPark waiter(absl::ZeroDuration());  // Park at once: the doorbell path.
  const absl::Time deadline = absl::Now() + kGenerous;
  std::vector<std::byte> got;
  for (int round = 0; round < 200; ++round) {
    for (int w = 0; w < 2; ++w) {
      ASSERT_TRUE(chunks[w].TryWrite(Record(100, round * 2 + w)).value_or(false));
    }
    int answered = 0;
    while (answered < 2) {
      ASSERT_TRUE(waiter
                      .Wait(
                          *bell, [&] { return answers[0].Pending() || answers[1].Pending(); },
                          deadline, [] { return absl::OkStatus(); })
                      .ok());
      for (int w = 0; w < 2; ++w) {
        absl::StatusOr<bool> read = answers[w].TryRead(got);
        ASSERT_TRUE(read.ok()) << read.status();
        if (!*read) continue;
        ASSERT_EQ(got, Answer(Record(100, round * 2 + w)));
        ++answered;
      }
    }
  }
  for (int w = 0; w < 2; ++w) {
    ASSERT_TRUE(chunks[w].TryWrite({}).value_or(false));
    EXPECT_TRUE(workers[w].Wait().ok());
  }
}

// A worker that reads its chunk and dies mid-chunk, and one that dies
// before reading: the pool's wait for the answer ends with kPeerEnded, long
// before its deadline would.
TEST_F(ShmChannelTest, AWorkerKilledWhileThePoolWaitsEndsTheWait) {
  for (bool reads_first : {true, false}) {
    absl::StatusOr<ShmChannel> channel =
        ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
    ASSERT_TRUE(channel.ok());
    const ShmChannel* shared = &*channel;
    absl::StatusOr<ChildProcess> worker = ChildProcess::Fork({}, [shared, reads_first] {
      if (reads_first) {
        RingReader chunks = shared->ChunkReader();
        SpinThenPark waiter(absl::ZeroDuration());
        std::vector<std::byte> record;
        if (!chunks.Read(record, waiter, absl::InfiniteFuture(), [] { return absl::OkStatus(); })
                 .ok()) {
          return 3;
        }
      }
      ::raise(SIGKILL);
      return 0;
    });
    ASSERT_TRUE(worker.ok());
    absl::StatusOr<PidFd> watch = PidFd::Open(worker->pid());
    ASSERT_TRUE(watch.ok());
    RingWriter chunks = channel->ChunkWriter();
    RingReader answers = channel->AnswerReader();
    SpinThenPark waiter(absl::Microseconds(50));
    ASSERT_TRUE(chunks.TryWrite(Record(10, 1)).value_or(false));
    std::vector<std::byte> got;
    const absl::Status read = answers.Read(got, waiter, absl::Now() + kGenerous,
                                           [&watch] { return PeerAlive(*watch, "worker 1"); });
    EXPECT_EQ(ShmFaultOf(read), ShmFault::kPeerEnded) << read;
    EXPECT_TRUE(absl::StrContains(read.message(), "worker 1 (pid ")) << read;
    EXPECT_TRUE(absl::StrContains(worker->Wait().message(), "SIGKILL"));
  }
}

TEST_F(ShmChannelTest, AWorkerThatNeverAnswersIsSilentPastTheDeadline) {
  absl::StatusOr<ShmChannel> channel = ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
  ASSERT_TRUE(channel.ok());
  absl::StatusOr<ChildProcess> worker = ChildProcess::Fork({}, [] {
    ::pause();
    return 0;
  });
  ASSERT_TRUE(worker.ok());
  absl::StatusOr<PidFd> watch = PidFd::Open(worker->pid());
  ASSERT_TRUE(watch.ok());
  RingReader answers = channel->AnswerReader();
  SpinThenPark waiter(absl::ZeroDuration(), absl::Milliseconds(5));
  std::vector<std::byte> got;
  const absl::Status read = answers.Read(got, waiter, absl::Now() + absl::Milliseconds(50),
                                         [&watch] { return PeerAlive(*watch, "worker 1"); });
  EXPECT_EQ(ShmFaultOf(read), ShmFault::kSilent) << read;
  ASSERT_TRUE(worker->Signal(SIGKILL).ok());
  EXPECT_FALSE(worker->Wait().ok());
}

// A live worker that, after one good answer, writes junk over its answer
// ring — its index, or its slots under a plausible index: the pool reads it
// as corruption, never as an answer, and kills the worker.
TEST_F(ShmChannelTest, AWorkerThatScribblesOnItsRingIsCaught) {
  for (bool junk_index : {true, false}) {
    absl::StatusOr<ShmChannel> channel =
        ShmChannel::Create(kShape, ShmChannel::Backing::kAnonymous);
    ASSERT_TRUE(channel.ok());
    const ShmChannel* shared = &*channel;
    absl::StatusOr<ChildProcess> worker = ChildProcess::Fork({}, [shared, junk_index] {
      RingReader chunks = shared->ChunkReader();
      RingWriter answers = shared->AnswerWriter();
      SpinThenPark waiter(absl::ZeroDuration());
      auto alive = [] { return absl::OkStatus(); };
      std::vector<std::byte> record;
      if (!answers.TryWrite(Record(20, 1)).value_or(false)) return 3;
      if (!chunks.Read(record, waiter, absl::InfiniteFuture(), alive).ok()) return 4;
      auto* control = static_cast<RingControl*>(shared->answer_ring());
      if (junk_index) {
        control->head.store(0x5a5a5a5a5a5a5a5a);
      } else {
        std::memset(static_cast<std::byte*>(shared->answer_ring()) + sizeof(RingControl), 0x5a,
                    std::size_t{kShape.answers.slots} * kShape.answers.slot_bytes);
        control->head.fetch_add(1);
      }
      ::pause();  // Alive, as a worker whose library misbehaves would be.
      return 0;
    });
    ASSERT_TRUE(worker.ok());
    RingWriter chunks = channel->ChunkWriter();
    RingReader answers = channel->AnswerReader();
    SpinThenPark waiter(absl::Microseconds(50));
    const absl::Time deadline = absl::Now() + kGenerous;
    auto alive = [] { return absl::OkStatus(); };
    std::vector<std::byte> got;
    ASSERT_TRUE(answers.Read(got, waiter, deadline, alive).ok());
    EXPECT_EQ(got, Record(20, 1));
    ASSERT_TRUE(chunks.TryWrite(Record(1, 1)).value_or(false));
    // In the slot case the index moves after the junk is written, so the
    // first record the pool sees is all junk.
    const absl::Status read = answers.Read(got, waiter, deadline, alive);
    EXPECT_EQ(ShmFaultOf(read), ShmFault::kCorrupt) << read;
    ASSERT_TRUE(worker->Signal(SIGKILL).ok());  // What the dispatcher does to a live violator.
    EXPECT_TRUE(absl::StrContains(worker->Wait().message(), "SIGKILL"));
  }
}

}  // namespace
}  // namespace parbench
