#!/bin/sh
# Tests scripts/regress.sh without building anything: --bench points it at a
# fake bench (a shell script writing Google Benchmark JSON whose times are
# 100 ns times --scale), which also logs the order of its runs.
#   sh test/scripts/regress_test.sh      (PARBENCH_ROOT: the repository root)
set -u

root=${PARBENCH_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
regress="$root/scripts/regress.sh"
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regress_test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ $# -lt 2 ] || printf '     %s\n' "$2"; }
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# The fake bench: --scale=X multiplies its times, --side=NAME names the run
# in the log, --fail makes it fail, --hang-until=N exits as bench does when
# Open MPI's spawn hung (75) until its N-th run, a filter "nomatch" matches
# nothing.
make_fake() {
  cat >"$tmp/fake-bench" <<'EOF'
#!/bin/sh
out="" reps=1 scale=1 side=? filter="" extra=""
for a in "$@"; do
  case $a in
    --benchmark_out=*) out=${a#*=} ;;
    --benchmark_repetitions=*) reps=${a#*=} ;;
    --benchmark_filter=*) filter=${a#*=} ;;
    --scale=*) scale=${a#*=} ;;
    --side=*) side=${a#*=} ;;
    --fail) echo "fake bench: failing" >&2; exit 1 ;;
    --hang-until=*)
      echo hang >>"$FAKE_LOG"
      [ "$(grep -c '^hang$' "$FAKE_LOG")" -ge "${a#*=}" ] || { echo "fake bench: spawn hung" >&2; exit 75; } ;;
    --benchmark_*) ;;
    *) extra="$extra $a" ;;
  esac
done
echo "$side$extra" >>"$FAKE_LOG"
if [ "$filter" = nomatch ]; then reps=0; fi
awk -v reps="$reps" -v scale="$scale" 'BEGIN {
  printf "{\"context\": {\"executable\": \"fake\"}, \"benchmarks\": ["
  for (i = 0; i < reps; i++) {
    # 100 ns give or take 1 %, times the scale
    t = (100 + (i % 5) - 2) * scale
    printf "%s{\"name\": \"Fake/A/real_time\", \"run_name\": \"Fake/A/real_time\", \"run_type\": \"iteration\", \"repetitions\": %d, \"repetition_index\": %d, \"iterations\": 10, \"real_time\": %.6f, \"cpu_time\": %.6f, \"time_unit\": \"ns\"}", (i ? ", " : ""), reps, i, t, t
  }
  printf "]}\n"
}' >"$out"
EOF
  chmod +x "$tmp/fake-bench"
}

# run ARGS...: regress.sh with the fake bench; output, log and status in $tmp.
run() {
  rm -f "$tmp/log"
  FAKE_LOG="$tmp/log" sh "$regress" --bench="$tmp/fake-bench" --out="$tmp/out" "$@" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  echo $? >"$tmp/rc"
}
rc() { cat "$tmp/rc"; }
verdict() { awk -F, '$1 == "Fake/A/real_time" { print $7 }' "$tmp/stdout"; }

test_aa() {
  run --rounds=4 --repetitions=3 --format=csv --baseline-args=--side=A --contender-args=--side=B
  expect_eq "A/A: exit 0" 0 "$(rc)"
  expect_eq "A/A: unchanged" unchanged "$(verdict)"
  expect_eq "runs alternate, order swapped every round" "A B B A A B B A" \
    "$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$tmp/log")"
  expect_eq "default bench arguments for both sides" "--workers=1,2" "$(awk '{ print $2 }' "$tmp/log" | sort -u)"
  expect_eq "rounds merged: 4 x 3 repetitions per side" "12 12" \
    "$(jq '.benchmarks | length' "$tmp/out/baseline.json") $(jq '.benchmarks | length' "$tmp/out/contender.json")"
  expect_eq "the comparison is kept" "$(cat "$tmp/stdout")" "$(cat "$tmp/out/comparison.txt")"
  expect_eq "each record marked with its round" "1 1 1 2 2 2 3 3 3 4 4 4" \
    "$(jq -r '[.benchmarks[].parbench_round] | map(tostring) | join(" ")' "$tmp/out/baseline.json")"
  expect_eq "the U test on the 4/4 round medians" "U test on 4/4 round medians" \
    "$(awk -F, '$1 == "Fake/A/real_time" { print $8 }' "$tmp/stdout")"
}

