#!/bin/sh
# Tests scripts/lib/names.awk under every awk installed: the grammar of
# benchmark names <Workload>/<Strategy>[/<transport>][/<life>]/key:value.../<suffix>, what
# is in it and what is not, and the key:value look-up.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# parse NAME: "ok|workload|strategy|life|workers|tasks".
parse() {
  # shellcheck disable=SC2016 # awk code, not shell
  printf '%s\n' "$1" | t_awk_eval "$AWK" names '{
    ok = name_parse($0, N)
    print ok "|" N["workload"] "|" N["strategy"] "|" N["life"] "|" N["workers"] "|" N["tasks"] }'
}

# value NAME KEY: name_value(NAME, KEY), in brackets.
value() {
  # shellcheck disable=SC2016 # awk code, not shell
  printf '%s\t%s\n' "$1" "$2" | t_awk_eval "$AWK" names 'BEGIN { FS = "\t" } { print "[" name_value($1, $2) "]" }'
}

test_in_the_scheme() {
  t_eq "pool with a life" "1|Cpu|ProcessPool|cold|4|10" "$(parse Cpu/ProcessPool/cold/workers:4/tasks:10/real_time)"
  t_eq "no life" "1|Io|Sequential||1|10" "$(parse Io/Sequential/workers:1/tasks:10/real_time)"
  t_eq "the spawn launch reads as a life" "1|Cpu|ProcessPerTask|spawn|2|10" \
    "$(parse Cpu/ProcessPerTask/spawn/workers:2/tasks:10/real_time)"
  t_eq "size and chunk components" "1|Chunk|ProcessPool|warm|2|1000" \
    "$(parse Chunk/ProcessPool/warm/workers:2/tasks:1000/size:1000/chunk:125/real_time)"
  t_eq "Google Benchmark's min_time and repeats components" "1|Cpu|ThreadPool|cold|2|10" \
    "$(parse Cpu/ThreadPool/cold/workers:2/tasks:10/min_time:0.010/repeats:2/real_time)"
  t_eq "a transport stays with the strategy" "1|Cpu|ProcessPool/shm|warm|2|10" \
    "$(parse Cpu/ProcessPool/shm/warm/workers:2/tasks:10/real_time)"
  t_eq "a transport in the Chunk family" "1|Chunk|ProcessPool/shm|warm|2|1000" \
    "$(parse Chunk/ProcessPool/shm/warm/workers:2/tasks:1000/size:1000/chunk:125/real_time)"
  t_eq "no suffix" "1|Cpu|ThreadPool||2|10" "$(parse Cpu/ThreadPool/workers:2/tasks:10)"
  t_eq "process_time suffix" "1|Cpu|ThreadPool||2|10" "$(parse Cpu/ThreadPool/workers:2/tasks:10/process_time)"
  t_eq "the last workers: counts" "1|A|B||3|4" "$(parse A/B/workers:2/workers:3/tasks:4)"
  t_eq "commas and quotes are plain characters" '1|Io|Odd,"Name"||2|3' "$(parse 'Io/Odd,"Name"/workers:2/tasks:3/real_time')"
}

test_outside_the_scheme() {
  t_eq "Google Benchmark's own shape" "0|||||" "$(parse BM_memcpy/8/real_time)"
  t_eq "workers not a number" "0|||||" "$(parse Cpu/ThreadPool/workers:x/tasks:10/real_time)"
  t_eq "no tasks" "0|||||" "$(parse Overhead/StartStop/ProcessPool/workers:10/real_time)"
  t_eq "empty tasks" "0|||||" "$(parse Cpu/ThreadPool/workers:2/tasks:/real_time)"
  t_eq "two plain components after the strategy" "0|||||" "$(parse Cpu/ThreadPool/cold/extra/workers:2/tasks:1)"
  t_eq "two plain components after a transport" "0|||||" "$(parse Cpu/ProcessPool/shm/cold/extra/workers:2/tasks:1)"
  t_eq "a key:value workload" "0|||||" "$(parse size:1/ThreadPool/workers:2/tasks:1)"
  t_eq "an empty strategy" "0|||||" "$(parse Cpu//workers:2/tasks:1)"
  t_eq "too short" "0|||||" "$(parse Cpu/workers:2/tasks:1)"
}

test_values() {
  t_eq "name_value: workers" "[10]" "$(value Floor/Fork/workers:10/real_time workers)"
  t_eq "name_value: batch" "[1000]" "$(value Overhead/PerTask/ThreadPool/batch:1000/chunk:125/workers:2 batch)"
  t_eq "name_value: chunk" "[125]" "$(value Chunk/ProcessPool/warm/workers:2/tasks:1000/size:1000/chunk:125/real_time chunk)"
  t_eq "name_value: absent" "[]" "$(value Floor/PipeRoundTrip/real_time workers)"
  t_eq "name_value: a longer key is another key" "[]" "$(value A/B/workers_max:3 workers)"
  t_eq "name_value: not in the workload or strategy" "[]" "$(value size:3/B/x size)"
}

test_suffix() {
  t_eq "name_is_suffix: real_time process_time manual_time, not cold or workers:1" "11100" \
    "$(t_awk_eval "$AWK" names 'BEGIN { print name_is_suffix("real_time") name_is_suffix("process_time") name_is_suffix("manual_time") name_is_suffix("cold") name_is_suffix("workers:1") }' </dev/null)"
}

# family NAME: name_family(NAME), in brackets.
family() {
  # shellcheck disable=SC2016 # awk code, not shell
  printf '%s\n' "$1" | t_awk_eval "$AWK" names '{ print "[" name_family($0) "]" }'
}

test_family() {
  t_eq "name_family: workload, strategy and life" "[Cpu/ProcessPool/cold]" \
    "$(family Cpu/ProcessPool/cold/workers:4/tasks:10/real_time)"
  t_eq "name_family: no life" "[Io/Sequential]" "$(family Io/Sequential/workers:1/tasks:10/real_time)"
  t_eq "name_family: an overhead without workers" "[Overhead/Fork]" "$(family Overhead/Fork/resident_mib:256/real_time)"
  t_eq "name_family: an overhead, key:values in the middle" "[Overhead/PerTask/ThreadPool]" \
    "$(family Overhead/PerTask/ThreadPool/batch:1000/chunk:1/workers:2/real_time)"
  t_eq "name_family: Google Benchmark's plain arguments" "[BM_memcpy]" "$(family BM_memcpy/8/64/real_time)"
  t_eq "name_family: a name of one component" "[BM_sort]" "$(family BM_sort)"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_in_the_scheme
    test_outside_the_scheme
    test_values
    test_suffix
    test_family
  done
  t_finish
}

main "$@" || exit 1
