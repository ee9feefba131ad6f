# Sourced by ./tegami and ./run-tests: finds a JDK >= 21 and Maven, builds the jar when stale.
# The machine's default `java` may be 17, so JAVA_HOME, `java` on PATH and /usr/lib/jvm/* are
# all tried, and the newest suitable one wins.

tegami_java_major() { # $1 = path to a java binary; prints its major version or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)\(\.[^"]*\)\{0,1\}".*/\1/p' | head -n 1
}

tegami_find_jdk() { # sets TEGAMI_JDK (a JAVA_HOME) or returns 1
  local cands=() c best="" bestv=0 v
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)" 2>/dev/null) && cands+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do [ -d "$c" ] && cands+=("$c"); done
  for c in "${cands[@]}"; do
    [ -x "$c/bin/java" ] || continue
    v=$(tegami_java_major "$c/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$c; bestv=$v; fi
  done
  [ -n "$best" ] || return 1
  TEGAMI_JDK=$best
}

tegami_require_jdk() {
  if ! tegami_find_jdk; then
    echo "tegami: no Java 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
    exit 1
  fi
}

tegami_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "tegami: Maven (mvn) is needed to build Tegami; install it, e.g. apt-get install maven" >&2
    exit 1
  fi
  if [ ! -x "$TEGAMI_JDK/bin/javac" ]; then
    echo "tegami: $TEGAMI_JDK is a Java runtime without javac; building needs a JDK 21 or newer" >&2
    exit 1
  fi
}

tegami_maven_env() {
  export JAVA_HOME=$TEGAMI_JDK
  # Maven's own Guava warns about sun.misc.Unsafe on JDK 24+; silence only that.
  local major; major=$(tegami_java_major "$TEGAMI_JDK/bin/java")
  if [ "$major" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}

tegami_build_if_stale() { # $1 = project dir
  local dir=$1 jar=$1/target/tegami.jar
  if [ -f "$jar" ] && [ -z "$(find "$dir/src/main" "$dir/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  tegami_require_maven
  mkdir -p "$dir/target"
  (
    # One build at a time, even when several ./tegami start together.
    exec 9>"$dir/target/.build.lock"
    flock 9
    if [ -f "$jar" ] && [ -z "$(find "$dir/src/main" "$dir/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      exit 0
    fi
    echo "tegami: building (first run or sources changed)..." >&2
    tegami_maven_env
    if ! mvn -q -B -f "$dir/pom.xml" -DskipTests -Dmaven.test.skip=true package >"$dir/target/build.log" 2>&1; then
      echo "tegami: build failed; see $dir/target/build.log" >&2
      tail -n 30 "$dir/target/build.log" >&2
      exit 1
    fi
    touch "$jar"
  ) || exit 1
}
