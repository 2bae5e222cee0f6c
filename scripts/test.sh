#!/usr/bin/env bash
# Runs every Monitor test: unit, grain, HTTP, Prometheus/Alertmanager/SMTP, browser and cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
dotnet build Monitor.sln -c Release -nologo -v q
# A test that hangs fails the run after 5 minutes, naming itself, instead of holding CI until its limit.
dotnet test Monitor.sln -c Release --no-build -nologo --blame-hang-timeout 5m --blame-hang-dump-type none "$@"
