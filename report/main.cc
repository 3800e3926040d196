// parbench-report: the report engine's command line. One table of
// subcommands (kCommands); each reads its arguments, computes the model with
// lib/report and renders it. Exit 0 on success, 2 on bad input or usage (one
// line on stderr), 1 when the output cannot be written (or, from compare
// alone and without a line, when a benchmark is slower).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/report/advise.h"
#include "lib/report/bmf.h"
#include "lib/report/compare.h"
#include "lib/report/crossover.h"
#include "lib/report/csv.h"
#include "lib/report/csv_reader.h"
#include "lib/report/export.h"
#include "lib/report/gab.h"
#include "lib/report/history.h"
#include "lib/report/history_add.h"
#include "lib/report/history_charts.h"
#include "lib/report/history_render.h"
#include "lib/report/history_report.h"
#include "lib/report/html_page.h"
#include "lib/report/html_report.h"
#include "lib/report/model.h"
#include "lib/report/overheads.h"
#include "lib/report/plot.h"
#include "lib/report/plot_script.h"
#include "lib/report/plot_shown.h"
#include "lib/report/run_reader.h"
#include "lib/report/stats/distributions.h"
#include "lib/report/stats/mann_whitney.h"
#include "lib/report/table_build.h"
#include "lib/report/table_markdown.h"
#include "lib/report/table_tsv.h"

namespace parbench::report {
namespace {

constexpr int kExitBadInput = 2;

// A failure a subcommand reports: its exit code and its one line.
struct Failure {
  int exit_code;
  std::string message;
};

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    if (std::cin.bad()) return absl::InvalidArgumentError("cannot read stdin");
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot open"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read"));
  return text;
}

// Every file read and checked before anything is written.
absl::StatusOr<std::vector<Run>> ReadRuns(const std::vector<std::string>& files) {
  std::vector<Run> runs;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadAll(file);
    if (!text.ok()) return text.status();
    absl::StatusOr<Run> run = ReadRun(*text, file == "-" ? "stdin" : file);
    if (!run.ok()) return run.status();
    run->source = file;
    runs.push_back(*std::move(run));
  }
  return runs;
}

// One input that is Google Benchmark JSON or json2csv.sh's CSV (told by
// its first character, as table.sh told them).
absl::StatusOr<std::vector<Run>> ReadRunsOrCsv(const std::string& file) {
  absl::StatusOr<std::string> text = ReadAll(file);
  if (!text.ok()) return text.status();
  const std::string name = file == "-" ? "stdin" : file;
  if (!LooksLikeJson(*text)) return ReadCsvRuns(*text, name);
  absl::StatusOr<Run> run = ReadRun(*text, name);
  if (!run.ok()) return run.status();
  run->source = file;
  return std::vector<Run>{*std::move(run)};
}

// Writes `text` to `out` ("" for stdout) through a temporary file moved into
// place, so that a failure leaves no half-written output.
std::optional<Failure> Publish(const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) return Failure{1, "cannot write stdout"};
    return std::nullopt;
  }
  const std::string tmp = absl::StrCat(out, ".tmp.parbench-report");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.close();
    if (!f) {
      std::remove(tmp.c_str());
      return Failure{1, absl::StrCat("cannot write ", tmp)};
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Failure{1, absl::StrCat("rename(", tmp, ", ", out, ") failed")};
  }
  return std::nullopt;
}

// Reads the output file ("-o OUT", or "--out=OUT": one option, the
// short and long spellings) and the file names of args ("--" ends the
// options). Any other option is left to `other`, which says whether it took
// it (by default none is taken).
std::optional<Failure> ParseOutAndFiles(
    std::span<const std::string> args, std::string& out, std::vector<std::string>& files,
    const std::function<std::optional<Failure>(std::string_view, bool&)>& other = nullptr) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "-o") {
      if (i + 1 == args.size()) return Failure{kExitBadInput, "-o needs a file name"};
      out = args[++i];
    } else if (arg.starts_with("--out=")) {
      out = std::string(arg.substr(std::string_view("--out=").size()));
      if (out.empty()) return Failure{kExitBadInput, "--out needs a file name"};
    } else if (arg == "--") {
      files.insert(files.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    } else if (arg.size() > 1 && arg[0] == '-') {
      bool taken = false;
      if (other) {
        if (std::optional<Failure> f = other(arg, taken)) return f;
      }
      if (!taken) return Failure{kExitBadInput, absl::StrCat("unknown option: ", args[i])};
    } else {
      files.push_back(args[i]);
    }
  }
  return std::nullopt;
}

