#!/bin/sh
# The Markdown summary of a regress.sh run, for a CI job summary: both
# commits, the verdict, the regressions first, then every benchmark; when
# the comparison could not be made (regress.sh's status 3: a build or a run
# failed), why, with the end of its log.
#
#   scripts/regress-summary.sh [--status=N] [--log=FILE] [--report-url=URL] [COMPARE_OPTIONS] DIR
#
# DIR is regress.sh's --out (revisions.txt, compare-options, baseline.json,
# contender.json, the logs it kept), N its exit status, FILE what it wrote
# on stderr. The comparison is made with the compare.sh options regress.sh
# used (DIR/compare-options), or with COMPARE_OPTIONS (--threshold,
# --alpha, --metric, --statistic) when given. When DIR holds report.html
# (regress.sh's page of both sides), the summary links it: to URL, where CI
# keeps it (the run's page, with its artifacts), or by its path.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
usage: regress-summary.sh [--status=N] [--log=FILE] [--threshold=PCT ...] DIR
  DIR           regress.sh's --out folder
  --status=N    regress.sh's exit status (default: 0, or 1 when a benchmark
                in DIR is slower)
  --log=FILE    what regress.sh wrote on stderr: its end is shown on failure
  --report-url=URL
                where DIR/report.html can be found (CI: the run's page, whose
                artifacts hold it); default: its path
  --threshold=PCT --alpha=A --metric=M --statistic=S
                passed to compare.sh (default: DIR/compare-options, the
                options regress.sh used)
EOF
}

# The commits of both sides, from DIR/revisions.txt (side, commit, revision
# as given, subject; tab-separated): a Markdown table row each.
print_commits() {
  if [ ! -s "$dir/revisions.txt" ]; then
    printf 'Commits: not recorded (regress.sh --bench, or it stopped before reading them).\n\n'
    return
  fi
  printf '| side | commit | as given | subject |\n| --- | --- | --- | --- |\n'
  _tab=$(printf '\t')
  while IFS=$_tab read -r _side _commit _given _subject || [ -n "$_side" ]; do
    # shellcheck disable=SC2016 # backquotes of Markdown
    printf '| %s | `%s` | `%s` | %s |\n' "$_side" "$(printf '%s' "$_commit" | cut -c 1-12)" \
      "$(md_cell "$_given")" "$(md_cell "$_subject")"
  done <"$dir/revisions.txt"
  printf '\n'
}

# The link to both sides' HTML page, when regress.sh made it.
# shellcheck disable=SC2016 # backquotes here are Markdown's, not commands
print_report_link() {
  [ -f "$dir/report.html" ] || return 0
  if [ -n "$report_url" ]; then
    printf 'Both sides on one page, speedup charts and medians: `report.html` in the artifacts of [this run](%s).\n\n' "$report_url"
  else
    printf 'Both sides on one page, speedup charts and medians: `%s/report.html`.\n\n' "$dir"
  fi
}

# md_cell S: S as the text of a Markdown table cell (a field of one line):
# each run of CRs one blank, "|" escaped.
md_cell() {
  _cr=$(printf '\r')
  printf '%s\n' "$1" | sed "s/$_cr$_cr*/ /g; s/|/\\\\|/g"
}

# The comparison in two sections, the regressions first, then every
# benchmark (compare.sh --format=sections).
print_comparison() {
  # shellcheck disable=SC2086 # compare.sh's options are single words
  sh "$PARBENCH_SCRIPTS/compare.sh" --format=sections $compare_opts "$dir/baseline.json" \
    "$dir/contender.json" >"$PARBENCH_TMP/sections.md" 2>"$PARBENCH_TMP/compare.err"
  _cmp=$?
  if [ "$_cmp" -ge 2 ]; then
    printf 'The comparison could not be read: %s\n' "$(head -n 1 "$PARBENCH_TMP/compare.err")"
    return
  fi
  cat "$PARBENCH_TMP/sections.md"
}

main() {
  status="" log="" compare_opts="" dir="" report_url=""
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --status=*) status=${1#*=} ;;
      --log=*) log=${1#*=} ;;
      --report-url=?*) report_url=${1#*=} ;;
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
    print_report_link
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
