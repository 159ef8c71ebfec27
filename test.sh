#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then runs them.
#  - Debian's Chromium for the real-browser tests (Playwright drives /usr/bin/chromium; its own browser
#    download is never used).
#  - ApexCharts comes from npm: the web project's build runs `npm ci` (package-lock.json) when needed.
#  - kinesalite and dynalite (npm, Tests/LocalServers/package-lock.json) for the AWS adapter tests.
#  - Debian's redis-server for the cluster tests (membership and the results channel; each test starts its own).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    $SUDO apt-get install -y chromium
fi
if [ ! -x /usr/bin/redis-server ]; then
    echo "Installing Debian's redis-server for the cluster tests..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    $SUDO apt-get install -y redis-server
fi
if ! command -v npm >/dev/null; then
    echo "npm is needed to build the web app (ApexCharts comes from npm); install Node.js 20 or later." >&2
    exit 1
fi
# kinesalite and dynalite for the AWS adapter tests, from the committed lockfile.
if [ ! -d Tests/LocalServers/node_modules ]; then
  (cd Tests/LocalServers && npm ci --no-audit --no-fund)
fi

dotnet test TurbineConsole.sln -c Release "$@"
