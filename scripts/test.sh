#!/usr/bin/env bash
# Runs every Monitor test: unit, grain, HTTP, Prometheus/Alertmanager/SMTP, browser and cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
dotnet build Monitor.sln -c Release -nologo -v q
dotnet test Monitor.sln -c Release --no-build -nologo "$@"
