#!/usr/bin/env bash
# Outbound throughput from the queue to Postfix's smtp-sink on loopback, Tegami vs Postfix, in one
# run, alternating A B A B. Not part of the test suite.
#
# For each MTA and scenario (1 remote domain, 20 remote domains): N messages (~5 KB) are injected
# with smtp-source while the destination is held (Tegami: the sink is not running yet and retries
# are an hour apart; Postfix: defer_transports = smtp), then the hold is released (tegami queue
# retry --all / postfix flush) and the time until the MTA's log shows N "status=sent" lines is the
# drain time. Both get the same connection budget: 20 concurrent connections in all.
#
# Everything listens on 127.0.0.1 only; Postfix runs as a private instance (own config and queue
# directory under the work dir, no chroot), the system Postfix is not touched. Needs root (Postfix
# runs its daemons as the postfix user) and the Debian packages postfix and dnsmasq.
#
# Usage: bench/outbound.sh [N] [rounds]      (defaults: 2000 messages, 2 rounds)
set -euo pipefail
N=${1:-2000}
ROUNDS=${2:-2}
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
tegami_build_if_stale "$here"
JAVA="$TEGAMI_JDK/bin/java --enable-native-access=ALL-UNNAMED"
for t in smtp-source smtp-sink postfix postconf dnsmasq; do
  command -v $t >/dev/null || [ -x /usr/sbin/$t ] || { echo "bench: $t is missing (apt-get install postfix dnsmasq)"; exit 1; }
