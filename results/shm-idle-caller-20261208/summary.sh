#!/bin/sh
# One line per quiet run given: issue 22's ratios from the unrounded
# medians, with the ThreadPool rows that say what the caller's share is
# worth and the run's two-thread ceiling; "-" for a row the run lacks.
# Times in µs (Chunk, PerTask, RoundTrip) and ms (Cpu).
# usage: summary.sh quiet-*.json
set -eu
for f in "$@"; do
  jq -r --arg f "$(basename "$f")" '
    [.benchmarks[] | select(.aggregate_name == "median")] as $m
    | def t(p): [$m[] | select(.name | test(p)) | .real_time] | first;
      def q(a; b): if a == null or b == null then "-" else (a / b * 100 | round) / 100 end;
      def u(x): if x == null then "-" else (x * 10 | round) / 10 end;
    t("^Chunk/Sequential/") as $seq
    | t("^Overhead/PerTask/ProcessPool/shm/.*chunk:125/workers:2/") as $ps
    | t("^Overhead/PerTask/ThreadPool/.*chunk:125/workers:2/") as $pt
    | "\($f): Chunk Sequential \(u($seq * 1000)) us; ÷ shm \(q($seq; t("^Chunk/ProcessPool/shm/warm/.*chunk:125/")))"
      + ", ÷ pipe \(q($seq; t("^Chunk/ProcessPool/warm/.*chunk:125/")))"
      + ", ÷ ThreadPool \(q($seq; t("^Chunk/ThreadPool/warm/.*chunk:125/")))"
      + ", ÷ ThreadPool caller idle \(q($seq; t("^Knobs/ThreadPool/warm/spin:1/caller_runs:0/.*size:1000/")))"
      + ", ÷ ThreadPool caller runs \(q($seq; t("^Knobs/ThreadPool/warm/spin:1/caller_runs:1/.*size:1000/")))"
      + "; ceiling \(q(t("^Cpu/Sequential/"); t("^Cpu/BareThreads/workers:2/")))"
      + "; PerTask shm \(u($ps)) ThreadPool \(u($pt)) = \(q($ps; $pt))x"
      + "; RoundTrip shm \(u(t("^Overhead/RoundTrip/ProcessPool/shm/")))"
      + " floor \(u(t("^Floor/ShmFutexRoundTrip/"))) pipe \(u(t("^Overhead/RoundTrip/ProcessPool/workers")))"
      + "; Cpu ms warm shm \(u(t("^Cpu/ProcessPool/shm/warm/"))) pipe \(u(t("^Cpu/ProcessPool/warm/")))"
      + ", cold shm \(u(t("^Cpu/ProcessPool/shm/cold/"))) pipe \(u(t("^Cpu/ProcessPool/cold/")))"
  ' "$f"
done
