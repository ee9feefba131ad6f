#!/usr/bin/env bash
# IMAP side by side: Tegami and a private Dovecot instance on loopback, on the same generated
# mailbox, alternating A B A B; prints each scenario's median for both, the ratio (>1 means
# Tegami is faster) and the servers' CPU time. Then 10,000 (IDLE_CONNECTIONS) authenticated IDLE
# sessions on each: resident memory and the time until a new message reached all of them.
#
# Usage: bench/imap.sh [--quick]      MESSAGES=10000 ROUNDS=3 IDLE_CONNECTIONS=10000 SIZE=5000
#        (IDLE_CONNECTIONS=0 skips the IDLE part; MESSAGES=100000 for the large mailbox)
# Needs root (a system user owns Dovecot's mail), Debian's dovecot-imapd, a JDK >= 21 and Maven.
. "$(dirname "$0")/lib.sh"
MESSAGES=${MESSAGES:-10000}
ROUNDS=${ROUNDS:-3}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
SIZE=${SIZE:-5000}
MIX_SECONDS=${MIX_SECONDS:-10}
WARM_PASSES=${WARM_PASSES:-3}
# --quick (bench/run --quick, under 10 minutes in all): 1,000 IDLE sessions, shorter mix and warm-up.
[ "${1:-}" = "--quick" ] && { MESSAGES=10000; IDLE_CONNECTIONS=1000; MIX_SECONDS=4; WARM_PASSES=3; }
USER_ADDR=bench@bench.test
PASS=bench-password-1
T_OFFSET=22000          # Tegami IMAP on 22143 (bench ports stay below the ephemeral range)
D_PORT=23143            # Dovecot IMAP
DIR=$OUT/imap
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CP="$ROOT/target/test-classes:$ROOT/target/classes:$ROOT/target/lib/*"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

command -v dovecot >/dev/null || { echo "bench: dovecot not installed (apt-get install dovecot-imapd)" >&2; exit 1; }
trap 'tegami_imap_stop; dovecot_stop' EXIT

# ---- build and generate ------------------------------------------------------------------------
"$ROOT/tegami" --version >/dev/null
(cd "$ROOT" && tegami_maven_env && { mvn -q -o test-compile 2>/dev/null || mvn -q test-compile; }) >/dev/null
rm -rf "$DIR"; mkdir -p "$DIR"
echo "generating $MESSAGES messages of ~$SIZE bytes for both servers..."
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" org.tegami.bench.BenchFill tegami "$DIR/tegami" "$USER_ADDR" "$PASS" "$MESSAGES" "$SIZE" 2>/dev/null
id benchmail >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin benchmail
"$JAVA" -cp "$CP" org.tegami.bench.BenchFill maildir "$DIR/dovecot/mail/$USER_ADDR/Maildir" "$MESSAGES" "$SIZE"
chown -R benchmail:benchmail "$DIR/dovecot/mail"

# ---- servers -------------------------------------------------------------------------------------
tegami_imap_start() {
  printf '[dns]\nservers = ["127.0.0.1:9"]\n[auth]\nallow_plaintext = true\n' > "$DIR/tegami.toml"
  TEGAMI_JAVA_OPTS="${TEGAMI_JAVA_OPTS:-}" "$ROOT/tegami" serve --data "$DIR/tegami" --config "$DIR/tegami.toml" \
    --bind 127.0.0.1 --port-offset "$T_OFFSET" --hostname tegami.bench.test >"$DIR/tegami.log" 2>&1 &
  TEGAMI_PID=$!
  wait_port 127.0.0.1 $((143 + T_OFFSET)) || { tail -5 "$DIR/tegami.log" >&2; return 1; }
}
tegami_imap_stop() { [ -n "${TEGAMI_PID:-}" ] && kill "$TEGAMI_PID" 2>/dev/null && wait "$TEGAMI_PID" 2>/dev/null || true; TEGAMI_PID=; }

