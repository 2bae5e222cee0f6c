#!/usr/bin/env bash
# Installs the Debian packages Monitor's tests use, where they are missing: Redis (cluster mode),
# promtool (exposition-format lint, the alert rules and their unit tests, Grafana's queries),
# Alertmanager and amtool (notification tests, the stack's alertmanager.yml), python3 (the stack's
# webhook receiver) and an SMTP server, Chromium (dashboard tests) and wrk (load benchmark).
set -euo pipefail

declare -A wanted=(
  [redis-server]=redis-server
  [promtool]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager
  [amtool]=prometheus-alertmanager
  [chromium]=chromium
  [wrk]=wrk
)
missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
[ -x /usr/bin/python3 ] || missing+=(python3)
python3 -c 'import aiosmtpd' >/dev/null 2>&1 || /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "Monitor needs the .NET 10 SDK (dotnet) on PATH" >&2; exit 1; }
