# Shared helpers for bench/ scripts: a fresh Tegami, the Postfix peer, timing, medians.
# Everything runs on loopback; everything started is stopped by the caller's trap.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"

now_ms() { date +%s%3N; }

median() { # numbers on stdin -> median
  sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'
}

minmax() { sort -n | awk 'NR==1{min=$1} {max=$1} END {printf "%s-%s", min, max}'; }

# CPU seconds (user+system) used so far by a process and its threads.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"
}

# Starts Tegami on a fresh data dir: tegami_start DIR OFFSET [EXTRA_TOML]; sets TEGAMI_PID.
tegami_start() {
  local dir=$1 offset=$2 extra=${3:-}
  rm -rf "$dir"; mkdir -p "$dir"
  printf '[dns]\nservers = ["127.0.0.1:9"]\n%b' "$extra" > "$dir/bench.toml"
  "$ROOT/tegami" --version >/dev/null  # build once, outside the measurement
  "$ROOT/tegami" domain add bench.test --data "$dir" --config "$dir/bench.toml" >/dev/null
  echo "sink-password" | "$ROOT/tegami" user add sink@bench.test --password-stdin --data "$dir" --config "$dir/bench.toml" >/dev/null
  "$ROOT/tegami" serve --data "$dir" --config "$dir/bench.toml" --bind 127.0.0.1 --port-offset "$offset" \
    --hostname tegami.bench.test >"$dir/server.log" 2>&1 &
  TEGAMI_PID=$!
  wait_port 127.0.0.1 $((25 + offset))
  # the launcher execs java, so $! is the JVM
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
rss_mb_matching() { ps -eo rss,args | awk -v pat="$1" '$0 ~ pat && !/awk/ {s += $1} END {printf "%.0f\n", s/1024}'; }

# A JDK >= 21 for the Java load clients and GreenMail.
. "$ROOT/scripts/jdk.sh"
tegami_find_jdk && BENCH_JDK=$TEGAMI_JDK