// csv [-o OUT] [FILE...]: json2csv.sh's CSV (lib/report/csv.h).
std::optional<Failure> CsvCommand(std::span<const std::string> args) {
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files)) return f;
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRuns(files);
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  return Publish(RenderCsv(*runs), out);
}

// overheads [-o OUT] [FILE]: overheads.sh's report (lib/report/overheads.h).
std::optional<Failure> OverheadsCommand(std::span<const std::string> args) {
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files)) return f;
  if (files.size() > 1) return Failure{kExitBadInput, "one input at most"};
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRuns(files);
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  absl::StatusOr<Overheads> overheads = ComputeOverheads(runs->front());
  if (!overheads.ok()) {
    return Failure{kExitBadInput, absl::StrCat(files.front() == "-" ? "stdin" : files.front(), " ",
                                               overheads.status().message())};
  }
  return Publish(RenderOverheads(*overheads), out);
}

// A number of a diagnostic's argument; the whole text must be one.
std::optional<double> Number(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// compare --utest 'X1 X2 ...' 'Y1 Y2 ...': the U test of two samples.
std::optional<Failure> UTestDiagnostic(const std::string& xs, const std::string& ys) {
  std::vector<double> x, y;
  for (auto [text, sample] : {std::pair{&xs, &x}, std::pair{&ys, &y}}) {
    for (const absl::string_view word :
         absl::StrSplit(*text, absl::ByAnyChar(" \t\n"), absl::SkipEmpty())) {
      const std::optional<double> v = Number(std::string(word));
      if (!v)
        return Failure{kExitBadInput, absl::StrCat("--utest needs numbers, got '", word, "'")};
      sample->push_back(*v);
    }
  }
  if (x.empty() || y.empty()) return Failure{kExitBadInput, "--utest needs two non-empty samples"};
  const stats::UTest u = stats::MannWhitneyU(x, y);
  return Publish(absl::StrFormat("U=%.10g z=%.10g p=%.10g method=%s\n", u.u, u.z, u.p,
                                 u.exact ? "exact" : "normal"),
                 "");
}

// compare [OPTION...] BASELINE CONTENDER: compare.sh's comparison
// (lib/report/compare.h). Exit 1, quietly, when a benchmark is slower.
std::optional<Failure> CompareCommand(std::span<const std::string> args) {
  // The diagnostics first: they take the place of a comparison.
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view value = args[i];
    if (absl::ConsumePrefix(&value, "--erfc=")) {
      const std::optional<double> x = Number(std::string(value));
      if (!x)
        return Failure{kExitBadInput, absl::StrCat("--erfc needs a number, got '", value, "'")};
      return Publish(absl::StrFormat("%.17g\n", stats::Erfc(*x)), "");
    }
    if (args[i] == "--utest") {
      if (args.size() != i + 3) return Failure{kExitBadInput, "--utest needs two samples"};
      return UTestDiagnostic(args[i + 1], args[i + 2]);
    }
  }
  CompareOptions options;
  CompareFormat format = CompareFormat::kTable;
  auto compare_option = [&](std::string_view a, bool& taken) -> std::optional<Failure> {
    taken = true;
    absl::string_view value(a.data(), a.size());
    if (absl::ConsumePrefix(&value, "--threshold=")) {
      absl::ConsumeSuffix(&value, "%");
      const std::optional<double> t = Number(std::string(value));
      if (!t || *t < 0)
        return Failure{kExitBadInput, absl::StrCat("bad --threshold '", value, "'")};
      options.threshold = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--alpha=")) {
      const std::optional<double> t = Number(std::string(value));
      if (!t || *t <= 0 || *t >= 1) {
        return Failure{kExitBadInput, absl::StrCat("bad --alpha '", value, "'")};
      }
      options.alpha = std::string(value);
    } else if (a == "--metric=real" || a == "--metric=cpu") {
      options.cpu_time = a == "--metric=cpu";
    } else if (a == "--statistic=median" || a == "--statistic=mean") {
      options.mean = a == "--statistic=mean";
    } else if (a == "--format=table" || a == "--format=md" || a == "--format=csv" ||
               a == "--format=sections") {
      format = a == "--format=md"         ? CompareFormat::kMarkdown
               : a == "--format=csv"      ? CompareFormat::kCsv
               : a == "--format=sections" ? CompareFormat::kSections
                                          : CompareFormat::kTable;
    } else {
      taken = false;
    }
    return std::nullopt;
  };
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, compare_option)) return f;
  if (files.size() != 2) return Failure{kExitBadInput, "needs BASELINE.json and CONTENDER.json"};
  absl::StatusOr<std::vector<Run>> runs = ReadRuns(files);
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  const Comparison comparison = Compare((*runs)[0], (*runs)[1], options);
  if (std::optional<Failure> f = Publish(RenderComparison(comparison, options, format), out)) {
    return f;
  }
  if (comparison.slower > 0) return Failure{1, ""};
  return std::nullopt;
}

