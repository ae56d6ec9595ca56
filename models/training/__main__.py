"""The whole pipeline in one command: split, train (or resume), export, measure, manifest.

    /usr/bin/python3 -m models.training --data ../shared/datasets --out models/training/runs/NAME [train options]

Every option of train.py is accepted (see `python3 -m models.training.train --help`); also --id (the model id,
default fire_smoke_yolox_nano_<size>) and --eval-limit (at most that many images per evaluation set, for smoke
tests). Run it again after an interruption and it resumes from the last checkpoint; a finished step is not redone
(training that has reached its last epoch only exports and measures again).
"""
from __future__ import annotations

import argparse
import os
import sys

from . import evaluate, export, train


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument('--out', required=True)
    ap.add_argument('--id', default=None)
    ap.add_argument('--eval-limit', type=int, default=0)
    ap.add_argument('--thresholds', default='auto')
    ours, rest = ap.parse_known_args(argv)
    train_args = ['--out', ours.out] + rest
    if os.path.exists(os.path.join(ours.out, 'last.pt')) and '--resume' not in train_args:
        train_args.append('--resume')
    print('== train', ' '.join(train_args), flush=True)
    if train.main(train_args):
        return 1
    export_args = ['--run', ours.out] + (['--id', ours.id] if ours.id else [])
    print('== export', ' '.join(export_args), flush=True)
    if export.main(export_args):
        return 1
    eval_args = ['--run', ours.out, '--thresholds', ours.thresholds] + \
        (['--limit', str(ours.eval_limit)] if ours.eval_limit else [])
    print('== evaluate', ' '.join(eval_args), flush=True)
    return evaluate.main(eval_args)


if __name__ == '__main__':
    sys.exit(main())
