#!/bin/sh
# Tests scripts/table.sh: the exact Markdown for a known input (table.json:
# made-up times whose medians, speedups, efficiencies, CPU use and Karp-Flatt
# fractions are easy to check by hand), errors shown as errors, several
# hosts, real bench output, --tsv, the strategy order and oversubscription
# the run's context gives (strategies.json), and bad input.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

TABLE=$SCRIPTS/table.sh
J2C=$SCRIPTS/json2csv.sh

test_usage() {
  t_run sh "$TABLE" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  case $(cat "$T_TMP/out") in
    usage:*) t_pass "-h: usage line" ;;
    *) t_fail "-h: usage line" "got: $(cat "$T_TMP/out")" ;;
  esac
}

test_known_input() {
  t_run_in "$FIXTURES" sh "$TABLE" table.json
  t_eq "table.json: exit 0" 0 "$T_STATUS"
  t_same_file "table.json: exact Markdown" "$FIXTURES/table.expected.md" "$T_TMP/out"
  md=$T_TMP/known.md
  cp "$T_TMP/out" "$md"

  # The same facts, one by one, so a failure says what broke.
  t_has_line "medians, speedup, efficiency, spread; best cell bold; BareThreads a ceiling row" "$md" \
    "| ThreadPool (warm) | 102 ms · 0.98× · 98 % · ±0.0 % | **52.0 ms · 1.92× · 96 % · ±1.9 %** | **53.0 ms · 1.89× · 47 % · ±0.0 %** |"
  t_has_line "BareThreads shown but never the best cell" "$md" \
    "| BareThreads (ceiling) | 100 ms · 1.00× · 100 % · ±0.0 % | 50.0 ms · 2.00× · 100 % · ±0.0 % | 51.0 ms · 1.96× · 49 % · ±0.0 % |"
  t_has_line "µs input shown in ms" "$md" \
    "| ThreadPerTask | – | **110 ms · 1.82× · 91 % · ±0.0 %** | 65.0 ms · 3.08× · 77 % · ±1.5 % |"
  t_has_line "oversubscribed column marked" "$md" "| Strategy | 1 worker | 2 workers | 4 workers† |"
  t_has_line "errored benchmark shows as error, never fast" "$md" \
    "| ThreadPool (cold) | – | error | **60.0 ms · 3.33× · 83 % · ±1.7 %** |"
  t_has_line "error message listed" "$md" \
    "- **Errors** (never counted as results): ThreadPool (cold) at 2 workers: worker 1 died: signal 9."
  t_has_line "winner per worker count" "$md" \
    "- **Fastest:** 1 worker: Sequential, 100 ms, 2.0 % ahead of ThreadPool (warm); 2 workers: ThreadPool (warm), 1.92×, 5.8 % ahead of ThreadPool (cold); 4 workers: ThreadPool (warm), 1.89×, 7.5 % ahead of ThreadPool (cold)."
  t_has_line "where each strategy first beats Sequential, or never" "$md" \
    "- **Parallelism first pays at 2 workers.** Per strategy: ThreadPool (cold) at 4 workers (3.33×); ThreadPerTask at 2 workers (1.82×); ProcessPerTask never (best 0.80× at 2 workers)."
  t_has_line "a win smaller than the spread is noise, not the headline" "$md" \
    "- **No parallel strategy beats Sequential beyond the noise here.** ThreadPool (warm) at 2 workers (1.05×, within noise); ProcessPool (warm) never (best 0.80× at 2 workers)."
  t_has_line "CPU use: total_cpu_s ÷ (time × workers), and CPU relative to Sequential" "$md" \
    "| ThreadPool (cold) | 101 % · 1.06× CPU | 98 % · 1.08× CPU | 49 % · 1.12× CPU |"
  t_has_line "Karp–Flatt: (1/S − 1/p)/(1 − 1/p), none at p = 1" "$md" \
    "| ThreadPool (warm) | 0.040 | 0.373 |"
  t_has_line "Karp–Flatt of an errored cell is an error" "$md" "| ThreadPool (cold) | error | 0.067 |"
  t_has_line "share of the BareThreads ceiling" "$md" "| ThreadPool (warm) | 98 % | 96 % | 96 % |"
  t_has_line "decision map: winner and lead; Sequential in bold" "$md" \
    "| Cpu, 10 tasks | **Sequential · +2.0 %** | ThreadPool (warm) 1.92× · +5.8 % | ThreadPool (warm) 1.89× · +7.5 % |"
  t_has_line "decision map: an error never wins" "$md" \
    "| Io, 10 tasks | **Sequential** | ThreadPerTask 1.82× · +82 % | ThreadPool (cold) 3.33× · +8.3 % |"
  t_has_line "names outside the scheme listed apart" "$md" "| BM_Other/8/repeats:3/real_time | 1.50 µs | ±6.7 % |"

  # CSV in gives the same tables as JSON in.
  (cd "$FIXTURES" && sh "$J2C" table.json) >"$T_TMP/table.csv"
  t_run_in "$FIXTURES" sh "$TABLE" <"$T_TMP/table.csv"
  t_same_file "CSV on stdin: same Markdown as the JSON" "$FIXTURES/table.expected.md" "$T_TMP/out"

  # Records in another order (random interleaving): the same report.
  mkdir -p "$T_TMP/rev"
  jq '.benchmarks |= reverse' "$FIXTURES/table.json" >"$T_TMP/rev/table.json"
  t_run_in "$T_TMP/rev" sh "$TABLE" table.json
  t_same_file "records reversed: same Markdown" "$FIXTURES/table.expected.md" "$T_TMP/out"
}

