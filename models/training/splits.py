"""The deterministic split of the data folder into training and held-out images.

Every source's files are grouped (fire-8 and shriya-* by video, cctv-indoor-negatives by camera, the others by
source image, so Roboflow's augmented copies of one picture stay together). Groups are ordered by the SHA-1 of
"<salt>:<source>:<group>" and taken for the held-out side until the source's held-out share is reached. Nothing
random, nothing depending on the machine: the same data folder gives the same split.

    python3 -m models.training.splits --data ../shared/datasets --out models/training/runs/splits.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections import Counter, defaultdict

from .sources import EXTRA_PREFIX, SOURCES, Source, fire8_group, list_images, read_boxes, register_extra

SALT = 'anxun-fire-smoke-v1'
IMG_RUN_GAP = 10


def group_img_runs(names: list[str]) -> dict[str, str]:
    """fire-8 "img_<n>" frames: runs of numbers with gaps of at most IMG_RUN_GAP are one recording."""
    nums = sorted({int(g.split('@')[1]) for g in map(fire8_group, names) if g.startswith('img@')})
    run_of, start, prev = {}, None, None
    for n in nums:
        if prev is None or n - prev > IMG_RUN_GAP:
            start = n
        run_of[n] = start
        prev = n
    out = {}
    for name in names:
        g = fire8_group(name)
        out[name] = f'img-run-{run_of[int(g.split("@")[1])]}' if g.startswith('img@') else g
    return out


def groups_of(source: Source, rel_images: list[str]) -> dict[str, str]:
    names = [os.path.basename(p) for p in rel_images]
    if source.name == 'fire-8':
        by_name = group_img_runs(names)
        return {p: by_name[n] for p, n in zip(rel_images, names)}
    return {p: source.group(n) for p, n in zip(rel_images, names)}


def hash_key(source: str, group: str) -> str:
    return hashlib.sha1(f'{SALT}:{source}:{group}'.encode()).hexdigest()


def split_source(source: Source, rel_images: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(train images, held-out images, held-out group names)."""
    if source.role == 'unused':
        return [], [], []
    group = groups_of(source, rel_images)
    members: dict[str, list[str]] = defaultdict(list)
    for p in rel_images:
        members[group[p]].append(p)
    target = source.heldout_fraction * len(rel_images)
    held_groups: list[str] = []
    held = 0
    for g in sorted(members, key=lambda g: hash_key(source.name, g)):
        if held >= target or (source.role != 'heldout-only' and held + len(members[g]) > 1.5 * target and held > 0):
            continue
        held_groups.append(g)
        held += len(members[g])
    held_set = set(held_groups)
    train = [p for p in rel_images if group[p] not in held_set]
    heldout = [p for p in rel_images if group[p] in held_set]
    return train, heldout, sorted(held_groups)


def make_splits(data_dir: str, extra: tuple[Source, ...] | list[Source] = ()) -> dict:
    """`extra`: sources from --extra-data (sources.register_extra), split like the others, by incident."""
    out = {'salt': SALT, 'data': os.path.abspath(data_dir), 'sources': {}}
    for s in (*SOURCES, *extra):
        images = list_images(data_dir, s)
        train, heldout, held_groups = split_source(s, images)
        if s.role == 'heldout-only':
            train = []
        stats = {}
        for side, items in (('train', train), ('heldout', heldout)):
            c = Counter()
            for p in items:
                boxes = read_boxes(data_dir, p, s)
                c['images'] += 1
                c['negatives'] += not boxes
                for b in boxes:
                    c['fire' if b[0] == 0 else 'smoke'] += 1
            stats[side] = dict(c)
        out['sources'][s.name] = {
            'role': s.role, 'labels_smoke': s.labels_smoke, 'heldout_groups': held_groups,
            'groups': len(set(groups_of(s, images).values())), 'stats': stats,
            'train': train, 'heldout': heldout,
        }
    return out


def summary_lines(splits: dict) -> list[str]:
    lines = [f'{"source":26} {"groups":>6} {"train img":>9} {"fire":>5} {"smoke":>5} {"neg":>4} '
             f'{"held img":>8} {"fire":>5} {"smoke":>5} {"neg":>4}']
    for name, s in splits['sources'].items():
        t, h = s['stats']['train'], s['stats']['heldout']
        lines.append(f'{name:26} {s["groups"]:>6} {t.get("images", 0):>9} {t.get("fire", 0):>5} {t.get("smoke", 0):>5} '
                     f'{t.get("negatives", 0):>4} {h.get("images", 0):>8} {h.get("fire", 0):>5} '
                     f'{h.get("smoke", 0):>5} {h.get("negatives", 0):>4}')
    for name, s in splits['sources'].items():
        if name in ('fire-8', 'shriya-home-fire', 'shriya-controlled-flames', 'cctv-indoor-negatives'):
            lines.append(f'held out of {name}: {", ".join(s["heldout_groups"])}')
    return lines


def load_or_make(data_dir: str, path: str, extra: tuple[Source, ...] | list[Source] = ()) -> dict:
    """The split file at `path`; written first when it is not there. A file made from other data, or with other
    --extra-data folders, is refused."""
    if os.path.exists(path):
        with open(path) as f:
            splits = json.load(f)
        if splits.get('salt') != SALT:
            raise SystemExit(f'{path}: made with another split salt; remove it to split again')
        had = sorted(n for n in splits['sources'] if n.startswith(EXTRA_PREFIX))
        if had != sorted(s.name for s in extra):
            raise SystemExit(f'{path}: made with extra data {had or "none"}; use the same --extra-data or another --out')
        return splits
    splits = make_splits(data_dir, extra)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(splits, f, indent=1)
    return splits


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', default='../shared/datasets', help='the datasets folder')
    ap.add_argument('--out', default='models/training/runs/splits.json')
    ap.add_argument('--extra-data', action='append', default=[], metavar='DIR',
                    help='also split a folder written by `anxun export-dataset` (repeatable)')
    args = ap.parse_args(argv)
    splits = make_splits(args.data, register_extra(args.extra_data))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(splits, f, indent=1)
    print('\n'.join(summary_lines(splits)))
    print(f'written {args.out}')


if __name__ == '__main__':
    main()