test_slowdown() {
  run --rounds=2 --repetitions=3 --format=csv --contender-args=--scale=1.10
  expect_eq "contender 10 % slower: exit 1" 1 "$(rc)"
  expect_eq "contender 10 % slower: slower" slower "$(verdict)"
  expect_eq "2 rounds: too few for the U test, whatever the repetitions" \
    "threshold only: too few rounds for the U test (2/2)" \
    "$(awk -F, '$1 == "Fake/A/real_time" { print $8 }' "$tmp/stdout")"
  run --rounds=2 --repetitions=3 --format=csv --baseline-args=--scale=1.10
  expect_eq "contender 10 % faster: exit 0, faster" "0 faster" "$(rc) $(verdict)"
  run --rounds=2 --repetitions=3 --format=csv --threshold=20 --contender-args=--scale=1.10
  expect_eq "--threshold passed to compare.sh: exit 0" "0 unchanged" "$(rc) $(verdict)"
  run --rounds=1 --repetitions=2 -- --workers=3 --tasks=5
  expect_eq "-- arguments go to both sides" "? --workers=3 --tasks=5" "$(sort -u "$tmp/log")"
}

# A profile file (a path: with a slash) and what regress.sh makes of it.
test_profile() {
  cat >"$tmp/profile" <<'EOF'
# a test profile
filter=^Fake/
filter=^Other/

args=--workers=3
args=--tasks=5
rounds=3
repetitions=2
min-time=0.01
threshold=20
alpha=0.01
EOF
  run --profile="$tmp/profile" --format=csv
  expect_eq "profile: exit 0" 0 "$(rc)"
  expect_eq "profile: its rounds (A B B A A B)" "6" "$(wc -l <"$tmp/log" | tr -d ' ')"
  expect_eq "profile: its arguments for both sides" "? --workers=3 --tasks=5" "$(sort -u "$tmp/log")"
  expect_eq "profile: its repetitions (3 rounds x 2)" 6 "$(jq '.benchmarks | length' "$tmp/out/baseline.json")"
  expect_eq "profile: its threshold and alpha, kept in compare-options" "--alpha=0.01 --threshold=20" \
    "$(tr '\n' ' ' <"$tmp/out/compare-options" | sed 's/ $//')"
  run --profile="$tmp/profile" --contender-args=--scale=1.10
  expect_eq "profile: compare.sh uses them (10 % slower, within 20 %: exit 0)" 0 "$(rc)"
  run --profile="$tmp/profile" --alpha=0.05 --contender-args=--scale=1.10
  expect_eq "profile: --alpha wins, its threshold stays (10 % within 20 %: exit 0)" "0 --threshold=20 --alpha=0.05" \
    "$(rc) $(tr '\n' ' ' <"$tmp/out/compare-options" | sed 's/ $//')"
  run --profile="$tmp/profile" --rounds=1 --repetitions=4 -- --workers=1
  expect_eq "profile: options win, BENCH_ARGS go after its arguments" \
    "2 ? --workers=3 --tasks=5 --workers=1 4" \
    "$(wc -l <"$tmp/log" | tr -d ' ') $(sort -u "$tmp/log") $(jq '.benchmarks | length' "$tmp/out/baseline.json")"
  printf 'filter=x\nalpha=0.01 0.02\n' >"$tmp/badprofile"
  run --profile="$tmp/badprofile"
  expect_eq "profile with a blank in a value: exit 2, one line" "2 1" "$(rc) $(wc -l <"$tmp/stderr" | tr -d ' ')"
  printf 'filter=x\nfrobnicate=1\n' >"$tmp/badprofile"
  run --profile="$tmp/badprofile"
  expect_eq "profile with an unknown key: exit 2, one line naming it" "2 1 yes" \
    "$(rc) $(wc -l <"$tmp/stderr" | tr -d ' ') $(grep -q "line 2: unknown key 'frobnicate'" "$tmp/stderr" && echo yes)"
  run --profile=no-such-profile
  expect_eq "unknown profile: exit 2, one line listing the profiles" "2 1 yes" \
    "$(rc) $(wc -l <"$tmp/stderr" | tr -d ' ') $(grep -q "profiles: .*ci" "$tmp/stderr" && echo yes)"
}

