"""Parity check: the PyTorch YOLOX-nano with the COCO weights must give the same raw output as the ONNX file.

    /usr/bin/python3 -m models.training.test_parity [--onnx ../shared/models/yolox_nano_coco_416.onnx]

1. Rebuilds the network from yolox_nano.py, loads all weights from the ONNX file (80 classes, nothing fresh),
   runs one real image (stretched to 416 by the engine's sampler) and compares with onnxruntime-node running the
   ONNX file itself. This proves the network is rebuilt right (structure, Focus order, head order, sigmoid).
2. Exports that PyTorch network the way export.py does and runs the export in onnxruntime-node: it must give
   the same output again (the export keeps the engine's input and output layout).
Exits 1 when a difference exceeds the tolerance.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile

import numpy as np
import torch

from .data import load_bgr, stretch_tensor
from .export import export_onnx
from .ort import REPO, run_onnx
from .yolox_nano import YoloxNano, load_onnx_weights

TOLERANCE = 1e-3  # absolute, on every value of [1, 3549, 85] (box offsets are O(1), scores 0-1)


def compare(name: str, a: np.ndarray, b: np.ndarray) -> bool:
    diff = np.abs(a - b)
    worst = np.unravel_index(diff.argmax(), diff.shape)
    ok = a.shape == b.shape and float(diff.max()) <= TOLERANCE
    print(f'{name}: shape {list(a.shape)} vs {list(b.shape)}, max |diff| {diff.max():.2e} at {list(worst)}, '
          f'mean {diff.mean():.2e}, scores max |diff| {diff[..., 4:].max():.2e} -> {"OK" if ok else "FAIL"}')
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description='PyTorch YOLOX-nano vs the COCO ONNX file')
    ap.add_argument('--onnx', default=os.path.join(os.path.dirname(REPO), 'shared/models/yolox_nano_coco_416.onnx'))
    ap.add_argument('--image', default=os.path.join(REPO, 'fixtures/frames/people/images/aisle_01.jpg'))
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    model = YoloxNano(80).eval()
    counts = load_onnx_weights(model, args.onnx)
    print(f'loaded {counts["loaded"]} convolutions from {args.onnx}')
    x = stretch_tensor(load_bgr(args.image), 416)[None]
    with torch.no_grad():
        ours = model.forward_export(x).numpy()
    ref = run_onnx(args.onnx, x.numpy())
    ok = compare('PyTorch vs ONNX file (onnxruntime-node)', ours, ref)
    top = np.argsort(-(ref[0, :, 4] * ref[0, :, 5:].max(1)))[:3]
    print('top rows (row, objectness x class score, class) ONNX:',
          [(int(r), round(float(ref[0, r, 4] * ref[0, r, 5:].max()), 4), int(ref[0, r, 5:].argmax())) for r in top],
          'PyTorch:',
          [(int(r), round(float(ours[0, r, 4] * ours[0, r, 5:].max()), 4), int(ours[0, r, 5:].argmax())) for r in top])

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'roundtrip.onnx')
        export_onnx(model, path, 416)
        again = run_onnx(path, x.numpy())
    ok = compare('PyTorch export vs ONNX file (onnxruntime-node)', again, ref) and ok
    print('parity: OK' if ok else 'parity: FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
