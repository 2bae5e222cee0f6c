#!/usr/bin/env bash
# Ingest with alert rules against ingest without: wrk against a fresh Monitor single node with traffic
# spread over 1,000 model versions, (a) with no rules, (b) with 5 rules applying to every version at the
# default 15 s evaluation interval, (c) the same 5 rules evaluated every second (stress). Prints a
# Markdown table; checks that the rules were evaluated in every version.
#   benchmarks/ingest/rules.sh [seconds=10] [connections=32] [versions=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-32}
versions=${3:-1000}
work=$(mktemp -d /tmp/monitor-rules-bench-XXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
dotnet build -c Release -nologo -v q src/Gateway/Monitor.Gateway >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$1")" = "200" ] && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

rule() { # name metric comparator threshold
  curl -s -o /dev/null -w "%{http_code}" -X POST "$base/v1/alerts/rules" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"metric\":\"$2\",\"comparator\":\"$3\",\"threshold\":$4,\"window_minutes\":5,\"for\":\"1m\",\"min_samples\":10}" | grep -q 201
}

# scenario NAME RULES(0|5) INTERVAL
scenario() {
  local name=$1 rules=$2 interval=$3
  rm -rf "$work/data" "$work/predictions"
  local port; port=$(free_port)
  base="http://127.0.0.1:$port"
  dotnet src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll --urls "$base" \
    --Monitor:Storage:Directory="$work/data" --Monitor:PredictionLog:Directory="$work/predictions" \
    --Monitor:Cluster:SiloPort="$(free_port)" --Monitor:Cluster:GatewayPort="$(free_port)" \
    --Monitor:Registry:MaxVersions=$((versions + 100)) --Monitor:Alerting:DefaultRules=false \
    --Monitor:Alerting:EvaluationInterval="$interval" >"$work/monitor.log" 2>&1 &
  pid=$!
  wait_ready "$base/health/ready"
  if [ "$rules" -gt 0 ]; then
    rule ErrorRate error_rate ">" 0.5
    rule LatencyP95 latency_p95_ms ">" 5000
    rule LatencyP99 latency_p99_ms ">" 10000
    rule LowThroughput throughput "<" 0
    rule LowConfidence low_confidence_share ">" 0.99
  fi
  for batch in 1 100; do
    BATCH=$batch VERSIONS=$versions wrk -t1 -c"$connections" -d5s -s benchmarks/ingest/ingest.lua "$base" >/dev/null
    BATCH=$batch VERSIONS=$versions wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/ingest/ingest.lua "$base" \
      | python3 benchmarks/ingest/wrk_row.py "$name" "$batch"
  done
  if [ "$rules" -gt 0 ]; then
    # Every version evaluated all five rules.
    python3 - "$base" "$versions" <<'PY'
import json, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
evaluated = sum(1 for v in range(0, n, max(1, n // 20))
                if len(json.load(urllib.request.urlopen(f"{base}/v1/models/bench/versions/v{v}/alerts"))["rules"]) == 5)
print(f"<!-- {evaluated} of {len(range(0, n, max(1, n // 20)))} sampled versions hold state for all 5 rules -->")
PY
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo "| Monitor single node, $versions versions | records/request | requests/s | records/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
scenario "no rules" 0 "00:00:15"
scenario "5 rules per version, evaluated every 15 s" 5 "00:00:15"
scenario "5 rules per version, evaluated every 1 s" 5 "00:00:01"
