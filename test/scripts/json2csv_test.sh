#!/bin/sh
# Tests scripts/json2csv.sh: exact CSV for hand-made Google Benchmark JSON
# (time units, names with commas and quotes, user counters, names outside
# parbench's scheme, aggregates with cv in percent, an errored benchmark,
# NaN and Infinity, two hosts), real bench output, and bad input.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

J2C=$SCRIPTS/json2csv.sh

# Field N of CSV line L (no quoted commas before it).
field() {
  printf '%s\n' "$1" | cut -d, -f"$2"
}

test_usage() {
  t_run sh "$J2C" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  case $(cat "$T_TMP/out") in
    usage:*) t_pass "-h: usage line" ;;
    *) t_fail "-h: usage line" "got: $(cat "$T_TMP/out")" ;;
  esac
}

test_edge_fixtures() {
  # Relative names: the source column holds the path as given.
  t_run_in "$FIXTURES" sh "$J2C" edge.json host2.json
  t_eq "edge+host2: exit 0" 0 "$T_STATUS"
  t_same_file "edge+host2: exact CSV" "$FIXTURES/edge-host2.expected.csv" "$T_TMP/out"
  csv=$T_TMP/edge.csv
  cp "$T_TMP/out" "$csv"

  t_eq "header: fixed columns, then sorted counters, then parbench_* context" \
    "source,host,date,num_cpus,name,run_name,workload,strategy,life,workers,tasks,threads,run_type,aggregate,aggregate_unit,repetition,repetitions,iterations,real_ns,cpu_ns,items_per_second,bytes_per_second,label,error,error_message,extra_counter,oversubscribed,process_cpu_s,rate,total_cpu_s,widgets,worker_cpu_s,parbench_build_type,parbench_tasks,parbench_usable_cpus" \
    "$(head -n 1 "$csv")"
  t_has_line "ms to ns, counters, parsed name" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/Sequential/workers:1/tasks:10/real_time,Cpu/Sequential/workers:1/tasks:10/real_time,Cpu,Sequential,,1,10,1,iteration,,,0,1,12,52500000,500000,190.47619047619048,,,0,,,0,0.052000000000000005,,0.052000000000000005,,0.052,Release,10,"
  t_has_line "us to ns, pool life, min_time component tolerated" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/ThreadPool/cold/workers:2/tasks:10/min_time:0.010/real_time,Cpu/ThreadPool/cold/workers:2/tasks:10/min_time:0.010/real_time,Cpu,ThreadPool,cold,2,10,1,iteration,,,0,1,20,27125000,125000,368.66359447004606,,,0,,,0,0.001,,0.054,,0.053,Release,10,"
  t_has_line "s to ns, bytes/s, iterations component tolerated" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Memory/ThreadPool/warm/workers:4/tasks:10/iterations:7/real_time,Memory/ThreadPool/warm/workers:4/tasks:10/iterations:7/real_time,Memory,ThreadPool,warm,4,10,1,iteration,,,0,1,7,1500000000,250000000,6.666666666666667,699050666.6666666,,0,,,1,0.25,,2.85,,2.6,Release,10,"
  t_has_line "comma and quotes in a name: RFC 4180 quoting" "$csv" \
    'edge.json,vm,2026-11-25T09:30:00+00:00,2,"Io/Odd,""Name""/workers:2/tasks:3/real_time","Io/Odd,""Name""/workers:2/tasks:3/real_time",Io,"Odd,""Name""",,2,3,1,iteration,,,0,1,1000,1234.5,1000,,,,0,,,,,,,,,Release,10,'
  t_has_line "outside the scheme: empty parsed fields, label, Infinity counter" "$csv" \
    'edge.json,vm,2026-11-25T09:30:00+00:00,2,BM_memcpy/8/real_time,BM_memcpy/8/real_time,,,,,,2,iteration,,,0,1,1000000,2.5,2.5,,3200000000,"fast, ""copy""",0,,,,,inf,,42,,Release,10,'
  t_has_line "workers not a number: outside the scheme" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/ThreadPool/workers:x/tasks:10/real_time,Cpu/ThreadPool/workers:x/tasks:10/real_time,,,,,,1,iteration,,,0,1,1,1000000,1000000,,,,0,,,,,,,,,Release,10,"
  t_has_line "stddev aggregate converted to ns, run_name without suffix" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time_stddev,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time,Cpu,ThreadPool,warm,2,10,1,aggregate,stddev,time,,2,2,1414213.5623730952,0,,,,0,,,0,,,0.0028284271247461927,,,Release,10,"
  t_has_line "cv aggregate (percentage) not unit-converted; NaN counter" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time_cv,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time,Cpu,ThreadPool,warm,2,10,1,aggregate,cv,percentage,,2,2,0.05237828008789241,0,,,,0,,,nan,,,0.052378280087892415,,,Release,10,"
  t_has_line "custom aggregate (max) in time units converted" "$csv" \
    "edge.json,vm,2026-11-25T09:30:00+00:00,2,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time_max,Cpu/ThreadPool/warm/workers:2/tasks:10/repeats:2/real_time,Cpu,ThreadPool,warm,2,10,1,aggregate,max,time,,2,2,28000000,500000,,,,0,,,0,,,0.056,,,Release,10,"
  # The errored record spans two lines: its message holds a line break.
  t_has_line "errored benchmark: flag, quoted message, no times" "$csv" \
    'edge.json,vm,2026-11-25T09:30:00+00:00,2,Io/ProcessPool/cold/workers:2/tasks:10/real_time,Io/ProcessPool/cold/workers:2/tasks:10/real_time,Io,ProcessPool,cold,2,10,1,iteration,,,0,1,,,,,,,1,"spawn failed: ""fork"", EAGAIN'
  t_has_line "second file: other host, its counter and context" "$csv" \
    "host2.json,big-box,2026-11-24T08:00:00+01:00,8,Cpu/Sequential/workers:1/tasks:10/real_time,Cpu/Sequential/workers:1/tasks:10/real_time,Cpu,Sequential,,1,10,1,iteration,,,0,1,30,20000000,200000,,,,0,,3,,,,0.02,,,Debug,,6"
}

