#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then runs them.
set -euo pipefail
cd "$(dirname "$0")"

# kinesalite and dynalite for the AWS adapter tests, from the committed lockfile.
if [ ! -d Tests/LocalServers/node_modules ]; then
  (cd Tests/LocalServers && npm ci --no-audit --no-fund)
fi

dotnet test TurbineConsole.sln -c Release "$@"
