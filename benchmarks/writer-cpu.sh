#!/usr/bin/env bash
# benchmarks/writer-cpu.sh [agent -D options | none]: the Jetty hello servlet (test-apps/javax-jetty) under wrk, with
# ct-agent (default) or without it ("none"). After 15 s of saturation: 10 s at a fixed rate, then 10 s at
# saturation. For each, prints requests/s, the service's CPU seconds per 100 000 requests, the ct-agent-writer
# thread's CPU microseconds per request (from /proc/<pid>/task/<tid>/stat) and wrk's p50/p90/p99 (benchmarks/compare.lua).
#   MODES  the runs as "rate connections" pairs, rate 0 = saturation [default: "15000 4" "0 16"]
#   EXTRA  more JVM options (e.g. -XX:StartFlightRecording=...)
# The trail folder (benchmarks/target/writer-cpu/trail) is kept between runs; its signing key is made first, so key
# generation never falls into a measurement. BENCHMARKS.md §8b.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGENT_ARGS="${1:-}"
OUT="$ROOT/benchmarks/target/writer-cpu"
TRAIL="$OUT/trail"
mkdir -p "$TRAIL"
args="${EXTRA:-}"
if [[ "$AGENT_ARGS" != none ]]; then
  args="$args -javaagent:$ROOT/agent/target/ct-agent.jar -Dct.dir=$TRAIL $AGENT_ARGS"
  java -javaagent:"$ROOT/agent/target/ct-agent.jar" -Dct.dir="$TRAIL" -version 2>/dev/null # the key, now
fi
# shellcheck disable=SC2086
java -Xms512m -Xmx512m $args -jar "$ROOT/test-apps/javax-jetty/target/javax-jetty-app.jar" 0 > "$OUT/app.out" 2> "$OUT/app.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
port=""
for _ in $(seq 200); do
  port=$(grep -o 'READY port=[0-9]*' "$OUT/app.out" | cut -d= -f2 || true); [[ -n "$port" ]] && break; sleep 0.1
done
url="http://127.0.0.1:$port/hello"
cpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
writer_cpu() {
  for t in /proc/"$pid"/task/*; do
    if grep -q "ct-agent-writ" "$t/comm" 2>/dev/null; then awk '{print $14+$15}' "$t/stat"; return; fi
  done
  echo 0
}
wrk -t1 -c16 -d15s -s "$ROOT/benchmarks/compare.lua" "$url" > /dev/null 2>&1
modes="${MODES:-\"15000 4\" \"0 16\"}"
eval "set -- $modes"
for mode in "$@"; do
  read -r rate conns <<< "$mode"
  c0=$(cpu); w0=$(writer_cpu)
  out=$(WRK_RATE=$rate WRK_THREADS=1 wrk -t1 -c"$conns" -d10s -s "$ROOT/benchmarks/compare.lua" "$url" 2>&1)
  c1=$(cpu); w1=$(writer_cpu)
  reqs=$(grep -o 'requests=[0-9]*' <<< "$out" | cut -d= -f2)
  echo "rate=$rate req/s=$((reqs / 10)) cpu_s_per_100k=$(python3 -c "print(round(($c1-$c0)/100/$reqs*100000,3))")" \
       "writer_us_per_req=$(python3 -c "print(round(($w1-$w0)/100/$reqs*1e6,2))")" \
       "$(grep -o 'p50_us=[0-9]* p90_us=[0-9]* p99_us=[0-9]*' <<< "$out")"
done
kill "$pid"; wait "$pid" 2>/dev/null || true
grep "stopped:" "$OUT/app.err" || true
