#!/usr/bin/env bash
# Soak: sustained simulator load over many model versions against a single node (MODE=single, the
# default) or against Redis + three silos + a gateway (MODE=cluster), all on loopback. Samples the
# resident memory of every Monitor process, then checks that nothing acknowledged was lost:
# the simulator's accepted count == monitor_ingest_records_accepted_total == the sum of the
# versions' total_records. Resident memory under the server GC (ASP.NET Core's default) follows the
# GC's budgets as much as live data; DOTNET_gcServer=0 shows live data more closely.
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

if [ "$MODE" = cluster ]; then
  redis=$(port)
  redis-server --port "$redis" --bind 127.0.0.1 --appendonly yes --save '' --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
  pids+=($!); names+=(redis)
  common=(--Monitor:Cluster:Mode=redis "--Monitor:Cluster:RedisConnection=127.0.0.1:$redis" --Monitor:Cluster:ServiceId=soak --Monitor:Cluster:ClusterId=soak "--Monitor:Registry:MaxVersions=$((MODELS * VERSIONS_PER_MODEL))" "${extra[@]}")
  sleep 1
  for i in 1 2 3; do
    dotnet "$silo_dll" "${common[@]}" "--Monitor:Cluster:SiloPort=$(port)" "--Monitor:Cluster:GatewayPort=$(port)" \
      "--Monitor:Silo:MetricsPort=$(port)" --Monitor:Silo:MetricsHost=127.0.0.1 >"$work/silo$i.log" 2>&1 &
    pids+=($!); names+=(silo$i)
  done
  dotnet "$gateway_dll" --urls "http://127.0.0.1:$http" "${common[@]}" --Monitor:Gateway:CoHostSilo=false \
    "--Monitor:PredictionLog:Directory=$work/predictions" >"$work/gateway.log" 2>&1 &
  pids+=($!); names+=(gateway)
else
  dotnet "$gateway_dll" --urls "http://127.0.0.1:$http" "--Monitor:Storage:Directory=$work/data" \
    "--Monitor:PredictionLog:Directory=$work/predictions" "--Monitor:Cluster:SiloPort=$(port)" "--Monitor:Cluster:GatewayPort=$(port)" \
    "--Monitor:Registry:MaxVersions=$((MODELS * VERSIONS_PER_MODEL))" "${extra[@]}" >"$work/gateway.log" 2>&1 &
  pids+=($!); names+=(gateway)
fi

url="http://127.0.0.1:$http"
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "gateway not ready"; tail -50 "$work"/*.log; exit 1; }

spec=$(python3 -c "print(';'.join(f'm{m}:'+','.join(f'v{v}' for v in range($VERSIONS_PER_MODEL)) for m in range($MODELS)))")
echo "mode=$MODE ${EXTRA_ARGS:-} versions=$((MODELS * VERSIONS_PER_MODEL)) rate=$RATE records/s batch=$BATCH duration=${MINUTES} min"

rss() { local out=""; for i in "${!pids[@]}"; do out+="${names[$i]}=$(( $(ps -o rss= -p "${pids[$i]}" 2>/dev/null || echo 0) / 1024 ))MB "; done; echo "$out"; }
(
  start=$(date +%s)
  while sleep "$SAMPLE_SECONDS"; do
    heap=$(curl -sf "$url/metrics" | awk '/^dotnet_total_memory_bytes /{printf "%d", $2 / 1048576}')
    echo "  t=$(( $(date +%s) - start ))s rss: $(rss) gateway managed heap=${heap}MB"
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
