#!/bin/sh
# Tests that CI installs what the build needs from the scripts' one list:
# no workflow under .github/workflows names packages of its own, every job
# installs through scripts/install-deps.sh (scripts/common.sh's
# PARBENCH_PACKAGES), and every find_package(... REQUIRED) of a CMakeLists
# has a Debian package in PARBENCH_CMAKE_PACKAGES that PARBENCH_PACKAGES
# holds. Checked on the tree, and on small trees with each fault.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# common_value ROOT VARIABLE: the value of a variable ROOT/scripts/common.sh sets.
common_value() {
  # shellcheck disable=SC2016 # expanded by the inner shell
  sh -c '. "$1/scripts/common.sh" && eval "printf \"%s\\n\" \"\$$2\""' sh "$1" "$2"
}

# The find_package() calls of the CMake files under ROOT, one a line:
# "file name required" (required 1 or 0). Comments are dropped first; a
# call may span lines.
find_packages() {
  find "$1" \( -name .git -o -name 'build*' \) -prune -o \
    \( -name CMakeLists.txt -o -name '*.cmake' \) -type f -print | LC_ALL=C sort |
    while IFS= read -r _file; do
      awk -v file="${_file#"$1"/}" '
        { sub(/#.*/, ""); text = text " " $0 }
        END {
          while (match(text, /find_package[ \t]*\([^)]*\)/)) {
            call = substr(text, RSTART, RLENGTH); text = substr(text, RSTART + RLENGTH)
            sub(/^find_package[ \t]*\([ \t]*/, "", call); sub(/\)$/, "", call)
            n = split(call, w, /[ \t]+/)
            req = 0
            for (i = 2; i <= n; i++) if (w[i] == "REQUIRED") req = 1
            print file, w[1], req
          }
        }' "$_file"
    done
}

# deps_problems ROOT: one line per way the workflows or the CMake files of
# the tree at ROOT disagree with its scripts/common.sh; nothing when none.
deps_problems() {
  _packages=$(common_value "$1" PARBENCH_PACKAGES)
  _table=$(common_value "$1" PARBENCH_CMAKE_PACKAGES)
  find_packages "$1" | while read -r _file _name _required; do
    [ "$_required" = 1 ] || continue
    _pkg=$(printf '%s\n' "$_table" | awk -v n="$_name" '$1 == n { print $2; exit }')
    if [ -z "$_pkg" ]; then
      printf '%s: find_package(%s REQUIRED): add "%s <Debian package>" to PARBENCH_CMAKE_PACKAGES in scripts/common.sh, and the package to PARBENCH_PACKAGES\n' \
        "$_file" "$_name" "$_name"
    elif [ "$_pkg" != - ]; then
      case " $_packages " in
        *" $_pkg "*) ;;
        *) printf '%s: find_package(%s REQUIRED) needs %s, which PARBENCH_PACKAGES in scripts/common.sh lacks\n' "$_file" "$_name" "$_pkg" ;;
      esac
    fi
  done
  for _wf in "$1"/.github/workflows/*.yml "$1"/.github/workflows/*.yaml; do
    [ -f "$_wf" ] || continue
    awk -v wf="${_wf#"$1"/}" '
      # Package lists of its own: any apt or dpkg install.
      /(apt-get|apt|aptitude)([ \t]+-[^ \t]+)*[ \t]+install|dpkg[ \t]+-i/ {
        print wf ":" FNR ": installs packages of its own (install through sh scripts/install-deps.sh): " $0
      }
      # The jobs: keys two spaces deep under jobs:, each to run install-deps.sh.
      /^[^ \t#]/ { injobs = ($0 ~ /^jobs:/) }
      injobs && /^  [A-Za-z0-9_-]+:[ \t]*$/ { job = $1; sub(/:$/, "", job); jobs[++nj] = job; next }
      injobs && nj && /scripts\/install-deps\.sh/ { installs[jobs[nj]] = 1 }
      END {
        for (i = 1; i <= nj; i++)
          if (!(jobs[i] in installs)) print wf ": job " jobs[i] " does not run sh scripts/install-deps.sh"
      }' "$_wf"
  done
}

test_tree() {
  deps_problems "$ROOT" >"$T_TMP/problems"
  t_eq "the tree: the workflow installs the scripts' list, every required find_package has its package" \
    "" "$(cat "$T_TMP/problems")"
  t_eq "the tree: find_package calls found (the check reads them), TBB's among them" "lib/CMakeLists.txt TBB 1" \
    "$(find_packages "$ROOT" | grep ' TBB ')"
  t_eq "the tree: the optional MPI is read as optional" "CMakeLists.txt MPI 0" \
    "$(find_packages "$ROOT" | grep ' MPI ')"
}

# A tree at T_TMP/NAME with the tree's common.sh and workflows, and a
# CMakeLists.txt with the given text: make_tree NAME CMAKE_TEXT.
make_tree() {
  rm -rf "${T_TMP:?}/$1"
  mkdir -p "$T_TMP/$1/scripts" "$T_TMP/$1/.github/workflows"
  cp "$SCRIPTS/common.sh" "$T_TMP/$1/scripts/"
  cp "$ROOT"/.github/workflows/*.yml "$T_TMP/$1/.github/workflows/"
  printf '%s\n' "$2" >"$T_TMP/$1/CMakeLists.txt"
}

test_faults() {
  make_tree unknown 'find_package(Frobnicate 1.2
  REQUIRED COMPONENTS x)  # a new dependency
find_package(Optional)
# find_package(Commented REQUIRED)'
  t_eq "an unknown find_package says what to add" \
    'CMakeLists.txt: find_package(Frobnicate REQUIRED): add "Frobnicate <Debian package>" to PARBENCH_CMAKE_PACKAGES in scripts/common.sh, and the package to PARBENCH_PACKAGES' \
    "$(deps_problems "$T_TMP/unknown")"

  # The issue's fault: TBB required, libtbb-dev not in the list.
  make_tree notbb 'find_package(TBB REQUIRED)'
  sed 's/ libtbb-dev / /' "$SCRIPTS/common.sh" >"$T_TMP/notbb/scripts/common.sh"
  t_eq "a required package missing from PARBENCH_PACKAGES" \
    "CMakeLists.txt: find_package(TBB REQUIRED) needs libtbb-dev, which PARBENCH_PACKAGES in scripts/common.sh lacks" \
    "$(deps_problems "$T_TMP/notbb")"

  # The workflow as it was: a list of its own, no install-deps.sh.
  make_tree ownlist 'find_package(ZLIB REQUIRED)'
  printf '%s\n' 'on: push' 'jobs:' '  build:' '    runs-on: ubuntu-24.04' '    steps:' \
    '      - run: |' '          apt-get update' \
    '          apt-get install -y --no-install-recommends cmake g++ zlib1g-dev' \
    '  lint:' '    steps:' '      - run: sudo apt install shellcheck' \
    '      - run: sh scripts/install-deps.sh' >"$T_TMP/ownlist/.github/workflows/x.yml"
  deps_problems "$T_TMP/ownlist" >"$T_TMP/problems"
  t_has_line "a workflow's own apt-get install" "$T_TMP/problems" \
    ".github/workflows/x.yml:8: installs packages of its own (install through sh scripts/install-deps.sh):           apt-get install -y --no-install-recommends cmake g++ zlib1g-dev"
  t_has_line "a workflow's own apt install, with sudo" "$T_TMP/problems" \
    ".github/workflows/x.yml:11: installs packages of its own (install through sh scripts/install-deps.sh):       - run: sudo apt install shellcheck"
  t_has_line "a job without install-deps.sh" "$T_TMP/problems" \
    ".github/workflows/x.yml: job build does not run sh scripts/install-deps.sh"
  t_eq "nothing else" 3 "$(wc -l <"$T_TMP/problems" | tr -d ' ')"
}

test_install_deps() {
  t_run sh "$SCRIPTS/install-deps.sh" --print
  t_eq "install-deps.sh --print: PARBENCH_PACKAGES, one a line" \
    "$(common_value "$ROOT" PARBENCH_PACKAGES | tr ' ' '\n')" "$(cat "$T_TMP/out")"
  t_usage_error "install-deps.sh: unknown argument" sh "$SCRIPTS/install-deps.sh" --frobnicate
  t_usage_error "install-deps.sh: --print and more" sh "$SCRIPTS/install-deps.sh" --print x
}

main() {
  test_tree
  test_faults
  test_install_deps
  t_finish
}

main "$@" || exit 1
