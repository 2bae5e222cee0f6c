#!/usr/bin/env bash
# Starts Monitor as a single node: the gateway with a co-hosted silo, localhost clustering and
# durable local storage under ./data at the repository root (whatever directory this is run from).
# Environment: MONITOR_URLS (default http://127.0.0.1:8080), MONITOR_DATA (default ./data at the
# repository root). Extra arguments go to the gateway (e.g. --Monitor:Registry:MaxVersions=200) and
# win over both.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null 2>&1 || { echo "Monitor needs the .NET 10 SDK (dotnet) on PATH" >&2; exit 1; }
data="${MONITOR_DATA:-$PWD/data}"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
# dotnet run starts the gateway in its project directory, so relative data paths are made absolute here.
exec dotnet run -c Release --project src/Gateway/Monitor.Gateway -- --urls "${MONITOR_URLS:-http://127.0.0.1:8080}" \
  "--Monitor:Storage:Directory=$data" "--Monitor:PredictionLog:Directory=$data/predictions" "$@"
