#!/usr/bin/env bash
# Many versions: does a single node with 1,000 active versions keep the throughput and tail latency it has with 8?
#
# In one run, on one machine:
#   1. the bare parse ceiling (benchmarks/BareIngest: an ASP.NET Core endpoint that only parses the records),
#      at each batch size, before Monitor starts (so nothing else of this run holds the CPU);
#   2. a fresh Monitor single node (Release build, own data directory, free ports, default settings: default alert
#      rules, checkpoints every 5 s, prediction log and ingest log on);
#   3. VERSIONS versions (default 1,000 = 100 models x 10 versions) registered: a reference uploaded on every
#      10th (100 of them), then FILL records per version (default 10,000: the raw-latency ring, the recent records
#      and the references' feature windows are then full);
#   4. at each batch size (1, 20, 100 records per request): wrk -t1 -c32 for DURATION seconds against the first
#      8 versions, then against all of them, ROUNDS times, alternating (a short unmeasured warm-up first);
#      during each measured run benchmarks/GcPauses reads the runtime's GC events (EventPipe): every
#      stop-the-world pause, the collections, the bytes allocated;
#   5. at the end: records acknowledged (monitor_ingest_records_accepted_total) against records applied (the sum
#      of the versions' total_records, GET /v1/models), the table, and the ratios 1,000/8 and against the ceiling.
#
#   benchmarks/versions/run.sh                 # 60 s runs: about 15 minutes
#   DURATION=10 benchmarks/versions/run.sh     # a quick look: about 5 minutes
# Settings (environment): DURATION (60), BARE_DURATION (DURATION), ROUNDS (1), BATCHES ("1 20 100"),
# VERSIONS (1000), HOT (8), REFERENCE_EVERY (10), FILL (10000 records per version), CONNECTIONS (32),
# GC_EVENTS (1; 0 skips the GC measurement), KEEP (set: keep the work directory), EXTRA_ARGS (more gateway
# settings, e.g. "--Monitor:Windows:CheckpointInterval=00:00:10"), TRACE_CPU (seconds: also a dotnet-trace thread-time
# sample of the node during the first 1,000-version run, kept in the work directory; needs dotnet-trace on PATH or
# DOTNET_TRACE=path: `dotnet tool install dotnet-trace --tool-path DIR`), NODE_ENV (environment of the node alone,
# e.g. "DOTNET_gcServer=0" to compare GC settings),
# GATEWAY_DLL (another build's Monitor.Gateway.dll, to compare builds; then the gateway is not built).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-60}
BARE_DURATION=${BARE_DURATION:-$DURATION}
ROUNDS=${ROUNDS:-1}
BATCHES=${BATCHES:-1 20 100}
VERSIONS=${VERSIONS:-1000}
HOT=${HOT:-8}
REFERENCE_EVERY=${REFERENCE_EVERY:-10}
FILL=${FILL:-10000}
CONNECTIONS=${CONNECTIONS:-32}
GC_EVENTS=${GC_EVENTS:-1}
read -r -a extra <<< "${EXTRA_ARGS:-}"
here=benchmarks/versions
work=$(mktemp -d /tmp/monitor-versions-XXXX)
rows=$work/rows.jsonl
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get install -y wrk)"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq >/dev/null && $sudo_ apt-get install -y -qq wrk >/dev/null
fi
gateway_dll=${GATEWAY_DLL:-src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll}
projects=(benchmarks/BareIngest benchmarks/GcPauses)
[ -n "${GATEWAY_DLL:-}" ] || projects+=(src/Gateway/Monitor.Gateway)
echo "building (Release): ${projects[*]}"
for p in "${projects[@]}"; do dotnet build -c Release -nologo -v q "$p" >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 240); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$1")" = "${2:-200}" ] && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }
load() { cut -d' ' -f1 /proc/loadavg; }
counts() { python3 "$here/versions.py" counts "$1"; }

