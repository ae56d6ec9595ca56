"""Runs an ONNX model with the project's onnxruntime-node (through ort-run.mjs), for checks from Python."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def run_onnx(model_path: str, x: np.ndarray) -> np.ndarray:
    """First output of the model for input `x` (float32 NCHW), computed by onnxruntime-node on one thread."""
    x = np.ascontiguousarray(x, dtype='<f4')
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, 'in.f32'), os.path.join(tmp, 'out.f32')
        x.tofile(src)
        proc = subprocess.run(
            ['node', os.path.join(HERE, 'ort-run.mjs'), os.path.abspath(model_path), src,
             ','.join(map(str, x.shape)), dst],
            cwd=REPO, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f'onnxruntime-node failed on {model_path}: {proc.stderr.strip()}\n'
                               '(is `npm ci` done? see scripts/install-node.sh)')
        dims = json.loads(proc.stdout.strip().splitlines()[-1])['dims']
        return np.fromfile(dst, dtype='<f4').reshape(dims)