test_failures() {
  run --rounds=1 --contender-args=--fail
  expect_eq "bench fails: exit 3" 3 "$(rc)"
  expect_eq "bench fails: its log is kept in --out" "fake bench: failing" "$(cat "$tmp/out/run-contender-1.log" 2>&1)"
  expect_eq "bench fails: no stale comparison left in --out" "no" \
    "$(if [ -e "$tmp/out/comparison.txt" ] || [ -e "$tmp/out/baseline.json" ]; then echo yes; else echo no; fi)"
  run --rounds=1 --filter=nomatch
  expect_eq "filter matching nothing: exit 2" 2 "$(rc)"
  run --rounds=1 --contender-args=--hang-until=3
  expect_eq "spawn hung twice: the round's contender runs again, exit 0" "0 3 2" \
    "$(rc) $(grep -c '^hang$' "$tmp/log") $(grep -c "spawn hung in round 1 .*running it again" "$tmp/stderr")"
  run --rounds=1 --contender-args=--hang-until=99
  expect_eq "spawn hung every time: exit 3 after 5 runs again, the log kept" "3 6 spawn hung" \
    "$(rc) $(grep -c '^hang$' "$tmp/log") $(sed 's/^fake bench: //' "$tmp/out/run-contender-1.log" 2>&1)"
  for bad in --rounds=0 --rounds=x --repetitions=-1 --min-time=abc --threshold=abc --alpha=2 \
    --format=html --frobnicate; do
    run "$bad"
    expect_eq "bad option $bad: exit 2, one line on stderr" "2 1" "$(rc) $(wc -l <"$tmp/stderr" | tr -d ' ')"
  done
  FAKE_LOG="$tmp/log" sh "$regress" --bench="$tmp/fake-bench" HEAD >/dev/null 2>&1
  expect_eq "--bench with a revision: exit 2" 2 "$?"
  sh "$regress" --out="$tmp/out" >/dev/null 2>&1
  expect_eq "no revision: exit 2" 2 "$?"
  sh "$regress" --out="$tmp/out" no-such-revision-of-parbench >/dev/null 2>&1
  expect_eq "unknown revision: exit 2" 2 "$?"
  sh "$regress" -h >"$tmp/stdout" 2>&1
  expect_eq "-h: exit 0 and the usage line" "0 yes" \
    "$? $(grep -q '^usage: regress.sh' "$tmp/stdout" && echo yes)"
}

# --mpi=P: each run goes under mpirun -np P --oversubscribe, passing rank 0
# the in-flight record's path (-x PARBENCH_MPI_IN_FLIGHT; a fake mpirun on
# PATH logs its options and runs the rest); a bad P is refused.
test_mpi() {
  mkdir -p "$tmp/bin"
  cat >"$tmp/bin/mpirun" <<'EOF2'
#!/bin/sh
echo "mpirun $1 $2 $3" >>"$FAKE_LOG"
shift 3
while [ "$1" = -x ]; do
  echo "mpirun -x $2" >>"$FAKE_LOG"
  shift 2
done
exec "$@"
EOF2
  chmod +x "$tmp/bin/mpirun"
  (
    PATH="$tmp/bin:$PATH"
    run --rounds=1 --mpi=3
  )
  expect_eq "--mpi=3: exit 0" 0 "$(rc)"
  expect_eq "--mpi=3: both sides run under mpirun -np 3 --oversubscribe" 2 \
    "$(grep -cx 'mpirun -np 3 --oversubscribe' "$tmp/log")"
  expect_eq "--mpi=3: both sides pass rank 0 the in-flight record's path" 2 \
    "$(grep -cx 'mpirun -x PARBENCH_MPI_IN_FLIGHT' "$tmp/log")"
  for bad in --mpi=1 --mpi=0 --mpi=x --mpi=; do
    run "$bad"
    expect_eq "bad option $bad: exit 2, one line on stderr" "2 1" "$(rc) $(wc -l <"$tmp/stderr" | tr -d ' ')"
  done
}

main() {
  command -v jq >/dev/null 2>&1 || { echo "regress_test.sh: needs jq" >&2; exit 1; }
  make_fake
  test_aa
  test_slowdown
  test_profile
  test_failures
  test_mpi
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
}

main "$@" || exit 1
