# names.awk: the grammar of parbench's benchmark names,
#   <Workload>/<Strategy>[/<transport>][/<life>]/key:value.../<suffix>
#   Cpu/ProcessPool/cold/workers:4/tasks:10/real_time
#   Chunk/ProcessPool/warm/workers:2/tasks:1000/size:1000/chunk:125/real_time
#   Cpu/ProcessPool/shm/warm/workers:2/tasks:10/real_time (strategy ProcessPool/shm)
# where <life> is a plain component (cold, warm, spawn), workers:N and tasks:T
# are required, other key:value components (size, chunk, batch, repeats,
# min_time, ...) may follow, and <suffix> is Google Benchmark's real_time,
# process_time or manual_time. Plain POSIX awk (mawk, gawk); loaded with
# awk -f scripts/lib/names.awk. Tested by test/scripts/names_awk_test.sh.

# 1 for the suffixes Google Benchmark appends to a name.
function name_is_suffix(c) {
  return c == "real_time" || c == "process_time" || c == "manual_time"
}

# 1 for a transport component after the strategy (a process pool's other
# than the pipe): it stays with the strategy, as "ProcessPool/shm".
function name_is_transport(c) {
  return c == "shm"
}

# Parses a name into N["workload"], N["strategy"], N["life"], N["workers"]
# and N["tasks"]; returns 1 when it follows the grammar, else 0 with all five
# empty. json2csv.sh's columns of the same names come from here.
function name_parse(name, N,    c, n, i, s, strategy, first, w, t) {
  N["workload"] = N["strategy"] = N["life"] = N["workers"] = N["tasks"] = ""
  n = split(name, c, "/")
  if (n < 4 || c[1] == "" || index(c[1], ":") || c[2] == "" || index(c[2], ":")) return 0
  # A transport other than the default is part of the strategy.
  s = 3; strategy = c[2]
  if (name_is_transport(c[3])) { s = 4; strategy = c[2] "/" c[3] }
  first = s
  if (!index(c[s], ":") && !name_is_suffix(c[s])) first = s + 1
  w = t = ""
  for (i = first; i <= n; i++) {
    if (!index(c[i], ":")) {
      if (!name_is_suffix(c[i])) return 0
    } else if (index(c[i], "workers:") == 1) w = substr(c[i], 9)
    else if (index(c[i], "tasks:") == 1) t = substr(c[i], 7)
  }
  if (w !~ /^[0-9]+$/ || t !~ /^[0-9]+$/) return 0
  N["workload"] = c[1]; N["strategy"] = strategy
  N["life"] = (first == s + 1) ? c[s] : ""
  N["workers"] = w; N["tasks"] = t
  return 1
}

# The value of the key:value component `key` of a name (the last one, past
# the workload and the strategy); "" when it has none. The key is letters
# and underscores: name_value("Floor/Fork/workers:10", "workers") is 10.
function name_value(name, key,    c, n, i, v) {
  n = split(name, c, "/")
  v = ""
  for (i = 3; i <= n; i++)
    if (index(c[i], key ":") == 1) v = substr(c[i], length(key) + 2)
  return v
}

# The family of a name: its components that are neither key:value, nor a
# number (Google Benchmark's plain arguments), nor a suffix, joined with /.
# Cpu/ProcessPool/cold/workers:4/tasks:10/real_time is Cpu/ProcessPool/cold,
# Overhead/Fork/resident_mib:256/real_time is Overhead/Fork, BM_memcpy/8/64
# is BM_memcpy. The CI profile must cover every family (profile_test.sh).
function name_family(name,    c, n, i, f) {
  n = split(name, c, "/")
  f = ""
  for (i = 1; i <= n; i++) {
    if (index(c[i], ":") || c[i] ~ /^[-+]?[0-9.]+$/ || name_is_suffix(c[i])) continue
    f = f (f == "" ? "" : "/") c[i]
  }
  return f
}
