#!/usr/bin/env bash
# Installs everything the tests need (system packages, npm dependencies, the build) and runs every check:
# types, lint, formatting, unit and integration tests (vitest), end-to-end tests (Playwright + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system.sh
bash scripts/install-node.sh

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== format"; npm run --silent format:check
echo "== unit and integration tests"; npm run --silent test:unit
echo "== end-to-end tests"; npm run --silent test:e2e
