#include "lib/report/json_text.h"

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace parbench::report {
namespace {

// Google Benchmark's non-finite words become these strings, which no
// Google Benchmark field holds (a NUL byte leads them).
constexpr std::string_view kNan("\0NaN", 4);
constexpr std::string_view kInf("\0Infinity", 9);
constexpr std::string_view kNegInf("\0-Infinity", 10);

struct Word {
  std::string_view bare;
  std::string_view quoted;  // the string that stands for it
};
constexpr std::array<Word, 4> kWords = {{
    {"-Infinity", R"("\u0000-Infinity")"},
    {"Infinity", R"("\u0000Infinity")"},
    {"-NaN", R"("\u0000NaN")"},
    {"NaN", R"("\u0000NaN")"},
}};

// The text with every bare non-finite word outside strings quoted.
std::string QuoteNonFinite(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == 'N' || c == 'I' || c == '-') {
      bool replaced = false;
      for (const Word& w : kWords) {
        if (text.substr(i, w.bare.size()) == w.bare) {
          out += w.quoted;
          i += w.bare.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += c;
  }
  return out;
}

std::string OneLine(std::string_view s) {
  std::string line(s);
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  return line;
}

}  // namespace

absl::StatusOr<nlohmann::json> ParseJsonText(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return absl::InvalidArgumentError("is empty");
  }
  const std::string quoted = QuoteNonFinite(text);
  try {
    return nlohmann::json::parse(quoted);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1,
    // column 2: ..." on one line; keep what follows the bracket.
    std::string_view what = e.what();
    const size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
    return absl::InvalidArgumentError(absl::StrCat("is not valid JSON (", OneLine(what), ")"));
  }
}

std::optional<double> JsonNumber(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const auto& s = value.get_ref<const std::string&>();
  if (s == kNan) return std::numeric_limits<double>::quiet_NaN();
  if (s == kInf) return std::numeric_limits<double>::infinity();
  if (s == kNegInf) return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

}  // namespace parbench::report
