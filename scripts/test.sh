#!/bin/sh
# The README's test command: installs what is missing, builds parbench and
# runs every test (GoogleTest and the script tests) through ctest.
#   scripts/test.sh [BUILD_DIR]     default: build
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [BUILD_DIR]\n' "${0##*/}"
}

main() {
  case "${1:-}" in
    -h | --help) usage; return 0 ;;
    -*) usage >&2; die_usage "unknown option: $1" ;;
  esac
  build_dir=${1:-$root/build}
  # shellcheck disable=SC2086 # the package list is meant to split
  ensure_packages $PARBENCH_PACKAGES
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null || die "cmake configure failed"
  cmake --build "$build_dir" -j "$(nproc)" || die "build failed"
  (cd "$build_dir" && ctest --output-on-failure -j "$(nproc)") || die "tests failed"
}

main "$@" || exit 1
