#!/bin/sh
# The README's test command: installs what is missing, builds parbench and
# runs every test (GoogleTest, the bench smoke test, the script tests)
# through ctest.
#   scripts/test.sh                        Release build in build/
#   scripts/test.sh --sanitizer=address    AddressSanitizer + UBSan in build-address/
#   scripts/test.sh --sanitizer=thread     ThreadSanitizer in build-thread/
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--sanitizer=address|thread] [--build-dir=DIR]\n' "${0##*/}"
}

main() {
  sanitizer=""
  build_dir=""
  for arg in "$@"; do
    case "$arg" in
      -h | --help) usage; return 0 ;;
      --sanitizer=address | --sanitizer=thread) sanitizer=${arg#*=} ;;
      --build-dir=*) build_dir=${arg#*=} ;;
      *) usage >&2; die_usage "unknown argument: $arg" ;;
    esac
  done
  build_type=Release
  if [ -n "$sanitizer" ]; then
    build_type=RelWithDebInfo  # Line numbers in the reports.
    [ -n "$build_dir" ] || build_dir="$root/build-$sanitizer"
    # The tests kill workers with SIGSEGV and SIGABRT on purpose: the
    # sanitizer must let those signals through so the pool sees how its
    # worker died. Any report fails the test.
    ASAN_OPTIONS="handle_segv=0:handle_abort=0:detect_leaks=1:abort_on_error=0"
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    TSAN_OPTIONS="handle_segv=0:handle_abort=0:halt_on_error=1:second_deadlock_stack=1"
    TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$root/test/tsan_suppressions.txt"
    export ASAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS
  fi
  [ -n "$build_dir" ] || build_dir="$root/build"

  # shellcheck disable=SC2086 # the package list is meant to split
  ensure_packages $PARBENCH_PACKAGES
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" \
    -DPARBENCH_SANITIZER="$sanitizer" -DPARBENCH_WERROR=ON >/dev/null || die "cmake configure failed"
  cmake --build "$build_dir" -j "$(nproc)" || die "build failed"
  # A sanitizer build checks the C++ (labelled native); the script tests and
  # ShellCheck do not depend on how it was compiled, and the fuzz targets
  # (label fuzz: built by clang++-14 with ASan and UBSan of their own, see
  # test/fuzz) would only repeat themselves: all three run in the plain build.
  label=""
  [ -n "$sanitizer" ] && label="-L native"
  # shellcheck disable=SC2086 # empty or two words
  (cd "$build_dir" && ctest --output-on-failure -j "$(nproc)" $label) || die "tests failed"
}

main "$@" || exit 1
