#include "lib/report/history.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "lib/report/csv_records.h"

namespace parbench::report {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A run number: digits only (fmt.awk's /^[0-9]+$/).
std::optional<int64_t> WholeNumber(absl::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (const char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A plain decimal as fmt.awk's is_number has it (sign, digits, point,
// exponent), and finite.
std::optional<double> PlainNumber(absl::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp;
    if (exp == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const std::string text(s);
  const double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

absl::Status Bad(absl::string_view name, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(name, ", line ", line, ": ", what));
}

absl::Status CheckHeader(absl::string_view text, absl::string_view name, absl::string_view header) {
  absl::string_view first = text.substr(0, text.find('\n'));
  absl::ConsumeSuffix(&first, "\r");
  if (first != header) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": not a history file: its header is not ", header));
  }
  return absl::OkStatus();
}

// A spread field: empty, or a finite number.
absl::StatusOr<HistoryNumber> Spread(const CsvRecord& r, size_t field, absl::string_view column,
                                     absl::string_view name) {
  HistoryNumber out{.text = r.fields[field], .value = std::nullopt};
  if (out.text.empty()) return out;
  out.value = PlainNumber(out.text);
  if (!out.value) {
    return Bad(name, r.line,
               absl::StrCat(column, " '", out.text, "' is neither empty nor a finite number"));
  }
  return out;
}

}  // namespace

absl::StatusOr<History> ReadHistory(absl::string_view runs_text, absl::string_view runs_name,
                                    absl::string_view rows_text, absl::string_view rows_name) {
  History history;
  const std::vector<CsvRecord> runs = ReadCsvRecords(runs_text);
  if (absl::Status s = CheckHeader(runs_text, runs_name, kHistoryRunsHeader); !s.ok()) return s;
  // A run number's place; a number written twice is its last run.
  absl::flat_hash_map<int64_t, size_t> place;
  for (size_t i = 1; i < runs.size(); ++i) {
    const CsvRecord& r = runs[i];
    if (r.fields.size() < 6) {
      return Bad(runs_name, r.line,
                 absl::StrCat("not a run: ", r.fields.size(), " fields, not the 6 of ",
                              kHistoryRunsHeader));
    }
    const std::optional<int64_t> number = WholeNumber(r.fields[0]);
    if (!number)
      return Bad(runs_name, r.line, absl::StrCat("run '", r.fields[0], "' is not a run number"));
    place[*number] = history.runs.size();
    history.runs.push_back(HistoryRun{.number = *number,
                                      .rev = r.fields[1],
                                      .date = r.fields[2],
                                      .fingerprint = r.fields[3],
                                      .machine = r.fields[5]});
  }
  const std::vector<CsvRecord> rows = ReadCsvRecords(rows_text);
  if (absl::Status s = CheckHeader(rows_text, rows_name, kHistoryRowsHeader); !s.ok()) return s;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRecord& r = rows[i];
    if (r.fields.size() < 11) {
      return Bad(rows_name, r.line,
                 absl::StrCat("not a history row: ", r.fields.size(), " fields, not the 11 of ",
                              kHistoryRowsHeader));
    }
    const std::optional<int64_t> number = WholeNumber(r.fields[0]);
    if (!number)
      return Bad(rows_name, r.line, absl::StrCat("run '", r.fields[0], "' is not a run number"));
    const std::optional<double> median = PlainNumber(r.fields[5]);
    if (!median) {
      return Bad(rows_name, r.line,
                 absl::StrCat("median_ns '", r.fields[5], "' is not a finite number"));
    }
    HistoryRow row;
    row.benchmark = r.fields[4];
    row.median_ns = *median;
    const std::pair<HistoryNumber*, absl::string_view> spreads[] = {
        {&row.n, "n"},         {&row.min_ns, "min_ns"}, {&row.q1_ns, "q1_ns"},
        {&row.q3_ns, "q3_ns"}, {&row.max_ns, "max_ns"},
    };
    for (size_t f = 0; f < 5; ++f) {
      absl::StatusOr<HistoryNumber> v = Spread(r, 6 + f, spreads[f].second, rows_name);
      if (!v.ok()) return v.status();
      *spreads[f].first = *std::move(v);
    }
    const auto it = place.find(*number);
    if (it == place.end()) continue;
    row.run = it->second;
    history.rows.push_back(std::move(row));
  }
  return history;
}

}  // namespace parbench::report
