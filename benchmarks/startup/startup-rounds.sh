#!/usr/bin/env bash
# Issue 17: wall and CPU time of the toy app, alternating variants round by round.
#   benchmarks/startup/startup-rounds.sh ROUNDS OUT.txt NAME=JVM-ARGS...
# e.g. benchmarks/startup/startup-rounds.sh 12 /tmp/rounds.txt none= \
#        before=-javaagent:/tmp/before.jar=rules=benchmarks/bench-rules.yaml \
#        after=-javaagent:agent/target/cacheweaver-agent.jar=rules=benchmarks/bench-rules.yaml
# JAVA selects the JVM (e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; add
# -XX:AOTCache=app.aot to a variant's arguments to measure an AOT cache). Prints mean and median.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-java}"
ROUNDS=$1; OUT=$2; shift 2
: > "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  for variant in "$@"; do
    name=${variant%%=*}; args=${variant#*=}
    # shellcheck disable=SC2086
    /usr/bin/time -f "$name %e %U %S" -a -o "$OUT" "$JAVA" $args -cp benchmarks/target/classes bench.app.StartupApp > /dev/null 2>&1
  done
done
python3 - "$OUT" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, wall, user, system = line.split()
    rows[name].append((float(wall), float(user) + float(system)))
for name, values in rows.items():
    walls = [w for w, _ in values]; cpus = [c for _, c in values]
    print(f"{name}: n={len(values)} wall mean {statistics.mean(walls):.3f} s, median {statistics.median(walls):.3f} s;"
          f" cpu mean {statistics.mean(cpus):.3f} s")
PY
