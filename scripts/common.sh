# shellcheck shell=sh
# Shared helpers for parbench's scripts: messages, command checks, Debian
# package installation and temporary files. Sourced,
# never run, as `. "$(dirname "$0")/common.sh"`.

# The scripts' folder.
PARBENCH_SCRIPTS=$(dirname "$0")

# Prints "<script>: message" on stderr.
err() {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Bad input: one line on stderr, exit status 2.
die_usage() {
  err "$@"
  exit 2
}

# Any other failure: one line on stderr, exit status 1.
die() {
  err "$@"
  exit 1
}

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "needs '$1', which is not installed"
}

# check_mpi_ranks P: bad input unless P is a whole number of ranks from 2
# (rank 0 measures, the others serve the Mpi rows).
check_mpi_ranks() {
  case "$1" in
    '' | *[!0-9]* | 0 | 1) die_usage "--mpi must be a whole number of ranks from 2" ;;
  esac
}

# What every mpirun of the scripts needs here: mpirun itself, and leave to
# run as root (containers). More ranks than CPUs is each caller's
# --oversubscribe.
allow_mpirun() {
  need_cmd mpirun
  OMPI_ALLOW_RUN_AS_ROOT=1
  OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM
}

# The in-flight record an Mpi job's rank 0 keeps (bench/families/mpi.cc,
# lib/strategies/dispatch/in_flight_record.h: fixed-width lines, hex
# numbers), read after the job ended: Open MPI ends every rank when one
# dies, and mpirun's own message names only the rank.
#
# tell_in_flight FILE: one line on stderr for each worker that held tasks
# when the job ended — its rank, its tasks and the benchmark — e.g.
#   run.sh: the Mpi job ended while worker rank 1 (pid 4242) ran tasks 0-1 of Scribble/Mpi/warm/workers:2/tasks:3/real_time
# A line rank 0 was writing when it died is called torn, not shown. Nothing
# when FILE is missing (rank 0 ran on another host) or is no such record.
tell_in_flight() {
  [ -f "$1" ] || return 0
  { IFS= read -r _if_head && [ "$_if_head" = "parbench-in-flight 1" ]; } <"$1" || return 0
  _if_benchmark=""
  _if_worker=0
  _if_told=""
  while read -r _if_tag _if_seq _if_a _if_b _if_c _if_d _if_e _if_f _if_g _if_end; do
    case $_if_tag in
      benchmark)
        # benchmark SEQ NAME SEQ
        if [ "$_if_seq" = "$_if_b" ] && [ "$_if_a" != - ]; then
          _if_benchmark=$_if_a
        elif [ "$_if_seq" != "$_if_b" ]; then
          _if_benchmark="a benchmark whose name rank 0 was writing"
        fi ;;
      worker)
        # worker SEQ KIND RANK PID FIRST COUNT NEXT_FIRST NEXT_COUNT SEQ
        _if_worker=$((_if_worker + 1))
        if [ "$_if_seq" != "$_if_end" ]; then
          err "the Mpi job ended while rank 0 was writing worker line $_if_worker of $1: torn, not shown"
          _if_told=1
          continue
        fi
        _if_ok=1
        for _if_n in "$_if_d" "$_if_e" "$_if_f" "$_if_g"; do
          in_flight_hex "$_if_n" || _if_ok=""
        done
        for _if_n in "$_if_b" "$_if_c"; do
          in_flight_decimal "$_if_n" || _if_ok=""
        done
        # Not a line of the record, or a worker that held nothing.
        [ -n "$_if_ok" ] || continue
        [ $((_if_e)) -gt 0 ] || continue
        case $_if_a in
          rank) _if_who="worker rank $_if_b" ;;
          spawned) _if_who="spawned worker rank $_if_b" ;;
          *) _if_who="worker $_if_a $_if_b" ;;
        esac
        [ "$_if_c" -lt 0 ] || _if_who="$_if_who (pid $_if_c)"
        _if_next=""
        [ $((_if_g)) -eq 0 ] || _if_next=" (and held $(in_flight_tasks "$_if_f" "$_if_g") next)"
        err "the Mpi job ended while $_if_who ran $(in_flight_tasks "$_if_d" "$_if_e")$_if_next of ${_if_benchmark:-an unnamed benchmark}"
        _if_told=1 ;;
    esac
  done <"$1"
  [ -n "$_if_told" ] || [ -z "$_if_benchmark" ] ||
    err "the Mpi job ended during $_if_benchmark, with no worker holding tasks"
  return 0
}

