#!/usr/bin/env bash
# KServe ingest benchmark: a fresh Monitor single node (Release, default settings: SQLite storage, prediction
# log on) takes KServe payload-logger events (binary-mode CloudEvents, V2 bodies) from benchmarks/KServeLoad
# on the same machine: request then response per pair, `rows` rows per pair, over two versions (default and
# canary endpoints). Prints a Markdown row and fails unless every acknowledged row is in the summaries.
#   benchmarks/kserve/run.sh [seconds=10] [senders=16] [rows=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
senders=${2:-16}
rows=${3:-100}
work=$(mktemp -d /tmp/monitor-kserve-XXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for p in src/Gateway/Monitor.Gateway benchmarks/KServeLoad; do dotnet build -c Release -nologo -v q "$p" >/dev/null; done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "http://127.0.0.1:$port" \
  --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
  --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" >"$work/monitor.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/health/ready")" = 200 ] && break; sleep 0.5; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! dotnet benchmarks/KServeLoad/bin/Release/net10.0/KServeLoad.dll "http://127.0.0.1:$port" "$seconds" "$senders" "$rows"; then
  echo "the server's warnings and errors:"
  grep -E -A3 "warn|fail|crit" "$work/monitor.log" | head -60
  exit 1
fi
