# advise.awk: the program of scripts/advise.sh. Reads table.sh --model (one
# line per measured cell with the cost model's parameters) and, for
# `tasks` tasks of `task_ns` each, of `kind` cpu or io, judged on the cells
# of workload `family`, prints the strategy and worker count the cost model
# favours, its expected speedup and spread, the overhead that dominates and
# the cheapest choice within the noise. Loaded after lib/fmt.awk and
# lib/model.awk, with `errfile` (see awk_checked in common.sh).
#
# State, per candidate i (a modelled row at a measured worker count):
# c_row[i], c_strat[i], c_w[i], c_time[i] (predicted ns), c_sp[i], c_spread[i]
# (relative), c_why[i]; the first section found is the one used.

BEGIN { FS = "\t" }
NR == 1 { next }
$3 == family {
  if (src == "") { src = $2; host = $1 }
  if ($1 != host || $2 != src) next
  usable = $19 + 0
  if ($5 == "Sequential") { seq_cv = $12; seen_seq = 1; next }
  # One worker is no parallel choice; on CPU-bound tasks EventLoop runs
  # them one after another.
  if ($13 != 1 || $8 + 0 < 2 || (kind == "cpu" && $5 == "EventLoop")) next
  add_candidate($7, $5, $6, $8 + 0, $10, $12, $14 + 0, $15, $16 + 0, $17 + 0, $18 + 0)
}

# The relative spread of a cell's speedup: its spread and Sequential's, as
# the root of their squares; 0 when the run had no repetitions.
function spread(cv, base_cv) {
  return sqrt((cv == "" ? 0 : cv * cv) + (base_cv == "" ? 0 : base_cv * base_cv))
}

function add_candidate(row, strat, life, w, cv, base_cv, ceiling, rule, fixed0, fixed1, dispatch,    i, chunk, fixed) {
  # Waiting tasks overlap whatever the CPUs: n of them wait at once.
  if (kind == "io") ceiling = w
  i = ++nc
  chunk = model_chunk(rule, tasks, w)
  fixed = fixed0 + fixed1 * tasks
  c_row[i] = row; c_strat[i] = strat; c_life[i] = life; c_w[i] = w
  c_time[i] = model_time(task_ns, tasks, w, ceiling, chunk, fixed, dispatch)
  c_sp[i] = tasks * task_ns / c_time[i]
  c_spread[i] = spread(cv, base_cv)
  c_why[i] = model_dominant(task_ns, tasks, w, ceiling, chunk, fixed, dispatch)
  c_detail[i] = sprintf("start-up and round trip %s, dispatch %s (%d chunks of %d), %.2f effective workers of %d",
                        fmt_time(fixed, "short"), fmt_time(dispatch * int((tasks + chunk - 1) / chunk), "short"),
                        int((tasks + chunk - 1) / chunk), chunk, (kind == "io" ? w : (ceiling < w ? ceiling : w)), w)
}

# How dear a choice is to run, for "cheapest": fewer workers first, then
# threads before processes, a warm pool before start-ups per call.
function cost(i,    k) {
  k = c_w[i] * 100
  if (c_strat[i] ~ /Process/) k += 20
  if (c_life[i] == "cold" || c_strat[i] ~ /PerTask/) k += 10
  return k
}

function pct(x) { return fmt_cv(x) }

END {
  if (!seen_seq) { printf "has no %s results with Sequential (run the %s family)\n", family, family > errfile; exit 2 }
  if (nc == 0) { printf "has no %s strategy the cost model covers (it needs the Overhead and Floor families of the same run)\n", family > errfile; exit 2 }
  best = 1
  for (i = 2; i <= nc; i++) if (c_sp[i] > c_sp[best]) best = i
  seq_ns = tasks * task_ns
  printf "%d tasks of %s (%s), judged on the %s family of %s (%d usable CPUs):\n", tasks, fmt_time(task_ns, "short"),
    (kind == "io" ? "waiting, not computing" : "CPU-bound"), family, src, usable
  if (c_sp[best] <= 1 + c_spread[best]) {
    printf "- Use: Sequential. The best parallel choice, %s with %s, would give %s (%s): not a gain beyond the noise.\n",
      c_row[best], fmt_workers(c_w[best]), fmt_x(c_sp[best]), pct(c_spread[best])
    printf "- Why: %s dominates (%s).\n", c_why[best], c_detail[best]
    exit 0
  }
  printf "- Use: %s with %s: expected %s (%s), %s instead of %s.\n", c_row[best], fmt_workers(c_w[best]),
    fmt_x(c_sp[best]), pct(c_spread[best]), fmt_time(c_time[best], "short"), fmt_time(seq_ns, "short")
  printf "- Why: what it loses against an ideal %s is mostly %s (%s).\n", fmt_x(c_w[best]), c_why[best], c_detail[best]
  # The cheapest choice whose speedup is within the best one's noise.
  cheap = best
  for (i = 1; i <= nc; i++)
    if (c_sp[i] >= c_sp[best] * (1 - c_spread[best]) && cost(i) < cost(cheap)) cheap = i
  if (cheap == best) printf "- Cheapest within noise: this one; nothing cheaper comes within %s.\n", pct(c_spread[best])
  else printf "- Cheapest within noise: %s with %s, %s (%s), %s.\n", c_row[cheap], fmt_workers(c_w[cheap]),
    fmt_x(c_sp[cheap]), pct(c_spread[cheap]), fmt_time(c_time[cheap], "short")
}