# Names are read in their JSON form: escapes
# (backslash, tab, quote, control characters) come back as they were.
test_escaped_names() {
  printf '%s\n' '{"context": {"host_name": "vm"}, "benchmarks": [
    {"name": "Io/Back\\slash\ttab\"q/cold/workers:2/tasks:3/real_time", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns"},
    {"name": "Io/\u00e9\u0001/workers:2/tasks:3/real_time", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]}' \
    >"$T_TMP/escapes.json"
  t_run sh "$J2C" "$T_TMP/escapes.json"
  t_eq "escaped names: exit 0" 0 "$T_STATUS"
  tab=$(printf '\t')
  t_eq "backslash, tab and quote: workload, strategy, life, workers, tasks" \
    "Io,\"Back\\slash${tab}tab\"\"q\",cold,2,3" "$(sed -n 2p "$T_TMP/out" | cut -d, -f7-11)"
  t_eq "UTF-8 and a control character" "$(printf 'Io,\303\251\001,,2,3')" "$(sed -n 3p "$T_TMP/out" | cut -d, -f7-11)"
}

test_stdin_and_out_file() {
  t_run sh "$J2C" <"$FIXTURES/host2.json"
  t_eq "stdin: source is -" "-,big-box" "$(sed -n 2p "$T_TMP/out" | cut -d, -f1,2)"
  t_run sh "$J2C" -o "$T_TMP/host2.csv" "$FIXTURES/host2.json"
  t_eq "-o: exit 0, nothing on stdout" "0:" "$T_STATUS:$(cat "$T_TMP/out")"
  sh "$J2C" "$FIXTURES/host2.json" >"$T_TMP/host2.stdout.csv"
  t_same_file "-o: same CSV as stdout" "$T_TMP/host2.stdout.csv" "$T_TMP/host2.csv"
}

