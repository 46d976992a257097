#!/usr/bin/env bash
# validate-logs throughput: ct-agent's `validate-logs` next to `aws cloudtrail validate-logs` on the same
# real signed trail, in the same run. Figures are MB/s of uncompressed log data (MB = 10^6 bytes).
#
#   1. TrailGenerator (benchmarks.jar) writes a trail of SIZE_MB MiB uncompressed through a real Trail
#      (RecordSerializer, gzip 6, 8 MB files, a digest every second, final digest on stop).
#   2. ours:    java -jar agent/target/ct-agent.jar validate-logs --trail-dir <trail> --start-time T --verbose
#               (reads the local directory), RUNS times.
#   3. AWS CLI: moto_server holds the same objects (digests with their signature as S3 user metadata), a
#               few lines of Python answer CloudTrail ListPublicKeys with `ct-agent.jar list-public-keys`;
#               aws cloudtrail validate-logs --s3-bucket ... --verbose, RUNS times.
#   References, for transparency (each RUNS times, each a fresh process):
#      transport: `aws s3 cp --recursive` of the log files from moto, and the GETs validate-logs makes, one
#                 after another (botocore, 2 KB reads, no inflate, no hash);
#      the CLI's per-log-file loop (Python zlib + hashlib) over the local files, without S3;
#      floor: a JVM that only inflates and SHA-256s the log files (InflateHashFloor), 1 thread and nproc.
#   Every validation run must exit 0 and report every digest and every log file valid.
#   4. A Markdown table on stdout and in OUT/result.md (with OUT/machine.txt, load.log, both verbose outputs).
#
# Usage: benchmarks/validate-logs.sh            (run from anywhere; tables land in OUT/result.md)
# Environment (defaults in brackets):
#   SIZE_MB   uncompressed log data to generate, MiB [1024]      RUNS  timed runs per command [3]
#   FILE_BYTES  uncompressed size at which a log file is finished (ct.delivery.maxFileBytes) [8MB]
#   KEEP=1    keep the work directory (trail, outputs) [0]       WORK  work directory [mktemp -d /tmp/ct-validate-bench.XXXXXX]
#   CT_AGENT_JAR [agent/target/ct-agent.jar]   BENCH_JAR [benchmarks/target/benchmarks.jar]
#   OUT       [benchmarks/target/validate-logs]                  JAVA  [java]
# Needs moto_server and aws (aws-cli 1.x honouring AWS_ENDPOINT_URL_S3), python3, jq, /usr/bin/time.
# Build first: mvn -o -q package -DskipTests -pl benchmarks -am
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGENT="${CT_AGENT_JAR:-$ROOT/agent/target/ct-agent.jar}"
BENCH="${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}"
OUT="${OUT:-$ROOT/benchmarks/target/validate-logs}"
JAVA="${JAVA:-java}"
SIZE_MB="${SIZE_MB:-1024}"
FILE_BYTES="${FILE_BYTES:-8MB}"
RUNS="${RUNS:-3}"
KEEP="${KEEP:-0}"

for f in "$AGENT" "$BENCH"; do
  [[ -f "$f" ]] || { echo "missing $f: build first (mvn -o -q package -DskipTests -pl benchmarks -am)" >&2; exit 1; }
done
for c in moto_server aws python3 jq curl /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 1; }
done
# The real executables, not pyenv shims (a shim adds its own start-up to every timed aws run).
AWS="$(pyenv which aws 2>/dev/null || command -v aws)"
MOTO="$(pyenv which moto_server 2>/dev/null || command -v moto_server)"
PY="$(pyenv which python3 2>/dev/null || command -v python3)"