test_several_hosts() {
  (cd "$FIXTURES" && sh "$J2C" edge.json host2.json) >"$T_TMP/hosts.csv"
  t_run sh "$TABLE" "$T_TMP/hosts.csv"
  md=$T_TMP/hosts.md
  cp "$T_TMP/out" "$md"
  t_eq "two hosts: exit 0" 0 "$T_STATUS"
  t_eq "two hosts: one section each" "## vm — edge.json|## big-box — host2.json|" "$(grep '^## ' "$md" | tr '\n' '|')"
  t_has_line "host line: usable CPUs and build type" "$md" \
    "Host \`big-box\`, 8 CPUs (6 usable), 2026-11-24T08:00:00+01:00, Debug build, from \`host2.json\`."
  t_has_line "a debug build is flagged" "$md" "**Warning:** not a release build; its times mislead."
  t_has_line "seconds shown in s; no Sequential: no speedups" "$md" "| ThreadPool (warm) | **1.50 s** |"
  t_has_line "ns shown in µs; a strategy with a comma and quotes" "$md" '| Odd,"Name" | **1.23 µs** |'
  t_has_line "a multi-line error message on one line" "$md" \
    '- **Errors** (never counted as results): ProcessPool (cold) at 2 workers: spawn failed: "fork", EAGAIN retry later.'
  t_has_line "median of 2 iteration rows (aggregates ignored then)" "$md" \
    "| ThreadPool (warm) | – | **27.0 ms · 1.94× · 97 % · ±5.2 %** |"
  t_has_line "outside the scheme: workers not a number" "$md" "| Cpu/ThreadPool/workers:x/tasks:10/real_time | 1.00 ms | – |"
}

# Aggregates alone (--benchmark_report_aggregates_only): the median and cv
# aggregates are used.
test_aggregates_only() {
  jq '.benchmarks |= map(select(.run_type == "aggregate" or .error_occurred))' "$FIXTURES/table.json" >"$T_TMP/aggs.json"
  t_run sh "$TABLE" "$T_TMP/aggs.json"
  t_has_line "aggregates only: median and cv aggregates" "$T_TMP/out" \
    "| ThreadPool (warm) | 102 ms · 0.98× · 98 % · ±0.0 % | **52.0 ms · 1.92× · 96 % · ±1.9 %** | **53.0 ms · 1.89× · 47 % · ±0.0 %** |"
  t_has_line "aggregates only: error still shown" "$T_TMP/out" \
    "| ThreadPool (cold) | – | error | **60.0 ms · 3.33× · 83 % · ±1.7 %** |"
}

