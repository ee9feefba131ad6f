# Shared helpers for bench/ scripts: a fresh Tegami, the Postfix peer, timing, medians.
# Everything runs on loopback; everything started is stopped by the caller's trap.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"

now_ms() { date +%s%3N; }

median() { # numbers on stdin -> median
  sort -n | awk 'NF {a[++n]=$1} END {if (n == 0) exit; if (n%2) print a[(n+1)/2]; else printf "%.1f\n", (a[n/2]+a[n/2+1])/2}'
}

minmax() { sort -n | awk 'NR==1{min=$1} {max=$1} END {printf "%s-%s", min, max}'; }

# CPU seconds (user+system) used so far by a process and its threads.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"
}

# Starts Tegami on a fresh data dir: tegami_start DIR OFFSET [EXTRA_TOML]; sets TEGAMI_PID.
# A DNS server for Tegami's checks, as on a real host: a dnsmasq on loopback, authoritative for
# "test" (SOA, so negative answers are cached too), where the load's sender domain remote.test
# publishes SPF and DMARC p=none. Started once per run, stopped on exit.
BENCH_DNS_PORT=${BENCH_DNS_PORT:-27053}
bench_dns_start() {
  [ -n "${BENCH_DNS_PID:-}" ] && return 0
  dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --listen-address=127.0.0.1 \
    --bind-interfaces --port="$BENCH_DNS_PORT" --pid-file= --user=root --log-facility=- \
    --auth-server=ns.test,127.0.0.1 --auth-zone=test --auth-ttl=300 \
    --txt-record=remote.test,"v=spf1 ip4:127.0.0.0/8 -all" \
    --txt-record=_dmarc.remote.test,"v=DMARC1; p=none" >"$OUT/dnsmasq.log" 2>&1 &
  BENCH_DNS_PID=$!
  sleep 0.3
}
bench_dns_stop() { [ -n "${BENCH_DNS_PID:-}" ] && kill "$BENCH_DNS_PID" 2>/dev/null || true; BENCH_DNS_PID=; }

tegami_start() {
  local dir=$1 offset=$2 extra=${3:-}
  rm -rf "$dir"; mkdir -p "$dir"
  bench_dns_start
  printf '[dns]\nservers = ["127.0.0.1:%s"]\n%b' "$BENCH_DNS_PORT" "$extra" > "$dir/bench.toml"
  "$ROOT/tegami" --version >/dev/null  # build once, outside the measurement
  "$ROOT/tegami" domain add bench.test --data "$dir" --config "$dir/bench.toml" >/dev/null
  echo "sink-password" | "$ROOT/tegami" user add sink@bench.test --password-stdin --data "$dir" --config "$dir/bench.toml" >/dev/null
  "$ROOT/tegami" serve --data "$dir" --config "$dir/bench.toml" --bind 127.0.0.1 --port-offset "$offset" \
    --hostname tegami.bench.test >"$dir/server.log" 2>&1 &
  TEGAMI_PID=$!
  wait_port 127.0.0.1 $((25 + offset))
  # the launcher execs java, so $! is the JVM
}

# A mail server runs for days: measure it warm. A fresh JVM spends its first minute compiling:
# methods run once per message reach the optimising compiler (C2) only after ~10,000 messages,
# and on 2 cores C2's queue delays them further (C2 took up to 40 % of Tegami's CPU in runs that
# followed a 2,000-message warm-up). So Tegami is given WARMUP messages over 20 sessions, then
# more in steps of 2,000 until C2 used under 0.1 s for a step (50 us a message), at most
# WARMUP_MAX in all. TEGAMI_WARMED is how many it took.
WARMUP=${WARMUP:-4000}
WARMUP_MAX=${WARMUP_MAX:-$((WARMUP * 3))}
c2_seconds() { # CPU seconds of a JVM's C2 compiler threads
  local t hz; hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in "C2 CompilerThre"*) awk -v hz="$hz" '{print ($14+$15)/hz}' "$t/stat" ;; esac
  done | awk '{s += $1} END {printf "%.2f\n", s}'
}
tegami_warm() { # port
  TEGAMI_WARMED=0
  [ "$WARMUP" -gt 0 ] || return 0
  /usr/sbin/smtp-source -s 20 -m "$WARMUP" -l 5000 -f warm@remote.test -t sink@bench.test "127.0.0.1:$1" 2>/dev/null
  TEGAMI_WARMED=$WARMUP
  local a b
  while [ "$TEGAMI_WARMED" -lt "$WARMUP_MAX" ]; do
    a=$(c2_seconds "$TEGAMI_PID")
    /usr/sbin/smtp-source -s 20 -m 2000 -l 5000 -f warm@remote.test -t sink@bench.test "127.0.0.1:$1" 2>/dev/null
    b=$(c2_seconds "$TEGAMI_PID"); TEGAMI_WARMED=$((TEGAMI_WARMED + 2000))
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.1) }' && break
  done
  return 0
}

