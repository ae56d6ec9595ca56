#!/usr/bin/env bash
# Installs the Debian packages that the fine-tuning pipeline in models/training/ needs: PyTorch (CPU), ONNX
# (reading the starting weights, writing and checking the exported model), Pillow (images) and NumPy, and
# OpenBLAS (OpenMP build) as the system BLAS: Debian's PyTorch calls whatever libblas.so.3 is installed, and the
# reference BLAS it gets otherwise makes its 1x1 convolutions about ten times slower. The OpenMP build follows
# torch.set_num_threads().
# Debian 12 has no onnxruntime package for Python: the exported model is checked with the project's own
# onnxruntime-node (`npm ci` first, see scripts/install-node.sh).
# Idempotent: installs only what is missing. Needs root (or sudo). Run the pipeline with Debian's own
# /usr/bin/python3: another python3 earlier on PATH does not see these packages.
set -euo pipefail

PACKAGES=(
  python3
  python3-numpy
  python3-torch
  python3-onnx
  python3-pil
  libopenblas0-openmp
)

# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install_missing "training packages" "${PACKAGES[@]}"