test_tsv() {
  t_run_in "$FIXTURES" sh "$TABLE" --tsv table.json
  tab=$(printf '\t')
  t_eq "--tsv: header" "host${tab}source${tab}workload${tab}tasks${tab}strategy${tab}life${tab}row${tab}workers${tab}median_ns${tab}cv${tab}speedup${tab}efficiency${tab}state${tab}reference${tab}oversubscribed${tab}fit_sigma${tab}fit_kappa${tab}fit_scale" "$(head -n 1 "$T_TMP/out")"
  t_has_line "--tsv: a cell" "$T_TMP/out" "vm${tab}table.json${tab}Cpu${tab}10${tab}ThreadPool${tab}warm${tab}ThreadPool (warm)${tab}2${tab}5.2e+07${tab}0.01923${tab}1.923${tab}0.9615${tab}ok${tab}0${tab}0${tab}${tab}${tab}"
  t_has_line "--tsv: an error" "$T_TMP/out" "vm${tab}table.json${tab}Io${tab}10${tab}ThreadPool${tab}cold${tab}ThreadPool (cold)${tab}2${tab}${tab}${tab}${tab}${tab}error${tab}0${tab}0${tab}${tab}${tab}"
}

test_real_fixtures() {
  for f in real-single real-reps real-error; do
    json=$FIXTURES/$f.json
    [ -f "$json" ] || { t_skip "$f.json not captured yet"; continue; }
    t_run sh "$TABLE" "$json"
    cp "$T_TMP/out" "$T_TMP/$f.md"
    t_eq "$f: exit 0, no message" "0:" "$T_STATUS:$(cat "$T_TMP/err")"
    t_eq "$f: decision map and one table per workload" \
      "$(jq -r '[.benchmarks[].run_name | split("/")[0]] | unique | map("## \(.), 10 tasks") | ["## Decision map"] + . | sort | join("|")' "$json")" \
      "$(grep '^## ' "$T_TMP/$f.md" | sort | tr '\n' '|' | sed 's/|$//')"
    t_lacks "$f: no n/a cells" "$T_TMP/$f.md" "n/a"
  done
  [ -f "$T_TMP/real-single.md" ] && t_lacks "real-single: no repetitions, no spread" "$T_TMP/real-single.md" "±"
  if [ -f "$T_TMP/real-error.md" ]; then
    md=$T_TMP/real-error.md
    t_eq "real-error: the errored cells read error" "2" "$(grep -c '^| ProcessPool (cold) | [^|]* ms · [^|]* | [^|]* ms · [^|]* | error |$' "$md")"
    t_has_line "real-error: the message is listed" "$md" \
      "- **Errors** (never counted as results): ProcessPool (cold) at 4 workers: RESOURCE_EXHAUSTED: pipe2(): Too many open files."
    t_lacks "real-error: an errored strategy never wins" "$md" "4 workers: ProcessPool (cold)"
  fi
}

# The row names of the Cpu table of a report, joined with |.
cpu_rows() {
  sed -n '/^## Cpu, 10 tasks$/,/^- /p' "$1" | sed -n 's/^| \([^|]*[^ ]\) |.*/\1/p' | sed 1d | tr '\n' '|'
}

# strategies.json lists its strategies in parbench_strategies, in an order
# of its own (OpenMp second, BareThreads in the middle); EventLoop and Tbb
# are not listed.
test_strategy_order() {
  t_run_in "$FIXTURES" sh "$TABLE" strategies.json
  cp "$T_TMP/out" "$T_TMP/strategies.md"
  t_eq "strategies.json: exit 0, no message" "0:" "$T_STATUS:$(cat "$T_TMP/err")"
  t_eq "rows in parbench_strategies order, then the unlisted by name, BareThreads last" \
    "Sequential|OpenMp|ProcessPool (warm)|ThreadPool (cold)|ThreadPool (warm)|EventLoop|Tbb|BareThreads (ceiling)|" \
    "$(cpu_rows "$T_TMP/strategies.md")"
  # CSV in: the key is a quoted field with commas.
  (cd "$FIXTURES" && sh "$J2C" strategies.json) >"$T_TMP/strategies.csv"
  t_run_in "$FIXTURES" sh "$TABLE" "$T_TMP/strategies.csv"
  t_same_file "CSV in: the same order" "$T_TMP/strategies.md" "$T_TMP/out"
  # A run made before the key: the order the tables always had.
  jq 'del(.context.parbench_strategies)' "$FIXTURES/strategies.json" >"$T_TMP/old-order.json"
  t_run sh "$TABLE" "$T_TMP/old-order.json"
  t_eq "no parbench_strategies: the built-in order" \
    "Sequential|ThreadPool (cold)|ThreadPool (warm)|ProcessPool (warm)|EventLoop|OpenMp|Tbb|BareThreads (ceiling)|" \
    "$(cpu_rows "$T_TMP/out")"
}

