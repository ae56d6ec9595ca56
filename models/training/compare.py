"""The new model against the baseline, figure by figure, from the eval.json files evaluate.py wrote.

    /usr/bin/python3 -m models.training.compare --run models/training/runs/NAME \\
        [--baseline RUN/eval-fire_smoke_baseline_yolox_nano_416.json] [--thresholds fire=0.4,smoke=0.5] [--search]

Prints a Markdown table: each figure of the acceptance bar (AP50 per class on the held-out sets, the share of
held-out negatives with a box, the share of frames with a box on each clip, the median inference time), the
baseline's value, the new model's, what is wanted and whether it holds. Nothing is run again: AP50 does not depend
on the threshold, and the reports carry every negative image's top score per class, so the shares at other
thresholds (`--thresholds`) are exact. `--search` lists the threshold pairs (0.05 steps) at which every
threshold-dependent figure holds; the clips are evaluation data, so a pair found this way is a diagnosis, not a
threshold chosen on unseen footage.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from .shares import share_at

HELDOUT_AP = (('heldout-fire-8', ('fire', 'smoke')), ('heldout-dfs-5k', ('fire', 'smoke')),
              ('heldout-indoor-fire', ('fire',)))
HELDOUT_NEG = ('heldout-fire-8', 'heldout-dfs-5k', 'heldout-cctv-negatives')
FIRE_CLIP = 'clip-fire_flame_front_fdv'
CLIP_MAX = 0.02
FIRE_CLIP_MIN = 0.5


def load(path: str) -> dict:
    """An eval.json that evaluate.py wrote, with per-image scores in every report; exits with a message if not."""
    try:
        with open(path) as f:
            data = json.load(f)
    except OSError as e:
        sys.exit(f'{path}: cannot read it ({e.strerror})')
    except json.JSONDecodeError as e:
        sys.exit(f'{path}: not JSON ({e.msg} at line {e.lineno})')
    if not isinstance(data, dict) or not isinstance(data.get('reports'), dict) or 'thresholds' not in data:
        sys.exit(f'{path}: not an eval.json written by evaluate.py (no reports or thresholds)')
    missing = [n for n, r in data['reports'].items() if 'maxScores' not in r.get('negatives', {})]
    if missing:
        sys.exit(f'{path}: {", ".join(missing)} measured before reports carried per-image scores; '
                 'run evaluate.py again')
    return data


def ap(report: dict, label: str) -> float | None:
    c = next((c for c in report['classes'] if c['label'] == label), None)
    return None if c is None else c['ap50']


def boxes(report: dict, label: str) -> int:
    c = next((c for c in report['classes'] if c['label'] == label), None)
    return 0 if c is None else c['groundTruth']


def fmt(v, pct=False) -> str:
    if v is None:
        return 'n/a'
    return f'{v * 100:.1f} %' if pct else f'{v:.3f}'


def rows_for(new: dict, base: dict, t_new: dict, t_base: dict) -> list[tuple]:
    """(figure, baseline, new, wanted, holds) for every point of the bar."""
    rn, rb = new['reports'], base['reports']
    rows = []
    for name, labels in HELDOUT_AP:
        if name not in rn or name not in rb:
            continue
        for label in labels:
            a_b, a_n = ap(rb[name], label), ap(rn[name], label)
            rows.append((f'{name} AP50 {label} ({boxes(rn[name], label)} boxes)', fmt(a_b), fmt(a_n),
                         '> baseline', a_n is not None and a_b is not None and a_n > a_b))
    for name in HELDOUT_NEG:
        if name not in rn or name not in rb:
            continue
        s_b, s_n = share_at(rb[name], t_base), share_at(rn[name], t_new)
        if s_b is None or s_n is None:
            continue
        n = len(rn[name]['negatives']['maxScores'])
        rows.append((f'{name} negatives with a box ({n} images)', fmt(s_b, True), fmt(s_n, True),
                     f'<= {fmt(s_b / 4, True)}', s_n <= s_b / 4))
    for name in sorted(k for k in rn if k.startswith('clip-')):
        s_b = share_at(rb[name], t_base) if name in rb else None
        s_n = share_at(rn[name], t_new)
        n = len(rn[name]['negatives']['maxScores'])
        if name == FIRE_CLIP:
            rows.append((f'{name} frames with a box ({n})', fmt(s_b, True), fmt(s_n, True),
                         f'>= {FIRE_CLIP_MIN * 100:.0f} %', s_n is not None and s_n >= FIRE_CLIP_MIN))
        else:
            rows.append((f'{name} frames with a box ({n})', fmt(s_b, True), fmt(s_n, True),
                         f'< {CLIP_MAX * 100:.0f} %', s_n is not None and s_n < CLIP_MAX))
    inf_b = [r['timings']['medianInferMs'] for r in rb.values()]
    inf_n = [r['timings']['medianInferMs'] for r in rn.values()]
    if inf_b and inf_n:
        mb, mn = sorted(inf_b)[len(inf_b) // 2], sorted(inf_n)[len(inf_n) // 2]
        rows.append(('median inference, ms (median over the sets)', f'{mb:.1f}', f'{mn:.1f}', '<= baseline', mn <= mb))
    return rows


def table(rows: list[tuple], name_new: str, name_base: str) -> str:
    out = [f'| figure | {name_base} | {name_new} | wanted | holds |', '| --- | --- | --- | --- | --- |']
    out += [f'| {f} | {b} | {n} | {w} | {"yes" if ok else "**no**"} |' for f, b, n, w, ok in rows]
    return '\n'.join(out)


def parse_thresholds(text: str) -> dict:
    """"fire=0.4,smoke=0.5" → {'fire': 0.4, 'smoke': 0.5}; anything else is an argparse error."""
    out = {}
    for part in text.split(','):
        name, sep, value = part.partition('=')
        try:
            t = float(value)
        except ValueError:
            t = -1.0
        if not sep or not name.strip() or not 0.0 <= t <= 1.0:
            raise argparse.ArgumentTypeError(f'"{part}": write class=threshold with a threshold from 0 to 1')
        out[name.strip()] = t
    return out


def search(new: dict, base: dict, t_base: dict) -> list[tuple[dict, int]]:
    """Threshold pairs at which every threshold-dependent figure holds, with how many fire-clip frames they find."""
    found = []
    steps = [round(0.05 * i, 2) for i in range(4, 20)]
    for tf in steps:
        for ts in steps:
            t = {'fire': tf, 'smoke': ts}
            rows = [r for r in rows_for(new, base, t, t_base) if 'AP50' not in r[0] and 'inference' not in r[0]]
            if all(r[4] for r in rows):
                found.append((t, share_at(new['reports'][FIRE_CLIP], t)))
    return found


def main(argv=None) -> int:
    ap_ = argparse.ArgumentParser(description='the new model against the baseline, from eval.json files')
    ap_.add_argument('--run', required=True)
    ap_.add_argument('--baseline', default=None, help='default RUN/eval-fire_smoke_baseline_yolox_nano_416.json')
    ap_.add_argument('--thresholds', default=None, type=parse_thresholds, help='new model thresholds (default: those it was measured at)')
    ap_.add_argument('--search', action='store_true', help='list threshold pairs at which every share holds')
    args = ap_.parse_args(argv)
    new = load(os.path.join(args.run, 'eval.json'))
    base = load(args.baseline or os.path.join(args.run, 'eval-fire_smoke_baseline_yolox_nano_416.json'))
    t_new = args.thresholds or new['thresholds']
    t_base = base['thresholds']
    rows = rows_for(new, base, t_new, t_base)
    print(f'new: {new["model"]} at {t_new}; baseline: {base["model"]} at {t_base}\n')
    print(table(rows, new['model'], base['model']))
    print(f'\n{sum(r[4] for r in rows)} of {len(rows)} figures hold')
    if args.search:
        found = search(new, base, t_base)
        print('\nthreshold pairs at which every share holds (diagnosis: the clips are evaluation data):')
        for t, s in sorted(found, key=lambda x: -(x[1] or 0))[:10]:
            print(f'  fire {t["fire"]:.2f}, smoke {t["smoke"]:.2f}: fire clip {fmt(s, True)}')
        if not found:
            print('  none')
    return 0 if all(r[4] for r in rows) else 1


if __name__ == '__main__':
    sys.exit(main())