mkdir -p "$OUT"
if [[ -n "${WORK:-}" ]]; then
  # removed at exit unless KEEP=1: only a new or empty directory is accepted
  [[ ! -e "$WORK" || -z "$(ls -A "$WORK")" ]] || { echo "WORK=$WORK is not empty" >&2; exit 1; }
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d /tmp/ct-validate-bench.XXXXXX)"
fi
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "$KEEP" == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{v[NR]=$1} END {printf "%.3f\n", NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
minimum() { sort -g | head -1; }

# Load monitor: 1-minute load average every 5 s (the machine may be shared).
( while :; do echo "$(date -u +%H:%M:%S) $(loadavg)"; sleep 5; done ) > "$WORK/load.log" &
PIDS+=($!)
{ echo "# $(date -u +%FT%TZ) before the run"; uptime; top -bn1 | head -20; } > "$OUT/machine.txt"

# ---------------------------------------------------------------------------------------------------------
# 1. The trail
log "generating a ${SIZE_MB} MiB trail in $WORK/gen"
"$JAVA" -Xms1g -Xmx1g -cp "$BENCH" dev.ctagent.benchmarks.TrailGenerator "$WORK/gen" "${SIZE_MB}MB" \
  --max-file-bytes "$FILE_BYTES" \
  | tee "$WORK/gen.out" >&2
declare -A G
while IFS='=' read -r k v; do [[ "$k" =~ ^[a-z_]+$ ]] && G[$k]="$v"; done < "$WORK/gen.out"
TRAIL_DIR="${G[trail_dir]}" BUCKET="${G[bucket]}" ACCOUNT="${G[account]}" REGION="${G[region]}"
TRAIL="${G[trail]}" LOGS="${G[log_files]}" DIGESTS="${G[digests]}"
UNCOMP="${G[uncompressed_bytes]}" COMP="${G[compressed_bytes]}"
START_TIME="$(date -u -d "@$(( ${G[started]} - 60 ))" +%Y-%m-%dT%H:%M:%SZ)"
TRAIL_ARN="arn:aws:cloudtrail:$REGION:$ACCOUNT:trail/$TRAIL"
MB="$(awk -v b="$UNCOMP" 'BEGIN {printf "%.1f", b / 1e6}')"
log "trail: $LOGS log files, $DIGESTS digests, $MB MB uncompressed, start time $START_TIME"

now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }   # bash 5: no fork
# timed <prefix> cmd...: runs cmd; writes "<wall s> <user s> <sys s> <max RSS KB>" to <prefix>.time (wall from
# EPOCHREALTIME, µs resolution; CPU and RSS from /usr/bin/time); returns cmd's status.
timed() {
  local prefix="$1"; shift
  local t0 t1 rc=0
  t0="$(now_us)"
  /usr/bin/time -f '%U %S %M' -o "$prefix.cpu" "$@" || rc=$?
  t1="$(now_us)"
  echo "$(awk -v d=$(( t1 - t0 )) 'BEGIN {printf "%.3f", d / 1e6}') $(tail -1 "$prefix.cpu")" > "$prefix.time"
  return "$rc"
}

# Runs "$@" with stdout/stderr to $WORK/<name>.<i>.{out,err}; appends "wall user sys maxrss_kb" to
# $WORK/<name>.times. Fails unless rc 0 and every digest and log file was reported valid (--verbose lines).
timed_validation() {
  local name="$1" i="$2"; shift 2
  local out="$WORK/$name.$i.out" err="$WORK/$name.$i.err" rc=0
  timed "$WORK/$name.$i" "$@" > "$out" 2> "$err" || rc=$?
  local d l
  d="$(grep -cP '^Digest file\t.*\tvalid$' "$out" || true)"
  l="$(grep -cP '^Log file\t.*\tvalid$' "$out" || true)"
  if [[ "$rc" != 0 || "$d" != "$DIGESTS" || "$l" != "$LOGS" ]] || grep -q INVALID "$out" "$err"; then
    echo "$name run $i: rc=$rc, valid digests $d of $DIGESTS, valid log files $l of $LOGS" >&2
    tail -5 "$out" >&2; tail -20 "$err" >&2
    return 1
  fi
  tail -1 "$WORK/$name.$i.time" >> "$WORK/$name.times"
  log "$name run $i: $(tail -1 "$WORK/$name.$i.time" | awk '{printf "%s s wall, %s s user, %s s sys, %d MB max RSS", $1, $2, $3, $4/1024}')"
}