// table [--tsv | --model] [-o OUT] [FILE]: table.sh's report
// (lib/report/table_build.h, table_markdown.h, table_tsv.h).
std::optional<Failure> TableCommand(std::span<const std::string> args) {
  std::string (*render)(const TableReport&) = RenderTableMarkdown;
  auto mode_option = [&render](std::string_view a, bool& taken) -> std::optional<Failure> {
    taken = true;
    if (a == "--tsv") {
      render = RenderTableTsv;
    } else if (a == "--model") {
      render = RenderTableModel;
    } else if (a == "--markdown") {
      render = RenderTableMarkdown;
    } else {
      taken = false;
    }
    return std::nullopt;
  };
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, mode_option)) return f;
  if (files.size() > 1) return Failure{kExitBadInput, "one input at most"};
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRunsOrCsv(files.front());
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  return Publish(render(BuildTableReport(*runs)), out);
}

// crossover [-o OUT] [FILE]: crossover.sh's answer (lib/report/crossover.h).
std::optional<Failure> CrossoverCommand(std::span<const std::string> args) {
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files)) return f;
  if (files.size() > 1) return Failure{kExitBadInput, "one input at most"};
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRunsOrCsv(files.front());
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  const std::vector<CrossoverGroup> groups = ComputeCrossover(BuildTableReport(*runs));
  if (groups.empty()) {
    return Failure{kExitBadInput, absl::StrCat(files.front() == "-" ? "stdin" : files.front(),
                                               " has no size sweep (run bench with --sweep)")};
  }
  return Publish(RenderCrossover(groups), out);
}

// advise --task-ns=NS --tasks=N [--kind=cpu|io] [-o OUT] FILE: advise.sh's
// answer (lib/report/advise.h); advise.sh reads the duration and the
// results folder.
std::optional<Failure> AdviseCommand(std::span<const std::string> args) {
  AdviseQuestion q;
  q.family = "Cpu";
  bool have_task = false;
  bool have_tasks = false;
  auto option = [&](std::string_view a, bool& taken) -> std::optional<Failure> {
    taken = true;
    absl::string_view v(a.data(), a.size());
    if (absl::ConsumePrefix(&v, "--task-ns=")) {
      const std::optional<double> ns = Number(std::string(v));
      if (!ns || !(*ns > 0) || !std::isfinite(*ns)) {
        return Failure{kExitBadInput, absl::StrCat("--task-ns=", v, ": not a time above 0")};
      }
      q.task_ns = *ns;
      have_task = true;
    } else if (absl::ConsumePrefix(&v, "--tasks=")) {
      if (v.empty() || v[0] == '0' ||
          v.find_first_not_of("0123456789") != absl::string_view::npos ||
          !absl::SimpleAtoi(v, &q.tasks)) {
        return Failure{kExitBadInput,
                       absl::StrCat("--tasks=", v, ": not a whole number of tasks above 0")};
      }
      have_tasks = true;
    } else if (a == "--kind=cpu" || a == "--kind=io") {
      q.io = a == "--kind=io";
      q.family = q.io ? "Io" : "Cpu";
    } else if (absl::ConsumePrefix(&v, "--kind=")) {
      return Failure{kExitBadInput, absl::StrCat("--kind=", v, ": cpu or io")};
    } else {
      taken = false;
    }
    return std::nullopt;
  };
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, option)) return f;
  if (!have_task || !have_tasks) return Failure{kExitBadInput, "needs --task-ns=NS and --tasks=N"};
  if (files.size() != 1) return Failure{kExitBadInput, "one results file, please"};
  absl::StatusOr<std::vector<Run>> runs = ReadRunsOrCsv(files.front());
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  absl::StatusOr<Advice> advice = ComputeAdvice(BuildTableReport(*runs), q);
  if (!advice.ok()) {
    return Failure{kExitBadInput, absl::StrCat(files.front(), " ", advice.status().message())};
  }
  return Publish(RenderAdvice(*advice, q), out);
}

