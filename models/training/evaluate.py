"""Measures an exported model with `anxun eval-model` (the engine's own decoding, preprocessing and post-processing)
on the held-out data, picks the per-class operating thresholds, and writes the figures into the manifest.

    /usr/bin/python3 -m models.training.evaluate --run models/training/runs/NAME [--id MODEL_ID]
    /usr/bin/python3 -m models.training.evaluate --run models/training/runs/NAME --models-dir models \\
        --id fire_smoke_baseline_yolox_nano_416 --thresholds fire=0.5,smoke=0.5 --no-manifest   # the baseline

Folders made under RUN/eval-data/ (images are links into the data folder, labels rewritten in model classes 0 fire,
1 smoke; clip frames extracted with ffmpeg; nothing is copied into the project):
- heldout-fire-8: the held-out fire-8 videos (AP50 fire, smoke);
- heldout-dfs-5k: the held-out tenth of dfs-5k, with its hard negatives (AP50, share of negatives with a box);
- heldout-indoor-fire: held-out ajgarcia-indoor-fire images and shriya-home-fire videos (AP50 fire only: smoke is
  not labelled there);
- heldout-cctv-negatives: the held-out cameras of cctv-indoor-negatives (share of images with any box);
- controlled-flames: shriya-controlled-flames, never trained on (how often stoves and torches are called fire);
- clip-<name>: frames of each clip in ../shared/clips (at least 1 a second and at least 20 a clip): the share of
  frames with a fire/smoke box, wanted high for the fire clip and low for the others;
- tune: held-out fire-8 + dfs-5k + cctv negatives + negative clip frames, for choosing thresholds.

Thresholds ("auto"): per class, the lowest of 0.30, 0.35 ... 0.70 at which that class alone puts a box on at
most 2 % (the bar for every negative clip) of the CCTV-like negatives in `tune` (cctv cameras and clip frames; dfs-5k's hard negatives are reported,
not used to choose). The thresholds are chosen on held-out data that is also reported: say so next to the figures.
One `eval-model` pass per folder: its report carries each negative image's top score per class and recall/precision
every 0.05, so figures at other thresholds come from eval.json alone (see compare.py).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import torch

from .manifest import write_manifest
from .ort import REPO
from .shares import point_at, share_at
from .sources import EXTRA_PREFIX, SOURCE_BY_NAME, read_boxes, register_extra

GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
MAX_FALSE_ALARM = 0.02


def write_set(folder: str, data_dir: str, entries: list, names: list[str]) -> int:
    """entries: (source name, image path relative to data_dir) or (None, absolute image path, no labels)."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, 'images'))
    os.makedirs(os.path.join(folder, 'labels'))
    for source, path in entries:
        prefix = f'{source}__' if source else f'frame__{os.path.basename(os.path.dirname(path))}__'
        name = prefix + os.path.basename(path)
        src = os.path.abspath(path if source is None else os.path.join(data_dir, path))
        os.symlink(src, os.path.join(folder, 'images', name))
        boxes = read_boxes(data_dir, path, SOURCE_BY_NAME[source]) if source else []
        with open(os.path.join(folder, 'labels', os.path.splitext(name)[0] + '.txt'), 'w') as f:
            f.writelines(f'{c} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}\n' for c, cx, cy, w, h in boxes)
    with open(os.path.join(folder, 'data.yaml'), 'w') as f:
        f.write('names:\n' + ''.join(f'  - {n}\n' for n in names))
    return len(entries)


def clip_frames(clip: str, out_dir: str) -> list[str]:
    """Frames of a clip: at least one a second and at least 20 in all (at most 10 a second)."""
    dur = float(subprocess.run(['ffprobe', '-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', clip],
                               capture_output=True, text=True, check=True).stdout.strip())
    fps = min(10, max(1, math.ceil(20 / max(dur, 0.1))))
    os.makedirs(out_dir, exist_ok=True)
    subprocess.run(['ffmpeg', '-v', 'error', '-y', '-i', clip, '-vf', f'fps={fps}',
                    os.path.join(out_dir, '%04d.png')], check=True)
    return [os.path.join(out_dir, f) for f in sorted(os.listdir(out_dir))]


