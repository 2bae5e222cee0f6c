#!/usr/bin/env bash
# End-to-end ingest benchmark: wrk against a fresh Monitor single node, beside the two baselines of
# the spec measured in the same run (a bare ASP.NET Core parse-only endpoint, and the Python
# baseline's FastAPI service). Prints a Markdown table; checks every acknowledged record reached its grain.
#   benchmarks/ingest/run.sh [seconds=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-10}
connections=${2:-32}
shared="$root/../shared"
work=$(mktemp -d /tmp/monitor-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
for p in src/Gateway/Monitor.Gateway benchmarks/BareIngest; do dotnet build -c Release -nologo -v q "$p" >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$1")" = "${2:-200}" ] && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

# run NAME URL BATCH [PATH]: one wrk run, one Markdown row.
run() {
  local name=$1 url=$2 batch=$3 path=${4:-/v1/predictions}
  # A short unmeasured run first, so JIT tiering and connection set-up don't land in the figures.
  BATCH=$batch PATH_OVERRIDE=$path VERSIONS=8 wrk -t1 -c"$connections" -d3s -s benchmarks/ingest/ingest.lua "$url" >/dev/null
  BATCH=$batch PATH_OVERRIDE=$path VERSIONS=8 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/ingest/ingest.lua "$url" \
    | python3 benchmarks/ingest/wrk_row.py "$name" "$batch"
}

echo "| service | records/request | requests/s | records/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

port=$(free_port)
ASPNETCORE_URLS=http://127.0.0.1:$port dotnet benchmarks/BareIngest/bin/Release/net10.0/BareIngest.dll >/dev/null 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$port/v1/predictions" 405
sleep 1
run "bare ASP.NET Core parse" "http://127.0.0.1:$port" 1
run "bare ASP.NET Core parse" "http://127.0.0.1:$port" 100
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

if /usr/bin/python3 -c 'import fastapi, uvicorn, scipy, pandas, prometheus_client' 2>/dev/null; then
  port=$(free_port)
  /usr/bin/python3 "$shared/reference/python_baseline.py" serve 127.0.0.1 "$port" >/dev/null 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$port/metrics"
  run "Python baseline (FastAPI)" "http://127.0.0.1:$port" 1 /predict
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
else
  echo "| Python baseline | (apt-get install python3-scipy python3-pandas python3-prometheus-client python3-fastapi python3-uvicorn) | | | | | |"
fi

port=$(free_port)
dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "http://127.0.0.1:$port" \
  --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
  --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" >"$work/monitor.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$port/health/ready"
run "Monitor single node" "http://127.0.0.1:$port" 1
run "Monitor single node" "http://127.0.0.1:$port" 100

# Every acknowledged record must be in its grain: the summaries add up to the accepted counter.
sleep 1
python3 - "http://127.0.0.1:$port" <<'PY'
import json, re, sys, urllib.request
base = sys.argv[1]
metrics = urllib.request.urlopen(base + "/metrics").read().decode()
accepted = float(re.search(r"^monitor_ingest_records_accepted_total (\S+)", metrics, re.M).group(1))
applied = sum(json.load(urllib.request.urlopen(f"{base}/v1/models/bench/versions/v{v}/summary?minutes=60"))["total_requests"] for v in range(8))
print(f"\nrecords acknowledged: {accepted:,.0f}; records in the version grains' summaries: {applied:,}" + ("  (equal)" if applied == accepted else "  (MISMATCH)"))
sys.exit(0 if applied == accepted else 1)
PY
