#!/usr/bin/env bash
# Soak test (issue 9): a fresh Tegami on loopback under a mixed load of SMTP ingest, IMAP sessions
# (search, fetch, store, expunge) and POP3 sessions (retr, dele) for MINUTES (default 10), via
# scripts/soak.py: no errors allowed, heap after GC sampled every 30 s must stay flat, p50/p99
# latency printed. Usage: scripts/soak.sh [MINUTES]   (output also in bench/out/soak.txt)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
minutes=${1:-10}
offset=${OFFSET:-44000}
data=$(mktemp -d)
out=$here/bench/out
mkdir -p "$out"
printf '[dns]\nservers = ["127.0.0.1:9"]\n[auth]\nallow_plaintext = true\n' > "$data/tegami.toml"
"$here/tegami" domain add example.test --data "$data" >/dev/null
for u in soak soak-pop; do
  printf 'soak-password-1\n' | "$here/tegami" user add $u@example.test --password-stdin --data "$data" >/dev/null
done
"$here/tegami" serve --data "$data" --config "$data/tegami.toml" --bind 127.0.0.1 --port-offset "$offset" \
  --hostname mx.soak.test >"$out/soak-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$((143 + offset))) 2>/dev/null && break; sleep 0.2; done
# the JVM's pid (the launcher execs java, but be sure)
jpid=$pid # the launcher execs java
echo "soak: $minutes min, server pid $jpid, data $data"
python3 "$here/scripts/soak.py" --smtp $((25 + offset)) --imap $((143 + offset)) --pop3 $((110 + offset)) \
  --user soak@example.test --pop-user soak-pop@example.test --password soak-password-1 --minutes "$minutes" --pid "$jpid" \
  --jcmd "$TEGAMI_JDK/bin/jcmd" | tee "$out/soak.txt"
exit "${PIPESTATUS[0]}"
