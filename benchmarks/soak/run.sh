#!/usr/bin/env bash
# Soak: sustained simulator load over many model versions against a single node (MODE=single, the
# default) or against Redis + three silos + a gateway (MODE=cluster), all on loopback. Samples the
# memory of every Monitor process, then checks that nothing acknowledged was lost: the simulator's
# accepted count == monitor_ingest_records_accepted_total == the sum of the versions' total_records.
#
# Memory columns, from ps and each process's /metrics: rss (resident), heap (dotnet_total_memory_bytes:
# the managed heap, dead objects included until collected), committed (dotnet_gc_committed_bytes: what
# the GC holds from the OS), live (dotnet_gc_live_bytes: what survived the last full collection).
# Under the server GC resident memory follows the GC's budgets as much as live data; "live" is the
# figure that shows whether what Monitor holds levels off. SAMPLES=file also writes them as TSV.
# With DOTNET_TRACE=path/to/dotnet-trace (`dotnet tool install dotnet-trace --tool-path DIR`) the
# sampler first makes each .NET process run a full blocking collection (an EventPipe session with the
# GCHeapCollect keyword) every GC_EVERY seconds (default 60), so "live" is then exact at those samples.
#
#   benchmarks/soak/run.sh                      # 1,000 versions, 5,000 records/s, 5 minutes
#   MODE=cluster MINUTES=3 benchmarks/soak/run.sh
#   EXTRA_ARGS="--Monitor:Windows:FineSpan=00:01:00 --Monitor:Windows:CoarseBucket=00:01:00 --Monitor:Windows:Retention=00:03:00" \
#     benchmarks/soak/run.sh              # short windows: every ring fills within the run, memory must level off
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE=${MODE:-single}
MODELS=${MODELS:-100}
VERSIONS_PER_MODEL=${VERSIONS_PER_MODEL:-10}
RATE=${RATE:-5000}
MINUTES=${MINUTES:-5}
BATCH=${BATCH:-50}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-15}
read -r -a extra <<< "${EXTRA_ARGS:-}"

