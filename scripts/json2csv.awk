# json2csv.awk: the benchmark names of scripts/json2csv.sh, parsed by
# lib/names.awk (loaded before it). Reads one name a line as a JSON string
# ("Cpu/Sequential/workers:1/tasks:10/real_time" with its quotes) and prints
# a JSON array a line: [name, workload, strategy, life, workers, tasks], the
# five empty for names outside parbench's scheme.
#
# The name is parsed in its JSON form: JSON escapes (\" \\ \n \u0001 ...)
# never hold "/" or ":", so every component comes out as a piece of valid
# JSON string text, to be quoted as it is.

{
  name_parse(substr($0, 2, length($0) - 2), N)
  printf "[%s,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"]\n", $0, N["workload"], N["strategy"],
    N["life"], N["workers"], N["tasks"]
}
