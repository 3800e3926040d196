#!/bin/sh
# Test hosts on one machine: H Linux network namespaces, each a "host" with
# a veth into one bridge (itself in a namespace of its own), an address on a
# private subnet that exists only inside those namespaces, and a host name
# of its own (a UTS namespace for each command run on it); and a head node
# like them, not in the hostfile, where mpirun runs. Open MPI's real
# multi-host path runs over them: a hostfile, one orted per host started by
# the launch agent below instead of ssh, the TCP BTL between hosts. Nothing
# touches the root namespace's links, routes or /etc. Needs root.
#   testhosts.sh check [RATE]                   whether this machine allows them (one line why not, exit 3)
#   testhosts.sh up DIR H [--link=RATE]         makes H hosts, pbhost1..pbhostH, and the head, pbhead;
#                                               DIR/hostfile lists the hosts; RATE: tbf on every link (1gbit)
#   testhosts.sh down DIR                       ends their processes, removes namespaces, veths, bridge
#   testhosts.sh mpirun DIR [MPIRUN_ARGS...]    mpirun on the head, over the hosts ($MPIRUN or mpirun)
#   testhosts.sh exec DIR HOST CMD [ARG...]     runs CMD on HOST (its namespace, its host name)
#   testhosts.sh agent DIR HOST WORDS...        mpirun's launch agent: runs the words as one shell
#                                               command line on HOST, as ssh does
#   testhosts.sh clean                          removes the sets whose owner process has gone
# A caller that runs `up` owns the hosts: it runs `down` from its own EXIT
# trap (scripts/run.sh and test/bench/netns_test.sh do).
set -u
. "$(dirname "$0")/common.sh"

# The test subnet: private (RFC 1918), and inside the namespaces only, so it
# cannot clash with the machine's own networks. Host i is 10.77.0.i.
SUBNET_PREFIX=10.77.0
SUBNET=$SUBNET_PREFIX.0/24
# Host names: no dot (Open MPI cuts names at the first dot) and not the
# machine's own name (mpirun would start that host's ranks itself, without
# the agent).
HOST_STEM=pbhost
# mpirun's node. Not in the hostfile, so that every rank, and every worker
# a cold pool spawns, is started by an orted through the agent: with
# mpirun's own node in the hostfile, a spawned worker that mpirun started
# itself next to remote ones failed MPI_Init ("PML add procs failed").
HEAD=pbhead
HEAD_ADDRESS=$SUBNET_PREFIX.254
# Addresses .1 to .250 for the hosts; the head has .254.
MAX_HOSTS=250
# Every namespace of a set is named <set>-<node>; a set is pb<owner pid>s<n>,
# n counting the owner's sets from 1.
SET_STEM=pb
# Exit status of `check` (and `up`) where namespaces are not allowed.
REFUSED=3

usage() {
  printf 'usage: %s VERB ...\n' "${0##*/}"
  sed -n '10,18s/^#   /  /p' "$0"
}

# The namespaces of set $1, one a line (the bridge's last).
set_namespaces() {
  ip netns list 2>/dev/null | awk -v p="$1-" 'index($1, p) == 1 { print $1 }' | sort -r
}

# Why network namespaces, veths, a bridge (and tbf, given a rate) cannot be
# made here; nothing when they can. Tries them in a throw-away namespace.
refusal() {
  [ "$(id -u)" -eq 0 ] || { echo "test hosts need root (network namespaces)"; return; }
  command -v ip >/dev/null 2>&1 || { echo "test hosts need iproute2's ip (not installed)"; return; }
  command -v unshare >/dev/null 2>&1 || { echo "test hosts need util-linux's unshare"; return; }
  _probe=$SET_STEM$$-probe
  if ! _why=$(ip netns add "$_probe" 2>&1); then
    echo "network namespaces are not allowed here: $(printf '%s' "$_why" | head -n 1)"
    return
  fi
  _why=$(ip -n "$_probe" link add pbbr type bridge 2>&1 &&
    ip -n "$_probe" link add pbv0 type veth peer name pbv1 2>&1 &&
    unshare --uts true 2>&1 &&
    { [ -z "${1:-}" ] || tc -n "$_probe" qdisc add dev pbv0 root tbf rate "$1" burst 64kb latency 10ms 2>&1; }) ||
    echo "test hosts cannot be made here: $(printf '%s' "$_why" | head -n 1)"
  ip netns del "$_probe" 2>/dev/null
}

check_dir() {
  case "$1" in
    '') die_usage "no DIR given (try -h)" ;;
    *[[:space:]]*) die_usage "$1: DIR may not contain blanks (it goes into mpirun's launch agent)" ;;
  esac
}

# The set's name from DIR/set; dies if DIR holds no set.
read_set() {
  [ -f "$1/set" ] || die_usage "$1: no test hosts there (no $1/set)"
  set_name=$(cat "$1/set")
}

