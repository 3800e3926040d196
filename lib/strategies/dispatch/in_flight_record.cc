#include "lib/strategies/dispatch/in_flight_record.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <utility>

namespace parbench {
namespace {

// The layout (in_flight_record.h): a header line, the benchmark line, then
// one line a worker.
constexpr absl::string_view kHeader = "parbench-in-flight 1\n";
constexpr std::size_t kHexWidth = 10;  // "0x" and eight digits.
constexpr std::size_t kDecimalWidth = 10;

constexpr absl::string_view kBenchmarkTag = "benchmark ";
// Each line's offsets count from its tag's end.
constexpr std::size_t kSeqAt = 0;
constexpr std::size_t kNameAt = kSeqAt + kHexWidth + 1;
constexpr std::size_t kBenchmarkEndSeqAt = kNameAt + InFlightRecord::kNameWidth + 1;
constexpr std::size_t kBenchmarkLineBytes =
    kBenchmarkTag.size() + kBenchmarkEndSeqAt + kHexWidth + 1;

constexpr absl::string_view kWorkerTag = "worker ";
constexpr std::size_t kKindAt = kSeqAt + kHexWidth + 1;
constexpr std::size_t kRankAt = kKindAt + InFlightRecord::kKindWidth + 1;
constexpr std::size_t kPidAt = kRankAt + kDecimalWidth + 1;
constexpr std::size_t kChunksAt = kPidAt + kDecimalWidth + 1;
constexpr std::size_t kRecordedChunks = InFlightRecord::kChunksPerWorker;
constexpr std::size_t kWorkerEndSeqAt = kChunksAt + kRecordedChunks * 2 * (kHexWidth + 1);
constexpr std::size_t kWorkerLineBytes = kWorkerTag.size() + kWorkerEndSeqAt + kHexWidth + 1;

constexpr std::size_t kFileBytes =
    kHeader.size() + kBenchmarkLineBytes + InFlightRecord::kMaxWorkers * kWorkerLineBytes;

void PutHex(char* at, std::uint32_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  at[0] = '0';
  at[1] = 'x';
  for (int i = 9; i >= 2; --i) {
    at[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

// Right-aligned in kDecimalWidth characters; out of range: the widest that fits.
void PutDecimal(char* at, std::int64_t value) {
  value = std::clamp<std::int64_t>(value, -999'999'999, 9'999'999'999);
  const bool negative = value < 0;
  std::uint64_t magnitude = static_cast<std::uint64_t>(negative ? -value : value);
  std::size_t i = kDecimalWidth;
  do {
    at[--i] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) at[--i] = '-';
  std::memset(at, ' ', i);
}

// `text` left-aligned in `width` characters, blanks made '_', cut to fit;
// empty: "-".
void PutWord(char* at, std::size_t width, absl::string_view text) {
  if (text.empty()) text = "-";
  const std::size_t n = std::min(width, text.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    at[i] = (c == ' ' || c == '\t' || c == '\n' || c == '\r') ? '_' : c;
  }
  std::memset(at + n, ' ', width - n);
}

void PutChunks(char* at, absl::Span<const ChunkRange> chunks) {
  for (std::size_t i = 0; i < kRecordedChunks; ++i) {
    const ChunkRange chunk = i < chunks.size() ? chunks[i] : ChunkRange{0, 0};
    PutHex(at + i * 2 * (kHexWidth + 1), chunk.first);
    PutHex(at + (i * 2 + 1) * (kHexWidth + 1), chunk.count);
  }
}

}  // namespace

absl::StatusOr<InFlightRecord> InFlightRecord::Create(const std::string& path) {
  absl::StatusOr<SharedMapping> mapping = SharedMapping::File(path, kFileBytes);
  if (!mapping.ok()) return mapping.status();
  InFlightRecord record(*std::move(mapping));
  // The whole layout, every SEQ 0: blanks, then each line's fixed parts.
  char* const data = static_cast<char*>(record.mapping_.data());
  std::memset(data, ' ', kFileBytes);
  std::memcpy(data, kHeader.data(), kHeader.size());
  char* line = data + kHeader.size();
  std::memcpy(line, kBenchmarkTag.data(), kBenchmarkTag.size());
  char* fields = line + kBenchmarkTag.size();
  PutHex(fields + kSeqAt, 0);
  PutWord(fields + kNameAt, kNameWidth, "");
  PutHex(fields + kBenchmarkEndSeqAt, 0);
  line[kBenchmarkLineBytes - 1] = '\n';
  for (int w = 0; w < kMaxWorkers; ++w) {
    fields = record.Line(static_cast<std::size_t>(w));
    line = fields - kWorkerTag.size();
    std::memcpy(line, kWorkerTag.data(), kWorkerTag.size());
    PutHex(fields + kSeqAt, 0);
    PutWord(fields + kKindAt, kKindWidth, "");
    PutDecimal(fields + kRankAt, -1);
    PutDecimal(fields + kPidAt, -1);
    PutChunks(fields + kChunksAt, {});
    PutHex(fields + kWorkerEndSeqAt, 0);
    line[kWorkerLineBytes - 1] = '\n';
  }
  return record;
}

char* InFlightRecord::Line(std::size_t worker) const {
  return static_cast<char*>(mapping_.data()) + kHeader.size() + kBenchmarkLineBytes +
         worker * kWorkerLineBytes + kWorkerTag.size();
}

template <typename Write>
void InFlightRecord::Update(char* fields, std::size_t end_seq_at, Write write) {
  // Each write's SEQ differs from every one of the last 2^32 writes', and so
  // from the line's.
  const std::uint32_t seq = ++seq_;
  PutHex(fields + kSeqAt, seq);
  // The reader comes after this process has ended, and a thread stops
  // between two of its instructions: only the compiler could reorder what
  // the reader sees, and these fences forbid it.
  std::atomic_signal_fence(std::memory_order_seq_cst);
  write(fields);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  PutHex(fields + end_seq_at, seq);
}

void InFlightRecord::SetBenchmark(absl::string_view name) {
  char* const fields = static_cast<char*>(mapping_.data()) + kHeader.size() + kBenchmarkTag.size();
  Update(fields, kBenchmarkEndSeqAt, [name](char* at) { PutWord(at + kNameAt, kNameWidth, name); });
}

void InFlightRecord::SetWorkers(absl::string_view kind, absl::Span<const int> ranks,
                                absl::Span<const pid_t> pids) {
  const std::size_t count = std::min(ranks.size(), static_cast<std::size_t>(kMaxWorkers));
  // Only the lines in use since the layout: a pool's start costs its own.
  for (std::size_t w = 0; w < std::max(count, workers_); ++w) {
    const bool used = w < ranks.size();
    Update(Line(w), kWorkerEndSeqAt, [&](char* at) {
      PutWord(at + kKindAt, kKindWidth, used ? kind : "");
      PutDecimal(at + kRankAt, used ? ranks[w] : -1);
      PutDecimal(at + kPidAt, used && w < pids.size() ? pids[w] : -1);
      PutChunks(at + kChunksAt, {});
    });
  }
  workers_ = count;
}

void InFlightRecord::Hold(int worker, absl::Span<const ChunkRange> chunks) {
  if (worker < 0 || worker >= kMaxWorkers) return;
  Update(Line(static_cast<std::size_t>(worker)), kWorkerEndSeqAt,
         [chunks](char* at) { PutChunks(at + kChunksAt, chunks); });
}

}  // namespace parbench