timed_plain() {
  local name="$1" i="$2"; shift 2
  local rc=0
  timed "$WORK/$name.$i" "$@" > "$WORK/$name.$i.out" 2> "$WORK/$name.$i.err" || rc=$?
  if [[ "$rc" != 0 ]]; then
    echo "$name run $i: rc=$rc" >&2; tail -20 "$WORK/$name.$i.err" >&2; return 1
  fi
  tail -1 "$WORK/$name.$i.time" >> "$WORK/$name.times"
  log "$name run $i: $(tail -1 "$WORK/$name.$i.time" | awk '{printf "%s s wall, %s s user, %s s sys", $1, $2, $3}')"
}

# ---------------------------------------------------------------------------------------------------------
# 2. ours, from the local directory
LOAD_OURS="$(loadavg)"
for i in $(seq 1 "$RUNS"); do
  timed_validation ours "$i" "$JAVA" -jar "$AGENT" validate-logs --trail-dir "$TRAIL_DIR" \
    --start-time "$START_TIME" --verbose
done

# References on the same local files, each a fresh process like the commands above:
#  - floor: a JVM that only inflates and SHA-256s every log file (InflateHashFloor), on 1 and on all cores;
#  - the CLI's per-log-file loop (zlib + hashlib, 2 KB reads) in Python, over local files instead of S3.
cat > "$WORK/cli-loop.py" <<'EOF'
# awscli/customizations/cloudtrail/validation.py _download_log, reading local files instead of S3 GETs.
import hashlib, os, sys, zlib
n = size = 0
for d, _, files in sorted(os.walk(sys.argv[1])):
    if '/CloudTrail/' not in d + '/':
        continue
    for f in sorted(files):
        if not f.endswith('.json.gz'):
            continue
        with open(os.path.join(d, f), 'rb') as body:
            gzip_inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            rolling_hash = hashlib.sha256()
            for chunk in iter(lambda: body.read(2048), b''):
                data = gzip_inflater.decompress(chunk)
                rolling_hash.update(data)
                size += len(data)
            remaining_data = gzip_inflater.flush()
            rolling_hash.update(remaining_data)
            size += len(remaining_data)
            rolling_hash.hexdigest()
        n += 1
print(n, size)
EOF
CORES="$(nproc)"
for i in $(seq 1 "$RUNS"); do
  timed_plain floor1 "$i" "$JAVA" -cp "$BENCH" dev.ctagent.benchmarks.InflateHashFloor "$TRAIL_DIR" --threads 1
  timed_plain floorN "$i" "$JAVA" -cp "$BENCH" dev.ctagent.benchmarks.InflateHashFloor "$TRAIL_DIR" --threads "$CORES"
  timed_plain pyloop "$i" "$PY" "$WORK/cli-loop.py" "$TRAIL_DIR"
done
for name in floor1 floorN pyloop; do
  [[ "$(cat "$WORK/$name.1.out")" == "$LOGS $UNCOMP" ]] \
    || { echo "$name read $(cat "$WORK/$name.1.out"), expected $LOGS $UNCOMP" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------------------
# 3. the AWS CLI, from moto
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION="$REGION"
export AWS_CONFIG_FILE="$WORK/aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/aws-credentials"
export AWS_EC2_METADATA_DISABLED=true
: > "$AWS_CONFIG_FILE"; : > "$AWS_SHARED_CREDENTIALS_FILE"
S3_PORT="$(free_port)"
export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$S3_PORT"
"$MOTO" -H 127.0.0.1 -p "$S3_PORT" > "$WORK/moto.log" 2>&1 &
PIDS+=($!)

"$JAVA" -jar "$AGENT" list-public-keys --trail-dir "$TRAIL_DIR" > "$WORK/public-keys.json"
jq -e '.PublicKeyList | length > 0' "$WORK/public-keys.json" > /dev/null \
  || { echo "list-public-keys printed no key" >&2; cat "$WORK/public-keys.json" >&2; exit 1; }
cat > "$WORK/cloudtrail.py" <<'EOF'
# CloudTrail's ListPublicKeys (JSON 1.1) with a fixed answer; everything else is refused.
import http.server, sys
answer = open(sys.argv[2], 'rb').read()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        # botocore sends com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListPublicKeys
        ok = (self.headers.get('X-Amz-Target') or '').endswith('CloudTrail_20131101.ListPublicKeys')
        body = answer if ok else b'{"__type":"UnknownOperationException","message":"not served here"}'
        self.send_response(200 if ok else 400)
        self.send_header('Content-Type', 'application/x-amz-json-1.1')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, fmt, *args):
        sys.stderr.write('%s\n' % (fmt % args))
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
EOF
CT_PORT="$(free_port)"
"$PY" "$WORK/cloudtrail.py" "$CT_PORT" "$WORK/public-keys.json" 2> "$WORK/cloudtrail.log" &
PIDS+=($!)
for port in "$S3_PORT" "$CT_PORT"; do
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "nothing listens on $port" >&2; cat "$WORK/moto.log" >&2; exit 1; }
done

