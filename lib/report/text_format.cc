#include "lib/report/text_format.h"

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace parbench::report {
namespace {

// awk's sprintf("%.3g", x) + 0: x rounded to three significant digits.
double RoundSig3(double x) { return std::strtod(absl::StrFormat("%.3g", x).c_str(), nullptr); }

// x (>= 0, already rounded to three significant digits) with three
// significant digits, trailing zeros kept: 100, 52.0, 1.50.
std::string Sig3(double x) {
  if (x >= 99.95) return absl::StrFormat("%.0f", x);
  if (x >= 9.995) return absl::StrFormat("%.1f", x);
  return absl::StrFormat("%.2f", x);
}

}  // namespace

std::string FormatTime(double ns, TimeStyle style) {
  std::string sign;
  if (ns < 0) {
    sign = "-";
    ns = -ns;
  }
  if (style == TimeStyle::kAscii) {
    if (ns < 1e3) return sign + absl::StrFormat("%.2f ns", ns);
    if (ns < 1e6) return sign + absl::StrFormat("%.2f us", ns / 1e3);
    if (ns < 1e9) return sign + absl::StrFormat("%.2f ms", ns / 1e6);
    return sign + absl::StrFormat("%.3f s", ns / 1e9);
  }
  const double r = RoundSig3(ns);
  double scale = 1e9;
  absl::string_view unit = " s";
  if (r < 1e3) {
    scale = 1;
    unit = " ns";
  } else if (r < 1e6) {
    scale = 1e3;
    unit = " µs";
  } else if (r < 1e9) {
    scale = 1e6;
    unit = " ms";
  }
  if (style == TimeStyle::kShort)
    return absl::StrCat(sign, absl::StrFormat("%.3g", r / scale), unit);
  return absl::StrCat(sign, Sig3(r / scale), unit);
}

std::string FormatRatio(double x) { return absl::StrFormat("%.2f×", x); }

std::string FormatWholePercent(double x) { return absl::StrFormat("%.0f %%", 100 * x); }

std::string OneLine(absl::string_view s) {
  std::string out;
  bool in_run = false;
  for (const char c : s) {
    const bool blank = c == '\t' || c == '\r' || c == '\n';
    if (blank && !in_run) out += ' ';
    if (!blank) out += c;
    in_run = blank;
  }
  return out;
}

std::string MarkdownCell(absl::string_view s) {
  std::string out;
  for (const char c : OneLine(s)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace parbench::report
