"""Fine-tunes YOLOX-nano from the COCO weights to fire and smoke.

    /usr/bin/python3 -m models.training.train --data ../shared/datasets --out models/training/runs/NAME
    /usr/bin/python3 -m models.training.train --out models/training/runs/NAME --resume

Fixed seeds; the split (splits.py) is written into the run folder first. Progress is printed every --log-every
steps: epoch, step, the loss and its parts, learning rate, seconds per step and the time left in the epoch and in
the run. A checkpoint (last.pt: weights, EMA weights, optimiser, position) is written atomically every
--ckpt-every steps and at each epoch's end; --resume continues from it at the same step with the same samples.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

from .data import TrainSet, collate
from .loss import YoloxLoss
from .sources import CLASSES, SOURCE_BY_NAME, SOURCES, read_boxes, register_extra
from .splits import load_or_make, summary_lines
from .yolox_nano import YoloxNano, build_from_coco

DEFAULT_COCO = '../shared/models/yolox_nano_coco_416.onnx'
# what must not change between a run and its resumption
FIXED = ('size', 'epochs', 'batch', 'lr', 'no_aug_epochs', 'warmup_epochs', 'seed', 'limit', 'mosaic', 'classes',
         'init', 'neg_repeat', 'extra_data')


def parse_args(argv):
    ap = argparse.ArgumentParser(description='fine-tune YOLOX-nano on fire and smoke')
    ap.add_argument('--data', default='../shared/datasets', help='the datasets folder (default ../shared/datasets)')
    ap.add_argument('--out', required=True, help='run folder: split, checkpoints, log, exported model')
    ap.add_argument('--coco', default=DEFAULT_COCO, help='YOLOX-nano COCO ONNX file to start from')
    ap.add_argument('--size', type=int, default=320, help='square input size, a multiple of 32 (default 320)')
    ap.add_argument('--epochs', type=int, default=12)
    ap.add_argument('--no-aug-epochs', type=int, default=2, help='last epochs without mosaic/crop/colour, with L1')
    ap.add_argument('--warmup-epochs', type=float, default=0.5)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--lr', type=float, default=0.01 / 64, help='learning rate per image (YOLOX: 0.01/64)')
    ap.add_argument('--mosaic', type=float, default=0.5, help='share of samples made as mosaics')
    ap.add_argument('--seed', type=int, default=20240601)
    ap.add_argument('--limit', type=int, default=0, help='train on this many images only (smoke tests)')
    ap.add_argument('--threads', type=int, default=2, help='torch threads (default 2)')
    ap.add_argument('--workers', type=int, default=1, help='data loader processes (0: in the main process)')
    ap.add_argument('--log-every', type=int, default=10)
    ap.add_argument('--ckpt-every', type=int, default=200, help='steps between checkpoints')
    ap.add_argument('--max-steps', type=int, default=0, help='stop after this many steps in this call (timing)')
    ap.add_argument('--resume', action='store_true', help='continue from OUT/last.pt')
    ap.add_argument('--init', default='', help='start from the EMA weights of another run (its folder or last.pt) '
                    'instead of the COCO weights: a second stage with its own schedule and the same split')
    ap.add_argument('--neg-repeat', type=int, default=1,
                    help='show each training image without fire or smoke this many times per epoch (hard negatives)')
    ap.add_argument('--extra-data', action='append', default=[], metavar='DIR',
                    help='also train on a folder written by `anxun export-dataset` (repeatable); a fifth of its '
                    'incidents is held out')
    return ap.parse_args(argv)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def training_items(splits: dict, limit: int, seed: int, data_dir: str = '', neg_repeat: int = 1) -> list[tuple[str, str]]:
    items = [(name, p) for name, s in splits['sources'].items() for p in s['train']]
    if limit:
        order = torch.randperm(len(items), generator=torch.Generator().manual_seed(seed)).tolist()
        items = [items[i] for i in sorted(order[:limit])]
    if neg_repeat > 1:
        negatives = [(name, p) for name, p in items if not read_boxes(data_dir, p, SOURCE_BY_NAME[name])]
        items = items + negatives * (neg_repeat - 1)
    return items


def init_weights(path: str) -> tuple[dict, str]:
    """The EMA weights of another run (a run folder or its last.pt), with the sha256 of the file they came from.
    Exits with a message for a missing, unreadable or foreign file."""
    if os.path.isdir(path):
        path = os.path.join(path, 'last.pt')
    if not os.path.exists(path):
        sys.exit(f'--init: no {path}')
    with open(path, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    try:
        ckpt = torch.load(path, map_location='cpu')
    except Exception as e:  # torch raises several kinds for a damaged or foreign file
        sys.exit(f'--init: {path} is not a checkpoint of this pipeline ({type(e).__name__})')
    weights = ckpt.get('ema') or ckpt.get('model') if isinstance(ckpt, dict) else None
    if not isinstance(weights, dict):
        sys.exit(f'--init: {path} holds no model weights (no "ema" or "model" entry)')
    return weights, digest


def load_init(model: torch.nn.Module, weights: dict, path: str) -> None:
    """Loads --init weights into a fresh network; a run of another network or class count exits with a message."""
    own = model.state_dict()
    missing = [k for k in own if k not in weights]
    wrong = [k for k in own if k in weights and tuple(weights[k].shape) != tuple(own[k].shape)]
    if missing or wrong:
        first = (missing + wrong)[0]
        sys.exit(f'--init: {path} does not fit this network ({len(missing)} weights missing, {len(wrong)} of another '
                 f'shape, first: {first}); start from a run of the same classes')
    model.load_state_dict(weights)


class Ema:
    """Exponential moving average of the weights (YOLOX: decay 0.9998, ramped up over the first updates)."""

    def __init__(self, model: torch.nn.Module, decay: float = 0.9998, updates: int = 0):
        self.state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.decay, self.updates = decay, updates

    @torch.no_grad()
    def update(self, model: torch.nn.Module) -> None:
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / 2000))
        for k, v in model.state_dict().items():
            self.state[k].mul_(d).add_(v.detach(), alpha=1 - d)


def lr_at(step: int, cfg: dict, steps_per_epoch: int) -> float:
    """Warm-up, cosine to 5 % of the rate, then flat for the no-augmentation epochs (YOLOX's "warmcos")."""
    base = cfg['lr'] * cfg['batch']
    warm = cfg['warmup_epochs'] * steps_per_epoch
    total = (cfg['epochs'] - cfg['no_aug_epochs']) * steps_per_epoch
    low = 0.05 * base
    if step < warm:
        return base * (step + 1) / warm
    if step >= total:
        return low
    return low + 0.5 * (base - low) * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))