# The namespace of host $2 of set in DIR $1.
host_namespace() {
  read_set "$1"
  awk -v h="$2" '$1 == h { print $2; found = 1 } END { exit !found }' "$1/hosts" ||
    die_usage "$2: not a test host of $1 (hosts: $(awk '{ printf "%s%s", sep, $1; sep = " " }' "$1/hosts"))"
}

# tbf's bucket for a rate such as 1gbit: a millisecond's worth of bytes, at
# least 64 KiB (a veth hands tbf whole 64 KiB GSO segments; tbf splits a
# segment larger than its bucket, which costs CPU, not accuracy).
tbf_burst() {
  awk -v r="$1" 'BEGIN {
    n = r + 0; u = tolower(substr(r, length(n "") + 1))
    m = u == "kbit" ? 1e3 : u == "mbit" ? 1e6 : u == "gbit" ? 1e9 : u == "bit" ? 1 : 0
    b = n * m / 8 / 1000; if (b < 65536) b = 65536
    printf "%d\n", b }'
}

check_rate() {
  case "$1" in
    *[0-9][kmg]bit) ;;
    *) die_usage "--link=$1: a rate such as 100mbit, 1gbit or 10gbit" ;;
  esac
  case "${1%[kmg]bit}" in
    *[!0-9]* | 0*) die_usage "--link=$1: a rate such as 100mbit, 1gbit or 10gbit" ;;
  esac
}

cmd_check() {
  [ $# -le 1 ] || die_usage "check takes one RATE at most (try -h)"
  [ $# -eq 0 ] || check_rate "$1"
  _why=$(refusal "$@")
  [ -z "$_why" ] || { err "$_why"; exit "$REFUSED"; }
}

cmd_up() {
  dir=${1:-}
  count=${2:-}
  shift 2 2>/dev/null || die_usage "up needs DIR and H (try -h)"
  rate=""
  for arg do
    case "$arg" in
      --link=*) rate=${arg#*=}; check_rate "$rate" ;;
      *) die_usage "up: unknown argument: $arg (try -h)" ;;
    esac
  done
  check_dir "$dir"
  case "$count" in
    '' | *[!0-9]* | 0 | 0*) die_usage "H must be a whole number of hosts from 1 (got '$count')" ;;
  esac
  [ "$count" -le "$MAX_HOSTS" ] || die_usage "at most $MAX_HOSTS test hosts (got $count)"
  mkdir -p "$dir" || die "cannot create $dir"
  [ ! -e "$dir/set" ] || die_usage "$dir already holds test hosts (down first)"
  case "$(hostname 2>/dev/null)" in
    "$HOST_STEM"[0-9]*) die_usage "this machine is named like a test host ($(hostname)); mpirun would take it for local" ;;
  esac
  _why=$(refusal "$rate")
  [ -z "$_why" ] || { err "$_why"; exit "$REFUSED"; }

  # The caller's pid names the set: `clean` can tell a set whose owner died.
  _n=1
  while [ -n "$(set_namespaces "$SET_STEM${PPID}s$_n")" ]; do _n=$((_n + 1)); done
  set_name=$SET_STEM${PPID}s$_n
  printf '%s\n' "$set_name" >"$dir/set" || die "cannot write $dir/set"
  : >"$dir/hosts"
  # Half made is not made: anything that fails takes the set down again.
  trap 'cmd_down "$dir" >/dev/null 2>&1' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  sw=$set_name-switch
  ip netns add "$sw" || die "ip netns add $sw failed"
  ip -n "$sw" link add br0 type bridge || die "cannot add the bridge in $sw"
  ip -n "$sw" link set br0 up || die "cannot bring the bridge up in $sw"
  burst=""
  [ -z "$rate" ] || burst=$(tbf_burst "$rate")
  add_node "$HEAD" "$HEAD_ADDRESS" 0
  i=1
  while [ "$i" -le "$count" ]; do
    add_node "$HOST_STEM$i" "$SUBNET_PREFIX.$i" "$i"
    i=$((i + 1))
  done
  awk -v head="$HEAD" '$1 != head { print $1 " slots=1" }' "$dir/hosts" >"$dir/hostfile.tmp" &&
    publish "$dir/hostfile.tmp" "$dir/hostfile"
  printf '%s\n' "${rate:-unshaped}" >"$dir/link" || die "cannot write $dir/link"
  trap - EXIT INT TERM
}