done
export PATH=$PATH:/usr/sbin
W=$(mktemp -d /tmp/tegami-bench.XXXXXX)
chmod 755 "$W" # the postfix user must reach its queue and data directories
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -f "$W/pf/main.cf" ] && postfix -c "$W/pf" stop >/dev/null 2>&1 || true
  sleep 1
  [ -n "${BENCH_KEEP:-}" ] && echo "bench: kept $W" || rm -rf "$W"
}
trap cleanup EXIT

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# A free port below the ephemeral range for the sink: while the sink is down, retried connections
# to a port inside the range can pick it as their own source port and connect to themselves,
# holding the port the sink then cannot bind (a run hung that way).
lowport() { python3 -c '
import random, socket
lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(200):
    p = random.randrange(20000, lo)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        s.close()
'; }
count() { local n; n=$(grep -c "$2" "$1" 2>/dev/null) || true; echo "${n:-0}"; }
wait_count() { # file pattern n timeout_s
  local end=$((SECONDS + $4))
  while [ "$(count "$1" "$2")" -lt "$3" ]; do
    [ $SECONDS -ge $end ] && { echo "bench: timeout waiting for $3 x '$2' in $1 (have $(count "$1" "$2"))" >&2; return 1; }
    sleep 0.05
  done
}
now() { date +%s.%N; }

DOMAINS=20
SINK=$(lowport)
DNSPORT=$(freeport)
OFF=$(( $(freeport) - 25 )); while [ $OFF -lt 1000 ] || [ $OFF -gt 60000 ]; do OFF=$(( $(freeport) - 25 )); done
PFPORT=$(freeport)

# --- DNS for Tegami: dN.test -> MX sink.test -> 127.0.0.1 --------------------------------------
dnsargs=(--keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --listen-address=127.0.0.1
  --bind-interfaces --port=$DNSPORT --pid-file= --user=root --address=/sink.test/127.0.0.1)
for i in $(seq 0 $((DOMAINS - 1))); do dnsargs+=(--mx-host=d$i.test,sink.test,10); done
dnsmasq "${dnsargs[@]}" >/dev/null 2>&1 & PIDS+=($!)

# --- Tegami ------------------------------------------------------------------------------------
cat > "$W/tegami.toml" <<TOML
[ports]
imap = 0
imaps = 0
pop3 = 0
pop3s = 0
[dns]
servers = ["127.0.0.1:$DNSPORT"]
[queue]
mx_port = $SINK
poll_interval = "100ms"
retry_initial = "1h"
retry_max = "2h"
max_connections = 20
max_connections_per_domain = 20
TOML
tg() { $JAVA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$here/target/tegami.jar" "$@" --data "$W/tdata" --config "$W/tegami.toml"; }
tg domain add bench.test >/dev/null
echo "bench-password-123" | tg user add sink@bench.test --password-stdin >/dev/null
for i in $(seq 0 $((DOMAINS - 1))); do tg alias add a$i@bench.test sink@d$i.test >/dev/null; done
$JAVA -XX:+UseG1GC -jar "$here/target/tegami.jar" serve --data "$W/tdata" --config "$W/tegami.toml" \
  --hostname bench-tegami.test --bind 127.0.0.1 --port-offset $OFF 2> "$W/tegami.log" & TPID=$!; PIDS+=($TPID)
TSMTP=$((25 + OFF))
for _ in $(seq 1 300); do grep -q "started" "$W/tegami.log" 2>/dev/null && break; sleep 0.1; done

# --- Postfix (private instance) ------------------------------------------------------------------
mkdir -p "$W/pf" "$W/pfq" "$W/pfd"
chown postfix "$W/pfd"
transport=""
for i in $(seq 0 $((DOMAINS - 1))); do transport+="d$i.test=smtp:[127.0.0.1]:$SINK, "; done
cat > "$W/pf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $W/pfq
data_directory = $W/pfd
mail_owner = postfix
setgid_group = postdrop
myhostname = bench-postfix.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
relayhost =
transport_maps = inline:{ ${transport%, } }
default_destination_concurrency_limit = 20
default_process_limit = 200
smtpd_client_connection_count_limit = 200
smtp_tls_security_level = none
maillog_file_prefixes = $W
maillog_file = $W/postfix.log
defer_transports = smtp
alias_maps =
alias_database =
CF
awk -v port=$PFPORT 'BEGIN{OFS=" "} /^#/ || /^[ \t]/ || NF < 8 {print; next}
  { if ($1 == "smtp" && $2 == "inet") $1 = "127.0.0.1:" port; $5 = "n"; print }' /etc/postfix/master.cf > "$W/pf/master.cf"
grep -q '^postlog' "$W/pf/master.cf" || echo "postlog unix-dgram n - n - 1 postlogd" >> "$W/pf/master.cf"
postfix -c "$W/pf" start >/dev/null 2>&1 || { echo "bench: postfix did not start"; postfix -c "$W/pf" check; exit 1; }
for _ in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/$PFPORT) 2>/dev/null && break; sleep 0.1; done

# --- one measured run ------------------------------------------------------------------------------
start_sink() { smtp-sink -u nobody 127.0.0.1:$SINK 1024 >/dev/null 2>&1 & SINKPID=$!; PIDS+=($SINKPID); sleep 0.3; }
stop_sink() { kill $SINKPID 2>/dev/null || true; wait $SINKPID 2>/dev/null || true; }

inject() { # host:port domains  (aliases a$i@bench.test for Tegami, sink@d$i.test for Postfix)
  local target=$1 domains=$2 who=$3 pids=()
  local per=$((N / domains))
  for i in $(seq 0 $((domains - 1))); do
    local rcpt; if [ "$who" = tegami ]; then rcpt=a$i@bench.test; else rcpt=sink@d$i.test; fi
    local s=$((20 / domains)); [ $s -lt 1 ] && s=1
    smtp-source -s $s -m $per -l 5000 -f bench@bench.test -t $rcpt "$target" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait $p; done
}

run_tegami() { # domains -> prints msgs/s
  local before; before=$(count "$W/tegami.log" "status=sent")
  local deferred; deferred=$(count "$W/tegami.log" "status=deferred")
  inject 127.0.0.1:$TSMTP "$1" tegami
  wait_count "$W/tegami.log" "status=deferred" $((deferred + N)) 600 # everything queued and held
  start_sink
  local t0; tg queue retry --all >/dev/null; t0=$(now)
  wait_count "$W/tegami.log" "status=sent" $((before + N)) 600
  local t1; t1=$(now)
  stop_sink
  python3 -c "print(round($N / ($t1 - $t0), 1))"
}

run_postfix() {
  local before; before=$(count "$W/postfix.log" "status=sent")
  postconf -c "$W/pf" -e "defer_transports = smtp"; postfix -c "$W/pf" reload >/dev/null 2>&1; sleep 1
  local deferred; deferred=$(count "$W/postfix.log" "status=deferred")
  inject 127.0.0.1:$PFPORT "$1" postfix
  wait_count "$W/postfix.log" "status=deferred" $((deferred + N)) 600 # everything queued and held
  start_sink
  postconf -c "$W/pf" -e "defer_transports ="; postfix -c "$W/pf" reload >/dev/null 2>&1
  sleep 2 # let the reloaded qmgr come up before the clock starts
  local t0; postfix -c "$W/pf" flush >/dev/null 2>&1; t0=$(now)
  wait_count "$W/postfix.log" "status=sent" $((before + N)) 600
  local t1; t1=$(now)
  stop_sink
  python3 -c "print(round($N / ($t1 - $t0), 1))"
}

echo "outbound drain to smtp-sink: $N messages of ~5 KB per run, 20 connections max each, $ROUNDS rounds (A B A B)"
declare -A sum
for d in 1 $DOMAINS; do
  ratios=()
  for r in $(seq 1 "$ROUNDS"); do
    a=$(run_tegami $d); b=$(run_postfix $d)
    ratio=$(python3 -c "print(round($a / $b, 2))")
    ratios+=("$ratio")
    echo "domains=$d round=$r tegami=${a} msg/s postfix=${b} msg/s ratio=${ratio}x"
  done
  echo "domains=$d ratios: ${ratios[*]}"
done