def fmt_time(s: float) -> str:
    s = int(max(0, s))
    return f'{s // 3600}h{s % 3600 // 60:02d}m' if s >= 3600 else f'{s // 60}m{s % 60:02d}s'


def save_atomic(obj, path: str) -> None:
    tmp = path + '.tmp'
    torch.save(obj, tmp)
    os.replace(tmp, path)


def worker_init(_):
    torch.set_num_threads(1)


def main(argv=None) -> int:
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, 'last.pt')
    cfg = {k: getattr(args, k) for k in ('size', 'epochs', 'batch', 'lr', 'no_aug_epochs', 'warmup_epochs', 'seed',
                                         'limit', 'mosaic', 'data', 'coco', 'init', 'neg_repeat')}
    cfg['extra_data'] = [os.path.abspath(d) for d in args.extra_data]
    cfg['classes'] = list(CLASSES)
    if args.size % 32:
        sys.exit('--size must be a multiple of 32')
    if os.path.exists(ckpt_path) and not args.resume:
        sys.exit(f'{ckpt_path} exists: pass --resume to continue that run, or choose another --out')
    torch.set_num_threads(args.threads)

    ckpt = None
    if args.resume:
        if not os.path.exists(ckpt_path):
            sys.exit(f'--resume: no {ckpt_path}')
        ckpt = torch.load(ckpt_path, map_location='cpu')
        saved = ckpt['config']
        defaults = vars(parse_args(['--out', args.out]))
        changed = [k for k in FIXED if k in defaults and cfg[k] != defaults[k] and cfg[k] != saved.get(k)]
        if changed:
            sys.exit(f'--resume: {", ".join(changed)} differ from the run being resumed (see its config.json)')
        cfg = saved  # the run's own settings win
        args.data = cfg['data']
    seed_everything(cfg['seed'])

    try:
        extra = register_extra(cfg.get('extra_data', []))
    except (OSError, ValueError) as e:
        sys.exit(f'--extra-data: {e}')
    splits = load_or_make(cfg['data'], os.path.join(args.out, 'splits.json'), extra)
    items = training_items(splits, cfg['limit'], cfg['seed'], cfg['data'], cfg.get('neg_repeat', 1))
    if not ckpt:
        cfg['trained_on'] = [s.name for s in (*SOURCES, *extra) if any(name == s.name for name, _ in items)]
        print('\n'.join(summary_lines(splits)))
        with open(os.path.join(args.out, 'config.json'), 'w') as f:
            json.dump(cfg, f, indent=1)
    dataset = TrainSet(cfg['data'], items, cfg['size'], cfg['seed'], mosaic=cfg['mosaic'])
    steps_per_epoch = len(dataset) // cfg['batch']
    total_steps = steps_per_epoch * cfg['epochs']

    if ckpt:
        model = YoloxNano(len(CLASSES))
        model.load_state_dict(ckpt['model'])
    elif cfg.get('init'):
        model = YoloxNano(len(CLASSES))
        weights, cfg['init_sha256'] = init_weights(cfg['init'])
        load_init(model, weights, cfg['init'])
        with open(os.path.join(args.out, 'config.json'), 'w') as f:
            json.dump(cfg, f, indent=1)
        print(f'starting from {cfg["init"]} (sha256 {cfg["init_sha256"][:12]}...)')
    else:
        model = build_from_coco(cfg['coco'], len(CLASSES))
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (decay if name.endswith('.weight') else no_decay).append(p)
    opt = torch.optim.SGD([{'params': decay, 'weight_decay': 5e-4}, {'params': no_decay, 'weight_decay': 0.0}],
                          lr=0.0, momentum=0.9, nesterov=True)
    ema = Ema(model)
    epoch, step_in_epoch, wall = 0, 0, 0.0
    if ckpt:
        opt.load_state_dict(ckpt['optimizer'])
        ema.state, ema.updates = ckpt['ema'], ckpt['ema_updates']
        epoch, step_in_epoch, wall = ckpt['epoch'], ckpt['step'], ckpt['wall_s']
        print(f'resuming {ckpt_path}: epoch {epoch + 1}, step {step_in_epoch}, {fmt_time(wall)} trained so far')
    loss_fn = YoloxLoss(len(CLASSES), cfg['size'])
    print(f'training {len(dataset)} images at {cfg["size"]} px, batch {cfg["batch"]}, {cfg["epochs"]} epochs '
          f'x {steps_per_epoch} steps, {args.threads} threads, {args.workers} loader processes', flush=True)

    def checkpoint(ep, st):
        save_atomic({'model': model.state_dict(), 'ema': ema.state, 'ema_updates': ema.updates,
                     'optimizer': opt.state_dict(), 'epoch': ep, 'step': st, 'wall_s': wall, 'config': cfg}, ckpt_path)

    recent: list[float] = []
    steps_this_call = 0
    log = open(os.path.join(args.out, 'log.jsonl'), 'a')
    while epoch < cfg['epochs']:
        augment = epoch < cfg['epochs'] - cfg['no_aug_epochs']
        dataset.set_epoch(epoch, augment)
        order = torch.randperm(len(dataset), generator=torch.Generator().manual_seed(cfg['seed'] * 1000 + epoch))
        order = order[: steps_per_epoch * cfg['batch']][step_in_epoch * cfg['batch']:].tolist()
        loader = torch.utils.data.DataLoader(torch.utils.data.Subset(dataset, order), batch_size=cfg['batch'],
                                             shuffle=False, num_workers=args.workers, collate_fn=collate,
                                             worker_init_fn=worker_init, drop_last=True)
        model.train()
        sums: dict[str, float] = {}
        t_prev = time.time()
        for imgs, boxes, rects in loader:
            gstep = epoch * steps_per_epoch + step_in_epoch
            lr = lr_at(gstep, cfg, steps_per_epoch)
            for g in opt.param_groups:
                g['lr'] = lr
            parts = loss_fn(model(imgs), boxes, rects, use_l1=not augment)
            opt.zero_grad(set_to_none=True)
            parts['total'].backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            ema.update(model)
            step_in_epoch += 1
            steps_this_call += 1
            now = time.time()
            dt = now - t_prev
            t_prev = now
            wall += dt
            recent = (recent + [dt])[-20:]
            for k in ('total', 'iou', 'obj', 'cls', 'l1'):
                sums[k] = sums.get(k, 0.0) + float(parts[k])
            if step_in_epoch % args.log_every == 0 or step_in_epoch == steps_per_epoch:
                per = sum(recent) / len(recent)
                left_epoch = (steps_per_epoch - step_in_epoch) * per
                left_all = (total_steps - gstep - 1) * per
                print(f'epoch {epoch + 1}/{cfg["epochs"]} step {step_in_epoch}/{steps_per_epoch} '
                      f'loss {float(parts["total"]):.3f} (iou {float(parts["iou"]):.3f} obj {float(parts["obj"]):.3f} '
                      f'cls {float(parts["cls"]):.3f} l1 {float(parts["l1"]):.3f}) lr {lr:.2e} {per:.2f} s/step '
                      f'eta epoch {fmt_time(left_epoch)} total {fmt_time(left_all)}', flush=True)
            if step_in_epoch % args.ckpt_every == 0 and step_in_epoch < steps_per_epoch:
                checkpoint(epoch, step_in_epoch)
            if args.max_steps and steps_this_call >= args.max_steps:
                checkpoint(epoch, step_in_epoch)
                print(f'stopped after {steps_this_call} steps (--max-steps); --resume continues', flush=True)
                return 0
        n = max(1, step_in_epoch)
        log.write(json.dumps({'epoch': epoch + 1, 'augment': augment, 'wall_s': round(wall, 1),
                              **{k: round(v / n, 4) for k, v in sums.items()}}) + '\n')
        log.flush()
        epoch, step_in_epoch = epoch + 1, 0
        checkpoint(epoch, 0)
        print(f'epoch {epoch}/{cfg["epochs"]} done, {fmt_time(wall)} trained, checkpoint {ckpt_path}', flush=True)
    print(f'training done in {fmt_time(wall)} ({wall:.0f} s)', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