# Real bench output: one row per record, every name parsed, errors kept.
test_real_fixtures() {
  for f in real-single real-reps real-error; do
    json=$FIXTURES/$f.json
    [ -f "$json" ] || { t_skip "$f.json not captured yet"; continue; }
    t_run sh "$J2C" "$json"
    cp "$T_TMP/out" "$T_TMP/$f.csv"
    t_eq "$f: one row per record" "$(($(jq '.benchmarks | length' "$json") + 1))" "$(wc -l <"$T_TMP/$f.csv" | tr -d ' ')"
    # Real names hold no commas, so cut works here.
    t_eq "$f: every name parsed (workload, strategy, workers, tasks)" "" \
      "$(sed 1d "$T_TMP/$f.csv" | awk -F, '$7 == "" || $8 == "" || $10 == "" || $11 == ""')"
    t_eq "$f: parbench counters present" "oversubscribed,process_cpu_s,total_cpu_s,worker_cpu_s" \
      "$(head -n 1 "$T_TMP/$f.csv" | cut -d, -f26-29)"
  done
  csv=$T_TMP/real-reps.csv
  if [ -f "$csv" ]; then
    t_eq "real-reps: 3 repetitions + mean, median, stddev, cv per benchmark" \
      "$(jq '[.benchmarks[] | select(.run_type == "iteration")] | length' "$FIXTURES/real-reps.json")" \
      "$(awk -F, '$13 == "iteration"' "$csv" | wc -l | tr -d ' ')"
    t_eq "real-reps: cv rows stay fractions (< 1), time rows in ns (> 1000)" "" \
      "$(awk -F, 'NR > 1 && (($14 == "cv" && $19 >= 1) || ($14 != "cv" && $14 != "stddev" && $19 < 1000))' "$csv")"
    line=$(awk -F, '$5 == "Cpu/Sequential/workers:1/tasks:10/real_time" && $16 == "0"' "$csv")
    want=$(jq -r '.benchmarks[0] | "\(.real_time * 1e6)"' "$FIXTURES/real-reps.json")
    t_eq "real-reps: first time in ns = ms × 1e6" "$want" "$(field "$line" 19)"
  fi
  csv=$T_TMP/real-error.csv
  if [ -f "$csv" ]; then
    t_eq "real-error: errored rows flagged, message kept, times empty" \
      "1,RESOURCE_EXHAUSTED: pipe2(): Too many open files,,|1,RESOURCE_EXHAUSTED: pipe2(): Too many open files,,|1,RESOURCE_EXHAUSTED: pipe2(): Too many open files,,|1,RESOURCE_EXHAUSTED: pipe2(): Too many open files,,|" \
      "$(awk -F, '$24 == "1" { printf "%s,%s,%s,%s|", $24, $25, $19, $20 }' "$csv")"
  fi
}

