#!/usr/bin/env bash
# Quick start: installs what Anxun needs and runs it on its embedded default (the demo camera: a real fire clip
# played in real time, looped, through ingest, motion gate and detection), printing the URL to open.
# Extra arguments go to `anxun serve` (e.g. --port 9000, --host 0.0.0.0, --config anxun.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-node.sh
exec node bin/anxun.js serve --demo --data "${ANXUN_DATA_DIR:-$PWD/data}" "$@"
