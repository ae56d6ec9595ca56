"""Writes the model manifest (the engine's format: electron/vision/model-manifest.ts) for an exported model.

Classes, input size and resize mode (stretch, the mode it was trained with), per-class operating thresholds,
sha256 of the ONNX file, the training data with licences and credits, the split and schedule, and the evaluation
figures measured by `anxun eval-model` (evaluate.py) when there are some.
"""
from __future__ import annotations

import hashlib
import json
import os

from .sources import CLASSES, EXTRA_PREFIX, SOURCE_BY_NAME, register_extra
from .yolox_nano import STRIDES

COCO_CREDIT = ('YOLOX-nano by Megvii (github.com/Megvii-BaseDetection/YOLOX), Apache-2.0; ONNX export of the COCO '
               'weights by Kazuhito00 (github.com/Kazuhito00/MOT-Tracking-by-Detection-Pipeline), Apache-2.0')
DEFAULT_THRESHOLDS = {'fire': 0.5, 'smoke': 0.5}


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def training_sources(ckpt: dict) -> list[str]:
    """Sources whose images the model was trained on (recorded by train.py)."""
    return ckpt['config'].get('trained_on') or [s for s in SOURCE_BY_NAME if SOURCE_BY_NAME[s].role == 'train']


def build_manifest(model_id: str, onnx_path: str, ckpt: dict, evaluation: list | None,
                   thresholds: dict | None = None, notes: list | None = None) -> dict:
    cfg = ckpt['config']
    size = cfg['size']
    try:
        register_extra(cfg.get('extra_data', []))
    except (OSError, ValueError):
        pass  # an --extra-data folder moved since training: it is named in the notes only
    used = [SOURCE_BY_NAME[s] for s in training_sources(ckpt) if s in SOURCE_BY_NAME]
    local = [s for s in training_sources(ckpt) if s.startswith(EXTRA_PREFIX)]
    licences = sorted({s.licence for s in used})
    spdx = 'Apache-2.0 AND CC-BY-4.0'
    unlicensed = [s for s in used if s.licence not in ('CC-BY-4.0',) and not s.name.startswith(EXTRA_PREFIX)]
    data_credit = '; '.join(s.credit for s in used)
    sources = ['github.com/Megvii-BaseDetection/YOLOX',
               'github.com/Kazuhito00/MOT-Tracking-by-Detection-Pipeline at commit e50a76b8, '
               'Detector/yolox/model/yolox_nano_416x416.onnx (starting weights)']
    sources += [f'{s.name}: {s.credit}' + (f' ({s.url})' if s.url else '') + ' (training data)' for s in used]
    epochs = cfg['epochs']
    description = (f'YOLOX-nano fine-tuned from the COCO weights to fire and smoke at {size} px for {epochs} epoch{"s" if epochs != 1 else ""} '
                   f'on {", ".join(s.name for s in used)} (models/training/), whole videos and cameras held out for '
                   'measurement.')
    all_notes = [
        f'Preprocessing is "stretch" at {size}x{size}: every training image was stretched to the square with the '
        'engine\'s bilinear sampler; letterbox padding was never seen in training.',
        'Smoke is not labelled in ajgarcia-indoor-fire and shriya-home-fire: the smoke loss was masked on their '
        'images. shriya-controlled-flames (stove rings, torches, lighters) was not trained on; it is measured only.',
        'Reproduce: see models/training/README.md (one command from the data folder).',
    ]
    if local:
        all_notes.append('Fine-tuned also on frames of the centre\'s own cameras (' + ', '.join(local) + '), written '
                         'by `anxun export-dataset`: keep this model and its data inside the centre.')
    if unlicensed:
        all_notes.append('Trained also on ' + ', '.join(s.name for s in unlicensed) + ', whose authors state no '
                         'licence: the images are not distributed with the project, only named here.')
    all_notes += notes or []
    return {
        'schemaVersion': 1,
        'id': model_id,
        'name': f'Fire and smoke (YOLOX-nano, {size} px)',
        'description': description,
        'file': os.path.basename(onnx_path),
        'sha256': sha256_file(onnx_path),
        'input': {'name': 'images', 'width': size, 'height': size, 'layout': 'NCHW', 'channelOrder': 'BGR',
                  'valueRange': '0-255', 'resize': 'stretch', 'padValue': 114, 'sampling': 'bilinear'},
        'output': {'decoder': 'yolox', 'name': 'output', 'strides': list(STRIDES),
                   'rows': sum((size // s) * (size // s) for s in STRIDES)},
        'classes': list(CLASSES),
        'operatingThresholds': thresholds or dict(DEFAULT_THRESHOLDS),
        'nmsIou': 0.45,
        'licence': {
            'spdx': spdx,
            'files': ['LICENSES/Apache-2.0.txt', 'LICENSES/CC-BY-4.0.txt'],
            'attribution': f'Weights: {COCO_CREDIT}; fine-tuned on: {data_credit}.',
            'sources': sources,
        },
        'evaluation': evaluation or [],
        'notes': all_notes + [f'Data licences: {", ".join(licences)}.'],
    }


def write_manifest(out_dir: str, model_id: str, ckpt: dict, evaluation: list | None,
                   thresholds: dict | None = None, notes: list | None = None) -> str:
    onnx_path = os.path.join(out_dir, f'{model_id}.onnx')
    manifest = build_manifest(model_id, onnx_path, ckpt, evaluation, thresholds, notes)
    path = os.path.join(out_dir, f'{model_id}.manifest.json')
    with open(path, 'w') as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write('\n')
    return path
