#!/usr/bin/env bash
# Installs the Debian packages that Anxun's tests need: ffmpeg (ingest), Debian's Chromium (end-to-end tests),
# the GStreamer RTSP server with its Python bindings (a real RTSP camera for ingest tests) and a CJK font.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  ffmpeg
  chromium
  fonts-wqy-zenhei
  python3-gi
  gir1.2-gst-rtsp-server-1.0
  gstreamer1.0-rtsp
  gstreamer1.0-tools
  gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad
)

# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install_missing "system packages" "${PACKAGES[@]}"
