# strict_json.awk: fails on the tokens JSON (RFC 8259) does not have but
# Google Benchmark can write for a counter whose statistic is undefined:
# bare NaN, Infinity and -Infinity (jq reads them without a word). Reads
# JSON as Google Benchmark writes it (no string spans lines); prints
# "line N: bare WORD" for the first one and exits 1, else exits 0.
#   awk -f test/bench/strict_json.awk FILE
{
  line = $0
  # Strings first (their contents may say anything), then numbers.
  gsub(/"([^"\\]|\\.)*"/, "\"\"", line)
  gsub(/-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/, "0", line)
  while (match(line, /[A-Za-z_]+/)) {
    word = substr(line, RSTART, RLENGTH)
    if (word != "true" && word != "false" && word != "null") {
      printf "line %d: bare %s\n", NR, word
      bad = 1
      exit 1
    }
    line = substr(line, RSTART + RLENGTH)
  }
}
END { exit bad }