# in_flight_hex WORD, in_flight_decimal WORD: true when WORD is one of the
# record's numbers (0x and eight hex digits; a decimal, maybe negative), so
# that nothing else reaches sh's arithmetic or test.
in_flight_hex() {
  case $1 in
    0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) return 0 ;;
  esac
  return 1
}
in_flight_decimal() {
  case $1 in
    '' | - | *[!0-9-]* | ?*-*) return 1 ;;
  esac
  return 0
}

# in_flight_tasks FIRST COUNT: "task F" or "tasks F-L", in decimal.
in_flight_tasks() {
  if [ $(($2)) -eq 1 ]; then
    printf 'task %d' $(($1))
  else
    printf 'tasks %d-%d' $(($1)) $(($1 + $2 - 1))
  fi
}

# bench's exit status when Open MPI's spawn hung (kSpawnHung,
# lib/strategies/mpi/spawn_launch.h), and how many times in a row a script
# goes on by itself after one: run.sh resumes without the benchmark that was
# running, regress.sh runs the side's round again.
# shellcheck disable=SC2034 # used by the scripts that source this file
SPAWN_HUNG=75
# shellcheck disable=SC2034 # used by the scripts that source this file
SPAWN_HUNG_RESUMES=5

# The Debian packages parbench builds, tests and reports with: the one list
# that test.sh, run.sh and CI (scripts/install-deps.sh) install. git fetches
# over https with ca-certificates (CI's checkout, the history branch).
# shellcheck disable=SC2034 # used by the scripts that source this file
PARBENCH_PACKAGES="ca-certificates cmake g++ make git libbenchmark-dev libgtest-dev libabsl-dev libtbb-dev libgsl-dev nlohmann-json3-dev zlib1g-dev openmpi-bin libopenmpi-dev jq gawk gnuplot-nox shellcheck clang-format clang-tidy clang-14 libclang-rt-14-dev iproute2 chromium"

# Which Debian package provides what each find_package() of the CMakeLists
# looks for, one "CMakeName package" a line ("-": the compiler and libc).
# The deps test fails when a find_package(... REQUIRED) has no line here,
# or its package is not in PARBENCH_PACKAGES.
# shellcheck disable=SC2034 # read by test/scripts/deps_test.sh
PARBENCH_CMAKE_PACKAGES="
Threads -
OpenMP g++
absl libabsl-dev
benchmark libbenchmark-dev
GTest libgtest-dev
TBB libtbb-dev
ZLIB zlib1g-dev
MPI libopenmpi-dev
GSL libgsl-dev
nlohmann_json nlohmann-json3-dev
"

# Installs whichever of the given Debian packages are missing (needs root or
# sudo); a machine that already has them is left untouched.
ensure_packages() {
  _missing=""
  for _pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$_pkg" 2>/dev/null | grep -q 'ok installed' ||
      _missing="$_missing $_pkg"
  done
  [ -z "$_missing" ] && return 0
  need_cmd apt-get
  _sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    need_cmd sudo
    _sudo="sudo"
  fi
  err "installing missing Debian packages:$_missing"
  $_sudo apt-get update -qq >&2 || die "apt-get update failed"
  # shellcheck disable=SC2086 # the package list is meant to split
  DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -qq --no-install-recommends $_missing >&2 ||
    die "could not install:$_missing"
}

