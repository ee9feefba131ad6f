#!/usr/bin/env bash
# POP3 benchmark, Tegami vs a private Dovecot 2.3 instance, both on loopback (issue 4):
#   1. RETR of BIG (10,000) ~5 KB messages in one session;
#   2. CLIENTS (50) concurrent clients, each on its own account of SMALL messages, doing ROUNDS
#      sessions of STAT, UIDL, RETR of every message, QUIT.
# Same messages in both (bench/Pop3Populate.java), same client (bench/Pop3Bench.java), runs
# alternated A B A B, messages/s and server CPU per message, medians and ratios at the end.
# Plaintext POP3 for both (a benchmark-only setting; the CPU of TLS is not what is compared).
#
# Needs: a JDK >= 21, Maven (to build), Debian packages dovecot-core + dovecot-pop3d, root (Dovecot
# switches to the `mail` user for the Maildirs). Usage: bench/pop3.sh   (env vars below to tune)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")
. "$root/scripts/jdk.sh"
tegami_require_jdk
JAVA="$TEGAMI_JDK/bin/java"

BIG=${BIG:-10000}
SMALL=${SMALL:-100}
CLIENTS=${CLIENTS:-50}
ROUNDS=${ROUNDS:-4}
RUNS=${RUNS:-3}
OFFSET=${OFFSET:-24000}            # Tegami's POP3 on 110+OFFSET (below the ephemeral range)
DOVECOT_PORT=${DOVECOT_PORT:-24210}
PASSWORD=benchpassword
work=${BENCH_DIR:-$here/out/pop3}
TEGAMI_PORT=$((110 + OFFSET))

command -v dovecot >/dev/null || { echo "bench: dovecot not installed (apt-get install dovecot-core dovecot-pop3d)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "bench: run as root (Dovecot must switch to the mail user)" >&2; exit 1; }

"$root/tegami" --version >/dev/null   # builds target/tegami.jar when stale
rm -rf "$work"
mkdir -p "$work/dovecot/run" "$work/dovecot/state"

echo "== populating $BIG + $CLIENTS x $SMALL messages (Tegami store and Maildirs)"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$root/target/tegami.jar" "$here/Pop3Populate.java" \
  "$work/tegami" "$work/maildirs" "$PASSWORD" "$BIG" "$SMALL" 2>&1 | grep -v ' INFO ' || true
chown -R mail:mail "$work/maildirs"

cat > "$work/tegami.toml" <<EOF
[auth]
allow_plaintext = true   # benchmark only
[ports]
smtp = 0
submission = 0
submissions = 0
imap = 0
imaps = 0
pop3s = 0
EOF

for d in "$work/maildirs"/*; do echo "$(basename "$d"):{PLAIN}$PASSWORD::::::"; done > "$work/dovecot/passwd"
cat > "$work/dovecot/dovecot.conf" <<EOF
# A private instance: own base_dir, instance_name, passwd-file, Maildirs; loopback only.
base_dir = $work/dovecot/run
state_dir = $work/dovecot/state
instance_name = tegami-bench-dovecot
listen = 127.0.0.1
protocols = pop3
ssl = no
disable_plaintext_auth = no   # benchmark only
auth_mechanisms = plain
log_path = $work/dovecot/dovecot.log
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $work/dovecot/passwd
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$work/maildirs/%u
}
mail_location = maildir:$work/maildirs/%u/Maildir
first_valid_uid = 8
first_valid_gid = 8
# Tegami does not set \Seen on RETR either; without this Dovecot renames every file at QUIT.
pop3_no_flag_updates = yes
mail_max_userip_connections = 1000
default_process_limit = 1000
default_client_limit = 4000
service pop3-login {
  inet_listener pop3 {
    port = $DOVECOT_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
EOF

tegami_pid=""
cleanup() {
  [ -n "$tegami_pid" ] && kill "$tegami_pid" 2>/dev/null && wait "$tegami_pid" 2>/dev/null || true
  dovecot -c "$work/dovecot/dovecot.conf" stop 2>/dev/null || true
}
trap cleanup EXIT

TEGAMI_JAVA_OPTS=${TEGAMI_JAVA_OPTS:-} "$root/tegami" serve --data "$work/tegami" --config "$work/tegami.toml" \
  --port-offset "$OFFSET" --bind 127.0.0.1 --hostname mx.bench.test >"$work/tegami.log" 2>&1 &
tegami_pid=$!
dovecot -c "$work/dovecot/dovecot.conf"
for i in $(seq 1 60); do
  (exec 3<>/dev/tcp/127.0.0.1/$TEGAMI_PORT) 2>/dev/null && break
  sleep 0.5
done

hz=$(getconf CLK_TCK)
# CPU ticks of a process: utime+stime (+cutime+cstime with $2=all: reaped children).
ticks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk -v all="${2:-}" '{ print $12 + $13 + (all ? $14 + $15 : 0) }' || echo 0; }
cpu_tegami() { ticks "$tegami_pid"; }
# The populated messages' texts wait for the search index, which Tegami builds in the background
# after start: wait until it is idle (under 2 ticks of CPU in a second), so it never runs beside a
# measured run.
for i in $(seq 1 120); do
  a=$(cpu_tegami); sleep 1; [ $(( $(cpu_tegami) - a )) -lt 2 ] && break
done
cpu_dovecot() { # the master with its reaped children (pop3, login) plus live children (auth, log...)
  local master total c
  master=$(cat "$work/dovecot/run/master.pid")
  total=$(ticks "$master" all)
  for c in $(pgrep -P "$master"); do total=$((total + $(ticks "$c"))); done
  echo "$total"
}

run() { # server scenario -> "msgs_per_s cpu_ms_per_msg"
  local server=$1 scenario=$2 port out before after msgs rate
  if [ "$server" = tegami ]; then port=$TEGAMI_PORT; else port=$DOVECOT_PORT; fi
  before=$(cpu_$server)
  if [ "$scenario" = retr ]; then
    out=$("$JAVA" "$here/Pop3Bench.java" retr "$port" bench@bench.test "$PASSWORD")
  else
    out=$("$JAVA" "$here/Pop3Bench.java" sessions "$port" "$PASSWORD" "$CLIENTS" "$ROUNDS")
  fi
  sleep 0.3   # let session processes exit so their CPU is accounted
  after=$(cpu_$server)
  msgs=$(sed -n 's/.*messages=\([0-9]*\).*/\1/p' <<<"$out")
  rate=$(sed -n 's/.*msgs_per_s=\([0-9]*\).*/\1/p' <<<"$out")
  echo "$rate $(awk -v t=$((after - before)) -v hz="$hz" -v m="$msgs" 'BEGIN { printf "%.3f", t * 1000 / hz / m }')"
}