# add_node NAME ADDRESS PORT: a namespace for NAME, its eth0 at ADDRESS
# plugged into the bridge's port pPORT, both ends shaped when there is a rate.
add_node() {
  ns=$set_name-$1
  ip netns add "$ns" || die "ip netns add $ns failed"
  printf '%s %s %s\n' "$1" "$ns" "$2" >>"$dir/hosts"
  ip -n "$ns" link set lo up || die "cannot bring lo up in $ns"
  # The pair is made inside the switch's namespace, one end moved straight
  # into the host's: no link ever appears in the root namespace.
  ip -n "$sw" link add "p$3" type veth peer name eth0 netns "$ns" || die "cannot add the veth of $1"
  ip -n "$sw" link set "p$3" master br0 up || die "cannot plug $1 into the bridge"
  ip -n "$ns" addr add "$2/24" dev eth0 || die "cannot address $1"
  ip -n "$ns" link set eth0 up || die "cannot bring $1's eth0 up"
  [ -n "$rate" ] || return 0
  # Both directions: out of the host, and out of the bridge to the host.
  tc -n "$ns" qdisc add dev eth0 root tbf rate "$rate" burst "$burst" latency 10ms ||
    die "cannot shape $1's link to $rate"
  tc -n "$sw" qdisc add dev "p$3" root tbf rate "$rate" burst "$burst" latency 10ms ||
    die "cannot shape the bridge's port to $1 to $rate"
}

# Ends every process in namespace $1 and waits until they are gone (they are
# not this shell's children: a bounded poll, then a complaint).
end_processes() {
  _tries=0
  while _pids=$(ip netns pids "$1" 2>/dev/null) && [ -n "$_pids" ]; do
    # shellcheck disable=SC2086 # one pid a word
    kill -KILL $_pids 2>/dev/null
    _tries=$((_tries + 1))
    [ "$_tries" -le 50 ] || { err "processes left in $1: $(printf "%s" "$_pids" | tr "\n" " ")"; return 1; }
    sleep 0.1
  done
}

cmd_down() {
  dir=${1:-}
  check_dir "$dir"
  [ -f "$dir/set" ] || return 0  # Nothing was made, or it is down already.
  read_set "$dir"
  _status=0
  # Every namespace of the set, whatever DIR/hosts managed to record.
  for ns in $(set_namespaces "$set_name"); do
    end_processes "$ns" || _status=1
    ip netns del "$ns" || { err "ip netns del $ns failed"; _status=1; }
  done
  [ "$_status" -ne 0 ] || rm -f "$dir/set" "$dir/hosts" "$dir/hostfile" "$dir/link"
  return "$_status"
}

# mpirun on the head node over the hosts of DIR: their hostfile, the agent
# in place of ssh (one orted per host, each started from the head, never
# from another orted), and TCP on the test subnet only, for Open MPI's
# runtime (oob) and for MPI messages between hosts (btl).
cmd_mpirun() {
  [ $# -ge 1 ] || die_usage "mpirun needs DIR (try -h)"
  dir=$1
  shift
  check_dir "$dir"
  [ -f "$dir/hostfile" ] || die_usage "$dir: no test hosts there (no $dir/hostfile)"
  script=$(cd "$(dirname "$0")" && pwd)/${0##*/}
  case "$script" in *[[:space:]]*) die_usage "$script: a path with blanks cannot be mpirun's launch agent" ;; esac
  cmd_exec "$dir" "$HEAD" "${MPIRUN:-mpirun}" --hostfile "$dir/hostfile" \
    --mca plm_rsh_agent "sh $script agent $dir" --mca plm_rsh_no_tree_spawn 1 \
    --mca oob_tcp_if_include "$SUBNET" --mca btl_tcp_if_include "$SUBNET" "$@"
}

cmd_exec() {
  [ $# -ge 3 ] || die_usage "exec needs DIR, HOST and a command (try -h)"
  check_dir "$1"
  ns=$(host_namespace "$1" "$2") || exit
  host=$2
  shift 2
  # A UTS namespace of its own gives the command the host's name.
  # shellcheck disable=SC2016 # for the inner shell
  exec ip netns exec "$ns" unshare --uts sh -c 'hostname "$0" && exec "$@"' "$host" "$@"
}

cmd_agent() {
  [ $# -ge 3 ] || die_usage "agent needs DIR, HOST and a command line (try -h)"
  _dir=$1 _host=$2
  shift 2
  # As ssh does: the words joined into one line for the host's shell.
  cmd_exec "$_dir" "$_host" sh -c "$*"
}

cmd_clean() {
  for set_name in $(ip netns list 2>/dev/null | sed -n "s/^\(${SET_STEM}[0-9][0-9]*s[0-9][0-9]*\)-switch.*/\1/p"); do
    _owner=${set_name#"$SET_STEM"}
    kill -0 "${_owner%s*}" 2>/dev/null && continue
    err "removing $set_name (its owner has gone)"
    for ns in $(set_namespaces "$set_name"); do
      end_processes "$ns"
      ip netns del "$ns" || err "ip netns del $ns failed"
    done
  done
}

main() {
  verb=${1:-}
  [ $# -eq 0 ] || shift
  case "$verb" in
    -h | --help) usage; return 0 ;;
    check) cmd_check "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    mpirun) cmd_mpirun "$@" ;;
    exec) cmd_exec "$@" ;;
    agent) cmd_agent "$@" ;;
    clean) cmd_clean ;;
    '') usage >&2; die_usage "no verb given" ;;
    *) die_usage "unknown verb: $verb (try -h)" ;;
  esac
}

main "$@" || exit 1
