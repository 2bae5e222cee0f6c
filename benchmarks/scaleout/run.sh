#!/usr/bin/env bash
# Scale-out benchmark: Redis, N silos and one gateway on this machine, each silo held to a CPU quota by a cgroup
# (v1 cpu.cfs_quota_us, or v2 cpu.max), the gateway, Redis and wrk outside the silos' groups.
#   1. throughput at saturation with 1, 2 and 3 silos (200 versions, batches of 100);
#   2. a saturated 2-silo cluster joined by a third silo: records/s per 5 s over the run;
#   3. the same with a silo stopped gracefully (SIGTERM) instead;
# and, after each, acknowledged records (the gateway's counter) against applied ones (the versions' summaries).
# Needs root (cgroups), redis-server and wrk. PHASES=curves skips the saturation runs; KEEP=1 keeps the logs.
#   sudo benchmarks/scaleout/run.sh [quota=0.4] [seconds=20] [curve_seconds=90] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
quota=${1:-0.4}
seconds=${2:-20}
curve=${3:-90}
connections=${4:-32}
versions=200
batch=100
work=$(mktemp -d /tmp/monitor-scaleout-XXXX)
pids=()

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)"; exit 1; }

if [ -d /sys/fs/cgroup/cpu ] && [ -w /sys/fs/cgroup/cpu ]; then
  cgroot=/sys/fs/cgroup/cpu/monitor-scaleout-$$; cgv=1
elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  cgroot=/sys/fs/cgroup/monitor-scaleout-$$; cgv=2
  echo +cpu > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
else
  echo "no writable cpu cgroup (run as root)"; exit 1
fi
mkdir -p "$cgroot"

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for g in "$cgroot"/silo*; do [ -d "$g" ] && rmdir "$g" 2>/dev/null || true; done
  rmdir "$cgroot" 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

dotnet build -c Release -nologo -v q src/Silo/Monitor.Silo >/dev/null
dotnet build -c Release -nologo -v q src/Gateway/Monitor.Gateway >/dev/null
silo_dll=src/Silo/Monitor.Silo/bin/Release/net10.0/Monitor.Silo.dll
gateway_dll=src/Gateway/Monitor.Gateway/bin/Release/net10.0/Monitor.Gateway.dll

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 480); do [ "$(curl -s -o /dev/null -w "%{http_code}" "$1")" = 200 ] && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }
active_silos() { curl -s "$gw/v1/cluster" | python3 -c 'import json,sys; print(json.load(sys.stdin)["active_silos"])' 2>/dev/null || echo 0; }
wait_silos() { for _ in $(seq 1 240); do [ "$(active_silos)" = "$1" ] && return 0; sleep 0.5; done; echo "cluster did not reach $1 silos" >&2; return 1; }
accepted() { curl -s "$gw/metrics" | awk '/^monitor_ingest_records_accepted_total /{printf "%d", $2}'; }

# A silo in its own cgroup: the shell joins the group before exec, so every thread of the silo starts in it.
start_silo() {
  local i=$1 group="$cgroot/silo$1"
  mkdir -p "$group"
  local quota_us; quota_us=$(python3 -c "print(int($quota * 100000))")
  if [ "$cgv" = 1 ]; then
    echo 100000 > "$group/cpu.cfs_period_us"
    echo "$quota_us" > "$group/cpu.cfs_quota_us"
  else
    echo "$quota_us 100000" > "$group/cpu.max"
  fi
  sh -c "echo \$\$ > '$group/cgroup.procs'; exec dotnet $silo_dll $common \
    --Monitor:Cluster:SiloPort=$(free_port) --Monitor:Cluster:GatewayPort=$(free_port) --Monitor:Silo:MetricsPort=0 \
    --Monitor:Storage:Directory=$work/silo$i" >"$work/silo$i.log" 2>&1 &
  silo_pids[$i]=$!
  pids+=($!)
}

