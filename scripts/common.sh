# shellcheck shell=sh
# Shared helpers for parbench's scripts: messages, command checks, Debian
# package installation and temporary files. Sourced, never run.

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

# The Debian packages parbench builds, tests and reports with.
# shellcheck disable=SC2034 # used by the scripts that source this file
PARBENCH_PACKAGES="cmake g++ make git libbenchmark-dev libgtest-dev libabsl-dev jq gawk gnuplot-nox shellcheck"

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
