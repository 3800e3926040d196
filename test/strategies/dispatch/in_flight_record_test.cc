#include "lib/strategies/dispatch/in_flight_record.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// A line's blank-separated fields, as sh's `read` splits it.
std::vector<std::string> Fields(absl::string_view line) {
  return absl::StrSplit(line, absl::ByAnyChar(" \n"), absl::SkipEmpty());
}

// The reader's rule (tell_in_flight, scripts/common.sh): a line whose first
// and last SEQ differ is torn.
bool Torn(absl::string_view line) {
  const std::vector<std::string> fields = Fields(line);
  return fields.size() < 3 || fields[1] != fields.back();
}

// Line `n` (from 0) of `text`, without its newline.
std::string LineOf(absl::string_view text, std::size_t n) {
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  return n < lines.size() ? std::string(lines[n]) : std::string();
}

constexpr std::size_t kBenchmarkLine = 1;
std::size_t WorkerLine(int worker) { return 2 + static_cast<std::size_t>(worker); }

class InFlightRecordTest : public ::testing::Test {
 protected:
  InFlightRecord Make() {
    absl::StatusOr<InFlightRecord> record = InFlightRecord::Create(scratch_.path());
    EXPECT_TRUE(record.ok()) << record.status();
    return *std::move(record);
  }
  testing::ScratchFile scratch_;
};

TEST_F(InFlightRecordTest, LaysOutFixedWidthLinesOfNothingHeld) {
  InFlightRecord record = Make();
  const std::vector<std::string> lines = scratch_.Lines();
  ASSERT_EQ(lines.size(), 2 + static_cast<std::size_t>(InFlightRecord::kMaxWorkers));
  EXPECT_EQ(lines[0], "parbench-in-flight 1");
  EXPECT_EQ(Fields(lines[kBenchmarkLine]),
            (std::vector<std::string>{"benchmark", "0x00000000", "-", "0x00000000"}));
  for (int w = 0; w < InFlightRecord::kMaxWorkers; ++w) {
    const std::string& line = lines[WorkerLine(w)];
    EXPECT_EQ(line.size(), lines[WorkerLine(0)].size());
    EXPECT_EQ(Fields(line),
              (std::vector<std::string>{"worker", "0x00000000", "-", "-1", "-1", "0x00000000",
                                        "0x00000000", "0x00000000", "0x00000000", "0x00000000"}));
  }
}

TEST_F(InFlightRecordTest, NotesTheBenchmarkAndTheChunksEachWorkerHolds) {
  {
    InFlightRecord record = Make();
    record.SetBenchmark("Scribble/Mpi/warm/workers:2/tasks:3/real_time");
    const int ranks[] = {1, 2};
    const pid_t pids[] = {4242, -1};
    record.SetWorkers("rank", ranks, pids);
    const ChunkRange first[] = {{0, 2}, {16, 17}};
    record.Hold(0, first);
    const ChunkRange second[] = {{2, 1}};
    record.Hold(1, second);
    record.Hold(1, {});
    record.Hold(1, second);
  }
  // The record has gone; its file says what it last held.
  const std::string text = scratch_.Contents();
  const std::vector<std::string> benchmark = Fields(LineOf(text, kBenchmarkLine));
  ASSERT_EQ(benchmark.size(), 4U);
  EXPECT_EQ(benchmark[2], "Scribble/Mpi/warm/workers:2/tasks:3/real_time");
  EXPECT_FALSE(Torn(LineOf(text, kBenchmarkLine)));
  const std::vector<std::string> worker0 = Fields(LineOf(text, WorkerLine(0)));
  ASSERT_EQ(worker0.size(), 10U);
  EXPECT_EQ(std::vector<std::string>(worker0.begin() + 2, worker0.end() - 1),
            (std::vector<std::string>{"rank", "1", "4242", "0x00000000", "0x00000002", "0x00000010",
                                      "0x00000011"}));
  const std::vector<std::string> worker1 = Fields(LineOf(text, WorkerLine(1)));
  ASSERT_EQ(worker1.size(), 10U);
  EXPECT_EQ(std::vector<std::string>(worker1.begin() + 2, worker1.end() - 1),
            (std::vector<std::string>{"rank", "2", "-1", "0x00000002", "0x00000001", "0x00000000",
                                      "0x00000000"}));
  for (std::size_t line = kBenchmarkLine; line < WorkerLine(InFlightRecord::kMaxWorkers); ++line) {
    EXPECT_FALSE(Torn(LineOf(text, line))) << LineOf(text, line);
  }
}