# A private Dovecot: own config, base_dir and instance name, passwd-file, plaintext for the bench.
# IMAP_CLIENT_LIMIT: sessions per imap process (1 = Dovecot's default, a process per session).
dovecot_start() {
  local base=$DIR/dovecot uid gid
  uid=$(id -u benchmail); gid=$(id -g benchmail)
  mkdir -p "$base/run" "$base/state"
  echo "$USER_ADDR:{PLAIN}$PASS" > "$base/users"
  cat > "$base/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $base/run
state_dir = $base/state
instance_name = dovecot-imap-bench
log_path = $base/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$base/mail/%u/Maildir
mail_max_userip_connections = 20000
default_client_limit = 20000
default_process_limit = 20000
default_vsz_limit = 0
first_valid_uid = $uid
passdb {
  driver = passwd-file
  args = scheme=PLAIN $base/users
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$base/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $D_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service imap {
  process_limit = 20000
  client_limit = ${IMAP_CLIENT_LIMIT:-1}
  service_count = ${IMAP_SERVICE_COUNT:-1}
}
EOF
  dovecot -c "$base/dovecot.conf"
  wait_port 127.0.0.1 "$D_PORT"
  DOVECOT_PID=$(cat "$base/run/master.pid")
}
dovecot_stop() {
  [ -f "$DIR/dovecot/dovecot.conf" ] && dovecot -c "$DIR/dovecot/dovecot.conf" stop 2>/dev/null || true
  sleep 1
}

# CPU milliseconds of a process tree (live processes, and what exited children left in cutime).
tree_cpu_ms() {
  local root=$1 hz
  hz=$(getconf CLK_TCK)
  ps -e -o pid=,ppid= | awk -v r="$root" '{p[$1]=$2} END {for (x in p) {y=x; while (y>1) {if (y==r) {print x; break}; y=p[y]}}}' |
    while read -r p; do cat "/proc/$p/stat" 2>/dev/null; done |
    awk -v hz="$hz" '{sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15} END {printf "%d\n", t * 1000 / hz}'
}

bench() { # port scenario... -> "value unit"
  local port=$1; shift
  "$JAVA" -cp "$CP" org.tegami.bench.ImapBench 127.0.0.1 "$port" "$USER_ADDR" "$PASS" "$@" 2>/dev/null | awk '/^RESULT/ {print $3, $4; exit}'
}

SCENARIOS=(
  "login-select 20"
  "fetch-fast"
  "fetch-envelope"
  "search-header #$((MESSAGES / 2 + 7))"
  "search-body number $((MESSAGES / 3 + 11))"
  "fetch-bodies 1000"
  "store 1000"
  "store-seq 500"
  "mix 50 $MIX_SECONDS"
)

tegami_imap_start
# The generated messages' texts wait for the search index, which Tegami builds in the background
# after start (as after any burst of deliveries): let it finish before anything is measured.
tegami_settle
dovecot_start
echo "warming up (Dovecot builds its index on the first SELECT, the JVM compiles)..."
# Dovecot (native) needs one pass to build its index; Tegami's JIT needs a few (cheap: its
# scenarios take milliseconds).
for warm in $(seq 1 "$WARM_PASSES"); do
  for s in "${SCENARIOS[@]}"; do
    case "$s" in mix*) continue ;; esac
    bench $((143 + T_OFFSET)) $s >/dev/null
    if [ "$warm" = 1 ]; then bench "$D_PORT" $s >/dev/null; fi
  done
done

printf '\n%-34s | %14s | %14s | %-22s | %s\n' "scenario ($MESSAGES messages)" "Tegami" "Dovecot" "ratio median (min-max)" "server CPU ms T / D"
for s in "${SCENARIOS[@]}"; do
  : > "$DIR/t"; : > "$DIR/d"; : > "$DIR/r"; : > "$DIR/tc"; : > "$DIR/dc"
  for round in $(seq 1 "$ROUNDS"); do
    c0=$(tree_cpu_ms "$TEGAMI_PID"); t=$(bench $((143 + T_OFFSET)) $s); c1=$(tree_cpu_ms "$TEGAMI_PID")
    d0=$(tree_cpu_ms "$DOVECOT_PID"); d=$(bench "$D_PORT" $s); d1=$(tree_cpu_ms "$DOVECOT_PID")
    unit=${t#* }
    echo "${t% *}" >> "$DIR/t"; echo "${d% *}" >> "$DIR/d"
    echo $((c1 - c0)) >> "$DIR/tc"; echo $((d1 - d0)) >> "$DIR/dc"
    if [ "$unit" = "ms" ]; then
      awk -v a="${t% *}" -v b="${d% *}" 'BEGIN {printf "%.2f\n", b / a}' >> "$DIR/r"
    else
      awk -v a="${t% *}" -v b="${d% *}" 'BEGIN {printf "%.2f\n", a / b}' >> "$DIR/r"
    fi
  done
  printf '%-34s | %11s %-2s | %11s %-2s | %6sx (%s) | %s / %s\n' "$s" "$(median < "$DIR/t")" "${unit/ops\/s//s}" \
    "$(median < "$DIR/d")" "${unit/ops\/s//s}" "$(median < "$DIR/r")" "$(minmax < "$DIR/r")" \
    "$(median < "$DIR/tc")" "$(median < "$DIR/dc")"
done

# ---- 10,000 IDLE sessions -------------------------------------------------------------------------
[ "$IDLE_CONNECTIONS" -gt 0 ] || exit 0
echo
echo "$IDLE_CONNECTIONS authenticated IDLE sessions on INBOX, then one APPEND from another session:"
idle_run() { # name port pids
  "$JAVA" -Xss256k -cp "$CP" org.tegami.bench.ImapBench 127.0.0.1 "$2" "$USER_ADDR" "$PASS" idle "$IDLE_CONNECTIONS" "$3" 2>/dev/null |
    awk -v n="$1" '/^RESULT/ {printf "  %-8s %-18s %10s %s\n", n, $2, $3, $4} /^INFO/ {print "  " n " " $0}'
}
idle_run Tegami $((143 + T_OFFSET)) "$TEGAMI_PID"
dovecot_stop
# Dovecot's default is a process per session; for 10,000 sessions use its documented
# multi-client mode: 100 sessions per imap process (service_count = 0).
IMAP_CLIENT_LIMIT=${IDLE_CLIENT_LIMIT:-100} IMAP_SERVICE_COUNT=0 dovecot_start
idle_run Dovecot "$D_PORT" "$DOVECOT_PID"
echo "  (Dovecot with client_limit = ${IDLE_CLIENT_LIMIT:-100} sessions per imap process, service_count = 0;"
echo "   memory is the proportional set size (PSS) summed over the server's processes)"