log "uploading the trail to moto (bucket $BUCKET, port $S3_PORT)"
"$AWS" s3api create-bucket --bucket "$BUCKET" > /dev/null
"$AWS" s3 cp --recursive --only-show-errors "$TRAIL_DIR" "s3://$BUCKET/" \
  --exclude '*' --include "AWSLogs/$ACCOUNT/CloudTrail/*" --include "AWSLogs/$ACCOUNT/CloudTrail-PublicKey/*"
while IFS= read -r digest; do
  key="${digest#"$TRAIL_DIR"/}"
  sig="$(jq -r '.signature' "$digest.metadata.json")"
  alg="$(jq -r '."signature-algorithm"' "$digest.metadata.json")"
  "$AWS" s3 cp --only-show-errors "$digest" "s3://$BUCKET/$key" \
    --metadata "signature=$sig,signature-algorithm=$alg"
done < <(find "$TRAIL_DIR/AWSLogs/$ACCOUNT/CloudTrail-Digest" -name '*.json.gz' | sort)
uploaded_logs="$("$AWS" s3 ls --recursive "s3://$BUCKET/AWSLogs/$ACCOUNT/CloudTrail/" | wc -l)"
uploaded_digests="$("$AWS" s3 ls --recursive "s3://$BUCKET/AWSLogs/$ACCOUNT/CloudTrail-Digest/" | wc -l)"
[[ "$uploaded_logs" == "$LOGS" && "$uploaded_digests" == "$DIGESTS" ]] \
  || { echo "moto holds $uploaded_logs log files, $uploaded_digests digests" >&2; exit 1; }

LOAD_CLI="$(loadavg)"
for i in $(seq 1 "$RUNS"); do
  timed_validation cli "$i" "$AWS" cloudtrail validate-logs --trail-arn "$TRAIL_ARN" --s3-bucket "$BUCKET" \
    --start-time "$START_TIME" --endpoint-url "http://127.0.0.1:$CT_PORT" --verbose
done

# Transport only: what moving the log files' bytes out of moto costs, without inflating or hashing.
cat > "$WORK/get-only.py" <<'EOF'
# The GETs validate-logs makes for the log files, one after another, body read in 2 KB chunks as the CLI
# does (awscli/customizations/cloudtrail/validation.py _download_log), but no inflate and no SHA-256.
import botocore.session, sys
bucket, prefix = sys.argv[1], sys.argv[2]
s3 = botocore.session.get_session().create_client('s3')
n = size = 0
for page in s3.get_paginator('list_objects').paginate(Bucket=bucket, Prefix=prefix):
    for o in page.get('Contents', []):
        body = s3.get_object(Bucket=bucket, Key=o['Key'])['Body']
        for chunk in iter(lambda: body.read(2048), b''):
            size += len(chunk)
        n += 1
print(n, size)
EOF
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/download"
  timed_plain s3cp "$i" "$AWS" s3 cp --recursive --only-show-errors "s3://$BUCKET/AWSLogs/$ACCOUNT/CloudTrail/" "$WORK/download/"
  timed_plain getseq "$i" "$PY" "$WORK/get-only.py" "$BUCKET" "AWSLogs/$ACCOUNT/CloudTrail/"
