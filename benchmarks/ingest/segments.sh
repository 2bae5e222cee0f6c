#!/usr/bin/env bash
# What segments cost at ingest: one Monitor single node, 8 versions, records with two text tags (country,
# device); rounds alternate between no segment keys and two keys (country, device, K = 20) on every version,
# so both see the same machine load. Prints one Markdown row per run (with the node's CPU time per record) and
# the mean per setting.
#   benchmarks/ingest/segments.sh [seconds=10] [rounds=3] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
rounds=${2:-3}
connections=${3:-32}
work=$(mktemp -d /tmp/monitor-segbench-XXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
dotnet build -c Release -nologo -v q src/Gateway/Monitor.Gateway >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
base="http://127.0.0.1:$port"
dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "$base" \
  --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
  --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" >"$work/monitor.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$base/health/ready")" = 200 ] && break; sleep 0.5; done

keys() { for v in $(seq 0 7); do curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"keys\": $1}" "$base/v1/models/bench/versions/v$v/segments" >/dev/null; done; }
# The node's CPU time (user + system, clock ticks) and its accepted records: CPU per record is what the keys
# add, and unlike throughput it hardly moves with what else the machine runs.
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
accepted() { curl -s "$base/metrics" | awk '/^monitor_ingest_records_accepted_total /{printf "%d", $2}'; }
run() {
  local name=$1 batch=$2
  TAGS=1 BATCH=$batch VERSIONS=8 wrk -t1 -c"$connections" -d3s -s benchmarks/ingest/ingest.lua "$base" >/dev/null
  local cpu0 rec0 row
  cpu0=$(cpu); rec0=$(accepted)
  row=$(TAGS=1 BATCH=$batch VERSIONS=8 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/ingest/ingest.lua "$base" \
    | python3 benchmarks/ingest/wrk_row.py "$name" "$batch")
  sleep 1
  local us
  us=$(python3 -c "import os,sys; t=os.sysconf('SC_CLK_TCK'); print(f'{($(cpu) - $cpu0) / t * 1e6 / max(1, $(accepted) - $rec0):.2f}')")
  echo "$row $us |" | tee -a "$work/rows"
}

echo "| segment keys | records/request | requests/s | records/s | p50 ms | p99 ms | non-2xx | node CPU µs/record |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  for batch in 1 100; do
    keys '[]'; run "none" "$batch"
    keys '["country", "device"]'; run "country, device" "$batch"
  done
done

python3 - "$work/rows" <<'PY'
import sys, statistics
rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in open(sys.argv[1])]
print()
for batch in ("1", "100"):
    for column, label, fmt in ((3, "records/s", ",.0f"), (7, "node CPU µs/record", ".2f")):
        by = {name: [float(r[column].replace(",", "")) for r in rows if r[0] == name and r[1] == batch] for name in ("none", "country, device")}
        none, keyed = by["none"], by["country, device"]
        print(f"batch {batch}, {label}: without keys {statistics.mean(none):{fmt}} (runs {', '.join(f'{x:{fmt}}' for x in none)}), "
              f"with two keys {statistics.mean(keyed):{fmt}} (runs {', '.join(f'{x:{fmt}}' for x in keyed)}): "
              f"{100 * (statistics.mean(keyed) / statistics.mean(none) - 1):+.1f}%")
PY