// plot --data=DIR --png=DIR [-o OUT.gp] [FILE]: plot.sh's charts
// (lib/report/plot.h, plot_script.h): the data files and names into DIR,
// the gnuplot script (drawing into the --png folder) to OUT or stdout.
std::optional<Failure> PlotCommand(std::span<const std::string> args) {
  std::string data_dir;
  std::string png_dir;
  auto option = [&](std::string_view a, bool& taken) -> std::optional<Failure> {
    taken = true;
    absl::string_view v(a.data(), a.size());
    if (absl::ConsumePrefix(&v, "--data=")) {
      data_dir = std::string(v);
    } else if (absl::ConsumePrefix(&v, "--png=")) {
      png_dir = std::string(v);
    } else {
      taken = false;
    }
    return std::nullopt;
  };
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, option)) return f;
  if (data_dir.empty() || png_dir.empty())
    return Failure{kExitBadInput, "needs --data=DIR and --png=DIR"};
  if (files.size() > 1) return Failure{kExitBadInput, "one input at most"};
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRunsOrCsv(files.front());
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  const Plots plots = BuildPlots(BuildTableReport(*runs));
  for (const PlotFile& f : RenderPlotData(plots, data_dir)) {
    std::ofstream file(f.path, std::ios::binary | std::ios::trunc);
    file << f.text;
    file.close();
    if (!file) return Failure{1, absl::StrCat("cannot write ", f.path)};
  }
  return Publish(RenderPlotScript(plots, data_dir, png_dir), out);
}

// plot-shown --data=DIR [-o OUT.tsv]: what plot.sh's charts show, read
// from the files gnuplot wrote into DIR (lib/report/plot_shown.h).
std::optional<Failure> PlotShownCommand(std::span<const std::string> args) {
  std::string data_dir;
  auto option = [&](std::string_view a, bool& taken) -> std::optional<Failure> {
    absl::string_view v(a.data(), a.size());
    taken = absl::ConsumePrefix(&v, "--data=");
    if (taken) data_dir = std::string(v);
    return std::nullopt;
  };
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, option)) return f;
  if (data_dir.empty() || !files.empty()) return Failure{kExitBadInput, "needs --data=DIR alone"};
  absl::StatusOr<std::vector<ShownPoint>> shown = ReadShown(data_dir);
  if (!shown.ok()) return Failure{1, std::string(shown.status().message())};
  return Publish(RenderShown(*shown), out);
}

// The formats of `export`: one renderer each over the one export model.
struct ExportFormat {
  std::string_view name;
  std::string (*render)(const Export&);
};
std::string RenderGabSmaller(const Export& e) { return RenderGab(e, Better::kSmaller); }
std::string RenderGabBigger(const Export& e) { return RenderGab(e, Better::kBigger); }
constexpr ExportFormat kExportFormats[] = {
    {"bmf", RenderBmf},
    {"gab-smaller", RenderGabSmaller},
    {"gab-bigger", RenderGabBigger},
};

