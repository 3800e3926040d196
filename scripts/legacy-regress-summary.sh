#!/bin/sh
# LEGACY: the awk regress-summary.sh, kept beside its replacement
# (scripts/regress-summary.sh, whose tables are compare.sh --format=sections)
# while the report engine migrates; test/scripts/report_parity_test.sh
# compares the two byte for byte. Delete with the last awk script.
# The Markdown summary of a regress.sh run, for a CI job summary: both
# commits, the verdict, the regressions first, then every benchmark; when
# the comparison could not be made (regress.sh's status 3: a build or a run
# failed), why, with the end of its log.
#
#   scripts/regress-summary.sh [--status=N] [--log=FILE] [COMPARE_OPTIONS] DIR
#
# DIR is regress.sh's --out (revisions.txt, compare-options, baseline.json,
# contender.json, the logs it kept), N its exit status, FILE what it wrote
# on stderr. The comparison is made with the compare.sh options regress.sh
# used (DIR/compare-options), or with COMPARE_OPTIONS (--threshold,
# --alpha, --metric, --statistic) when given.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
usage: regress-summary.sh [--status=N] [--log=FILE] [--threshold=PCT ...] DIR
  DIR           regress.sh's --out folder
  --status=N    regress.sh's exit status (default: 0, or 1 when a benchmark
                in DIR is slower)
  --log=FILE    what regress.sh wrote on stderr: its end is shown on failure
  --threshold=PCT --alpha=A --metric=M --statistic=S
                passed to compare.sh (default: DIR/compare-options, the
                options regress.sh used)
EOF
}

# The commits of both sides, from DIR/revisions.txt.
print_commits() {
  if [ ! -s "$dir/revisions.txt" ]; then
    printf 'Commits: not recorded (regress.sh --bench, or it stopped before reading them).\n\n'
    return
  fi
  printf '| side | commit | as given | subject |\n| --- | --- | --- | --- |\n'
  awk -F '\t' -f "$PARBENCH_AWK/fmt.awk" -f "$PARBENCH_SCRIPTS/regress-summary.awk" \
    -v PART=commits "$dir/revisions.txt"
  printf '\n'
}

# The comparison's Markdown table, the slower rows first: a section of the
# regressions, then every benchmark.
print_comparison() {
  # shellcheck disable=SC2086 # compare.sh's options are single words
  sh "$PARBENCH_SCRIPTS/compare.sh" --format=md $compare_opts "$dir/baseline.json" \
    "$dir/contender.json" >"$PARBENCH_TMP/table.md" 2>"$PARBENCH_TMP/compare.err"
  _cmp=$?
  if [ "$_cmp" -ge 2 ]; then
    printf 'The comparison could not be read: %s\n' "$(head -n 1 "$PARBENCH_TMP/compare.err")"
    return
  fi
  awk -v PART=tables -f "$PARBENCH_AWK/fmt.awk" -f "$PARBENCH_SCRIPTS/regress-summary.awk" \
    "$PARBENCH_TMP/table.md"
}

main() {
  status="" log="" compare_opts="" dir=""
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --status=*) status=${1#*=} ;;
      --log=*) log=${1#*=} ;;
      --threshold=* | --alpha=* | --metric=* | --statistic=*)
        case $1 in *[\ \	]*) die_usage "bad option: '$1'" ;; esac
        compare_opts="$compare_opts $1" ;;
      -?*) die_usage "unknown option: $1 (see -h)" ;;
      *) [ -z "$dir" ] || die_usage "one DIR only (see -h)"; dir=$1 ;;
    esac
    shift
  done
  [ -n "$dir" ] || die_usage "needs DIR, regress.sh's --out (see -h)"
  [ -d "$dir" ] || die_usage "$dir: not a directory"
  case $status in '' | [0-9] | [0-9][0-9] | [0-9][0-9][0-9]) ;; *) die_usage "bad --status '$status'" ;; esac
  [ -z "$log" ] || [ -f "$log" ] || die_usage "$log: no such file"
  need_cmd awk
  if [ -z "$compare_opts" ] && [ -f "$dir/compare-options" ]; then
    while IFS= read -r _opt; do
      case $_opt in
        '') ;;
        --threshold=* | --alpha=* | --metric=* | --statistic=*)
          case $_opt in *[[:space:]]*) die_usage "$dir/compare-options: bad option '$_opt'" ;; esac
          compare_opts="$compare_opts $_opt" ;;
        *) die_usage "$dir/compare-options: unknown option '$_opt'" ;;
      esac
    done <"$dir/compare-options"
  fi
  make_tmpdir
  have_json=""
  [ -s "$dir/baseline.json" ] && [ -s "$dir/contender.json" ] && have_json=1
  if [ -z "$status" ]; then
    status=0
    if [ -n "$have_json" ]; then
      # shellcheck disable=SC2086
      sh "$PARBENCH_SCRIPTS/compare.sh" $compare_opts "$dir/baseline.json" "$dir/contender.json" \
        >/dev/null 2>&1 || status=$?
    fi
  fi
  case $status in
    0) headline="no regression" ;;
    1) headline="a benchmark is slower" ;;
    2) headline="bad input: nothing was compared" ;;
    3) headline="a build or a run failed: nothing was compared" ;;
    *) headline="regress.sh stopped with status $status" ;;
  esac
  {
    printf '## Benchmarks: %s\n\n' "$headline"
    print_commits
    if [ "$status" -ge 2 ] || [ -z "$have_json" ]; then
      printf '### Why\n\n'
      if [ -n "$log" ] && [ -s "$log" ]; then
        printf 'The end of regress.sh'\''s log:\n\n```\n'
        tail -n 40 "$log"
        printf '```\n\n'
      else
        printf 'No log was given.\n\n'
      fi
      _logs=$(find "$dir" -maxdepth 1 \( -name 'build-*.log' -o -name 'run-*.log' \) | sed 's|.*/||' | sort | tr '\n' ' ')
      [ -z "$_logs" ] || printf 'Logs kept in %s: %s\n' "$dir" "$_logs"
    else
      print_comparison
    fi
  } >"$PARBENCH_TMP/summary.md"
  cat "$PARBENCH_TMP/summary.md"
}

main "$@" || exit 1
