# shellcheck shell=sh
# Shared helpers for the script tests, sourced by test/scripts/*_test.sh.
# ctest runs each test as `sh test/scripts/X_test.sh` with PARBENCH_ROOT set
# to the repository root (and optionally BENCH to a built bench binary).
# Every check prints "ok" or "FAIL" with its name; t_finish prints the
# closing "N passed, M failed" line and sets the exit status.

ROOT=${PARBENCH_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck disable=SC2034 # used by the tests that source this file
SCRIPTS=$ROOT/scripts
# shellcheck disable=SC2034
FIXTURES=$ROOT/test/scripts/fixtures
T_PASSED=0
T_FAILED=0

# A scratch directory, removed at exit: $T_TMP.
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/parbench-test.XXXXXX") || exit 1
# shellcheck disable=SC2064 # expand now: the path is fixed from here on
trap "rm -rf '$T_TMP'" EXIT

t_pass() {
  T_PASSED=$((T_PASSED + 1))
  printf 'ok    %s\n' "$1"
}

t_fail() {
  T_FAILED=$((T_FAILED + 1))
  printf 'FAIL  %s\n' "$1"
  shift
  [ $# -eq 0 ] || printf '      %s\n' "$@"
}

t_skip() {
  printf 'skip  %s\n' "$*"
}

# t_check NAME COMMAND...: passes when COMMAND succeeds.
t_check() {
  _name=$1
  shift
  if "$@"; then
    t_pass "$_name"
  else
    t_fail "$_name"
  fi
}

# Runs a command with stdout, stderr and status captured in $T_TMP/out,
# $T_TMP/err and $T_STATUS; stdin is whatever the caller redirects.
t_run() {
  T_STATUS=0
  "$@" >"$T_TMP/out" 2>"$T_TMP/err" || T_STATUS=$?
}

# The same, run from directory DIR: t_run_in DIR COMMAND...
t_run_in() {
  _dir=$1
  shift
  T_STATUS=0
  (cd "$_dir" && "$@") >"$T_TMP/out" 2>"$T_TMP/err" || T_STATUS=$?
}

# t_eq NAME EXPECTED ACTUAL
t_eq() {
  if [ "$2" = "$3" ]; then
    t_pass "$1"
  else
    t_fail "$1" "expected: $2" "actual:   $3"
  fi
}

# t_close NAME EXPECTED ACTUAL RELTOL: ACTUAL is a number within RELTOL
# (relative) of EXPECTED.
t_close() {
  if awk -v e="$2" -v a="$3" -v t="$4" 'BEGIN {
       d = a - e; if (d < 0) d = -d; m = e < 0 ? -e : e
       exit !(a != "" && d <= t * m) }' </dev/null; then
    t_pass "$1 = $3"
  else
    t_fail "$1" "expected $2 (relative tolerance $4), got '$3'"
  fi
}

# t_same_file NAME EXPECTED_FILE ACTUAL_FILE: byte for byte, diff shown.
t_same_file() {
  if cmp -s "$2" "$3"; then
    t_pass "$1"
  else
    t_fail "$1" "differs from $2:"
    diff "$2" "$3" | head -n 20 | sed 's/^/      /'
  fi
}

# t_has_line NAME FILE LINE: FILE holds exactly this line.
t_has_line() {
  if grep -Fxq -- "$3" "$2"; then
    t_pass "$1"
  else
    t_fail "$1" "no line: $3"
  fi
}

# t_lacks NAME FILE TEXT: FILE holds no line containing TEXT.
t_lacks() {
  if grep -Fq -- "$3" "$2"; then
    t_fail "$1" "unexpected: $(grep -F -- "$3" "$2" | head -n 1)"
  else
    t_pass "$1"
  fi
}

# t_usage_error NAME COMMAND...: exit status 2, nothing on stdout, exactly one
# line on stderr.
t_usage_error() {
  _name=$1
  shift
  t_run "$@"
  _lines=$(wc -l <"$T_TMP/err" | tr -d ' ')
  if [ "$T_STATUS" -eq 2 ] && [ ! -s "$T_TMP/out" ] && [ "$_lines" -eq 1 ]; then
    t_pass "$_name ($(cat "$T_TMP/err"))"
  else
    t_fail "$_name" "status $T_STATUS (want 2), stdout $(wc -c <"$T_TMP/out" | tr -d ' ') bytes (want 0), stderr $_lines lines (want 1):" "$(head -n 3 "$T_TMP/err")"
  fi
}

# A file of bad inputs in $T_TMP/bad: empty, blank, invalid JSON, JSON
# without a benchmarks array, and so on.
t_make_bad_inputs() {
  mkdir -p "$T_TMP/bad"
  : >"$T_TMP/bad/empty.json"
  printf '  \n\n' >"$T_TMP/bad/blank.json"
  printf '{"context": {}, "benchmarks": [\n' >"$T_TMP/bad/truncated.json"
  printf 'not json at all\n' >"$T_TMP/bad/garbage.json"
  printf '{"context": {"host_name": "vm"}}\n' >"$T_TMP/bad/nobench.json"
  printf '{"benchmarks": {"name": "x"}}\n' >"$T_TMP/bad/notarray.json"
  printf '[{"name": "x"}]\n' >"$T_TMP/bad/array.json"
  printf '{"benchmarks": []}\n{"benchmarks": []}\n' >"$T_TMP/bad/twodocs.json"
}

# ---- processes, for the tests that check what a run leaves behind ---------

# Children of a process, from /proc (no pgrep needed).
children_of() {
  for stat in /proc/[0-9]*/stat; do
    # Field 4 is the parent's pid; the command name (field 2) has no spaces here.
    awk -v parent="$1" '$4 == parent { print $1 }' "$stat" 2>/dev/null
  done
}

# True while the process exists and is not a zombie.
is_running() {
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# none_running PID...: true when none of the processes is running.
none_running() {
  for pid in "$@"; do
    is_running "$pid" && return 1
  done
  return 0
}

# within SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
within() {
  tries=$(($1 * 10))
  shift
  while [ "$tries" -gt 0 ]; do
    "$@" && return 0
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}

# ---- mpirun ----------------------------------------------------------------

# The settings every mpirun of the tests needs here, set by the test, never
# by hand: root in a container, and more ranks than this machine's CPUs.
# Open MPI does not free what its plugins allocate (they are unloaded at
# MPI_Finalize, so LeakSanitizer cannot even name them): in the
# AddressSanitizer build, leak checking is off for the ranks of the test
# that calls this only. Usage: t_mpirun_environment (before any mpirun).
t_mpirun_environment() {
  OMPI_ALLOW_RUN_AS_ROOT=1
  OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM
  if [ -n "${ASAN_OPTIONS:-}" ]; then
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
    export ASAN_OPTIONS
  fi
}

t_finish() {
  printf '%s passed, %s failed\n' "$T_PASSED" "$T_FAILED"
  [ "$T_FAILED" -eq 0 ]
}
