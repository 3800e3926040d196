// The shared-memory ring in one process: records in and out in order through
// wrap-around, a full ring and an empty one, records split over slots or
// refused as too large, and a ring a peer scribbled on reported as corrupt,
// never read past. Both ends run in this process (and in two threads); the
// cross-process cases are in shm_channel_test.cc.
#include "lib/strategies/shm/shm_ring.h"

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/posix/shared_mapping.h"
#include "lib/strategies/shm/shm_fault.h"

namespace parbench {
namespace {

constexpr RingShape kSmall = {.slots = 4, .slot_bytes = 128};  // 112 bytes a slot.

// The slot header's layout, as a peer that scribbles would poke it.
constexpr std::size_t kSeqOffset = 0;
constexpr std::size_t kRecordBytesOffset = 8;

std::vector<std::byte> Record(std::size_t bytes, int seed) {
  std::vector<std::byte> record(bytes);
  for (std::size_t i = 0; i < bytes; ++i)
    record[i] = static_cast<std::byte>((static_cast<std::size_t>(seed) * 31 + i) & 0xff);
  return record;
}

absl::Status Alive() { return absl::OkStatus(); }

class RingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<SharedMapping> mapping = SharedMapping::Anonymous(RingBytes(kSmall));
    ASSERT_TRUE(mapping.ok()) << mapping.status();
    mapping_.emplace(*std::move(mapping));
  }
  void* memory() const { return mapping_->data(); }
  RingControl& control() const { return *static_cast<RingControl*>(memory()); }
  std::byte* slot(std::uint64_t position) const {
    return static_cast<std::byte*>(memory()) + sizeof(RingControl) +
           (position % kSmall.slots) * kSmall.slot_bytes;
  }
  template <typename T>
  void Poke(std::uint64_t position, std::size_t offset, T value) const {
    std::memcpy(slot(position) + offset, &value, sizeof(value));
  }

  std::optional<SharedMapping> mapping_;
};

TEST(RingShapeTest, RefusesShapesTheRingCannotIndex) {
  EXPECT_TRUE(ValidateRingShape(kSmall).ok());
  EXPECT_FALSE(ValidateRingShape({.slots = 3, .slot_bytes = 128}).ok());
  EXPECT_FALSE(ValidateRingShape({.slots = 1, .slot_bytes = 128}).ok());
  EXPECT_FALSE(ValidateRingShape({.slots = 4, .slot_bytes = 100}).ok());
  EXPECT_FALSE(ValidateRingShape({.slots = 4, .slot_bytes = 64}).ok());
  EXPECT_EQ(RingBytes(kSmall) % kCacheLine, 0u);
  EXPECT_EQ(MaxRecordBytes(kSmall), 4u * (128 - 16));
}

// Records take whole slots: how many fit at once counts slots, not bytes.
TEST(RingShapeTest, RecordsThatFitCountsWholeSlots) {
  EXPECT_EQ(RecordsThatFit(kSmall, 0), 4u);  // An empty record takes a slot too.
  EXPECT_EQ(RecordsThatFit(kSmall, 112), 4u);
  EXPECT_EQ(RecordsThatFit(kSmall, 113), 2u);
  EXPECT_EQ(RecordsThatFit(kSmall, 224), 2u);
  EXPECT_EQ(RecordsThatFit(kSmall, 225), 1u);
  EXPECT_EQ(RecordsThatFit(kSmall, MaxRecordBytes(kSmall)), 1u);
  EXPECT_EQ(RecordsThatFit(kSmall, MaxRecordBytes(kSmall) + 1), 0u);
}

TEST_F(RingTest, EmptyThenFullThenEmptyAgain) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  std::vector<std::byte> got;
  EXPECT_FALSE(*reader.TryRead(got));
  EXPECT_FALSE(reader.Pending());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(*writer.TryWrite(Record(10, i))) << i;
  EXPECT_FALSE(*writer.TryWrite(Record(10, 4)));  // Full: nothing written.
  EXPECT_TRUE(reader.Pending());
  ASSERT_TRUE(*reader.TryRead(got));
  EXPECT_EQ(got, Record(10, 0));
  ASSERT_TRUE(*writer.TryWrite(Record(10, 4)));  // One slot freed, one taken.
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(*reader.TryRead(got));
    EXPECT_EQ(got, Record(10, i));
  }
  EXPECT_FALSE(*reader.TryRead(got));
}

