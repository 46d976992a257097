#!/usr/bin/env bash
# What ct-agent adds to JVM startup, reproducibly:
#   1. a hello-world JVM with and without -javaagent:ct-agent.jar, timed by hyperfine, for each JDK (plus,
#      as a control, with an agent whose premain does nothing);
#   2. time to first response of the javax Jetty test app (java -jar javax-jetty-app.jar 0 prints
#      "READY port=N"; then GET /hello until it answers 200), with and without the agent, for each JDK.
#
#   3. "phases": where the agent's startup time goes (class-load log timestamps, class counts).
#
# Usage: benchmarks/startup.sh [hello|ttfr|phases|all]   (default all; run from anywhere)
# Environment (defaults in brackets):
#   JDKS          JDK homes to compare [/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64]
#   RUNS          hyperfine runs per command [20]       WARMUP  hyperfine warm-up runs [3]
#   TTFR_RUNS     measured app starts per variant [10]  (plus 2 warm-up starts each, not reported)
#   PHASE_RUNS    runs of the class-load timeline [7]
#   CT_AGENT_JAR  [agent/target/ct-agent.jar]           JETTY_APP_JAR [test-apps/javax-jetty/target/javax-jetty-app.jar]
#   OUT           where result tables go [benchmarks/target/startup]
# Needs hyperfine (apt-get install -y hyperfine) and curl. Build first: mvn -B -q install -DskipTests
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGENT="${CT_AGENT_JAR:-$ROOT/agent/target/ct-agent.jar}"
APP="${JETTY_APP_JAR:-$ROOT/test-apps/javax-jetty/target/javax-jetty-app.jar}"
JDKS="${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
TTFR_RUNS="${TTFR_RUNS:-10}"
OUT="${OUT:-$ROOT/benchmarks/target/startup}"
WHAT="${1:-all}"

for f in "$AGENT" "$APP"; do
  [[ -f "$f" ]] || { echo "missing $f: build the reactor first (mvn -B -q install -DskipTests)" >&2; exit 1; }
done
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/ct-startup.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }   # bash 5: no fork

hello() {
  command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install -y hyperfine" >&2; exit 1; }
  mkdir -p "$WORK/hello"
  cat > "$WORK/hello/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
EOF
  local first_jdk="${JDKS%% *}"
  "$first_jdk/bin/javac" --release 11 -d "$WORK/hello" "$WORK/hello/Hello.java"
  # The control: an agent whose premain does nothing. What it adds is the JVM's own price of any
  # -javaagent (java.instrument, no archived module graph); the rest is ct-agent's.
  mkdir -p "$WORK/noop"
  printf '%s\n' 'public class NoopAgent {' \
    '    public static void premain(String args, java.lang.instrument.Instrumentation inst) {' \
    '    }' '}' > "$WORK/noop/NoopAgent.java"
  "$first_jdk/bin/javac" --release 11 -d "$WORK/noop" "$WORK/noop/NoopAgent.java"
  printf 'Premain-Class: NoopAgent\n' > "$WORK/noop/manifest.txt"
  "$first_jdk/bin/jar" --create --file "$WORK/noop-agent.jar" --manifest "$WORK/noop/manifest.txt" \
    -C "$WORK/noop" NoopAgent.class
  for jdk in $JDKS; do
    local name; name="$(basename "$jdk")"
    echo "== hello world, $name ($("$jdk/bin/java" -version 2>&1 | head -1))"
    # -N: no intermediate shell. Each agent run gets the same empty trail directory (nothing is captured).
    hyperfine -N --warmup "$WARMUP" -r "$RUNS" \
      --export-markdown "$OUT/hello-$name.md" --export-json "$OUT/hello-$name.json" \
      -n "plain" "$jdk/bin/java -cp $WORK/hello Hello" \
      -n "no-op agent" "$jdk/bin/java -javaagent:$WORK/noop-agent.jar -cp $WORK/hello Hello" \
      -n "ct-agent" "$jdk/bin/java -javaagent:$AGENT -Dct.dir=$WORK/hello-trail -cp $WORK/hello Hello"
  done
}