// export --format=F [-o|--out=FILE] [FILE...]: the runs' measures for a CI
// dashboard (lib/report/export.h, bmf.h, gab.h).
std::optional<Failure> ExportCommand(std::span<const std::string> args) {
  const ExportFormat* format = nullptr;
  std::string out;
  std::vector<std::string> files;
  auto format_option = [&format](std::string_view arg, bool& taken) -> std::optional<Failure> {
    if (!arg.starts_with("--format=")) return std::nullopt;
    taken = true;
    const std::string_view want = arg.substr(std::string_view("--format=").size());
    format = nullptr;
    for (const ExportFormat& f : kExportFormats) {
      if (f.name == want) format = &f;
    }
    if (format != nullptr) return std::nullopt;
    return Failure{kExitBadInput, absl::StrCat("unknown format: ", std::string(want),
                                               " (bmf, gab-smaller or gab-bigger)")};
  };
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files, format_option)) return f;
  if (format == nullptr) {
    return Failure{kExitBadInput, "--format=bmf|gab-smaller|gab-bigger is required"};
  }
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRuns(files);
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  const Export model = BuildExport(*runs);
  if (model.benchmarks.empty()) {
    return Failure{kExitBadInput, "no benchmark with a measurement to export"};
  }
  if (!model.skipped.empty()) {
    // Said, not fatal: a benchmark that failed in every repetition has
    // nothing a dashboard can chart.
    std::fprintf(stderr,
                 "parbench-report export: left out %zu benchmark(s) without a measurement (every "
                 "record an error, or no positive time), the first: %s\n",
                 model.skipped.size(), model.skipped.front().c_str());
  }
  return Publish(format->render(model), out);
}

// html [-o OUT.html] FILE...: one self-contained HTML report of the runs
// (lib/report/html_page.h, html_report.h); a seed run's JSON among them puts
// Python's rows beside C++'s.
std::optional<Failure> HtmlCommand(std::span<const std::string> args) {
  std::string out;
  std::vector<std::string> files;
  if (std::optional<Failure> f = ParseOutAndFiles(args, out, files)) return f;
  if (files.empty()) files.emplace_back("-");
  absl::StatusOr<std::vector<Run>> runs = ReadRuns(files);
  if (!runs.ok()) return Failure{kExitBadInput, std::string(runs.status().message())};
  const Page page = BuildPage(*runs);
  if (page.sections.empty()) {
    return Failure{kExitBadInput,
                   "no workload with a baseline row and timed rows to chart (the grid of bench)"};
  }
  absl::StatusOr<std::string> html = RenderHtmlReport(page);
  if (!html.ok()) return Failure{kExitBadInput, std::string(html.status().message())};
  return Publish(*html, out);
}

// A plain decimal number >= 0 (the scripts' is_number): digits and one point.
bool IsPlainDecimal(absl::string_view s) {
  if (s.empty() || s == ".") return false;
  int points = 0;
  for (const char c : s) {
    if (c == '.') {
      ++points;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return points <= 1;
}

// The history DIR's file NAME (runs.csv, history.csv): complete lines only.
absl::StatusOr<std::string> ReadHistoryFile(const std::string& dir, absl::string_view name) {
  const std::string path = absl::StrCat(dir, "/", name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return absl::InvalidArgumentError(absl::StrCat(dir, ": ", name, " is missing: not a history"));
  }
  absl::StatusOr<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  if (!text->empty() && text->back() != '\n') {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": its last line is unfinished (edited by hand?)"));
  }
  return text;
}