TEST_F(RingTest, RecordsOfEverySizeSurviveWrapAround) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  std::vector<std::byte> got;
  // Sizes from empty to the whole ring: one slot, a slot and a byte, split
  // over several, wrapping the 4 slots hundreds of times.
  const std::size_t sizes[] = {0, 1, 111, 112, 113, 224, 300, 447, 448};
  int sent = 0;
  for (int round = 0; round < 200; ++round) {
    for (std::size_t bytes : sizes) {
      ASSERT_TRUE(*writer.TryWrite(Record(bytes, sent))) << "record " << sent;
      ASSERT_TRUE(*reader.TryRead(got));
      ASSERT_EQ(got, Record(bytes, sent)) << "record " << sent << " of " << bytes << " bytes";
      ++sent;
    }
  }
  EXPECT_GT(control().head.load(), 1000u);
}

TEST_F(RingTest, ARecordWaitsForRoomForAllItsSlots) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  std::vector<std::byte> got;
  ASSERT_TRUE(*writer.TryWrite(Record(200, 1)));   // 2 slots.
  EXPECT_FALSE(*writer.TryWrite(Record(300, 2)));  // Needs 3 of the 2 left.
  ASSERT_TRUE(*reader.TryRead(got));
  EXPECT_TRUE(*writer.TryWrite(Record(300, 2)));
  ASSERT_TRUE(*reader.TryRead(got));
  EXPECT_EQ(got, Record(300, 2));
}

TEST_F(RingTest, ARecordLargerThanTheRingIsRefusedAndTheRingGoesOn) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  absl::StatusOr<bool> refused = writer.TryWrite(Record(MaxRecordBytes(kSmall) + 1, 0));
  EXPECT_EQ(ShmFaultOf(refused.status()), ShmFault::kTooLarge) << refused.status();
  EXPECT_TRUE(absl::StrContains(refused.status().message(), "449 bytes")) << refused.status();
  std::vector<std::byte> got;
  EXPECT_FALSE(*reader.TryRead(got));  // Nothing of it was published.
  ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
  ASSERT_TRUE(*reader.TryRead(got));
  EXPECT_EQ(got, Record(5, 1));
}

TEST_F(RingTest, AHeadOutOfRangeIsCorruptAndStaysSo) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
  control().head.store(5);  // More published than the ring holds.
  std::vector<std::byte> got;
  absl::StatusOr<bool> read = reader.TryRead(got);
  EXPECT_EQ(ShmFaultOf(read.status()), ShmFault::kCorrupt) << read.status();
  EXPECT_TRUE(absl::StrContains(read.status().message(), "writer's index 5")) << read.status();
  control().head.store(1);  // Put right: a corrupt ring is not trusted again.
  EXPECT_EQ(ShmFaultOf(reader.TryRead(got).status()), ShmFault::kCorrupt);
}

TEST_F(RingTest, AHeadThatGoesBackIsCorrupt) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  std::vector<std::byte> got;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(*writer.TryWrite(Record(5, i)));
    ASSERT_TRUE(*reader.TryRead(got));
  }
  control().head.store(1);
  EXPECT_EQ(ShmFaultOf(reader.TryRead(got).status()), ShmFault::kCorrupt);
}

TEST_F(RingTest, AWrongSequenceNumberIsCorrupt) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
  Poke<std::uint64_t>(0, kSeqOffset, 4);  // A stale slot from the lap before.
  std::vector<std::byte> got;
  absl::StatusOr<bool> read = reader.TryRead(got);
  EXPECT_EQ(ShmFaultOf(read.status()), ShmFault::kCorrupt) << read.status();
  EXPECT_TRUE(absl::StrContains(read.status().message(), "sequence number 4")) << read.status();
}

