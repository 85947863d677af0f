#!/usr/bin/env bash
# The cacheweaver demo in one command: a legacy shop application, unchanged, made fast by a
# rules file. Needs only JDK 17+ and Maven; no Redis, no database server.
#
#   ./run-demo.sh                      # build, QuickLook without/with the agent, load comparison
#   ./run-demo.sh --seconds 20         # extra options go to the load comparison (see docs/demo.md)
#
# Environment: JAVA (default: $JAVA_HOME/bin/java or java), MVN (default: mvn),
#              SKIP_BUILD=1 to reuse what is already in */target.
set -euo pipefail
cd "$(dirname "$0")"

JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
MVN="${MVN:-mvn}"
AGENT=agent/target/cacheweaver-agent.jar
APP=demo-app/target/demo-app.jar
RULES=demo-app/cache-rules.yaml

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

command -v "$JAVA" >/dev/null || { echo "java not found (set JAVA or JAVA_HOME)" >&2; exit 1; }
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "Java 17 or newer is needed; $JAVA is version $java_major" >&2; exit 1
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  section "Building the agent and the demo application"
  command -v "$MVN" >/dev/null || { echo "mvn not found (set MVN)" >&2; exit 1; }
  if ! "$MVN" -q -B -DskipTests package -pl agent,demo-app -am; then
    echo
    echo "The agent did not build (see above). Building the demo application alone;"
    echo "the runs with the agent will be skipped."
    "$MVN" -q -B -DskipTests package -pl demo-app
  fi
fi
[ -f "$APP" ] || { echo "$APP is missing; build it with: $MVN -q -B -DskipTests package -pl demo-app" >&2; exit 1; }
have_agent=0; [ -f "$AGENT" ] && have_agent=1

section "1. QuickLook, plain: java -jar $APP --demo"
echo "The legacy application asks its DAO for product 42 twice, updates it, reads it again."
echo "Its database is made slow on purpose (100 ms per query)."
echo
"$JAVA" -jar "$APP" --demo

section "2. QuickLook, same jar, with the agent: java -javaagent:$AGENT=rules=$RULES -jar $APP --demo"
if [ "$have_agent" = 1 ]; then
  echo "Nothing changed in the application; the rules file tells the agent what to cache:"
  echo
  "$JAVA" "-javaagent:$AGENT=rules=$RULES" -jar "$APP" --demo
else
  echo "Skipped: $AGENT does not exist yet (build it with: $MVN -q -B -DskipTests package -pl agent -am)."
fi

section "3. A database outage: category pages without and with the agent (staleIfError)"
echo "The database goes down and the cached page's ttl passes. Plain, the page fails:"
echo
"$JAVA" -cp "$APP" com.legacyshop.OutageLook
if [ "$have_agent" = 1 ]; then
  echo
  echo "With the agent and demo-app/outage-rules.yaml (ttl: 2s, staleIfError: 10m), the last page answers:"
  echo
  "$JAVA" "-javaagent:$AGENT=rules=demo-app/outage-rules.yaml,jmx.delay=100ms" -cp "$APP" com.legacyshop.OutageLook
fi

section "4. Load comparison: the HTTP server under the same load, without and with the agent"
"$JAVA" -cp "$APP" com.legacyshop.LoadCompare --agent "$AGENT" --rules "$RULES" "$@"

section "Next"
echo "  docs/demo.md: what the numbers mean, PostgreSQL, and two instances sharing Redis."