// history report --dir=DIR [--out=OUTDIR] [--plot=PLOTDIR] [--threshold=PCT]
// [--alpha=A] [--min-runs=N] [--fingerprint=FP]: history.sh report's
// analysis (lib/report/history_report.h). summary.md on stdout, or with
// --out, summary.md, series.csv and changepoints.csv in OUTDIR; with
// --plot, the trend charts' gnuplot script (plot.gp), data and PNG names
// (names) in PLOTDIR. Both directories exist. Exit 1, quietly, when the
// newest run starts a slowdown.
std::optional<Failure> HistoryReportCommand(std::span<const std::string> args) {
  std::string dir, out, plot;
  HistoryOptions options;
  for (const std::string& arg : args) {
    absl::string_view value = arg;
    if (absl::ConsumePrefix(&value, "--dir=")) {
      dir = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--out=")) {
      out = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--plot=")) {
      plot = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--threshold=")) {
      absl::ConsumeSuffix(&value, "%");
      if (!IsPlainDecimal(value)) {
        return Failure{kExitBadInput,
                       absl::StrCat("bad --threshold '", value, "': a percentage >= 0")};
      }
      options.threshold = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--alpha=")) {
      const std::optional<double> a = Number(std::string(value));
      if (!IsPlainDecimal(value) || !a || *a <= 0 || *a >= 1) {
        return Failure{kExitBadInput,
                       absl::StrCat("bad --alpha '", value, "': a number between 0 and 1")};
      }
      options.alpha = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--min-runs=")) {
      int n = 0;
      if (value.empty() || value[0] == '0' || value.size() > 6 || !absl::SimpleAtoi(value, &n) ||
          n < 1 || value.find_first_not_of("0123456789") != absl::string_view::npos) {
        return Failure{kExitBadInput,
                       absl::StrCat("bad --min-runs '", value, "': a whole number >= 1")};
      }
      options.min_runs = n;
    } else if (absl::ConsumePrefix(&value, "--fingerprint=")) {
      options.fingerprint = std::string(value);
    } else {
      return Failure{kExitBadInput, absl::StrCat("report: unknown argument: ", arg)};
    }
  }
  if (dir.empty()) return Failure{kExitBadInput, "report needs --dir=DIR"};
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return Failure{kExitBadInput,
                   absl::StrCat(dir,
                                ": no such directory (make it first: an empty directory is "
                                "an empty history)")};
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    return Failure{kExitBadInput, absl::StrCat(dir, ": not a directory")};
  }
  if (!std::filesystem::exists(dir + "/runs.csv", ec) &&
      !std::filesystem::exists(dir + "/history.csv", ec)) {
    return Failure{kExitBadInput,
                   absl::StrCat(dir, ": no history yet (no runs.csv): add a run first")};
  }
  absl::StatusOr<std::string> runs_text = ReadHistoryFile(dir, "runs.csv");
  if (!runs_text.ok()) return Failure{kExitBadInput, std::string(runs_text.status().message())};
  absl::StatusOr<std::string> rows_text = ReadHistoryFile(dir, "history.csv");
  if (!rows_text.ok()) return Failure{kExitBadInput, std::string(rows_text.status().message())};
  absl::StatusOr<History> history =
      ReadHistory(*runs_text, dir + "/runs.csv", *rows_text, dir + "/history.csv");
  if (!history.ok()) return Failure{kExitBadInput, std::string(history.status().message())};
  const HistoryReport report = AnalyseHistory(*history, options);
  if (!options.fingerprint.empty() && report.runs_shown == 0) {
    return Failure{kExitBadInput, absl::StrCat("--fingerprint ", options.fingerprint,
                                               ": no run of that machine in ", dir)};
  }
  const std::string summary = RenderHistorySummary(report);
  if (out.empty()) {
    if (std::optional<Failure> f = Publish(summary, "")) return f;
  } else {
    const std::pair<absl::string_view, std::string> files[] = {
        {"summary.md", summary},
        {"series.csv", RenderHistorySeries(report)},
        {"changepoints.csv", RenderHistoryChangePoints(report)},
    };
    for (const auto& [name, text] : files) {
      if (std::optional<Failure> f = Publish(text, absl::StrCat(out, "/", name))) return f;
    }
  }
  if (!plot.empty()) {
    const HistoryCharts charts = RenderHistoryCharts(report, plot);
    for (const auto& [name, text] : charts.data) {
      if (std::optional<Failure> f = Publish(text, absl::StrCat(plot, "/", name))) return f;
    }
    std::string names;
    for (const std::string& png : charts.pngs) absl::StrAppend(&names, png, "\n");
    if (std::optional<Failure> f = Publish(names, plot + "/names")) return f;
    if (std::optional<Failure> f = Publish(charts.script, plot + "/plot.gp")) return f;
  }
  if (report.new_slowdowns > 0) return Failure{1, ""};
  return std::nullopt;
}

// One run read for the history, from a file (not stdin: the history keeps
// the file as given): every check of ReadRuns.
absl::StatusOr<Run> ReadHistoryRun(const std::string& file) {
  std::error_code ec;
  if (file != "-" && !std::filesystem::exists(file, ec)) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": no such file"));
  }
  if (file == "-" || !std::filesystem::is_regular_file(file, ec)) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": not a readable file"));
  }
  absl::StatusOr<std::vector<Run>> runs = ReadRuns({file});
  if (!runs.ok()) return runs.status();
  return std::move(runs->front());
}

