#!/usr/bin/env bash
# Mail crypto benchmark (issue 7): S/MIME and OpenPGP sign/verify/encrypt/decrypt per second for
# 5 KB and 1 MB messages, then SMTP submission throughput with sign = never vs always in the same
# run. Warm-up then measure, single JVM; see bench/CryptoBench.java for the knobs (env vars).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")
. "$root/scripts/jdk.sh"
tegami_require_jdk
"$root/tegami" --version >/dev/null   # builds target/tegami.jar and target/lib when stale
exec "$TEGAMI_JDK/bin/java" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile="$here/logback-bench.xml" \
  -cp "$root/target/classes:$root/target/lib/*" "$here/CryptoBench.java" "$@"