# measure NAME URL PID VERSIONS BATCH SECONDS: a 3 s unmeasured warm-up, then the measured wrk run with the GC
# events of PID read alongside; appends a row. The measured run waits up to 30 s for an answer (wrk's default of 2 s
# would drop the slowest requests from the latency figures).
measure() {
  local name=$1 url=$2 pid=$3 versions=$4 batch=$5 seconds=$6 before=- after=- gc=- gcpid=
  BATCH=$batch VERSIONS=$versions wrk -t1 -c"$CONNECTIONS" -d3s -s "$here/versions.lua" "$url" >/dev/null
  [ "$name" = monitor ] && before=$(counts "$url" | cut -d' ' -f1)
  if [ "$GC_EVENTS" = 1 ]; then
    dotnet benchmarks/GcPauses/bin/Release/net10.0/GcPauses.dll "$pid" "$seconds" >"$work/gc.json" 2>"$work/gc.err" &
    gcpid=$!; pids+=("$gcpid")
  fi
  if [ -n "${TRACE_CPU:-}" ] && [ "$name" = monitor ] && [ "$versions" = "$VERSIONS" ] && [ ! -e "$work/cpu.nettrace" ]; then
    "${DOTNET_TRACE:-dotnet-trace}" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$TRACE_CPU")" -o "$work/cpu.nettrace" >"$work/trace.log" 2>&1 &
    pids+=($!)
  fi
  local started_load; started_load=$(load)
  BATCH=$batch VERSIONS=$versions wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 30s --latency -s "$here/versions.lua" "$url" >"$work/wrk.out"
  if [ -n "$gcpid" ]; then wait "$gcpid" 2>/dev/null || true; gc=$(cat "$work/gc.json" 2>/dev/null || echo -); [ -n "$gc" ] || gc=-; fi
  [ "$name" = monitor ] && after=$(counts "$url" | cut -d' ' -f1)
  python3 "$here/versions.py" row "$rows" "$name" "$versions" "$batch" "$before" "$after" "$gc" "$started_load-$(load)" <"$work/wrk.out"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; runs of ${DURATION} s, ${CONNECTIONS} connections"

echo "bare parse ceiling (benchmarks/BareIngest), ${BARE_DURATION} s per batch size:"
port=$(free_port)
ASPNETCORE_URLS=http://127.0.0.1:$port dotnet benchmarks/BareIngest/bin/Release/net10.0/BareIngest.dll >/dev/null 2>&1 &
bare=$!; pids+=("$bare")
wait_ready "http://127.0.0.1:$port/v1/predictions" 405
for batch in $BATCHES; do measure bare "http://127.0.0.1:$port" "$bare" "$VERSIONS" "$batch" "$BARE_DURATION"; done
kill "$bare"; wait "$bare" 2>/dev/null || true

port=$(free_port)
url=http://127.0.0.1:$port
env ${NODE_ENV:-} dotnet "$gateway_dll" --urls "$url" \
  --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
  --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" \
  --Monitor:Registry:MaxVersions="$VERSIONS" "${extra[@]}" >"$work/monitor.log" 2>&1 &
node=$!; pids+=("$node")
wait_ready "$url/health/ready" || { tail -50 "$work/monitor.log"; exit 1; }
echo "Monitor single node up (pid $node, data in $work)"

started=$(date +%s)
echo "references on every ${REFERENCE_EVERY}th version: $(python3 "$here/versions.py" references "$url" "$VERSIONS" "$REFERENCE_EVERY") uploaded"
target=$((VERSIONS * FILL))
echo "filling the windows: $FILL records for each of $VERSIONS versions ($target records, batches of 500)"
while true; do
  read -r acknowledged _ with_records < <(counts "$url")
  [ "$acknowledged" -ge "$target" ] && [ "$with_records" -ge "$VERSIONS" ] && break
  # Each round goes on in turn where the last ended, so every version gets its share.
  START=$((acknowledged / 500)) BATCH=500 VERSIONS=$VERSIONS wrk -t1 -c"$CONNECTIONS" -d10s -s "$here/versions.lua" "$url" >/dev/null
  echo "  $acknowledged records in $with_records versions after $(( $(date +%s) - started )) s"
done
echo "registered and filled in $(( $(date +%s) - started )) s: $acknowledged records in $with_records versions"

echo "measured runs (alternating $HOT and $VERSIONS versions):"
for batch in $BATCHES; do
  for _ in $(seq 1 "$ROUNDS"); do
    measure monitor "$url" "$node" "$HOT" "$batch" "$DURATION"
    measure monitor "$url" "$node" "$VERSIONS" "$batch" "$DURATION"
  done
done

sleep 2
read -r acknowledged applied _ < <(counts "$url")
echo
echo "records acknowledged (monitor_ingest_records_accepted_total): $acknowledged; records applied (sum of the versions' total_records): $applied" \
  "$([ "$acknowledged" = "$applied" ] && echo '(equal)' || echo '(MISMATCH)')"
curl -s "$url/metrics" | awk '/^dotnet_gc_live_bytes /{printf "GC live data after the last full collection: %d MB\n", $2/1048576}'
echo "storage after the run: data directory $(du -sh "$work/data" | cut -f1), of it the ingest log $(du -sh "$work/data/ingest-log" 2>/dev/null | cut -f1); prediction log $(du -sh "$work/predictions" | cut -f1)"
errors=$(grep -ciE '\] (fail|crit)|exception' "$work/monitor.log" || true)
echo "error lines in the node's log: $errors"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 "$here/versions.py" report "$rows"
[ "$acknowledged" = "$applied" ]
