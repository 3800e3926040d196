#!/bin/sh
# Installs the Debian packages parbench builds, tests and reports with
# (scripts/common.sh's PARBENCH_PACKAGES) where missing: what test.sh and
# run.sh install themselves, for a step that installs and nothing else, as
# CI's does (.github/workflows/bench.yml). Needs root or sudo when something
# is missing; a machine that has everything is left untouched.
#   scripts/install-deps.sh [--print]   --print: only list the packages
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--print]   (installs PARBENCH_PACKAGES where missing; --print lists them)\n' "${0##*/}"
}

main() {
  case ${1-} in
    -h | --help) usage; return 0 ;;
    --print) [ $# -eq 1 ] || die_usage "too many arguments (try -h)"
      # shellcheck disable=SC2086 # one package a line
      printf '%s\n' $PARBENCH_PACKAGES
      return 0 ;;
    '') [ $# -eq 0 ] || die_usage "an empty argument (try -h)" ;;
    *) die_usage "unknown argument: $1 (try -h)" ;;
  esac
  # shellcheck disable=SC2086 # the package list is meant to split
  ensure_packages $PARBENCH_PACKAGES
}

main "$@" || exit 1