# Waits until Tegami has finished its background work (e.g. the search index of a burst just
# received): until it used under 4 % of a core over half a second, at most 120 s.
tegami_settle() {
  [ -n "${TEGAMI_PID:-}" ] || return 0
  local a b i
  for i in $(seq 1 240); do
    a=$(cpu_seconds "$TEGAMI_PID"); sleep 0.5; b=$(cpu_seconds "$TEGAMI_PID")
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.02) }' && return 0
  done
  echo "bench: Tegami still busy after 120 s" >&2
}

tegami_stop() { [ -n "${TEGAMI_PID:-}" ] && kill "$TEGAMI_PID" 2>/dev/null && wait "$TEGAMI_PID" 2>/dev/null || true; TEGAMI_PID=; }

wait_port() { # host port
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: nothing listens on $1:$2" >&2; return 1
}

# Postfix on 127.0.0.1:25, delivering to the local user "sink" in Maildir (fsync'd queue files and
# Maildir delivery), set up as ../shared/peers/README.md describes. Needs root.
postfix_setup() {
  command -v postconf >/dev/null || { echo "bench: postfix not installed (apt-get install postfix)" >&2; return 1; }
  id sink >/dev/null 2>&1 || useradd -m sink
  for f in hosts resolv.conf services nsswitch.conf host.conf localtime; do
    [ -e /etc/$f ] && mkdir -p /var/spool/postfix/etc && cp -L /etc/$f /var/spool/postfix/etc/ 2>/dev/null || true
  done
  postconf -e "inet_interfaces = loopback-only" "inet_protocols = ipv4" "mynetworks = 127.0.0.0/8" \
    "default_transport = error" "relay_transport = error" "relayhost =" \
    "smtpd_relay_restrictions = reject_unauth_destination" "home_mailbox = Maildir/" \
    "mydestination = localhost, bench.test" "default_process_limit = 200" \
    "smtpd_client_connection_count_limit = 200" "smtpd_client_connection_rate_limit = 0" \
    "local_recipient_maps =" "alias_maps =" "biff = no"
  postfix stop >/dev/null 2>&1 || true
  postfix start >/dev/null 2>&1
  wait_port 127.0.0.1 25
}

postfix_stop() { postfix stop >/dev/null 2>&1 || true; }

postfix_clear() { # empty the sink's Maildir and wait for an empty queue
  rm -rf ~sink/Maildir/new/* ~sink/Maildir/cur/* 2>/dev/null || true
}

maildir_count() { ls ~sink/Maildir/new 2>/dev/null | wc -l; }

# GreenMail standalone (in-memory Java mail server) from Maven Central, as the Java peer:
# SMTP 3025, POP3 3110, IMAP 3143 on 127.0.0.1; API on 127.0.0.1:18089. Sets GREENMAIL_PID.
greenmail_start() {
  local jar="$OUT/greenmail-standalone-2.1.13.jar"
  if [ ! -f "$jar" ]; then
    (cd "$ROOT" && JAVA_HOME=$BENCH_JDK mvn -q dependency:copy -Dartifact=com.icegreen:greenmail-standalone:2.1.13 \
      -DoutputDirectory="$OUT" >/dev/null)
  fi
  "$BENCH_JDK/bin/java" -Xmx2g -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.setup.test.pop3 \
    -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.users=sink:sink-password@bench.test \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=18089 -jar "$jar" >"$OUT/greenmail.log" 2>&1 &
  GREENMAIL_PID=$!
  wait_port 127.0.0.1 3025
}

greenmail_stop() { [ -n "${GREENMAIL_PID:-}" ] && kill "$GREENMAIL_PID" 2>/dev/null && wait "$GREENMAIL_PID" 2>/dev/null || true; GREENMAIL_PID=; }

# Resident set (MiB) of a process, or of all processes whose command matches a pattern (Postfix
# runs as many processes).
rss_mb() { awk '/VmRSS/ {printf "%.0f\n", $2/1024}' "/proc/$1/status"; }
# Postfix is many processes (master, qmgr, one smtpd per session, local, ...) sharing pages: sum
# their proportional set sizes (PSS), which counts each shared page once in total.
pss_mb_postfix() {
  local pids; pids="$(pgrep -u postfix || true) $(pgrep -f '/usr/lib/postfix/sbin/master' || true)"
  for p in $pids; do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done |
    awk '{s += $1} END {printf "%.0f\n", s/1024}'
}

# A JDK >= 21 for the Java load clients and GreenMail.
. "$ROOT/scripts/jdk.sh"
tegami_find_jdk && BENCH_JDK=$TEGAMI_JDK
