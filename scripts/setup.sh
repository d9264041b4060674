#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (Node.js 20 is the only prerequisite):
# pnpm at the pinned version, Debian's Chromium for the viewer's browser test, and the
# workspace's dependencies from the lockfile. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
fi

if ! command -v chromium >/dev/null 2>&1 && [ "${SKIP_BROWSER:-}" != "1" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    echo "setup: installing Chromium (Debian package) for the viewer's browser test"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no apt-get here; install Chromium yourself to run the viewer's browser test" >&2
  fi
fi

echo "setup: installing dependencies"
pnpm install --frozen-lockfile
