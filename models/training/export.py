"""Exports a trained checkpoint to ONNX in the engine's layout, checks it, and writes its manifest.

    /usr/bin/python3 -m models.training.export --run models/training/runs/NAME [--id MODEL_ID]

The file has the layout of models/fire_smoke_baseline_yolox_nano_416.onnx, the one electron/vision/
preprocess.ts and yolox-decode.ts expect: input `images` float32 [1, 3, S, S], BGR planes, 0-255, no
normalisation; output `output` float32 [1, rows, 5 + classes], rows over strides 8, 16, 32 in that order, each
[dx, dy, dw, dh, objectness, class scores] with objectness and classes through a sigmoid and no grid or stride
applied (the engine adds them). ONNX opset 11, as the baseline. The export is run in onnxruntime-node on a real
image and must match PyTorch. The manifest (manifest.py) gets the sha256; evaluate.py adds the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

from .yolox_nano import STRIDES, ExportWrapper, YoloxNano


def export_onnx(model: YoloxNano, path: str, size: int) -> None:
    model = model.eval()
    wrapper = ExportWrapper(model).eval()
    dummy = torch.zeros(1, 3, size, size)
    with torch.no_grad():
        torch.onnx.export(wrapper, dummy, path, input_names=['images'], output_names=['output'],
                          opset_version=11, do_constant_folding=True)
    check_layout(path, size, model.num_classes)


def check_layout(path: str, size: int, num_classes: int) -> None:
    """The engine's contract: names, shapes and row count."""
    import onnx

    m = onnx.load(path)
    onnx.checker.check_model(m)
    dims = lambda v: [d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
    rows = sum((size // s) ** 2 for s in STRIDES)
    inputs = [(i.name, dims(i)) for i in m.graph.input]
    outputs = [(o.name, dims(o)) for o in m.graph.output]
    if inputs != [('images', [1, 3, size, size])] or outputs != [('output', [1, rows, 5 + num_classes])]:
        raise ValueError(f'{path}: inputs {inputs}, outputs {outputs}; expected images [1,3,{size},{size}] and '
                         f'output [1,{rows},{5 + num_classes}]')


def load_checkpoint_model(run_dir: str, which: str = 'last') -> tuple[YoloxNano, dict]:
    ckpt = torch.load(os.path.join(run_dir, f'{which}.pt'), map_location='cpu')
    model = YoloxNano(len(ckpt['config']['classes']))
    model.load_state_dict(ckpt['ema'] if ckpt.get('ema') is not None else ckpt['model'])
    return model.eval(), ckpt


def main(argv=None) -> int:
    from .data import load_bgr, stretch_tensor
    from .manifest import write_manifest
    from .ort import REPO, run_onnx

    ap = argparse.ArgumentParser(description='export a run to ONNX with its manifest')
    ap.add_argument('--run', required=True, help='run folder (train.py --out)')
    ap.add_argument('--id', default=None, help='model id (default: fire_smoke_yolox_nano_<size>)')
    ap.add_argument('--checkpoint', default='last', help='checkpoint name in the run folder (default: last)')
    ap.add_argument('--image', default=os.path.join(REPO, 'fixtures/frames/fire-8-valid/images'),
                    help='an image, or a folder whose first image is used, for the onnxruntime check')
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    model, ckpt = load_checkpoint_model(args.run, args.checkpoint)
    size = ckpt['config']['size']
    model_id = args.id or f'fire_smoke_yolox_nano_{size}'
    out_dir = os.path.join(args.run, 'model')
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f'{model_id}.onnx')
    export_onnx(model, path, size)

    image = args.image
    if os.path.isdir(image):
        image = os.path.join(image, sorted(os.listdir(image))[0])
    x = stretch_tensor(load_bgr(image), size)[None]
    with torch.no_grad():
        ours = model.forward_export(x).numpy()
    theirs = run_onnx(path, x.numpy())
    diff = float(np.abs(ours - theirs).max())
    print(f'exported {path}: onnxruntime-node vs PyTorch on {os.path.basename(image)}: max |diff| {diff:.2e}')
    if diff > 1e-3:
        print('export check FAILED', file=sys.stderr)
        return 1
    manifest = write_manifest(out_dir, model_id, ckpt, evaluation=None)
    print(f'manifest {manifest}')
    with open(os.path.join(out_dir, 'export.json'), 'w') as f:
        json.dump({'id': model_id, 'checkpoint': args.checkpoint, 'epoch': ckpt['epoch'], 'size': size,
                   'check_image': image, 'max_abs_diff': diff}, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