# One start of the app: prints "<ms to READY> <ms to first 200 response>", then stops it (SIGTERM) and waits.
ttfr_once() {
  local java="$1"; shift
  local fifo="$WORK/stdout.fifo"
  rm -f "$fifo"; mkfifo "$fifo"
  local t0; t0="$(now_us)"
  "$java" "$@" -jar "$APP" 0 > "$fifo" 2> "$WORK/app.err" &
  local pid=$!
  exec {out}< "$fifo"
  local line port=""
  while IFS= read -r -u "$out" line; do
    if [[ "$line" == "READY port="* ]]; then port="${line#READY port=}"; break; fi
  done
  if [[ -z "$port" ]]; then
    echo "app did not print READY; stderr:" >&2; cat "$WORK/app.err" >&2; exit 1
  fi
  local t1; t1="$(now_us)"
  local code=""
  for _ in $(seq 1 200); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/hello" || true)"
    [[ "$code" == "200" ]] && break
    sleep 0.01
  done
  local t2; t2="$(now_us)"
  [[ "$code" == "200" ]] || { echo "GET /hello answered '$code'" >&2; exit 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  exec {out}<&-
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t0) / 1000 ))"
}

# mean ± sd, median, min, max of the numbers on stdin (ms)
stats() {
  sort -n | awk '{ v[NR] = $1; s += $1; ss += $1 * $1 }
    END { m = s / NR; sd = sqrt((ss - NR * m * m) / (NR > 1 ? NR - 1 : 1));
          med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
          printf "%.0f ± %.0f | %.0f | %.0f | %.0f", m, sd, med, v[1], v[NR] }'
}

ttfr() {
  command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }
  for jdk in $JDKS; do
    local name; name="$(basename "$jdk")"
    local java="$jdk/bin/java"
    echo "== time to first response, javax Jetty app, $name ($("$java" -version 2>&1 | head -1))"
    : > "$WORK/plain.txt"; : > "$WORK/agent.txt"
    local i
    for i in $(seq 1 $(( TTFR_RUNS + 2 ))); do  # interleaved; the first 2 of each are warm-up
      local p a
      p="$(ttfr_once "$java")"
      rm -rf "$WORK/ttfr-trail"
      a="$(ttfr_once "$java" "-javaagent:$AGENT" "-Dct.dir=$WORK/ttfr-trail")"
      if (( i > 2 )); then echo "$p" >> "$WORK/plain.txt"; echo "$a" >> "$WORK/agent.txt"; fi
    done
    {
      echo "| $name, $TTFR_RUNS starts each | READY ms, mean ± sd | median | min | max | first 200 ms, mean ± sd | median | min | max |"
      echo "|---|---|---|---|---|---|---|---|---|"
      for v in plain agent; do
        echo "| $v | $(cut -d' ' -f1 "$WORK/$v.txt" | stats) | $(cut -d' ' -f2 "$WORK/$v.txt" | stats) |"
      done
      local dp da
      dp="$(cut -d' ' -f2 "$WORK/plain.txt" | sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')"
      da="$(cut -d' ' -f2 "$WORK/agent.txt" | sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')"
      echo
      echo "added time to first response (median): $(( ${da%.*} - ${dp%.*} )) ms"
    } | tee "$OUT/ttfr-$name.md"
  done
}