# Oversubscribed columns (†) without the oversubscribed counter (gone since
# issue 12): from parbench_oversubscribed_workers, or workers beyond
# parbench_usable_cpus.
test_oversubscription() {
  head='| Strategy | 1 worker | 2 workers | 4 workers† |'
  t_has_line "no counter: workers beyond parbench_usable_cpus marked" "$T_TMP/strategies.md" "$head"
  t_has_line "no counter: the note names the usable CPUs" "$T_TMP/strategies.md" \
    "† more workers than the 2 usable CPUs: the workers share cores."
  jq '.context |= del(.num_cpus, .parbench_usable_cpus)' "$FIXTURES/strategies.json" >"$T_TMP/list-only.json"
  t_run sh "$TABLE" "$T_TMP/list-only.json"
  t_has_line "no counter, no CPU count: parbench_oversubscribed_workers marks 4" "$T_TMP/out" "$head"
  t_has_line "no CPU count: the note says usable CPUs" "$T_TMP/out" "† more workers than usable CPUs: the workers share cores."
  jq '.context |= del(.num_cpus, .parbench_usable_cpus) | .benchmarks[].oversubscribed = 0' \
    "$FIXTURES/strategies.json" >"$T_TMP/counter.json"
  t_run sh "$TABLE" "$T_TMP/counter.json"
  t_has_line "a counter present wins over the context key" "$T_TMP/out" "| Strategy | 1 worker | 2 workers | 4 workers |"
  jq '.context |= del(.num_cpus, .parbench_usable_cpus, .parbench_oversubscribed_workers)' \
    "$FIXTURES/strategies.json" >"$T_TMP/nothing.json"
  t_run sh "$TABLE" "$T_TMP/nothing.json"
  t_lacks "nothing says so: no †" "$T_TMP/out" "†"
}

test_bad_input() {
  t_make_bad_inputs
  bad=$T_TMP/bad
  printf 'a,b\n1,2\n' >"$bad/other.csv"
  t_usage_error "unknown option" sh "$TABLE" --frobnicate
  t_usage_error "two inputs" sh "$TABLE" "$FIXTURES/table.json" "$FIXTURES/edge.json"
  t_usage_error "missing file" sh "$TABLE" "$bad/nosuch.csv"
  t_usage_error "empty file" sh "$TABLE" "$bad/empty.json"
  t_usage_error "empty stdin" sh "$TABLE" </dev/null
  t_usage_error "invalid JSON" sh "$TABLE" "$bad/truncated.json"
  t_usage_error "JSON without benchmarks" sh "$TABLE" "$bad/nobench.json"
  t_usage_error "a CSV of something else" sh "$TABLE" "$bad/other.csv"
  t_usage_error "not JSON nor CSV" sh "$TABLE" "$bad/garbage.json"
}

