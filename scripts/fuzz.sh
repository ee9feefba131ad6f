#!/usr/bin/env bash
# Runs every Jazzer @FuzzTest target for real (coverage-guided), one JVM per target, each for
# SECONDS (default 60). Findings are written to target/fuzz-findings/<target>/ and fail the run;
# turn each into a regression seed under src/test/resources/<package>/<Class>Inputs/<method>/.
# Usage: scripts/fuzz.sh [SECONDS] [FILTER-REGEX]   (needs compiled tests: ./run-tests or mvn test-compile)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/jdk.sh"
tegami_require_jdk
tegami_require_maven
tegami_maven_env
seconds=${1:-60}
filter=${2:-.}
cd "$here"
[ -d target/test-classes ] || mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)"
mkdir -p target/fuzz-findings
summary=target/fuzz-summary.txt
: > "$summary"
failed=0
# Every method annotated @FuzzTest, as Class#method.
targets=$(python3 - "$filter" <<'PY'
import pathlib, re, sys
out = []
for f in pathlib.Path('src/test/java').rglob('*.java'):
    text = f.read_text(encoding='utf-8', errors='replace')
    cls = '.'.join(f.relative_to('src/test/java').with_suffix('').parts)
    for m in re.finditer(r'@FuzzTest\b[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:public\s+)?void\s+(\w+)\s*\(', text):
        t = f"{cls}#{m.group(1)}"
        if re.search(sys.argv[1], t):
            out.append(t)
print('\n'.join(sorted(out)))
PY
)
for t in $targets; do
  cls=${t%#*}; method=${t#*#}
  dir=target/fuzz-findings/$t
  mkdir -p "$dir"
  log=$dir/log.txt
  "$TEGAMI_JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$cls" --target_method="$method" --instrumentation_includes='org.tegami.**' \
    --reproducer_path="$dir" -artifact_prefix="$dir/" -max_total_time="$seconds" -rss_limit_mb=4096 >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  if [ $rc -eq 0 ]; then
    echo "ok      $t  ${runs:-0} executions in ${seconds}s" | tee -a "$summary"
  else
    failed=1
    echo "FINDING $t  (exit $rc; see $log and $dir)" | tee -a "$summary"
    grep -m3 -E "Exception|ERROR" "$log" | sed 's/^/        /'
  fi
done
exit $failed