# Where the agent's startup time goes: the JVM's class-load log (uptime stamps) of a hello-world run with
# the agent, median of PHASE_RUNS runs per JDK: when the launcher, AgentMain, the ring/writer/serializer and
# the Byte Buddy installation start, when the application's main class loads; and how many classes load.
phases() {
  local runs="${PHASE_RUNS:-7}"
  mkdir -p "$WORK/hello"
  [[ -f "$WORK/hello/Hello.class" ]] || {
    printf 'public class Hello { public static void main(String[] a) { System.out.println("Hello, world"); } }\n' \
      > "$WORK/hello/Hello.java"
    "${JDKS%% *}/bin/javac" --release 11 -d "$WORK/hello" "$WORK/hello/Hello.java"
  }
  for jdk in $JDKS; do
    local name; name="$(basename "$jdk")"
    echo "== startup phases with ct-agent, $name, median of $runs runs (ms since JVM start)"
    : > "$WORK/phases.txt"
    local i
    for i in $(seq 1 "$runs"); do
      rm -f "$WORK/cl.log"
      "$jdk/bin/java" "-Xlog:class+load:file=$WORK/cl.log:uptime" "-javaagent:$AGENT" "-Dct.dir=$WORK/phase-trail" \
        -cp "$WORK/hello" Hello > /dev/null 2>&1
      awk '
        function ms(s) { gsub(/[\[\]s]/, "", s); return s * 1000 }
        / dev\.ctagent\.launcher\.AgentLauncher / && !a { a = ms($1) }
        / dev\.ctagent\.agent\.AgentMain / && !b { b = ms($1) }
        / dev\.ctagent\.runtime\.capture\.CaptureRing / && !c { c = ms($1) }
        / dev\.ctagent\.agent\.instrumentation\.Instrumentations / && !d { d = ms($1) }
        / Hello source:/ && !e { e = ms($1) }
        { n++ }
        /dev\.ctagent\.shaded\.net\.bytebuddy\./ { bb++ }
        /dev\.ctagent\.shaded\.com\.fasterxml\./ { jk++ }
        /dev\.ctagent\.shaded\.com\.lmax\./ { lm++ }
        / dev\.ctagent\.(launcher|bridge|agent|runtime|delivery)\./ { own++ }
        END { printf "%.0f %.0f %.0f %.0f %.0f %d %d %d %d %d\n", a, b, c, d, e, n, bb, jk, lm, own }
      ' "$WORK/cl.log" >> "$WORK/phases.txt"
    done
    awk -v runs="$runs" '
      { for (k = 1; k <= 10; k++) v[k, NR] = $k }
      END {
        split("launcher loaded|AgentMain loaded|ring+writer+serializer start|Byte Buddy install start|main class loaded|classes loaded|  of which Byte Buddy (shaded)|  of which Jackson (shaded)|  of which Disruptor (shaded)|  of which ct-agent own", label, "|")
        for (k = 1; k <= 10; k++) {
          m = 0; for (r = 1; r <= NR; r++) col[r] = v[k, r]
          # insertion sort for the median
          for (r = 2; r <= NR; r++) { x = col[r]; j = r - 1; while (j >= 1 && col[j] > x) { col[j + 1] = col[j]; j-- } col[j + 1] = x }
          med = NR % 2 ? col[(NR + 1) / 2] : (col[NR / 2] + col[NR / 2 + 1]) / 2
          printf "  %-34s %8.0f\n", label[k], med
        }
      }' "$WORK/phases.txt" | tee "$OUT/phases-$name.txt"
    local plain
    plain="$("$jdk/bin/java" "-Xlog:class+load:file=$WORK/cl0.log:uptime" -cp "$WORK/hello" Hello > /dev/null 2>&1;
      awk '/ Hello source:/ { gsub(/[\[\]s]/, "", $1); printf "%.0f", $1 * 1000 } END { printf " %d\n", NR }' "$WORK/cl0.log")"
    echo "  without the agent: main class loaded at ${plain%% *} ms, ${plain##* } classes loaded (one run)" \
      | tee -a "$OUT/phases-$name.txt"
  done
}

case "$WHAT" in
  hello) hello ;;
  ttfr) ttfr ;;
  phases) phases ;;
  all) hello; ttfr; phases ;;
  *) echo "usage: $0 [hello|ttfr|phases|all]" >&2; exit 2 ;;
esac
echo "tables in $OUT"