def thin(items: list, limit: int) -> list:
    if not limit or len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def build_sets(run_dir: str, data_dir: str, clips_dir: str, limit: int) -> dict:
    with open(os.path.join(run_dir, 'splits.json')) as f:
        splits = json.load(f)['sources']
    held = {name: [(name, p) for p in s['heldout']] for name, s in splits.items()}
    root = os.path.join(run_dir, 'eval-data')
    sets = {}

    def add(name, entries, names, description, measured, thinned=False):
        entries = entries if thinned else thin(entries, limit)
        write_set(os.path.join(root, name), data_dir, entries, names)
        sets[name] = {'path': os.path.join(root, name), 'images': len(entries), 'description': description,
                      'measured': measured}

    s8 = splits['fire-8']
    add('heldout-fire-8', held['fire-8'], ['fire', 'smoke'],
        f'fire-8 held-out videos ({", ".join(s8["heldout_groups"])}): CCTV fire and smoke, no frame of these videos '
        'trained on', ['fire', 'smoke'])
    add('heldout-dfs-5k', held['dfs-5k'], ['fire', 'smoke'],
        'dfs-5k held-out tenth (by file name hash), with its hard negatives (lamps, sunsets, headlights)',
        ['fire', 'smoke'])
    add('heldout-indoor-fire', held['ajgarcia-indoor-fire'] + held['shriya-home-fire'], ['fire'],
        'ajgarcia-indoor-fire held-out images and shriya-home-fire held-out videos: indoor and home fires; smoke not '
        'labelled there, so fire only', ['fire'])
    add('heldout-cctv-negatives', held['cctv-indoor-negatives'], ['fire', 'smoke'],
        f'cctv-indoor-negatives held-out cameras ({", ".join(splits["cctv-indoor-negatives"]["heldout_groups"])}): '
        'clinic waiting-room CCTV, colour and infrared, no fire or smoke', [])
    add('controlled-flames', held['shriya-controlled-flames'], ['fire'],
        'shriya-controlled-flames (never trained on): gas-stove rings, blowtorches, lighters labelled fire; recall '
        'here is how often controlled flames are called fire', ['fire'])
    clip_neg = []
    for clip in sorted(os.listdir(clips_dir)) if os.path.isdir(clips_dir) else []:
        if not clip.endswith('.mp4'):
            continue
        frames = clip_frames(os.path.join(clips_dir, clip), os.path.join(root, 'frames', clip[:-4]))
        entries = [(None, p) for p in frames]
        kind = 'fire clip: share of frames with a box wanted high' if clip.startswith('fire') else \
            'negative clip: share of frames with a box wanted low'
        add(f'clip-{clip[:-4]}', entries, ['fire', 'smoke'], f'frames of ../shared/clips/{clip} ({kind})', [])
        if not clip.startswith('fire'):
            clip_neg += thin(entries, limit)
    for fixture, measured, description in (
            ('fire-8-valid', ['fire', 'smoke'], 'fire-8\'s own 47-frame valid split, '
             'frames of videos partly trained on (for comparison with the baseline only)'),
            ('people', [], '50 ordinary frames (street, corridor, people indoors), no fire '
             'or smoke')):
        path = os.path.join(REPO, 'fixtures/frames', fixture)
        if os.path.isdir(path):
            sets[f'fixture-{fixture}'] = {'path': path, 'images': len(os.listdir(os.path.join(path, 'images'))),
                                          'description': description, 'measured': measured}
    for name in sorted(n for n in held if n.startswith(EXTRA_PREFIX)):
        add(f'heldout-{name}', held[name], ['fire', 'smoke'],
            f'{name}: held-out incidents of the centre\'s own cameras (--extra-data), none of their frames trained on',
            ['fire', 'smoke'])
    tune = held['fire-8'] + held['dfs-5k'] + held['cctv-indoor-negatives']
    add('tune', thin(tune, limit) + clip_neg, ['fire', 'smoke'],
        'held-out fire-8 + dfs-5k + cctv negatives + negative clip frames (threshold choice)', ['fire', 'smoke'],
        thinned=True)
    return sets


