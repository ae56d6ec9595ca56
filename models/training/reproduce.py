"""The shipped fire/smoke model from the data folder, in one command: both training stages, export, measurement.

    /usr/bin/python3 -m models.training.reproduce --data ../shared/datasets --out models/training/runs/fire_smoke_320

Stage 1 (OUT): YOLOX-nano from the COCO weights, all training sources, mosaic and CCTV augmentation.
Stage 2 (OUT_ft): from stage 1's EMA weights, a lower learning rate, every image without fire or smoke shown
three times an epoch (hard negatives: lamps, sunsets, headlights, waiting rooms), the last epoch without
augmentation. Same seed, same split. Then export.py and evaluate.py on stage 2.

With --extra-data DIR (a folder written by `anxun export-dataset`, repeatable) both stages also train on the
centre's own reviewed frames, a fifth of its incidents held out and measured (see README.md).

Run it again after an interruption: each stage resumes from its checkpoint, and a finished stage is skipped. The wall
times measured on the 2-core development machine are in README.md.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import evaluate, export, train

STAGE1 = ['--epochs', '4', '--no-aug-epochs', '1']
STAGE2 = ['--epochs', '3', '--no-aug-epochs', '1', '--warmup-epochs', '0.2', '--lr', '0.00005', '--neg-repeat', '3']


def run_stage(out: str, args: list[str]) -> None:
    argv = ['--out', out] + args
    if os.path.exists(os.path.join(out, 'last.pt')):
        argv.append('--resume')
    print('== train', ' '.join(argv), flush=True)
    if train.main(argv):
        sys.exit(1)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', default='../shared/datasets')
    ap.add_argument('--out', default='models/training/runs/fire_smoke_320')
    ap.add_argument('--threads', default='2')
    ap.add_argument('--thresholds', default='auto', help='"auto" (evaluate.py chooses) or e.g. fire=0.4,smoke=0.5')
    ap.add_argument('--extra-data', action='append', default=[], metavar='DIR',
                    help='also train on a folder written by `anxun export-dataset` (repeatable); both stages')
    args = ap.parse_args(argv)
    common = ['--data', args.data, '--threads', args.threads]
    for folder in args.extra_data:
        common += ['--extra-data', folder]
    run_stage(args.out, common + STAGE1)
    final = args.out + '_ft'
    run_stage(final, common + STAGE2 + ['--init', args.out])
    print('== export', final, flush=True)
    if export.main(['--run', final]):
        return 1
    print('== evaluate', final, flush=True)
    return evaluate.main(['--run', final, '--thresholds', args.thresholds])


if __name__ == '__main__':
    sys.exit(main())
