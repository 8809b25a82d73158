#!/usr/bin/env bash
# The scale rig (issue 11): dynalite + ElasticMQ behind a request-counting proxy, W `nestflow serve`
# processes on one table and one queue, one JSON line per scenario on stdout, a summary on stderr.
#
#   bench/rig.sh                                       every scenario at the issue's sizes (map-wait at W = 1, 2, 4)
#   bench/rig.sh --scenarios map-wait --w 4 --t 1      one scenario, one W
#   bench/rig.sh --scenarios map-wait --size 20 --wait-seconds 1 --w 2   a quick look
#
# Options: --scenarios map-wait,map-tasks,chain,nested,distmap  --w 1,2,4  --t 1  --size N  --wait-seconds 10
#          --timeout-minutes 30  --jvm "worker JVM options"  --out DIR (logs; default bench/target/rig)
# Needs node and npm (dynalite is installed on first use into ~/.cache/nestflow-rig, or $NESTFLOW_RIG_CACHE),
# and moto_server on the PATH for distmap. Builds the jars first when they are missing (REBUILD=1 forces it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${REBUILD:-0}" = 1 ] || [ ! -f cli/target/nestflow.jar ] || [ ! -f bench/target/benchmarks.jar ] \
    || [ ! -f bench/target/elasticmq.classpath ]; then
  ./mvnw -B -q package -DskipTests -pl bench -am >&2
fi
exec java -cp bench/target/benchmarks.jar dev.nestflow.bench.rig.Rig "$@"