# A temporary directory removed when the script exits, whatever the reason.
# Sets PARBENCH_TMP.
make_tmpdir() {
  PARBENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/parbench.XXXXXX") || die "mktemp failed"
  # shellcheck disable=SC2064 # expand now: the path is fixed from here on
  trap "rm -rf '$PARBENCH_TMP'" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Moves a finished temporary file into place, so a failure never leaves half
# an output file behind: publish TMPFILE DEST.
publish() {
  mv -f "$1" "$2" || die "cannot write $2"
}

# Copies the input (a file name, or - for stdin) to $PARBENCH_TMP/in and sets
# `src` to its name for messages. A missing, unreadable or blank input is bad
# input. Needs make_tmpdir first.
read_input() {
  if [ "$1" = - ]; then
    src=stdin
    cat >"$PARBENCH_TMP/in" || die "cannot read stdin"
  else
    src=$1
    [ -e "$1" ] || die_usage "$1: no such file"
    { [ -f "$1" ] && [ -r "$1" ]; } || die_usage "$1: not a readable file"
    cp "$1" "$PARBENCH_TMP/in" || die "cannot read $1"
  fi
  grep -q '[^[:space:]]' "$PARBENCH_TMP/in" || die_usage "$src is empty"
}

# The benchmark profiles, scripts/profiles/<name>: a filter, bench arguments
# and run counts for regress.sh and run.sh (see scripts/profiles/ci).
# shellcheck disable=SC2034 # used by the scripts that source this file
PARBENCH_PROFILES=$PARBENCH_SCRIPTS/profiles

# Reads a profile, a name in $PARBENCH_PROFILES or a path with a slash:
# sets PROFILE_FILTER (its filter lines joined with |), PROFILE_ARGS (its
# args lines joined with a blank), PROFILE_ROUNDS, PROFILE_REPETITIONS,
# PROFILE_MIN_TIME, PROFILE_THRESHOLD and PROFILE_ALPHA (compare.sh's; empty
# when it does not say). A missing profile or a
# line that is not key=value with a known key is bad input.
# shellcheck disable=SC2034 # PROFILE_* are for the scripts that source this file
load_profile() {
  case $1 in
    */*) _profile=$1 ;;
    *) _profile=$PARBENCH_PROFILES/$1 ;;
  esac
  if ! { [ -f "$_profile" ] && [ -r "$_profile" ]; }; then
    # find, not a glob: the caller may have turned globbing off (set -f).
    _known=$(find "$PARBENCH_PROFILES" -type f ! -name '.*' 2>/dev/null | sed 's|.*/||' | sort | tr '\n' ' ' | sed 's/ $//')
    die_usage "no profile '$1' (profiles: ${_known:-none})"
  fi
  PROFILE_FILTER="" PROFILE_ARGS="" PROFILE_ROUNDS="" PROFILE_REPETITIONS="" PROFILE_MIN_TIME=""
  PROFILE_THRESHOLD="" PROFILE_ALPHA=""
  _n=0
  while IFS= read -r _line || [ -n "$_line" ]; do
    _n=$((_n + 1))
    case $_line in '#'* | '') continue ;; esac
    case $_line in *[![:space:]]*) ;; *) continue ;; esac
    _key=${_line%%=*}
    _value=${_line#*=}
    [ "$_key" != "$_line" ] || die_usage "$_profile, line $_n: not key=value"
    [ -n "$_value" ] || die_usage "$_profile, line $_n: no value for $_key"
    case $_key in filter | args) ;; *)
      case $_value in *[[:space:]]*) die_usage "$_profile, line $_n: a blank in the value of $_key" ;; esac
    esac
    case $_key in
      filter) PROFILE_FILTER=${PROFILE_FILTER:+$PROFILE_FILTER|}$_value ;;
      args) PROFILE_ARGS=${PROFILE_ARGS:+$PROFILE_ARGS }$_value ;;
      rounds) PROFILE_ROUNDS=$_value ;;
      repetitions) PROFILE_REPETITIONS=$_value ;;
      min-time) PROFILE_MIN_TIME=$_value ;;
      threshold) PROFILE_THRESHOLD=$_value ;;
      alpha) PROFILE_ALPHA=$_value ;;
      *) die_usage "$_profile, line $_n: unknown key '$_key'" ;;
    esac
  done <"$_profile"
}

# The report engine's binary, parbench-report: $PARBENCH_REPORT, else the
# one built in build/ beside scripts/, else one on the PATH. Sets `report`.
need_report() {
  report=${PARBENCH_REPORT:-$PARBENCH_SCRIPTS/../build/parbench-report}
  if [ ! -x "$report" ]; then
    report=$(command -v parbench-report 2>/dev/null) ||
      die "needs parbench-report: cmake --build build --target parbench-report"
  fi
}

# run_report COMMAND ARG...: runs `parbench-report COMMAND ARG...`; its
# message, if any, comes out as this script's one line, with its exit status
# (2: bad input). Exit 1 without a message is an answer, returned as is
# (compare's 1: a regression). Needs make_tmpdir and need_report first.
run_report() {
  "$report" "$@" 2>"$PARBENCH_TMP/report.err" && return 0
  _status=$?
  [ -s "$PARBENCH_TMP/report.err" ] || [ "$_status" -ne 1 ] || return 1
  _message=$(sed -n '1s/^parbench-report [a-z-]*: //p' "$PARBENCH_TMP/report.err")
  [ -n "$_message" ] || _message="parbench-report $1 failed (exit $_status)"
  [ "$_status" -eq 2 ] && die_usage "$_message"
  die "$_message"
}
