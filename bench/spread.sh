#!/usr/bin/env bash
# Run-to-run spread of the interpreter benchmark: runs `nestflow bench` on each workload in RUNS
# fresh JVMs and prints every run's median, then per workload the smallest and largest median and
# their ratio (the spread; the target is at most 1.25).
#
#   bench/spread.sh [WORKLOAD_DIR...]          default: ../shared/bench/workloads/*/
#
# Environment: RUNS (default 10), REPEAT (timed runs per JVM, default 30), WARMUP_MS (default 3000),
# JAVA_OPTS (when set, runs `java $JAVA_OPTS -jar $JAR`, JAR default cli/target/nestflow.jar; unset,
# runs the ./nestflow launcher with its own JVM options). Each line also shows the thread CPU time median, the
# collections during the timed runs and the page faults per timed run, which tell a slow run's
# mechanism apart from load on the machine (a busy machine stretches wall time, not CPU time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-10}"
repeat="${REPEAT:-30}"
warmup_ms="${WARMUP_MS:-3000}"
if [ -n "${JAVA_OPTS+set}" ]; then
  # shellcheck disable=SC2206
  cmd=(java $JAVA_OPTS -jar "${JAR:-$root/cli/target/nestflow.jar}")
else
  cmd=("$root/nestflow")
fi
if [ "$#" -eq 0 ]; then
  set -- "$root"/../shared/bench/workloads/*/
fi
command -v jq >/dev/null || { echo "spread.sh needs jq" >&2; exit 2; }

echo "# $runs fresh JVMs per workload: ${cmd[*]} bench DIR --repeat $repeat --warmup-ms $warmup_ms"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
printf '%-16s %4s %10s %10s %5s %12s\n' workload run median_ms cpu_ms gcs faults/run
summary=""

# spread NAME "MEDIANS" "CPU_MEDIANS": min, median and max of the medians and max / min.
spread() {
  local sorted cpu_sorted n clo=0 chi=0
  # shellcheck disable=SC2207,SC2086
  sorted=($(printf '%s\n' $2 | sort -g))
  # shellcheck disable=SC2207,SC2086
  cpu_sorted=($(printf '%s\n' $3 | grep -v n/a | sort -g || true))
  n=${#sorted[@]}
  if [ "${#cpu_sorted[@]}" -gt 0 ]; then
    clo="${cpu_sorted[0]}"
    chi="${cpu_sorted[$((${#cpu_sorted[@]} - 1))]}"
  fi
  awk -v w="$1" -v lo="${sorted[0]}" -v mid="${sorted[$(((n - 1) / 2))]}" -v hi="${sorted[$((n - 1))]}" \
    -v clo="$clo" -v chi="$chi" 'BEGIN {
      cs = clo > 0 ? sprintf("%.2f", chi / clo) : "n/a"
      printf "%-16s min %9.3f  median %9.3f  max %9.3f  spread %5.2f  (cpu spread %s)\n", w, lo, mid, hi, hi / lo, cs
    }'
}
for dir in "$@"; do
  name="$(basename "$dir")"
  medians=()
  cpus=()
  for ((i = 1; i <= runs; i++)); do
    line="$("${cmd[@]}" bench "$dir" --repeat "$repeat" --warmup-ms "$warmup_ms" | tail -n 1)"
    read -r median cpu gcs faults ok < <(jq -r '[.warm_median_ms, (.cpu_median_ms // "n/a"), (.gcs // "n/a"),
      (.page_faults_per_run // "n/a"), .output_matches] | @tsv' <<<"$line")
    [ "$ok" = "true" ] || echo "$name run $i: output differs from expected.json" >&2
    printf '%-16s %4d %10s %10s %5s %12s\n' "$name" "$i" "$median" "$cpu" "$gcs" "$faults"
    medians+=("$median")
    cpus+=("$cpu")
  done
  summary+="$(spread "$name" "${medians[*]}" "${cpus[*]}")"$'\n'
done
echo "# median of each run: min / median / max over the $runs runs; spread = max / min"
printf '%s' "$summary"
