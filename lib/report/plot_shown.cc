#include "lib/report/plot_shown.h"

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace parbench::report {
namespace {

std::vector<std::string> Fields(const std::string& line) {
  return absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
}

// The rows of one chart (`kind`-`name`), none when it was not drawn.
void ReadChart(const std::string& dir, const std::string& chart, std::vector<ShownPoint>& out) {
  std::ifstream axes_file(absl::StrCat(dir, "/", chart, ".axes"));
  std::string line;
  if (!std::getline(axes_file, line)) return;
  std::vector<std::string> a = Fields(line);
  a.resize(4);
  ShownPoint frame;
  frame.chart = absl::StrCat(chart, ".png");
  frame.xmin = a[0];
  frame.xmax = a[1];
  frame.ymin = a[2];
  frame.ymax = a[3];
  std::ifstream table(absl::StrCat(dir, "/", chart, ".table"));
  constexpr std::string_view kTitle = "# Curve title: \"";
  int n = -1;  // the current curve's points; -1 before the first curve
  while (std::getline(table, line)) {
    if (line.starts_with(kTitle)) {
      if (n == 0) out.push_back(frame);
      frame.series = line.substr(kTitle.size(), line.size() - kTitle.size() - 1);
      n = 0;
      continue;
    }
    const std::vector<std::string> f = Fields(line);
    if (line.starts_with("#") || f.size() < 3) continue;
    ShownPoint p = frame;
    p.x = f[0];
    p.y = f[1];
    p.where = f[2] == "i" ? "inside" : f[2] == "o" ? "outside" : "undefined";
    out.push_back(p);
    ++n;
  }
  if (n == 0) out.push_back(frame);
}

}  // namespace

absl::StatusOr<std::vector<ShownPoint>> ReadShown(const std::string& data_dir) {
  const std::string names_path = absl::StrCat(data_dir, "/names");
  std::ifstream names(names_path);
  if (!names) return absl::NotFoundError(absl::StrCat("cannot read ", names_path));
  std::vector<ShownPoint> out;
  std::string name;
  while (std::getline(names, name)) {
    if (Fields(name).empty()) continue;
    for (const char* kind : {"speedup", "time"})
      ReadChart(data_dir, absl::StrCat(kind, "-", name), out);
  }
  if (names.bad()) return absl::DataLossError(absl::StrCat("cannot read ", names_path));
  return out;
}

std::string RenderShown(const std::vector<ShownPoint>& points) {
  std::string out = "chart\tseries\tx\ty\twhere\txmin\txmax\tymin\tymax\n";
  for (const ShownPoint& p : points) {
    absl::StrAppend(
        &out,
        absl::StrJoin({p.chart, p.series, p.x, p.y, p.where, p.xmin, p.xmax, p.ymin, p.ymax}, "\t"),
        "\n");
  }
  return out;
}

}  // namespace parbench::report
