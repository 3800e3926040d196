#!/bin/sh
# One self-contained HTML report of bench runs (and of the seed's Python
# run, given as another FILE), and, if asked, its screenshots in headless
# Chromium: the first screen, a phone's, and each section alone.
#   scripts/report.sh [-o OUT.html] [--screenshots=DIR] FILE...
# The page is made by `parbench-report html` (lib/report/html_report.h);
# this script adds what the C++ should not do, driving a browser. Bad input
# is one line and exit 2.
set -u
. "$(dirname "$0")/common.sh"

# The browser's window for the screenshots: a desktop's, a section's and
# a phone's.
DESKTOP_SIZE=1200,900
SECTION_SIZE=1200,1700
PHONE_SIZE=390,844

usage() {
  cat <<EOF
usage: ${0##*/} [-o OUT.html] [--screenshots=DIR] FILE...
  FILE...            Google Benchmark JSON from bench (and seed.sh's, for Python's rows)
  -o OUT.html        the report (default: report.html beside the first FILE)
  --screenshots=DIR  PNGs in headless Chromium: top.png (first screen), phone.png,
                     and <section>.png for each section alone
EOF
}

# shot URL PNG SIZE: a screenshot of URL in a window of SIZE (W,H).
shot() {
  rm -f "$2"
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$PARBENCH_TMP/profile" --window-size="$3" --screenshot="$2" "$1" \
    >/dev/null 2>"$PARBENCH_TMP/chromium.log"
  [ -s "$2" ] || die "chromium made no screenshot $2: $(tail -n 1 "$PARBENCH_TMP/chromium.log")"
}

# screenshots HTML DIR: the first screen, a phone's, and every section alone
# (a copy of the page that hides the header and the other sections).
screenshots() {
  chromium=${CHROMIUM:-chromium}
  command -v "$chromium" >/dev/null 2>&1 || die "needs $chromium for --screenshots (Debian: apt-get install chromium)"
  mkdir -p "$2" || die "cannot make $2"
  _page=$(cd "$(dirname "$1")" && pwd)/${1##*/}
  shot "file://$_page" "$PARBENCH_TMP/top.png" "$DESKTOP_SIZE"
  publish "$PARBENCH_TMP/top.png" "$2/top.png"
  shot "file://$_page" "$PARBENCH_TMP/phone.png" "$PHONE_SIZE"
  publish "$PARBENCH_TMP/phone.png" "$2/phone.png"
  grep -o '<section [^>]*id="[^"]*"' "$1" | sed 's/.*id="//; s/"$//' >"$PARBENCH_TMP/sections"
  while IFS= read -r _id; do
    sed "s#</head>#<style>header,main>section{display:none}main>section\#$_id{display:block}</style></head>#" \
      "$1" >"$PARBENCH_TMP/section.html"
    shot "file://$PARBENCH_TMP/section.html" "$PARBENCH_TMP/section.png" "$SECTION_SIZE"
    publish "$PARBENCH_TMP/section.png" "$2/$_id.png"
  done <"$PARBENCH_TMP/sections"
}

main() {
  out="" shots=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      -o) [ $# -ge 2 ] || die_usage "-o needs a file name"; out=$2; shift ;;
      --screenshots=?*) shots=${1#*=} ;;
      --) shift; break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
    shift
  done
  [ $# -ge 1 ] || die_usage "needs at least one FILE (try -h)"
  for _f do
    [ -e "$_f" ] || die_usage "$_f: no such file"
    { [ -f "$_f" ] && [ -r "$_f" ]; } || die_usage "$_f: not a readable file"
  done
  [ -n "$out" ] || out=$(dirname "$1")/report.html
  need_report
  make_tmpdir
  run_report html -o "$PARBENCH_TMP/report.html" -- "$@"
  publish "$PARBENCH_TMP/report.html" "$out"
  err "wrote $out"
  [ -z "$shots" ] || screenshots "$out" "$shots"
}

main "$@" || exit 1
