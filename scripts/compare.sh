#!/bin/sh
# Compares two Google Benchmark JSON files (a baseline and a contender) and
# says, benchmark by benchmark, whether the contender is slower, faster or
# unchanged. A change counts only when it is strictly beyond the threshold
# AND, with enough repetitions on both sides, significant by a two-sided
# Mann-Whitney U test (exact for small samples without ties; on per-round
# medians for the files regress.sh merges). Exit status: 0 no regression,
# 1 at least one regression, 2 bad input.
#
#   scripts/compare.sh [OPTIONS] BASELINE.json CONTENDER.json
#
# The relative change is (contender - baseline) / |baseline|, Google
# Benchmark's tools/compare.py formula, on the median of the repetitions
# (--statistic=mean for the mean); see docs/tracking-regressions.md. The
# rows come slower first, then faster, then the rest, each in the tables'
# order (workload, strategy, life, workers), whatever order the files hold
# them in. The work is done by `parbench-report compare`
# (lib/report/compare.h; the statistics in lib/report/stats/); this script
# keeps the command line.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
usage: compare.sh [--threshold=PCT] [--alpha=A] [--metric=real|cpu]
                  [--statistic=median|mean] [--format=table|md|csv|sections]
                  BASELINE.json CONTENDER.json
       compare.sh --erfc=X            (diagnostic: prints erfc(X))
       compare.sh --utest 'X1 X2 ...' 'Y1 Y2 ...'
                                      (diagnostic: prints U, z, p and the
                                      method, exact or normal)
  --threshold=PCT   a change must exceed PCT percent to count (default 5)
  --alpha=A         significance level of the two-sided U test (default 0.05)
  --metric=M        real (default) or cpu time
  --statistic=S     median (default) or mean of the repetitions
  --format=F        table (default), md, csv, or sections (the Markdown table
                    twice: the regressions alone, then every benchmark)
exit status: 0 no regression, 1 at least one regression, 2 bad input
EOF
}

# Checks a number: is_number VALUE → success when VALUE is a plain decimal.
is_number() {
  case $1 in
    '' | . | *[!0-9.]* | *.*.*) return 1 ;;
  esac
  return 0
}

# Checks that a file exists, can be read and is not empty.
check_input() {
  [ -e "$1" ] || die_usage "$1: no such file"
  { [ -r "$1" ] && [ -f "$1" ]; } || die_usage "$1: not a readable file"
  [ -s "$1" ] || die_usage "$1: empty file"
}

main() {
  threshold=5 alpha=0.05 metric=real statistic=median format=table
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --threshold=*) threshold=${1#*=} ;;
      --alpha=*) alpha=${1#*=} ;;
      --metric=*) metric=${1#*=} ;;
      --statistic=*) statistic=${1#*=} ;;
      --format=*) format=${1#*=} ;;
      --erfc=*)
        _x=${1#*=}
        is_number "${_x#-}" || die_usage "--erfc needs a number, got '$_x'"
        need_report
        make_tmpdir
        run_report compare "--erfc=$_x"
        return ;;
      --utest)
        [ $# -eq 3 ] || die_usage "--utest needs two samples"
        for _v in $2 $3; do
          is_number "$_v" || die_usage "--utest needs numbers, got '$_v'"
        done
        need_report
        make_tmpdir
        run_report compare --utest "$2" "$3"
        return ;;
      --) shift; break ;;
      -?*) die_usage "unknown option: $1 (see -h)" ;;
      *) break ;;
    esac
    shift
  done
  [ $# -eq 2 ] || die_usage "needs BASELINE.json and CONTENDER.json (see -h)"
  threshold=${threshold%\%}
  is_number "$threshold" || die_usage "bad --threshold '$threshold': a percentage >= 0"
  is_number "$alpha" || die_usage "bad --alpha '$alpha': a number between 0 and 1"
  awk -v a="$alpha" 'BEGIN { exit !(a > 0 && a < 1) }' </dev/null ||
    die_usage "bad --alpha '$alpha': a number between 0 and 1"
  case $metric in real | cpu) ;; *) die_usage "bad --metric '$metric': real or cpu" ;; esac
  case $statistic in median | mean) ;; *) die_usage "bad --statistic '$statistic': median or mean" ;; esac
  case $format in table | md | csv | sections) ;; *) die_usage "bad --format '$format': table, md, csv or sections" ;; esac
  check_input "$1"
  check_input "$2"
  need_report
  make_tmpdir
  # Exit 1, a regression, comes back as is, after the report.
  run_report compare --threshold="$threshold" --alpha="$alpha" --metric="$metric" \
    --statistic="$statistic" --format="$format" -- "$1" "$2"
}

main "$@" || exit 1
