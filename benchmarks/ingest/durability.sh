#!/usr/bin/env bash
# What the ingest log costs: the same Monitor single node with the log off, on (page cache, the default) and
# on with fsync per batch, side by side in one run, alternating so drift in the machine's load hits each alike.
# Prints a Markdown table and the on/off ratio; checks every acknowledged record reached its grain.
#   benchmarks/ingest/durability.sh [seconds=10] [rounds=2] [connections=32]
#   FSYNC=0 benchmarks/ingest/durability.sh ...   leaves out the fsync-per-batch runs (off against on only)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
rounds=${2:-2}
connections=${3:-32}
work=$(mktemp -d /tmp/monitor-durability-XXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
dotnet build -c Release -nologo -v q src/Gateway/Monitor.Gateway >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 240); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$1")" = 200 ] && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

# measure NAME BATCH SETTINGS...: a fresh node, a warm-up, one measured wrk run; appends a row to $work/rows.
measure() {
  local name=$1 batch=$2; shift 2
  local port; port=$(free_port)
  rm -rf "$work/data"
  dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "http://127.0.0.1:$port" \
    --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/data/predictions" \
    --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" "$@" >"$work/monitor.log" 2>&1 &
  pid=$!
  wait_ready "http://127.0.0.1:$port/health/ready"
  BATCH=$batch VERSIONS=8 wrk -t1 -c"$connections" -d3s -s benchmarks/ingest/ingest.lua "http://127.0.0.1:$port" >/dev/null
  BATCH=$batch VERSIONS=8 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/ingest/ingest.lua "http://127.0.0.1:$port" \
    | python3 benchmarks/ingest/wrk_row.py "$name" "$batch" | tee -a "$work/rows"
  python3 - "http://127.0.0.1:$port" <<'PY'
import json, re, sys, urllib.request
base = sys.argv[1]
metrics = urllib.request.urlopen(base + "/metrics").read().decode()
accepted = float(re.search(r"^monitor_ingest_records_accepted_total (\S+)", metrics, re.M).group(1))
applied = sum(json.load(urllib.request.urlopen(f"{base}/v1/models/bench/versions/v{v}/summary?minutes=60"))["total_requests"] for v in range(8))
if applied != accepted:
    sys.exit(f"MISMATCH: {accepted:,.0f} acknowledged, {applied:,} in the summaries")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| ingest log | records/request | requests/s | records/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  for batch in 1 100; do
    measure "off" "$batch" --Monitor:Durability:Enabled=false
    measure "on (page cache)" "$batch"
    if [ "${FSYNC:-1}" != 0 ]; then
      measure "on, fsync per batch" "$batch" --Monitor:Durability:Fsync=Batch
    fi
  done
done
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# Mean records/s per setting and batch size, and each against the log off.
python3 - "$work/rows" <<'PY'
import re, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) >= 4:
        runs[(cells[0], cells[1])].append(float(cells[3].replace(",", "").replace("*", "")))
print()
for batch in ("1", "100"):
    off = sum(runs[("off", batch)]) / len(runs[("off", batch)])
    for name in ("off", "on (page cache)", "on, fsync per batch"):
        if not runs[(name, batch)]:
            continue
        mean = sum(runs[(name, batch)]) / len(runs[(name, batch)])
        spread = f"{min(runs[(name, batch)]):,.0f}-{max(runs[(name, batch)]):,.0f}"
        print(f"batch {batch:>3}, log {name:<20} {mean:>12,.0f} records/s  {mean / off:6.1%} of off  (runs {spread})")
PY