// history fingerprint RUN.json: its machine's fingerprint and description.
std::optional<Failure> HistoryFingerprintCommand(std::span<const std::string> args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    if (arg != "--") files.push_back(arg);
  }
  if (files.size() != 1) return Failure{kExitBadInput, "fingerprint needs one RUN.json"};
  absl::StatusOr<Run> run = ReadHistoryRun(files.front());
  if (!run.ok()) return Failure{kExitBadInput, std::string(run.status().message())};
  absl::StatusOr<MachineId> machine = MachineOfRun(*run);
  if (!machine.ok()) return Failure{kExitBadInput, std::string(machine.status().message())};
  return Publish(
      absl::StrCat(machine->fingerprint, " ",
                   machine->description.empty() ? "(nothing known)" : machine->description, "\n"),
      "");
}

// history add --dir=DIR --stage=STAGE [--rev=REV] [--force]
// [--expect-fingerprint=FP] RUN.json: what the run adds to the history in
// DIR (lib/report/history_add.h), staged for history.sh to move into place:
// STAGE/runs.csv and STAGE/history.csv, the history's files with the run;
// on stdout the run's file name under runs/, then the line history.sh says.
std::optional<Failure> HistoryAddCommand(std::span<const std::string> args) {
  std::string dir, stage;
  AddOptions options;
  std::vector<std::string> files;
  bool operands = false;
  for (const std::string& arg : args) {
    absl::string_view value = arg;
    if (operands || arg.empty() || arg[0] != '-') {
      files.push_back(arg);
    } else if (arg == "--") {
      operands = true;
    } else if (absl::ConsumePrefix(&value, "--dir=")) {
      dir = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--stage=")) {
      stage = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--rev=")) {
      options.rev = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--expect-fingerprint=")) {
      options.expect_fingerprint = std::string(value);
    } else if (arg == "--force") {
      options.force = true;
    } else {
      return Failure{kExitBadInput, absl::StrCat("add: unknown option: ", arg)};
    }
  }
  if (dir.empty() || stage.empty()) return Failure{kExitBadInput, "add needs --dir and --stage"};
  if (files.size() != 1) return Failure{kExitBadInput, "add needs one RUN.json"};
  absl::StatusOr<Run> run = ReadHistoryRun(files.front());
  if (!run.ok()) return Failure{kExitBadInput, std::string(run.status().message())};
  std::string runs_csv = absl::StrCat(kHistoryRunsHeader, "\n");
  std::string rows_csv = absl::StrCat(kHistoryRowsHeader, "\n");
  std::error_code ec;
  if (std::filesystem::exists(dir + "/runs.csv", ec)) {
    absl::StatusOr<std::string> runs_text = ReadHistoryFile(dir, "runs.csv");
    if (!runs_text.ok()) return Failure{kExitBadInput, std::string(runs_text.status().message())};
    absl::StatusOr<std::string> rows_text = ReadHistoryFile(dir, "history.csv");
    if (!rows_text.ok()) return Failure{kExitBadInput, std::string(rows_text.status().message())};
    runs_csv = *std::move(runs_text);
    rows_csv = *std::move(rows_text);
  }
  absl::StatusOr<AddedRun> added = AddToHistory(*run, runs_csv, rows_csv, dir, options);
  if (!added.ok()) return Failure{kExitBadInput, std::string(added.status().message())};
  if (std::optional<Failure> f = Publish(rows_csv + added->rows, stage + "/history.csv")) return f;
  if (std::optional<Failure> f = Publish(runs_csv + added->runs_row, stage + "/runs.csv")) return f;
  return Publish(absl::StrFormat("%s\nadded run %d to %s: rev %s, %s, machine %s, %d benchmarks\n",
                                 added->file, added->number, dir, added->rev, added->date,
                                 added->machine.fingerprint, added->benchmarks),
                 "");
}

// history add|report|fingerprint ...: history.sh's commands.
std::optional<Failure> HistoryCommand(std::span<const std::string> args) {
  if (!args.empty() && args[0] == "report") return HistoryReportCommand(args.subspan(1));
  if (!args.empty() && args[0] == "add") return HistoryAddCommand(args.subspan(1));
  if (!args.empty() && args[0] == "fingerprint") return HistoryFingerprintCommand(args.subspan(1));
  return Failure{kExitBadInput, "needs a command: add, report or fingerprint (see -h)"};
}

