#include "lib/report/order_key.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/report/legacy_names.h"

namespace parbench::report {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// An optional count as a sort key: absent first.
std::tuple<bool, int64_t> Key(const std::optional<int64_t>& v) {
  return {v.has_value(), v.value_or(0)};
}

}  // namespace

std::string PadNumbers(absl::string_view s) {
  std::string key;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i])) {
      key += s[i++];
      continue;
    }
    size_t end = i;
    while (end < s.size() && IsDigit(s[end])) ++end;
    if (end + 1 < s.size() && s[end] == '.' && IsDigit(s[end + 1])) {
      ++end;
      while (end < s.size() && IsDigit(s[end])) ++end;
    }
    const std::string number(s.substr(i, end - i));
    key += absl::StrFormat("%020.6f", std::strtod(number.c_str(), nullptr));
    i = end;
  }
  return key;
}

std::vector<size_t> SortedIndexes(const std::vector<std::string>& keys) {
  // The awk sorted key "\t" index as strings (index from 1): ties go by the
  // index's digits, 10 before 2, and so does this.
  std::vector<std::string> tagged;
  tagged.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) tagged.push_back(absl::StrCat(keys[i], "\t", i + 1));
  std::vector<size_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return tagged[a] < tagged[b]; });
  return order;
}

std::vector<std::string> StrategyOrder(const Run& run) {
  std::string list;
  if (const auto it = run.context.find("parbench_strategies"); it != run.context.end()) {
    if (const auto* s = std::get_if<std::string>(&it->second)) list = *s;
  }
  list.erase(std::remove_if(list.begin(), list.end(), [](char c) { return c == ' ' || c == '\t'; }),
             list.end());
  if (list.empty()) return LegacyStrategyOrder();
  return absl::StrSplit(list, ',');
}

int StrategyRank(const std::vector<std::string>& order, absl::string_view strategy) {
  if (LegacyIsCeiling(strategy)) return 999;
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == strategy) return static_cast<int>(i) + 1;
  }
  return 900;
}

bool TableOrderLess(const std::vector<std::string>& strategies, const BenchFacts& a,
                    absl::string_view a_name, const BenchFacts& b, absl::string_view b_name) {
  auto key = [&](const BenchFacts& f, absl::string_view name) {
    const bool grid = !f.workload.empty() && f.workers.has_value();
    return std::make_tuple(!grid, grid ? f.workload : std::string(), Key(f.tasks), Key(f.task_size),
                           grid ? StrategyRank(strategies, f.strategy) : 0,
                           grid ? f.strategy : std::string(), grid ? f.life : std::string(),
                           Key(f.chunk), Key(f.workers), PadNumbers(name), std::string(name));
  };
  return key(a, a_name) < key(b, b_name);
}

}  // namespace parbench::report
