#!/usr/bin/env bash
# Threat-check benchmarks (issue 8), on loopback, nothing else needed but smtp-source (Postfix tools):
#   1. analysis: bench/ThreatBench.java in FORKS fresh JVMs (warm-up, then every call timed on its own)
#      on a ~114 KB message with a PDF and a zip; median of the forks' medians, wall and CPU time;
#   2. SMTP ingest with the check off vs on, in the same run: smtp-source sends MESSAGES copies of
#      that message over SESSIONS sessions to a fresh Tegami, alternating off / on ROUNDS times;
#      messages/s and the server's CPU per message.
# Usage: bench/threat.sh [--quick]
. "$(dirname "$0")/lib.sh"
. "$ROOT/scripts/jdk.sh"
tegami_require_jdk
FORKS=${FORKS:-3}
WARMUP=${WARMUP:-15}
RUNS=${RUNS:-3000}
MESSAGES=${MESSAGES:-1000}
SESSIONS=${SESSIONS:-10}
ROUNDS=${ROUNDS:-3}
if [ "${1:-}" = "--quick" ]; then FORKS=1; WARMUP=5; RUNS=1000; MESSAGES=300; ROUNDS=1; fi
OFFSET=21000
trap 'tegami_stop' EXIT
"$ROOT/tegami" --version >/dev/null   # builds target/tegami.jar when stale
JAVA="$TEGAMI_JDK/bin/java"
MSG="$OUT/threat-bench.eml"

echo "== analysis: $FORKS JVM(s), ${WARMUP}s warm-up, $RUNS measured calls each (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
: > "$OUT/tw.txt"; : > "$OUT/tc.txt"; : > "$OUT/pw.txt"; : > "$OUT/pc.txt"
for f in $(seq 1 "$FORKS"); do
  line=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$ROOT/target/tegami.jar" "$BENCH_DIR/ThreatBench.java" \
    "$WARMUP" "$RUNS" "$MSG" 2>/dev/null | tee /dev/stderr | grep '^result')
  for kv in $line; do
    case $kv in
      analysis_wall_ms=*) echo "${kv#*=}" >> "$OUT/tw.txt" ;;
      analysis_cpu_ms=*) echo "${kv#*=}" >> "$OUT/tc.txt" ;;
      parse_analysis_wall_ms=*) echo "${kv#*=}" >> "$OUT/pw.txt" ;;
      parse_analysis_cpu_ms=*) echo "${kv#*=}" >> "$OUT/pc.txt" ;;
    esac
  done
done
printf 'analysis of a parsed message: median %s ms wall, %s ms CPU; with MIME parsing: %s ms wall, %s ms CPU\n' \
  "$(median < "$OUT/tw.txt")" "$(median < "$OUT/tc.txt")" "$(median < "$OUT/pw.txt")" "$(median < "$OUT/pc.txt")"

run_source() { # port -> msg/s
  local t0 t1
  t0=$(now_ms)
  /usr/sbin/smtp-source -s "$SESSIONS" -m "$MESSAGES" -F "$MSG" -f sender@remote.test -t sink@bench.test "127.0.0.1:$1"
  t1=$(now_ms)
  awk -v n="$MESSAGES" -v ms=$((t1 - t0)) 'BEGIN {printf "%.0f\n", n * 1000 / ms}'
}

echo "== SMTP ingest of $MESSAGES x $(($(wc -c < "$MSG") / 1000)) KB over $SESSIONS sessions, threat check off vs on, $ROUNDS round(s)"
: > "$OUT/off.txt"; : > "$OUT/on.txt"; : > "$OUT/offcpu.txt"; : > "$OUT/oncpu.txt"
for round in $(seq 1 "$ROUNDS"); do
  for mode in off on; do
    enabled=false; [ "$mode" = on ] && enabled=true
    tegami_start "$OUT/threat-data" "$OFFSET" "[threat]\nenabled = $enabled\n"
    c0=$(cpu_seconds "$TEGAMI_PID")
    r=$(run_source $((25 + OFFSET)))
    c1=$(cpu_seconds "$TEGAMI_PID")
    tegami_stop
    echo "$r" >> "$OUT/$mode.txt"
    awk -v a="$c0" -v b="$c1" -v n="$MESSAGES" 'BEGIN {printf "%.2f\n", (b - a) * 1000 / n}' >> "$OUT/${mode}cpu.txt"
    echo "  round $round, check $mode: $r msg/s"
  done
done
printf 'ingest, check off: %s msg/s (server CPU %s ms/msg); check on: %s msg/s (server CPU %s ms/msg)\n' \
  "$(median < "$OUT/off.txt")" "$(median < "$OUT/offcpu.txt")" "$(median < "$OUT/on.txt")" "$(median < "$OUT/oncpu.txt")"