# Not measured: Dovecot indexes the Maildirs, Tegami verifies each password once (Argon2id, then
# cached) and its JIT compiles the RETR path; both read every small message once (page cache).
echo "== warming both servers"
for port in "$TEGAMI_PORT" "$DOVECOT_PORT"; do
  "$JAVA" "$here/Pop3Bench.java" warm "$port" "$PASSWORD" "$CLIENTS"
  "$JAVA" "$here/Pop3Bench.java" sessions "$port" "$PASSWORD" "$CLIENTS" 1 >/dev/null
done

results="$work/results.txt"
: >"$results"
printf '%-9s %-4s %-8s %10s %14s\n' scenario run server msgs/s cpu_ms/msg
for r in $(seq 1 "$RUNS"); do
  for scenario in retr sessions; do
    for server in tegami dovecot; do   # A B A B
      read -r rate cpu < <(run "$server" "$scenario")
      printf '%-9s %-4s %-8s %10s %14s\n' "$scenario" "$r" "$server" "$rate" "$cpu"
      echo "$scenario $server $rate $cpu" >>"$results"
    done
  done
done

echo
echo "== medians of $RUNS runs (RETR: $BIG messages in one session; sessions: $CLIENTS clients x $ROUNDS sessions x $SMALL messages)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for scenario in retr sessions; do
  t=$(awk -v s=$scenario '$1 == s && $2 == "tegami" { print $3 }' "$results" | median)
  d=$(awk -v s=$scenario '$1 == s && $2 == "dovecot" { print $3 }' "$results" | median)
  tc=$(awk -v s=$scenario '$1 == s && $2 == "tegami" { print $4 }' "$results" | median)
  dc=$(awk -v s=$scenario '$1 == s && $2 == "dovecot" { print $4 }' "$results" | median)
  awk -v s=$scenario -v t="$t" -v d="$d" -v tc="$tc" -v dc="$dc" 'BEGIN {
    printf "%-9s tegami %7.0f msg/s (%.3f ms CPU/msg)  dovecot %7.0f msg/s (%.3f ms CPU/msg)  ratio %.2fx (CPU %.2fx)\n",
      s, t, tc, d, dc, t / d, (tc > 0 ? dc / tc : 0) }'
done
