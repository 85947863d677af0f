#!/usr/bin/env bash
# The cacheweaver performance suite (P1–P7) in one command. Writes docs/performance.md.
#
#   benchmarks/run.sh                 # build the agent + benchmarks, run everything (≈ 12 min on 2 cores)
#
# Environment: JAVA_HOME / JAVA (the JDK measured; default: java on PATH), MVN (default mvn),
#   SKIP_BUILD=1 to reuse what is in */target, REDIS_URL for P3 (default redis://127.0.0.1:6379/0),
#   BENCH_OPTS for extra -D knobs, e.g. BENCH_OPTS="-Dbench.forks=3 -Dbench.startupRounds=30".
# Not part of `mvn verify` (that runs only a smoke test that the benchmarks start).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
MVN="${MVN:-mvn}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the agent jar and the benchmarks"
  "$MVN" -q -B install -N # the parent POM: the modules below resolve it from the local repository
  "$MVN" -q -B install -DskipTests -pl bootstrap,rules,runtime,agent
  "$MVN" -q -B package -DskipTests -pl demo-app || echo "(demo-app did not build: P4 demo row and P6 will be skipped)"
  "$MVN" -q -B package -DskipTests -pl integration-tests/spring-app || echo "(spring-app did not build: the P4 Spring Boot row will be skipped)"
  "$MVN" -q -B package -DskipTests -pl benchmarks
fi

CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
mkdir -p benchmarks/target
echo "== running the suite with $("$JAVA" -version 2>&1 | head -1); log: benchmarks/target/suite.log"
# shellcheck disable=SC2086
"$JAVA" -Xmx512m ${BENCH_OPTS:-} -Dcacheweaver.root="$PWD" -cp "$CP" io.cacheweaver.bench.Suite 2>&1 | tee benchmarks/target/suite.log
