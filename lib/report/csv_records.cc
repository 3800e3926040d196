#include "lib/report/csv_records.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace parbench::report {
namespace {

// One complete record's text split into fields (csv.awk's csv_split).
std::vector<std::string> SplitRecord(absl::string_view s) {
  if (s.empty()) return {};
  if (s.find('"') == absl::string_view::npos) return absl::StrSplit(s, ',');
  std::vector<std::string> fields;
  std::string f;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c != '"') {
        f += c;
      } else if (i + 1 < s.size() && s[i + 1] == '"') {
        f += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(f));
      f.clear();
    } else {
      f += c;
    }
  }
  fields.push_back(std::move(f));
  return fields;
}

}  // namespace

std::vector<CsvRecord> ReadCsvRecords(absl::string_view text) {
  std::vector<CsvRecord> records;
  int line = 0;
  size_t at = 0;
  while (at < text.size()) {
    CsvRecord record;
    record.line = line + 1;
    std::string rec;
    size_t quotes = 0;
    // Lines joined with "\n" while a quoted field is still open.
    do {
      size_t end = text.find('\n', at);
      if (end == absl::string_view::npos) end = text.size();
      absl::string_view l = text.substr(at, end - at);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (line + 1 > record.line) rec += '\n';
      rec.append(l.data(), l.size());
      for (const char c : l) quotes += static_cast<size_t>(c == '"');
      ++line;
      at = end + 1;
    } while (quotes % 2 == 1 && at < text.size());
    record.fields = SplitRecord(rec);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace parbench::report