dotnet build Monitor.sln -c Release -nologo -v q >/dev/null
work=$(mktemp -d /tmp/monitor-soak-XXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
http=$(port)
gateway_dll=src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll
silo_dll=src/Silo/Monitor.Silo/bin/Release/net10.0/Monitor.Silo.dll
names=()
metrics=()

if [ "$MODE" = cluster ]; then
  redis=$(port)
  redis-server --port "$redis" --bind 127.0.0.1 --appendonly yes --save '' --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
  pids+=($!); names+=(redis)
  common=(--Monitor:Cluster:Mode=redis "--Monitor:Cluster:RedisConnection=127.0.0.1:$redis" --Monitor:Cluster:ServiceId=soak --Monitor:Cluster:ClusterId=soak "--Monitor:Registry:MaxVersions=$((MODELS * VERSIONS_PER_MODEL))" "${extra[@]}")
  sleep 1
  for i in 1 2 3; do
    metrics_port=$(port)
    dotnet "$silo_dll" "${common[@]}" "--Monitor:Cluster:SiloPort=$(port)" "--Monitor:Cluster:GatewayPort=$(port)" \
      "--Monitor:Silo:MetricsPort=$metrics_port" --Monitor:Silo:MetricsHost=127.0.0.1 >"$work/silo$i.log" 2>&1 &
    pids+=($!); names+=(silo$i); metrics[$(( ${#pids[@]} - 1 ))]="http://127.0.0.1:$metrics_port/metrics"
  done
  dotnet "$gateway_dll" --urls "http://127.0.0.1:$http" "${common[@]}" --Monitor:Gateway:CoHostSilo=false \
    "--Monitor:PredictionLog:Directory=$work/predictions" >"$work/gateway.log" 2>&1 &
  pids+=($!); names+=(gateway); metrics[$(( ${#pids[@]} - 1 ))]="http://127.0.0.1:$http/metrics"
else
  dotnet "$gateway_dll" --urls "http://127.0.0.1:$http" "--Monitor:Storage:Directory=$work/data" \
    "--Monitor:PredictionLog:Directory=$work/predictions" "--Monitor:Cluster:SiloPort=$(port)" "--Monitor:Cluster:GatewayPort=$(port)" \
    "--Monitor:Registry:MaxVersions=$((MODELS * VERSIONS_PER_MODEL))" "${extra[@]}" >"$work/gateway.log" 2>&1 &
  pids+=($!); names+=(gateway); metrics[0]="http://127.0.0.1:$http/metrics"
fi

url="http://127.0.0.1:$http"
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "gateway not ready"; tail -50 "$work"/*.log; exit 1; }

spec=$(python3 -c "print(';'.join(f'm{m}:'+','.join(f'v{v}' for v in range($VERSIONS_PER_MODEL)) for m in range($MODELS)))")
echo "mode=$MODE ${EXTRA_ARGS:-} versions=$((MODELS * VERSIONS_PER_MODEL)) rate=$RATE records/s batch=$BATCH duration=${MINUTES} min"

rss() { local out=""; for i in "${!pids[@]}"; do out+="${names[$i]}=$(( $(ps -o rss= -p "${pids[$i]}" 2>/dev/null || echo 0) / 1024 ))MB "; done; echo "$out"; }
# One line per process: name, resident, managed heap, GC committed, live at the last full GC (MB).
memory() {
  for i in "${!pids[@]}"; do
    local r=$(( $(ps -o rss= -p "${pids[$i]}" 2>/dev/null || echo 0) / 1024 )) gc="- - -"
    if [ -n "${metrics[$i]:-}" ]; then
      gc=$(curl -sf -m 10 "${metrics[$i]}" | awk '
        /^dotnet_total_memory_bytes /{h=$2} /^dotnet_gc_committed_bytes /{c=$2} /^dotnet_gc_live_bytes /{l=$2}
        END {printf "%d %d %d", h/1048576, c/1048576, l/1048576}')
    fi
    echo "${names[$i]} $r $gc"
  done
}
[ -n "${SAMPLES:-}" ] && printf 'seconds\tprocess\trss_mb\theap_mb\tcommitted_mb\tlive_mb\tafter_full_gc\n' >"$SAMPLES"
induce_gc() {
  for i in "${!pids[@]}"; do
    [ "${names[$i]}" = redis ] && continue
    "$DOTNET_TRACE" collect -p "${pids[$i]}" --providers 'Microsoft-Windows-DotNETRuntime:0x800001:4' \
      --duration 00:00:00:02 -o "$work/gc-${names[$i]}.nettrace" >/dev/null 2>&1 || true
  done
}
(
  start=$(date +%s)
  induced=$start
  while sleep "$SAMPLE_SECONDS"; do
    t=$(( $(date +%s) - start ))
    line="  t=${t}s"
    if [ -n "${DOTNET_TRACE:-}" ] && [ $(( $(date +%s) - induced )) -ge "${GC_EVERY:-60}" ]; then
      induce_gc
      induced=$(date +%s)
      line+=" (after a full GC)"
    fi
    while read -r name r h c l; do
      line+="  $name rss=${r}MB heap=${h}MB committed=${c}MB live=${l}MB"
      [ -n "${SAMPLES:-}" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$name" "$r" "$h" "$c" "$l" "$([[ $line == *"full GC"* ]] && echo yes || echo no)" >>"$SAMPLES"
    done < <(memory)
    echo "$line"
  done
) &
sampler=$!

set +e
dotnet src/Cli/Monitor.Cli/bin/Release/net10.0/monitor.dll simulate --url "$url" --models "$spec" \
  --rate "$RATE" --duration "$((MINUTES * 60))" --batch-size "$BATCH" --seed 7 | tee "$work/simulate.log" | awk 'NR % 6 == 0'
status=${PIPESTATUS[0]}
set -e
kill "$sampler" 2>/dev/null || true

final=$(tail -1 "$work/simulate.log")
sim_accepted=$(echo "$final" | sed -E 's/.*accepted ([0-9]+).*/\1/')
metric=$(curl -sf "$url/metrics" | awk '/^monitor_ingest_records_accepted_total /{printf "%d", $2}')
applied=$(curl -sf "$url/v1/models" | python3 -c 'import json,sys;print(sum(v["total_records"] for m in json.load(sys.stdin)["models"] for v in m["versions"]))')
echo "final: $final"
echo "final rss: $(rss)"
echo "acknowledged (simulator) = $sim_accepted, monitor_ingest_records_accepted_total = $metric, applied (sum of total_records) = $applied"
errors=$(grep -ciE '\] (fail|crit)|exception' "$work"/gateway.log || true)
echo "error lines in the gateway log: $errors"
[ "$status" -eq 0 ] && [ "$sim_accepted" = "$metric" ] && [ "$metric" = "$applied" ] && echo "SOAK OK" || { echo "SOAK FAILED"; exit 1; }
