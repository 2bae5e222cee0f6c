#!/usr/bin/env bash
# Outcome benchmark: a fresh Monitor single node (Release) takes predictions as fast as it can, first
# without ids, then with ids (indexed for joins), then with labels (and optionally events) joined
# beside them at a set rate. Prints a Markdown table and the slowdowns; fails unless every label and
# event sent was acknowledged and joined. With a git ref (a build without the join index, e.g. main
# before labels existed) a second node built from it runs beside, and each round also sends it the same
# predictions with ids, so the whole feature's cost is measured against the same machine load.
#   benchmarks/ingest/outcomes.sh [seconds=10] [labels/s=100000] [events/s=0] [labels name version=true] [rounds=3] [baseline git ref]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
labels=${2:-100000}
events=${3:-0}
with_version=${4:-true}
work=$(mktemp -d /tmp/monitor-outcomes-XXXX)
pid=
baseline_pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$baseline_pid" ] && kill "$baseline_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for p in src/Gateway/Monitor.Gateway benchmarks/OutcomeLoad; do dotnet build -c Release -nologo -v q "$p" >/dev/null; done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

baseline_url=
if [ -n "${6:-}" ]; then
  mkdir -p "$work/baseline"
  git archive "$6" | tar -x -C "$work/baseline"
  dotnet build -c Release -nologo -v q "$work/baseline/src/Gateway/Monitor.Gateway" >/dev/null
  baseline_port=$(free_port)
  dotnet "$work/baseline/src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll" --urls "http://127.0.0.1:$baseline_port" \
    --Monitor:Storage:Directory="$work/baseline-data" --Monitor:PredictionLog:Directory="$work/baseline-predictions" \
    --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" >"$work/baseline.log" 2>&1 &
  baseline_pid=$!
  baseline_url="http://127.0.0.1:$baseline_port"
  for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$baseline_url/health/ready")" = 200 ] && break; sleep 0.5; done
fi

port=$(free_port)
dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "http://127.0.0.1:$port" \
  --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
  --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" >"$work/monitor.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/health/ready")" = 200 ] && break; sleep 0.5; done

if ! dotnet benchmarks/OutcomeLoad/bin/Release/net10.0/OutcomeLoad.dll "http://127.0.0.1:$port" "$seconds" "$labels" "$events" "$with_version" "$pid" "${5:-3}" "$baseline_url"; then
  echo "the server's warnings and errors:"
  grep -E -A3 "warn|fail|crit" "$work/monitor.log" | head -60
  exit 1
fi
