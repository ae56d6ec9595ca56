#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked and builds the app (main, preload, renderer, CLI).
# Works offline except for the npm registry:
#  - onnxruntime-node's install step would fetch CUDA libraries; ONNXRUNTIME_NODE_INSTALL=skip keeps the CPU
#    build that ships inside the package;
#  - Electron's binary is not downloaded at install time (Electron fetches it on first `npm start`).
set -euo pipefail
cd "$(dirname "$0")/.."

export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"

stamp=node_modules/.anxun-install-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  echo "npm dependencies: up to date"
else
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi

npm run build --silent