TEST_F(RingTest, ALengthOverTheRingOrOverWhatIsPublishedIsCorrupt) {
  std::vector<std::byte> got;
  {
    RingWriter writer(memory(), kSmall);
    RingReader reader(memory(), kSmall);
    ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
    Poke<std::uint32_t>(0, kRecordBytesOffset, 0xffffffff);
    absl::StatusOr<bool> read = reader.TryRead(got);
    EXPECT_EQ(ShmFaultOf(read.status()), ShmFault::kCorrupt) << read.status();
  }
  SetUp();  // A fresh ring.
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
  Poke<std::uint32_t>(0, kRecordBytesOffset, 300);  // 3 slots, 1 published.
  absl::StatusOr<bool> read = reader.TryRead(got);
  EXPECT_EQ(ShmFaultOf(read.status()), ShmFault::kCorrupt) << read.status();
}

TEST_F(RingTest, AFragmentThatDisagreesIsCorrupt) {
  RingWriter writer(memory(), kSmall);
  RingReader reader(memory(), kSmall);
  ASSERT_TRUE(*writer.TryWrite(Record(200, 1)));
  Poke<std::uint32_t>(1, kRecordBytesOffset, 100);  // The second slot tells another length.
  std::vector<std::byte> got;
  EXPECT_EQ(ShmFaultOf(reader.TryRead(got).status()), ShmFault::kCorrupt);
}

TEST_F(RingTest, AReaderIndexOutOfRangeIsCorruptForTheWriter) {
  RingWriter writer(memory(), kSmall);
  ASSERT_TRUE(*writer.TryWrite(Record(5, 1)));
  control().tail.store(2);  // Read more than was written.
  absl::StatusOr<bool> written = writer.TryWrite(Record(5, 2));
  EXPECT_EQ(ShmFaultOf(written.status()), ShmFault::kCorrupt) << written.status();
  EXPECT_TRUE(absl::StrContains(written.status().message(), "reader's index 2"));
  control().tail.store(1);
  EXPECT_EQ(ShmFaultOf(writer.TryWrite(Record(5, 2)).status()), ShmFault::kCorrupt);
}

TEST_F(RingTest, AnEmptyRingWaitsUntilItsDeadline) {
  RingReader reader(memory(), kSmall);
  SpinThenPark waiter(absl::Microseconds(10), absl::Milliseconds(2));
  std::vector<std::byte> got;
  const absl::Status read = reader.Read(got, waiter, absl::Now() + absl::Milliseconds(20), &Alive);
  EXPECT_EQ(ShmFaultOf(read), ShmFault::kSilent) << read;
}

TEST_F(RingTest, TheWaitEndsWithThePeersDeath) {
  RingReader reader(memory(), kSmall);
  SpinThenPark waiter(absl::ZeroDuration(), absl::Milliseconds(2));
  std::vector<std::byte> got;
  int asked = 0;
  const absl::Status read = reader.Read(got, waiter, absl::Now() + absl::Seconds(60), [&asked] {
    return ++asked < 3 ? absl::OkStatus() : ShmError(ShmFault::kPeerEnded, "gone");
  });
  EXPECT_EQ(ShmFaultOf(read), ShmFault::kPeerEnded) << read;
}

// Two threads, a ring of 4 slots and records of up to 3: the writer fills
// it and parks, the reader empties it and parks, thousands of times, with
// and without spinning.
TEST_F(RingTest, AWriterAndAReaderThreadHandOverEveryRecordInOrder) {
  for (absl::Duration spin : {absl::ZeroDuration(), absl::Microseconds(50)}) {
    SetUp();
    constexpr int kRecords = 5000;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    std::thread writer_thread([this, spin, deadline] {
      RingWriter writer(memory(), kSmall);
      SpinThenPark waiter(spin);
      for (int i = 0; i < kRecords; ++i) {
        ASSERT_TRUE(writer.Write(Record(i % 300, i), waiter, deadline, &Alive).ok());
      }
    });
    RingReader reader(memory(), kSmall);
    SpinThenPark waiter(spin);
    std::vector<std::byte> got;
    for (int i = 0; i < kRecords; ++i) {
      ASSERT_TRUE(reader.Read(got, waiter, deadline, &Alive).ok()) << i;
      ASSERT_EQ(got, Record(i % 300, i)) << i;
    }
    writer_thread.join();
  }
}

}  // namespace
}  // namespace parbench
