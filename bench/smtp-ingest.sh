#!/usr/bin/env bash
# SMTP ingest, side by side: smtp-source -> Tegami and -> Postfix (durable: both fsync before 250),
# alternating A B A B, each scenario 3 times; prints msg/s, the median ratio and its min-max.
# Usage: bench/smtp-ingest.sh [--quick]   (needs root for Postfix; loopback only)
. "$(dirname "$0")/lib.sh"
MESSAGES=${MESSAGES:-5000}
ROUNDS=${ROUNDS:-3}
[ "${1:-}" = "--quick" ] && MESSAGES=2000
OFFSET=20000   # Tegami on 20025, 20143...: below the ephemeral range (32768-60999), like every bench port
trap 'tegami_stop; postfix_stop' EXIT
postfix_setup

run_source() { # port sessions size -> msg/s
  local port=$1 sessions=$2 size=$3 t0 t1
  t0=$(now_ms)
  /usr/sbin/smtp-source -s "$sessions" -m "$MESSAGES" -l "$size" -f load@remote.test -t sink@bench.test "127.0.0.1:$port"
  t1=$(now_ms)
  awk -v n="$MESSAGES" -v ms=$((t1 - t0)) 'BEGIN {printf "%.0f\n", n * 1000 / ms}'
}

# One warm Tegami for all rounds (as bench/run does), idle before every measured run.
tegami_start "$OUT/tegami-data" "$OFFSET"; tegami_warm $((25 + OFFSET)); tegami_settle
printf '%-28s | %10s | %10s | %s\n' "scenario (smtp-source)" "Tegami" "Postfix" "ratio median (min-max)"
for scenario in "1 5000" "20 5000" "20 100000"; do
  set -- $scenario
  sessions=$1; size=$2
  : > "$OUT/t.txt"; : > "$OUT/p.txt"; : > "$OUT/r.txt"; : > "$OUT/cpu.txt"
  for round in $(seq 1 "$ROUNDS"); do
    tegami_settle
    c0=$(cpu_seconds "$TEGAMI_PID")
    t=$(run_source $((25 + OFFSET)) "$sessions" "$size")
    c1=$(cpu_seconds "$TEGAMI_PID")
    tegami_settle
    postfix_clear
    p=$(run_source 25 "$sessions" "$size")
    echo "$t" >> "$OUT/t.txt"; echo "$p" >> "$OUT/p.txt"
    awk -v a="$t" -v b="$p" 'BEGIN {printf "%.2f\n", a / b}' >> "$OUT/r.txt"
    awk -v a="$c0" -v b="$c1" -v n="$MESSAGES" 'BEGIN {printf "%.2f\n", (b - a) * 1000 / n}' >> "$OUT/cpu.txt"
  done
  printf '%-28s | %10s | %10s | %sx (%s)   Tegami CPU %s ms/msg\n' "$sessions sessions, $((size / 1000)) KB" \
    "$(median < "$OUT/t.txt")/s" "$(median < "$OUT/p.txt")/s" "$(median < "$OUT/r.txt")" "$(minmax < "$OUT/r.txt")" \
    "$(median < "$OUT/cpu.txt")"
done
