#!/usr/bin/env bash
# Starts Monitor as a single node: the gateway with a co-hosted silo, localhost clustering and
# durable local storage under ./data. Extra arguments go to the gateway (e.g. --Monitor:Registry:MaxVersions=200).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null 2>&1 || { echo "Monitor needs the .NET 10 SDK (dotnet) on PATH" >&2; exit 1; }
exec dotnet run -c Release --project src/Gateway/Monitor.Gateway -- --urls "${MONITOR_URLS:-http://127.0.0.1:8080}" "$@"