# model.json: 8 usable CPUs; ThreadPool (warm) at 1, 2, 4 and 8 workers takes
# exactly the USL's time for σ = 0.05, κ = 0.002; BareThreads scales
# perfectly; a round trip of 1 ms and 1 ms of dispatch per chunk.
test_model() {
  tab=$(printf '\t')
  t_run sh "$TABLE" "$FIXTURES/model.json"
  t_eq "model.json: exit 0" 0 "$T_STATUS"
  md=$T_TMP/model.md
  cp "$T_TMP/out" "$md"
  t_has_line "peak memory per cell, from peak_rss_mib" "$md" "| ThreadPool (warm) | 31 MiB | 56 MiB | 106 MiB | 206 MiB |"
  t_has_line "peak memory: one decimal below 10 MiB" "$md" "| Sequential | 6.5 MiB | – | – | – |"
  t_lacks "no peak memory table without the counter" "$FIXTURES/table.expected.md" "Peak memory"
  # Exact USL speedups (σ = 0.05, κ = 0.002): the nonlinear fit recovers
  # them with intervals of no width; Amdahl's σ (κ = 0 held) is the
  # least-squares compromise on the throughput, not Gunther's transform.
  t_has_line "the USL fit recovers σ and κ, N_max = √((1−σ)/κ), no error" "$md" \
    "| ThreadPool (warm) | 0.0706 [0.0574, 0.0837] | 0.0500 [0.0500, 0.0500] | 0.00200 [0.00200, 0.00200] | 21.8 [21.8, 21.8] | 0.0 % |"
  t_has_line "cost model: work ÷ n_eff + round trip + dispatch × chunks, misses marked" "$md" \
    "| ThreadPool (warm) | 106 ms · 100 ms · +6 % | 61.0 ms · 52.7 ms · +16 % | 41.0 ms · 29.3 ms · +40 % **miss** | 31.0 ms · 18.3 ms · +70 % **miss** |"
  t_has_line "cost model: median absolute error" "$md" \
    "- **Median absolute error:** 28 % over 4 cells; 2 miss by more than 25 %."
  t_has_line "break-even: (round trip + dispatch × chunks) ÷ (tasks × (1 − share))" "$md" \
    "| ThreadPool (warm) | never | 2.20 ms (≈ 2.2e+06 steps) | 1.57 ms (≈ 1.6e+06 steps) | 1.38 ms (≈ 1.4e+06 steps) |"
  # 2 usable CPUs: only 1 and 2 workers count, too few for a fit.
  t_run_in "$FIXTURES" sh "$TABLE" table.json
  t_has_line "no fit with fewer than 3 worker counts ≤ usable CPUs" "$T_TMP/out" \
    "- **Scaling fit** (Amdahl, USL): no fit (needs ≥ 3 worker counts ≤ usable CPUs; here 1, 2)."
  t_has_line "--tsv: the oversubscribed column and the fit of its row" "$(sh "$TABLE" --tsv "$FIXTURES/model.json" >"$T_TMP/model.tsv"; echo "$T_TMP/model.tsv")" \
    "big${tab}$FIXTURES/model.json${tab}Cpu${tab}10${tab}ThreadPool${tab}warm${tab}ThreadPool (warm)${tab}8${tab}1.8275e+07${tab}${tab}5.472${tab}0.684${tab}ok${tab}0${tab}0${tab}0.05${tab}0.002${tab}1"
  t_lacks "no fitted numbers then" "$T_TMP/out" "| USL σ |"
  t_has_line "no cost model without the Overhead family" "$T_TMP/out" \
    "- **Cost model:** needs the Overhead and Floor families in the same run; this one has none."
}