// The subcommands. To add one: write `std::optional<Failure> XCommand(args)`
// that reads runs with ReadRuns, computes with lib/report and renders, and
// add its row here.
struct Command {
  std::string_view name;
  std::string_view usage;
  std::optional<Failure> (*run)(std::span<const std::string>);
};
constexpr Command kCommands[] = {
    {"csv", "csv [-o OUT.csv] [FILE...]   Google Benchmark JSON as CSV (stdin when no FILE)",
     CsvCommand},
    {"overheads", "overheads [-o OUT.md] [FILE]   each overhead against its floor (overheads.sh)",
     OverheadsCommand},
    {"compare",
     "compare [--threshold=PCT] [--alpha=A] [--metric=real|cpu] [--statistic=median|mean] "
     "[--format=table|md|csv|sections] [-o OUT] BASELINE CONTENDER   (compare.sh); exit 1: slower",
     CompareCommand},
    {"export",
     "export --format=bmf|gab-smaller|gab-bigger [--out=FILE] [FILE...]   measures for CI "
     "dashboards: Bencher (BMF), github-action-benchmark (custom)",
     ExportCommand},
    {"html",
     "html [-o OUT.html] [FILE...]   one self-contained HTML report: context, speedup charts "
     "(SVG), medians; a seed run's JSON puts Python beside C++",
     HtmlCommand},
    {"table",
     "table [--tsv | --model] [-o OUT] [FILE]   table.sh's report (JSON, or json2csv.sh's CSV; "
     "stdin when no FILE)",
     TableCommand},
    {"crossover",
     "crossover [-o OUT] [FILE]   where parallelism starts to pay, from task-size sweeps "
     "(crossover.sh)",
     CrossoverCommand},
    {"advise",
     "advise --task-ns=NS --tasks=N [--kind=cpu|io] [-o OUT] FILE   which strategy and worker "
     "count (advise.sh)",
     AdviseCommand},
    {"history",
     "history add --dir=DIR --stage=STAGE [--rev=REV] [--force] [--expect-fingerprint=FP] "
     "RUN.json   what history.sh add adds, staged\n"
     "  history fingerprint RUN.json   its machine (history.sh fingerprint)\n"
     "  history report --dir=DIR [--out=OUTDIR] [--plot=PLOTDIR] [--threshold=PCT] [--alpha=A] "
     "[--min-runs=N] [--fingerprint=FP]   history.sh report; exit 1: the newest run starts a "
     "slowdown",
     HistoryCommand},
    {"plot",
     "plot --data=DIR --png=DIR [-o OUT.gp] [FILE]   plot.sh's data files (into DIR) and gnuplot "
     "script (PNGs into the --png folder)",
     PlotCommand},
    {"plot-shown",
     "plot-shown --data=DIR [-o OUT.tsv]   what plot.sh's charts show, from the files gnuplot "
     "wrote into DIR (plot.sh --shown)",
     PlotShownCommand},
};

void PrintUsage(std::FILE* to) {
  std::fprintf(to, "usage: parbench-report COMMAND [ARG...]\n");
  for (const Command& c : kCommands) {
    std::fprintf(to, "  %.*s\n", static_cast<int>(c.usage.size()), c.usage.data());
  }
  std::fprintf(to, "every command: -o OUT and --out=OUT are one option; \"--\" ends the options\n");
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return kExitBadInput;
  }
  const std::string_view name = argv[1];
  if (name == "-h" || name == "--help") {
    PrintUsage(stdout);
    return 0;
  }
  for (const Command& c : kCommands) {
    if (c.name != name) continue;
    const std::vector<std::string> args(argv + 2, argv + argc);
    const std::optional<Failure> failure = c.run(args);
    if (!failure) return 0;
    // A status without a message is an answer, not a failure (compare: exit 1).
    if (failure->message.empty()) return failure->exit_code;
    std::fprintf(stderr, "parbench-report %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                 failure->message.c_str());
    return failure->exit_code;
  }
  std::fprintf(stderr, "parbench-report: unknown command: %s (try -h)\n", argv[1]);
  return kExitBadInput;
}

}  // namespace
}  // namespace parbench::report

int main(int argc, char** argv) { return parbench::report::Main(argc, argv); }
