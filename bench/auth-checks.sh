#!/usr/bin/env bash
# CPU time of the inbound authentication checks alone, per message, RSA-signed and dual-signed
# (bench/AuthChecksBench.java): thread CPU time, so a busy machine does not distort it.
# Usage: bench/auth-checks.sh [messages]      (default 20000)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
tegami_build_if_stale "$here"
exec "$TEGAMI_JDK/bin/java" -cp "$here/target/tegami.jar:$here/target/lib/*" "$here/bench/AuthChecksBench.java" "${1:-20000}"
