#!/usr/bin/env bash
# DKIM sign/verify per second, RSA-2048 and Ed25519, 5 KB and 100 KB (bench/DkimBench.java).
# Usage: bench/dkim.sh [seconds-per-round] [rounds]      (defaults: 2 s, 5 rounds)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
tegami_build_if_stale "$here"
exec "$TEGAMI_JDK/bin/java" -XX:+UseG1GC -cp "$here/target/tegami.jar:$here/target/lib/*" "$here/bench/DkimBench.java" "$@"