test_bad_input() {
  t_make_bad_inputs
  bad=$T_TMP/bad
  t_usage_error "unknown option" sh "$J2C" --frobnicate
  t_usage_error "missing file" sh "$J2C" "$bad/nosuch.json"
  t_usage_error "a directory" sh "$J2C" "$bad"
  t_usage_error "empty file" sh "$J2C" "$bad/empty.json"
  t_usage_error "blank file" sh "$J2C" "$bad/blank.json"
  t_usage_error "empty stdin" sh "$J2C" </dev/null
  t_usage_error "truncated JSON" sh "$J2C" "$bad/truncated.json"
  t_usage_error "not JSON" sh "$J2C" "$bad/garbage.json"
  t_usage_error "no benchmarks array" sh "$J2C" "$bad/nobench.json"
  t_usage_error "benchmarks not an array" sh "$J2C" "$bad/notarray.json"
  t_usage_error "top level an array" sh "$J2C" "$bad/array.json"
  t_usage_error "two JSON documents" sh "$J2C" "$bad/twodocs.json"
  t_usage_error "one bad file among good ones: no output at all" sh "$J2C" "$FIXTURES/host2.json" "$bad/garbage.json"
  t_usage_error "-o: bad input" sh "$J2C" -o "$T_TMP/never.csv" "$bad/nobench.json"
  if [ -e "$T_TMP/never.csv" ]; then t_fail "-o: no output file on bad input"; else t_pass "-o: no output file on bad input"; fi
  # Malformed records: one line naming the record (index, name) and the field.
  printf '%s\n' '{"benchmarks": [{"name": "Cpu/Sequential/workers:1/tasks:10/real_time", "run_type": "iteration", "real_time": "fast", "cpu_time": 1, "time_unit": "ns"}]}' >"$bad/fast.json"
  t_usage_error "real_time a string" sh "$J2C" "$bad/fast.json"
  t_eq "real_time a string: the record and the field named" \
    "json2csv.sh: $bad/fast.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): real_time is a string, not a number" \
    "$(cat "$T_TMP/err")"
  # bench's facts label (bench/facts.h) with a bad item: the record and the label named.
  printf '%s\n' '{"benchmarks": [{"name": "Cpu/Sequential/workers:1/tasks:10/real_time", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns", "label": "facts=1 workers=two"}]}' >"$bad/facts.json"
  t_usage_error "a facts label with a bad item" sh "$J2C" "$bad/facts.json"
  t_eq "a facts label with a bad item: the record and the field named" \
    "json2csv.sh: $bad/facts.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): label facts item workers=two is not a count" \
    "$(cat "$T_TMP/err")"
  printf '%s\n' '{"benchmarks": [{"name": "x", "run_type": "iteration", "real_time": 1, "time_unit": "ns"}]}' >"$bad/nocpu.json"
  t_usage_error "cpu_time missing" sh "$J2C" "$bad/nocpu.json"
  printf '%s\n' '{"benchmarks": [{"name": "x", "run_type": "iteration", "real_time": Infinity, "cpu_time": 1, "time_unit": "ns"}]}' >"$bad/inf.json"
  t_usage_error "an iteration's time not finite" sh "$J2C" "$bad/inf.json"
  t_usage_error "-o without a name" sh "$J2C" -o
  case $(cat "$T_TMP/err") in
    json2csv.sh:*) t_pass "messages name the script" ;;
    *) t_fail "messages name the script" "got: $(cat "$T_TMP/err")" ;;
  esac
}

# A short live run of the bench binary, when ctest passes BENCH.
test_live_bench() {
  if [ -z "${BENCH:-}" ] || [ ! -x "${BENCH:-}" ]; then
    t_skip "live bench run (BENCH not set)"
    return
  fi
  "$BENCH" --benchmark_filter='^Cpu/(Sequential|ThreadPool/warm)/' --workers=1,2 --cpu_count=100000 \
    --benchmark_min_time=0.01 --benchmark_format=json >"$T_TMP/live.json" 2>/dev/null
  t_run sh "$J2C" "$T_TMP/live.json"
  t_eq "live bench: exit 0" 0 "$T_STATUS"
  t_eq "live bench: rows for Sequential and ThreadPool (warm) at 1 and 2 workers" \
    "Cpu,Sequential,,1|Cpu,ThreadPool,warm,1|Cpu,ThreadPool,warm,2|" \
    "$(sed 1d "$T_TMP/out" | cut -d, -f7-10 | tr '\n' '|')"
}

main() {
  test_usage
  test_edge_fixtures
  test_escaped_names
  test_stdin_and_out_file
  test_real_fixtures
  test_bad_input
  test_live_bench
  t_finish
}

main "$@" || exit 1