# The Knobs family's rows differ only in their knobs (spin:S/caller_runs:C
# in the name): one row each, named by them, never one row pooling all.
test_knob_rows() {
  cat >"$T_TMP/knobs.json" <<'EOF'
{"context": {"host_name": "h", "num_cpus": 2, "date": "d"},
 "benchmarks": [
  {"name": "Knobs/ThreadPool/warm/spin:0/caller_runs:0/workers:2/tasks:10/real_time", "run_name": "Knobs/ThreadPool/warm/spin:0/caller_runs:0/workers:2/tasks:10/real_time", "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1, "real_time": 20.0, "cpu_time": 20.0, "time_unit": "ms"},
  {"name": "Knobs/ThreadPool/warm/spin:1/caller_runs:1/workers:2/tasks:10/real_time", "run_name": "Knobs/ThreadPool/warm/spin:1/caller_runs:1/workers:2/tasks:10/real_time", "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 1, "real_time": 10.0, "cpu_time": 10.0, "time_unit": "ms"}
 ]}
EOF
  t_run sh "$TABLE" "$T_TMP/knobs.json"
  t_eq "knobs: exit 0" 0 "$T_STATUS"
  t_has_line "knobs: a row per setting, named by it" "$T_TMP/out" "| ThreadPool (warm, spin 0, caller_runs 0) | 20.0 ms |"
  t_has_line "knobs: the other setting, the faster" "$T_TMP/out" "| ThreadPool (warm, spin 1, caller_runs 1) | **10.0 ms** |"
}

# A process pool by the spawn launch is started inside the timing, like a
# cold one, but through the fork server: the cost model adds its own
# start+stop (Overhead/StartStop/ProcessPool/spawn, 1 + 1 ms at 2 workers),
# not the fork launch's (2 + 2 ms), nor none as for a warm pool.
test_spawn_pool_model() {
  cat >"$T_TMP/spawn.json" <<'EOF'
{"context": {"host_name": "h", "num_cpus": 2, "date": "d", "parbench_usable_cpus": "2"},
 "benchmarks": [
{"name":"Cpu/Sequential/workers:1/tasks:10/real_time","real_time":100,"cpu_time":100,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/ProcessPool/cold/workers:2/tasks:10/real_time","real_time":60,"cpu_time":60,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/ProcessPool/spawn/workers:2/tasks:10/real_time","real_time":55,"cpu_time":55,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/BareThreads/workers:1/tasks:10/real_time","real_time":100,"cpu_time":100,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/BareThreads/workers:2/tasks:10/real_time","real_time":50,"cpu_time":50,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/RoundTrip/ProcessPool/workers:1/real_time","real_time":1,"cpu_time":1,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:1/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:2/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/StartStop/ProcessPool/workers:1/real_time","real_time":2,"cpu_time":2,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/StartStop/ProcessPool/workers:10/real_time","real_time":20,"cpu_time":20,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/StartStop/ProcessPool/spawn/workers:1/real_time","real_time":1,"cpu_time":1,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/StartStop/ProcessPool/spawn/workers:10/real_time","real_time":10,"cpu_time":10,"time_unit":"ms","run_type":"iteration"}
]}
EOF
  t_run sh "$TABLE" "$T_TMP/spawn.json"
  t_eq "spawn pool: exit 0" 0 "$T_STATUS"
  t_has_line "cost model: the cold pool adds the fork launch's start+stop" "$T_TMP/out" \
    "| ProcessPool (cold) | 103 ms · – | 55.0 ms · 60.0 ms · -8 % |"
  t_has_line "cost model: the spawn pool adds its own" "$T_TMP/out" \
    "| ProcessPool (spawn) | 102 ms · – | 53.0 ms · 55.0 ms · -4 % |"
}

# ProcessPool/shm is a strategy of its own: its cost model reads its own
# round trip (0.1 ms here, against the pipe's 1 ms), and the pipe pool's
# curves never take its rows, which sit on the same workers (that once
# divided by zero in the interpolation).
test_shm_pool_model() {
  cat >"$T_TMP/shm.json" <<'EOF'
{"context": {"host_name": "h", "num_cpus": 2, "date": "d", "parbench_usable_cpus": "2"},
 "benchmarks": [
{"name":"Cpu/Sequential/workers:1/tasks:10/real_time","real_time":100,"cpu_time":100,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/ProcessPool/warm/workers:2/tasks:10/real_time","real_time":52,"cpu_time":52,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/ProcessPool/shm/warm/workers:2/tasks:10/real_time","real_time":51,"cpu_time":51,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/BareThreads/workers:1/tasks:10/real_time","real_time":100,"cpu_time":100,"time_unit":"ms","run_type":"iteration"},
{"name":"Cpu/BareThreads/workers:2/tasks:10/real_time","real_time":50,"cpu_time":50,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/RoundTrip/ProcessPool/workers:1/real_time","real_time":1,"cpu_time":1,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/RoundTrip/ProcessPool/shm/workers:1/real_time","real_time":0.1,"cpu_time":0.1,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:1/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:2/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/shm/batch:1000/chunk:1/workers:1/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"},
{"name":"Overhead/PerTask/ProcessPool/shm/batch:1000/chunk:1/workers:2/real_time","real_time":0.001,"cpu_time":0.001,"time_unit":"ms","run_type":"iteration"}
]}
EOF
  t_run sh "$TABLE" "$T_TMP/shm.json"
  t_eq "shm pool: exit 0" 0 "$T_STATUS"
  t_has_line "cost model: the pipe pool adds the pipe's round trip" "$T_TMP/out" \
    "| ProcessPool (warm) | 101 ms · – | 51.0 ms · 52.0 ms · -2 % |"
  t_has_line "cost model: the shm pool adds its own" "$T_TMP/out" \
    "| ProcessPool/shm (warm) | 100 ms · – | 50.1 ms · 51.0 ms · -2 % |"
}

main() {
  test_usage
  test_knob_rows
  test_spawn_pool_model
  test_shm_pool_model
  test_model
  test_known_input
  test_several_hosts
  test_aggregates_only
  test_tsv
  test_real_fixtures
  test_strategy_order
  test_oversubscription
  test_bad_input
  t_finish
}

main "$@" || exit 1