def eval_model(models_dir: str, model_id: str, folder: str, min_score: float | None = None) -> dict:
    cmd = ['node', os.path.join(REPO, 'bin/anxun.js'), 'eval-model', '--json', '--models-dir', models_dir,
           '--model', model_id, '--data', folder]
    if min_score is not None:
        cmd += ['--min-score', str(min_score)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not proc.stdout.strip().startswith('{'):
        raise RuntimeError(f'{" ".join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}')
    return json.loads(proc.stdout)


def choose_thresholds(models_dir: str, model_id: str, tune: dict, neg_only: str) -> tuple[dict, list]:
    """Per class: lowest grid threshold with at most MAX_FALSE_ALARM of the CCTV-like negatives flagged. One pass
    over each folder: the reports carry every negative image's top score and the precision/recall curve."""
    neg = eval_model(models_dir, model_id, neg_only)
    r = eval_model(models_dir, model_id, tune['path'])
    chosen, table = {}, []
    for label in [c['label'] for c in r['classes']]:
        pick = None
        for t in GRID:
            op = point_at(r, label, t) or {}
            row = {'class': label, 'threshold': t, 'recall': op.get('recall'), 'precision': op.get('precision'),
                   'cctv_negatives_flagged': share_at(neg, {label: t})}
            table.append(row)
            print(f'  {label} >= {t:.2f}: recall {row["recall"]}, precision {row["precision"]}, '
                  f'CCTV-like negatives with a box {row["cctv_negatives_flagged"]}', flush=True)
            if pick is None and row['cctv_negatives_flagged'] is not None and \
                    row['cctv_negatives_flagged'] <= MAX_FALSE_ALARM:
                pick = t
        chosen[label] = pick if pick is not None else GRID[-1]
    return chosen, table


def entry(name: str, s: dict, report: dict, model_id: str, run_dir: str) -> dict:
    measured = s['measured']
    rel = os.path.relpath(s['path'], REPO)
    made = '' if rel.startswith('fixtures') else \
        f' (folder made by python3 -m models.training.evaluate --run {os.path.relpath(run_dir, REPO)})'
    out = {'data': f'{rel}: {s["description"]}',
           'command': f'anxun eval-model --model {model_id} --data {rel}{made}',
           'iou': report['iou'], 'images': report['images']}
    classes = [c for c in report['classes'] if c['label'] in measured and c['groundTruth'] > 0]
    if classes:
        out['ap50'] = {c['label']: round(c['ap50'], 3) if c['ap50'] is not None else None for c in classes}
        aps = [c['ap50'] for c in classes if c['ap50'] is not None]
        out['map50'] = round(sum(aps) / len(aps), 3) if aps else None
        out['operatingPoint'] = {
            c['label']: {'threshold': c['atThreshold']['threshold'],
                         'recall': None if c['atThreshold']['recall'] is None else round(c['atThreshold']['recall'], 3),
                         'precision': None if c['atThreshold']['precision'] is None
                         else round(c['atThreshold']['precision'], 3)}
            for c in classes if c.get('atThreshold')}
    neg = report['negatives']
    out['negativeImages'] = neg['images']
    out['falseAlarmShare'] = None if neg['share'] is None else round(neg['share'], 3)
    out['medianInferMs'] = round(report['timings']['medianInferMs'], 1)
    note = 'Inference time: onnxruntime-node, 1 thread, on the shared 2-core development machine (noisy).'
    if name.startswith('clip-fire'):
        note = 'Here "falseAlarmShare" is the share of fire-clip frames with a fire/smoke box: wanted high. ' + note
    out['notes'] = note
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description='measure an exported model with anxun eval-model')
    ap.add_argument('--run', required=True)
    ap.add_argument('--id', default=None, help='model id (default: the one export.py wrote)')
    ap.add_argument('--models-dir', default=None, help='folder with the model (default RUN/model)')
    ap.add_argument('--data', default=None, help='datasets folder (default: the run\'s)')
    ap.add_argument('--clips', default=os.path.join(os.path.dirname(REPO), 'shared/clips'))
    ap.add_argument('--thresholds', default='auto', help='"auto" or e.g. "fire=0.5,smoke=0.45"')
    ap.add_argument('--limit', type=int, default=0, help='at most this many images per set (smoke tests)')
    ap.add_argument('--no-manifest', action='store_true', help='report only; leave the manifest as it is')
    args = ap.parse_args(argv)

    run = args.run
    models_dir = args.models_dir or os.path.join(run, 'model')
    model_id = args.id
    if model_id is None:
        with open(os.path.join(run, 'model', 'export.json')) as f:
            model_id = json.load(f)['id']
    with open(os.path.join(run, 'config.json')) as f:
        cfg = json.load(f)
    data_dir = args.data or cfg['data']
    register_extra(cfg.get('extra_data', []))  # its held-out incidents are measured too

    sets = build_sets(run, data_dir, args.clips, args.limit)
    if args.thresholds == 'auto':
        neg_entries = os.path.join(run, 'eval-data', 'tune-negatives')
        negs = [(None, os.path.join(sets['tune']['path'], 'images', f))
                for f in sorted(os.listdir(os.path.join(sets['tune']['path'], 'images')))
                if f.startswith(('cctv-indoor-negatives__', 'frame__'))]
        write_set(neg_entries, data_dir, negs, ['fire', 'smoke'])
        print('choosing thresholds on the held-out data:', flush=True)
        thresholds, sweep = choose_thresholds(models_dir, model_id, sets['tune'], neg_entries)
    else:
        thresholds = {k: float(v) for k, v in (p.split('=') for p in args.thresholds.split(','))}
        sweep = []
    print(f'operating thresholds: {thresholds}', flush=True)

    results, evaluation = {}, []
    with tempfile.TemporaryDirectory() as tmp:  # the model with the chosen thresholds
        with open(os.path.join(models_dir, f'{model_id}.manifest.json')) as f:
            manifest = json.load(f)
        os.symlink(os.path.abspath(os.path.join(models_dir, manifest['file'])), os.path.join(tmp, manifest['file']))
        with open(os.path.join(tmp, f'{model_id}.manifest.json'), 'w') as f:
            json.dump({**manifest, 'operatingThresholds': thresholds}, f)
        for name, s in sets.items():
            if name == 'tune':
                continue
            report = eval_model(tmp, model_id, s['path'])
            results[name] = report
            e = entry(name, s, report, model_id, run)
            evaluation.append(e)
            print(f'{name:34} {report["images"]:>5} images  AP50 {e.get("ap50", {})}  negatives '
                  f'{e["negativeImages"]} with a box {e["falseAlarmShare"]}  {e["medianInferMs"]} ms', flush=True)

    out_name = 'eval.json' if not args.no_manifest else f'eval-{model_id}.json'
    with open(os.path.join(run, out_name), 'w') as f:
        json.dump({'model': model_id, 'thresholds': thresholds, 'sweep': sweep, 'evaluation': evaluation,
                   'reports': results}, f, indent=1)
    print(f'written {os.path.join(run, out_name)}')
    if not args.no_manifest:
        ckpt = torch.load(os.path.join(run, 'last.pt'), map_location='cpu')
        notes = ['Operating thresholds chosen on held-out data (lowest of 0.3-0.7 with at most 2 % of held-out '
                 'CCTV negatives and negative clip frames flagged, per class), the same data the figures are '
                 'measured on: the false-alarm figures at the threshold are optimistic.'] if sweep else []
        path = write_manifest(models_dir, model_id, ckpt, evaluation, thresholds, notes)
        print(f'manifest {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
