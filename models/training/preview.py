"""Draws a grid of training samples as the network sees them (augmented, boxes and smoke-unlabelled areas drawn).

    /usr/bin/python3 -m models.training.preview --data ../shared/datasets --out /tmp/samples.png [--epoch 0]

Fire boxes red, smoke boxes blue, areas where smoke is not labelled (its loss masked) outlined in yellow.
"""
from __future__ import annotations

import argparse

import numpy as np
import torch
from PIL import Image, ImageDraw

from .data import TrainSet
from .splits import make_splits
from .train import training_items


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', default='../shared/datasets')
    ap.add_argument('--out', required=True)
    ap.add_argument('--size', type=int, default=320)
    ap.add_argument('--count', type=int, default=16)
    ap.add_argument('--epoch', type=int, default=0)
    ap.add_argument('--seed', type=int, default=20240601)
    ap.add_argument('--no-augment', action='store_true')
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    items = training_items(make_splits(args.data), args.count, args.seed)
    ds = TrainSet(args.data, items, args.size, args.seed)
    ds.set_epoch(args.epoch, not args.no_augment)
    cols = 4
    S = args.size
    sheet = Image.new('RGB', (cols * S, ((len(ds) + cols - 1) // cols) * S))
    for i in range(len(ds)):
        img, boxes, rects = ds[i]
        rgb = img.round().clamp(0, 255).byte().numpy()[::-1].transpose(1, 2, 0)
        tile = Image.fromarray(np.ascontiguousarray(rgb))
        d = ImageDraw.Draw(tile)
        for r in rects.tolist():
            d.rectangle(r, outline=(255, 220, 0), width=1)
        for c, cx, cy, w, h in boxes.tolist():
            d.rectangle((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), outline=(255, 0, 0) if c == 0 else (0, 80, 255),
                        width=2)
        sheet.paste(tile, ((i % cols) * S, (i // cols) * S))
    sheet.save(args.out)
    print(f'written {args.out}')


if __name__ == '__main__':
    main()
