#!/usr/bin/env bash
# Inbound SMTP throughput with SPF/DKIM/DMARC checks on versus off ([mail_auth] verify), in one
# run, alternating ON OFF ON OFF. Not part of the test suite.
#
# A dnsmasq on 127.0.0.1 is the authoritative server of the zone "test" (SOA, so negative answers
# are cached too) holding sender.test's SPF (ip4:127.0.0.0/8), two DKIM keys (RSA-2048 and
# Ed25519) and DMARC p=reject with rua= (so every message also records a report row). The load
# client (bench/AuthLoad.java) sends the same signed ~SIZE message from alice@sender.test to
# sink@bench.test over CONNECTIONS parallel sessions; each server first gets WARMUP messages (JIT,
# DNS cache), then MESSAGES are timed. Every message is verified for real: each DKIM signature is
# checked, SPF and DMARC evaluated, Authentication-Results written, the message stored durably.
#
# Usage: bench/mail-auth.sh [MESSAGES] [ROUNDS]      (defaults 3000 messages, 3 rounds)
# Env: SIZE (5000), SIGN (dual: RSA-2048 + Ed25519 signatures, as Tegami signs; rsa: one RSA-2048
# signature, as most mail carries), RUA (yes: the DMARC record asks for aggregate reports, so each
# message records a row; no: it does not), CONNECTIONS (10), WARMUP (3000: JIT and DNS cache; the server's CPU time is
# measured too, and compiler threads count in it). Needs dnsmasq. Loopback only.
set -euo pipefail
MESSAGES=${1:-3000}
ROUNDS=${2:-3}
SIZE=${SIZE:-5000}
SIGN=${SIGN:-dual}
RUA=${RUA:-yes}
CONNECTIONS=${CONNECTIONS:-10}
WARMUP=${WARMUP:-3000}
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
tegami_build_if_stale "$here"
command -v dnsmasq >/dev/null || [ -x /usr/sbin/dnsmasq ] || { echo "bench: dnsmasq is missing (apt-get install dnsmasq-base)"; exit 1; }
export PATH=$PATH:/usr/sbin
CP="$here/target/tegami.jar:$here/target/lib/*"
JAVA="$TEGAMI_JDK/bin/java"
W=$(mktemp -d /tmp/tegami-authbench.XXXXXX)
PIDS=()
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -n "${BENCH_KEEP:-}" ] && echo "bench: kept $W" || rm -rf "$W"
}
trap cleanup EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: nothing on port $1" >&2; return 1; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

"$JAVA" -cp "$CP" "$here/bench/AuthLoad.java" prepare "$W" "$SIZE" "$SIGN"
DNSPORT=$(freeport)
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --listen-address=127.0.0.1 --bind-interfaces \
  --port="$DNSPORT" --pid-file= --user=root --log-facility=- \
  --auth-server=ns.test,127.0.0.1 --auth-zone=test --auth-ttl=300 \
  --txt-record=sender.test,"v=spf1 ip4:127.0.0.0/8 -all" \
  --txt-record=client.sender.test,"v=spf1 ip4:127.0.0.0/8 -all" \
  --txt-record=r._domainkey.sender.test,"$(cat "$W/r.txt")" \
  --txt-record=e._domainkey.sender.test,"$(cat "$W/e.txt")" \
  --txt-record=_dmarc.sender.test,"v=DMARC1; p=reject$([ "$RUA" = yes ] && echo "; rua=mailto:dmarc-reports@sender.test")" \
  >"$W/dnsmasq.log" 2>&1 & PIDS+=($!)
sleep 0.5

run() { # on|off -> "msgs/s cpu-ms-per-message" (server CPU, user+system)
  local mode=$1 d="$W/data-$1" off
  rm -rf "$d"; mkdir -p "$d"
  off=$(( $(freeport) - 25 )); while [ $off -lt 1000 ] || [ $off -gt 60000 ]; do off=$(( $(freeport) - 25 )); done
  printf '[dns]\nservers = ["127.0.0.1:%s"]\n[mail_auth]\nverify = %s\n[ports]\nsubmission = 0\nsubmissions = 0\npop3 = 0\npop3s = 0\n' \
    "$DNSPORT" "$([ "$mode" = on ] && echo true || echo false)" > "$d/bench.toml"
  "$here/tegami" domain add bench.test --data "$d" --config "$d/bench.toml" >/dev/null
  echo "sink-password" | "$here/tegami" user add sink@bench.test --password-stdin --data "$d" --config "$d/bench.toml" >/dev/null
  "$here/tegami" serve --data "$d" --config "$d/bench.toml" --bind 127.0.0.1 --port-offset "$off" --hostname mx.bench.test \
    >"$d/server.log" 2>&1 & SERVER=$!
  wait_port $((25 + off))
  "$JAVA" -cp "$CP" "$here/bench/AuthLoad.java" send $((25 + off)) "$CONNECTIONS" "$WARMUP" "$W/message.eml" >/dev/null
  local c0 c1 rate
  c0=$(cpu_seconds "$SERVER")
  rate=$("$JAVA" -cp "$CP" "$here/bench/AuthLoad.java" send $((25 + off)) "$CONNECTIONS" "$MESSAGES" "$W/message.eml" \
    | sed -n 's/.*msgs_per_s=\([0-9]*\).*/\1/p')
  c1=$(cpu_seconds "$SERVER")
  awk -v r="$rate" -v a="$c0" -v b="$c1" -v n="$MESSAGES" 'BEGIN {printf "%s %.2f\n", r, (b - a) * 1000 / n}'
  if [ "$mode" = on ] && ! grep -q "dkim=pass$([ "$SIGN" = dual ] && echo ,pass) dmarc=pass" "$d/server.log"; then
    echo "bench: the checks did not pass (see $d/server.log)" >&2; exit 1
  fi
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
}

: > "$W/on"; : > "$W/off"; : > "$W/cpuon"; : > "$W/cpuoff"; : > "$W/ratio"
for r in $(seq 1 "$ROUNDS"); do
  set -- $(run on); on=$1; con=$2
  set -- $(run off); off=$1; coff=$2
  echo "$on" >> "$W/on"; echo "$off" >> "$W/off"; echo "$con" >> "$W/cpuon"; echo "$coff" >> "$W/cpuoff"
  awk -v a="$on" -v b="$off" 'BEGIN {printf "%.3f\n", a / b}' >> "$W/ratio"
  echo "round $r: checks on $on msg/s ($con ms CPU/msg), checks off $off msg/s ($coff ms CPU/msg)"
done
mon=$(median < "$W/on"); moff=$(median < "$W/off"); ratio=$(median < "$W/ratio")
con=$(median < "$W/cpuon"); coff=$(median < "$W/cpuoff")
awk -v a="$mon" -v b="$moff" -v r="$ratio" -v ca="$con" -v cb="$coff" -v n="$MESSAGES" -v s="$SIZE" -v c="$CONNECTIONS" 'BEGIN {
  printf "median of %d rounds (%d messages of %d bytes, %s-signed, %d connections): checks on %d msg/s, off %d msg/s;", '"$ROUNDS"', n, s, "'"$SIGN"'", c, a, b
  printf " throughput with checks = %.0f%% of without (cost %.0f%%); server CPU %.2f vs %.2f ms/msg\n", r * 100, (1 - r) * 100, ca, cb }'