TEST_F(InFlightRecordTest, ANameIsOneFieldCutToItsWidth) {
  InFlightRecord record = Make();
  record.SetBenchmark("a name\twith blanks");
  EXPECT_EQ(Fields(LineOf(record.text(), kBenchmarkLine))[2], "a_name_with_blanks");
  record.SetBenchmark(std::string(InFlightRecord::kNameWidth + 10, 'n'));
  EXPECT_EQ(Fields(LineOf(record.text(), kBenchmarkLine))[2],
            std::string(InFlightRecord::kNameWidth, 'n'));
  record.SetBenchmark("");
  EXPECT_EQ(Fields(LineOf(record.text(), kBenchmarkLine))[2], "-");
}

TEST_F(InFlightRecordTest, ANewPoolClearsTheLinesOfTheLastOne) {
  InFlightRecord record = Make();
  const int three[] = {1, 2, 3};
  record.SetWorkers("rank", three, {});
  const ChunkRange chunk[] = {{5, 1}};
  record.Hold(2, chunk);
  const int one[] = {0};
  record.SetWorkers("spawned", one, {});
  EXPECT_EQ(Fields(LineOf(record.text(), WorkerLine(0)))[2], "spawned");
  for (int w = 1; w < 3; ++w) {
    const std::vector<std::string> fields = Fields(LineOf(record.text(), WorkerLine(w)));
    EXPECT_EQ(fields[2], "-");
    EXPECT_EQ(fields[3], "-1");
    EXPECT_EQ(fields[6], "0x00000000");  // Holds nothing.
  }
}

TEST_F(InFlightRecordTest, AWorkerWithoutALineIsNotRecorded) {
  InFlightRecord record = Make();
  const std::string before(record.text());
  const ChunkRange chunk[] = {{5, 1}};
  record.Hold(InFlightRecord::kMaxWorkers, chunk);
  record.Hold(-1, chunk);
  EXPECT_EQ(record.text(), before);
}

// An update cut short — the writer killed after any number of its stores —
// reads as the old line, the new line, or torn; never as a mix. The first
// SEQ is written before the fields and the last SEQ after them; within
// that, two orders are cut at every byte: all left to right, and the
// fields right to left (as each number's digits go).
void ExpectCutsReadWholeOrTorn(const std::string& before, const std::string& after,
                               std::size_t line) {
  const std::string old_line = LineOf(before, line);
  const std::string new_line = LineOf(after, line);
  ASSERT_NE(old_line, new_line);
  ASSERT_FALSE(Torn(old_line));
  ASSERT_FALSE(Torn(new_line));
  ASSERT_EQ(old_line.size(), new_line.size());
  const std::size_t fields_at = new_line.find(' ', new_line.find(' ') + 1);
  const std::size_t end_seq_at = new_line.rfind(' ') + 1;
  for (std::size_t k = 0; k <= new_line.size(); ++k) {
    // Left to right: the first k bytes written.
    const std::string forward = new_line.substr(0, k) + old_line.substr(k);
    // The first SEQ written, then k bytes of the fields from their right
    // end, then (past them all) the last SEQ.
    std::string backward = new_line.substr(0, fields_at) + old_line.substr(fields_at);
    for (std::size_t i = 0; i < k && i < end_seq_at - fields_at; ++i) {
      backward[end_seq_at - 1 - i] = new_line[end_seq_at - 1 - i];
    }
    if (k > end_seq_at - fields_at) backward = new_line;
    for (const std::string& cut : {forward, backward}) {
      if (cut != old_line && cut != new_line) {
        EXPECT_TRUE(Torn(cut)) << "cut at " << k << ": " << cut;
      }
    }
  }
}

TEST_F(InFlightRecordTest, AnUpdateCutShortReadsAsTornNeverAsAMix) {
  InFlightRecord record = Make();
  const int ranks[] = {1, 2};
  record.SetWorkers("rank", ranks, {});
  const ChunkRange held[] = {{0, 2}, {4, 2}};
  record.Hold(1, held);
  std::string before(record.text());
  const ChunkRange next[] = {{4, 2}, {8, 2}};
  record.Hold(1, next);
  ExpectCutsReadWholeOrTorn(before, std::string(record.text()), WorkerLine(1));

  record.SetBenchmark("Cpu/Mpi/warm/workers:2/tasks:10/real_time");
  before = std::string(record.text());
  record.SetBenchmark("Cpu/Mpi/cold/workers:2/tasks:10/real_time");
  ExpectCutsReadWholeOrTorn(before, std::string(record.text()), kBenchmarkLine);
}

TEST(InFlightRecordCreateTest, AMissingFolderIsAnError) {
  EXPECT_FALSE(InFlightRecord::Create("/nonexistent-parbench-dir/in-flight").ok());
}

}  // namespace
}  // namespace parbench
