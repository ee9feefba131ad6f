#!/usr/bin/env bash
# TLS audit with testssl.sh (Debian package testssl.sh) against a fresh Tegami on loopback:
# implicit TLS on 465/993/995 and STARTTLS on 25/587/143/110 (with --port-offset). Prints the
# findings worth attention (protocols, ciphers, vulnerabilities) per port and a summary line.
# Usage: scripts/tls-audit.sh [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/bench/out/tls-audit}
mkdir -p "$out"
command -v testssl >/dev/null || { echo "tls-audit: testssl not installed (apt-get install testssl.sh)" >&2; exit 1; }
data=$(mktemp -d)
offset=${OFFSET:-43000}
printf '[dns]\nservers = ["127.0.0.1:9"]\n' > "$data/tegami.toml"
"$here/tegami" serve --data "$data" --config "$data/tegami.toml" --bind 127.0.0.1 --port-offset "$offset" \
  --hostname mx.audit.test >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$((465 + offset))) 2>/dev/null && break; sleep 0.2; done
declare -A targets=(
  [smtps-465]="127.0.0.1:$((465 + offset))|"
  [imaps-993]="127.0.0.1:$((993 + offset))|"
  [pop3s-995]="127.0.0.1:$((995 + offset))|"
  [smtp-25]="127.0.0.1:$((25 + offset))|smtp"
  [submission-587]="127.0.0.1:$((587 + offset))|smtp"
  [imap-143]="127.0.0.1:$((143 + offset))|imap"
  [pop3-110]="127.0.0.1:$((110 + offset))|pop3"
)
summary=()
for name in smtps-465 imaps-993 pop3s-995 smtp-25 submission-587 imap-143 pop3-110; do
  IFS='|' read -r hostport starttls <<<"${targets[$name]}"
  if ! (exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}") 2>/dev/null; then
    summary+=("$name: not listening (service not enabled in this build)"); continue
  fi
  rm -f "$out/$name.json" "$out/$name.txt"
  args=(--quiet --color 0 --warnings off --fast --protocols --std --vulnerable --ip one --jsonfile "$out/$name.json")
  [ -n "$starttls" ] && args+=(--starttls "$starttls")
  testssl "${args[@]}" "$hostport" >"$out/$name.txt" 2>&1 || true
  bad=$(python3 - "$out/$name.json" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))
bad = [f"{i['id']}={i['finding']}" for i in items if i.get('severity') in ('MEDIUM', 'HIGH', 'CRITICAL')]
print('; '.join(bad) if bad else 'no MEDIUM/HIGH/CRITICAL findings')
PY
)
  protos=$(python3 - "$out/$name.json" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))
offered = [i['id'] for i in items if i['id'] in ('SSLv2','SSLv3','TLS1','TLS1_1','TLS1_2','TLS1_3') and i['finding'].startswith('offered')]
print(','.join(offered))
PY
)
  summary+=("$name: protocols offered: $protos; $bad")
done
printf '%s\n' "${summary[@]}" | tee "$out/summary.txt"