done
rm -rf "$WORK/download"
[[ "$(cat "$WORK/getseq.1.out")" == "$LOGS $COMP" ]] \
  || { echo "sequential GETs read $(cat "$WORK/getseq.1.out"), expected $LOGS $COMP" >&2; exit 1; }
LOAD_END="$(loadavg)"

# ---------------------------------------------------------------------------------------------------------
# 4. The table
col() { awk -v c="$2" '{print $c}' "$WORK/$1.times"; }
cpu() { awk '{print $2 + $3}' "$WORK/$1.times"; }
mbps() { awk -v b="$UNCOMP" -v s="$1" 'BEGIN {printf "%.0f", b / 1e6 / s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
# row <name> <label> <source> [bold]: one table line from $WORK/<name>.times
row() {
  local med rss cpu_med b=""
  med="$(col "$1" 1 | median)"
  rss="$(col "$1" 4 | sort -g | tail -1)"
  [[ "${4:-}" == bold ]] && b="**"
  cpu_med="$(cpu "$1" | median)"
  echo "| $2 | $3 | $(col "$1" 1 | minimum) | $med | $b$(mbps "$med")$b | $cpu_med | $(ratio "$cpu_med" "$med") | $(( rss / 1024 )) |"
}
OURS_MED="$(col ours 1 | median)"; CLI_MED="$(col cli 1 | median)"
LOAD_MAX="$(awk '{print $2}' "$WORK/load.log" | sort -g | tail -1)"
COMP_MB="$(awk -v b="$COMP" 'BEGIN {printf "%.1f", b / 1e6}')"
AWS_VERSION="$("$AWS" --version 2>&1 | awk '{print $1}' | cut -d/ -f2)"

{
  echo "validate-logs on a trail of **$MB MB** uncompressed log data ($COMP_MB MB gzip 6), **$LOGS** log files,"
  echo "**$DIGESTS** digests; $RUNS runs each, every run a fresh process; MB = 10^6 bytes of uncompressed log data;"
  echo "MB/s = uncompressed MB / median wall time."
  echo
  echo "| command | reads | wall min (s) | wall median (s) | MB/s | CPU user+sys median (s) | cores busy (CPU/wall) | max RSS (MB) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  row ours "\`ct-agent.jar validate-logs --verbose\`" "local directory" bold
  row cli "\`aws cloudtrail validate-logs --verbose\` (aws-cli $AWS_VERSION)" "moto over HTTP" bold
  echo "| *references, not validations (MB/s: the trail's uncompressed MB over their time, for comparison):* | | | | | | | |"
  row s3cp "transport: \`aws s3 cp --recursive\` of the log files" "moto over HTTP"
  row getseq "transport: the CLI's log-file GETs one after another (botocore, 2 KB reads), no inflate/hash" "moto over HTTP"
  row pyloop "the CLI's per-log-file loop (Python zlib + hashlib, 2 KB reads) over local files" "local directory"
  row floor1 "floor: JVM inflate + SHA-256 of every log file, nothing else, 1 thread" "local directory"
  row floorN "floor: the same on $CORES threads" "local directory"
  echo
  echo "**Ours is $(ratio "$CLI_MED" "$OURS_MED")× faster** than the AWS CLI (median wall time); goal ≥ 5×:" \
    "$(awk -v a="$CLI_MED" -v b="$OURS_MED" 'BEGIN {print (a / b >= 5 ? "**met**" : "**not met**")}')."
  echo
  echo "Load average (1/5/15 min): before ours $LOAD_OURS; before the CLI $LOAD_CLI; at the end $LOAD_END;"
  echo "highest 1-min value sampled during the run $LOAD_MAX (this benchmark's own processes included)."
  echo "$CORES vCPU, $("$JAVA" -version 2>&1 | head -1), $("$PY" --version), $(uname -sr), $(date -u +%FT%TZ)."
} > "$OUT/result.md"
cp "$WORK/load.log" "$OUT/load.log"
cp "$WORK/ours.1.out" "$OUT/ours.verbose.txt"; cp "$WORK/cli.1.out" "$OUT/cli.verbose.txt"
echo
cat "$OUT/result.md"
