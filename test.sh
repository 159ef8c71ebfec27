#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then runs them.
set -euo pipefail
cd "$(dirname "$0")"

dotnet test TurbineConsole.sln -c Release "$@"