# A fresh cluster: Redis, N silos and a gateway with their own service id.
start_cluster() {
  local n=$1 redis_port; redis_port=$(free_port)
  redis-server --port "$redis_port" --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!; pids+=($!)
  local id="bench-$RANDOM$RANDOM"
  common="--Monitor:Cluster:Mode=redis --Monitor:Cluster:RedisConnection=127.0.0.1:$redis_port --Monitor:Cluster:ServiceId=$id --Monitor:Cluster:ClusterId=$id --Monitor:DataProtection:KeyRingDirectory=$work/keys"
  silo_pids=()
  for i in $(seq 1 "$n"); do start_silo "$i"; done
  local port; port=$(free_port); gw="http://127.0.0.1:$port"
  dotnet "$gateway_dll" --urls "$gw" $common --Monitor:Gateway:CoHostSilo=false \
    --Monitor:PredictionLog:Directory="$work/predictions-$id" --Monitor:Durability:Directory="$work/ingest-log-$id" >"$work/gateway.log" 2>&1 &
  gateway_pid=$!; pids+=($!)
  wait_ready "$gw/health/ready"
  wait_silos "$n"
}

stop_cluster() {
  for p in "$gateway_pid" "${silo_pids[@]}" "$redis_pid"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  for g in "$cgroot"/silo*; do rmdir "$g" 2>/dev/null || true; done
}

load() { BATCH=$batch VERSIONS=$versions wrk -t1 -c"$connections" -d"$1s" -s benchmarks/ingest/ingest.lua "$gw" 2>&1; }

# Acknowledged (the gateway's counter) against applied (every version's summary).
check_applied() {
  python3 - "$gw" "$versions" <<'PY'
import json, re, sys, time, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
metrics = urllib.request.urlopen(base + "/metrics").read().decode()
acked = int(float(re.search(r"^monitor_ingest_records_accepted_total (\S+)", metrics, re.M).group(1)))
applied = sum(json.load(urllib.request.urlopen(f"{base}/v1/models/bench/versions/v{v}/summary?minutes=60"))["total_requests"] for v in range(n))
print(f"acknowledged {acked:,}, applied {applied:,}: {'equal' if acked == applied else 'MISMATCH'}")
PY
}

# records/s every 5 s for $curve seconds; at $2 seconds runs "$3" (add or stop a silo).
curve() {
  local name=$1 at=$2 action=$3
  load "$((curve + 5))" >"$work/curve-wrk.txt" &
  local wrk_pid=$!; pids+=($!)
  local last; last=$(accepted)
  echo; echo "### $name (silo quota $quota CPU)"; echo
  echo "| t (s) | records/s | active silos | event |"; echo "| --- | --- | --- | --- |"
  for t in $(seq 5 5 "$curve"); do
    sleep 5
    local now; now=$(accepted)
    local event=""
    if [ "$t" = "$at" ]; then eval "$action"; event="$action"; fi
    echo "| $t | $(( (now - last) / 5 )) | $(active_silos) | $event |"
    last=$now
  done
  wait "$wrk_pid" 2>/dev/null || true
  sleep 3
  echo "wrk: $(grep -E 'Requests/sec|Non-2xx|Socket errors' "$work/curve-wrk.txt" | tr '\n' ';')"
  check_applied
  curl -s "$gw/v1/cluster" | python3 -c 'import json,sys; c=json.load(sys.stdin); print("moves:", len(c["moves"]), "; per silo:", [(s["endpoint"], s["versions"], (s.get("load") or {}).get("records_per_second")) for s in c["silos"] if s["status"]=="active"])'
}

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo; echo "### Saturation (silo quota $quota CPU, $versions versions, batches of $batch, $connections connections)"; echo
echo "| silos | records/s | vs 1 silo | acknowledged = applied |"; echo "| --- | --- | --- | --- |"
base=
for n in $([ "${PHASES:-all}" = curves ] || echo 1 2 3); do
  start_cluster "$n"
  load 10 >/dev/null
  out=$(load "$seconds")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  records=$(python3 -c "print(round($rps * $batch))")
  base=${base:-$records}
  sleep 3
  echo "| $n | $records | $(python3 -c "print(f'{$records / $base:.2f}x')") | $(check_applied) |"
  stop_cluster
done

start_cluster 2
load 10 >/dev/null
curve "A third silo joins a saturated 2-silo cluster at 30 s" 30 'start_silo 3'
stop_cluster

start_cluster 3
load 10 >/dev/null
curve "One of 3 silos is stopped with SIGTERM at 30 s" 30 'kill -TERM ${silo_pids[3]}'
stop_cluster
echo; echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
