"""The labelled folders under the data folder (../shared/datasets), what their labels mean and how to use them.

Model classes: 0 fire, 1 smoke. Each source says which of its class ids is which model class, whether it labels
smoke at all (when not, the smoke loss is masked on its images: see loss.py), how its files group into videos or
scenes (whole groups go to the held-out side, never single frames of a video), the share held out, and the
licence and credit that a model trained on it must carry.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable

CLASSES = ('fire', 'smoke')
FIRE, SMOKE = 0, 1


def roboflow_stem(name: str) -> str:
    """File name without Roboflow's export suffix (".rf.<hash>.jpg") and split prefix ("train__"): copies of one
    source image made by Roboflow's augmentation share it."""
    stem = re.sub(r'\.rf\.[0-9a-f]+\.[a-z]+$', '', name)
    return re.sub(r'^(train|valid|test)__', '', stem)


def fire8_group(name: str) -> str:
    """fire-8's video: "fire2_mp4-41_jpg…" is video fire2; "img_<n>_jpg…" frames come from several CCTV
    recordings numbered in runs, so a run of numbers without a gap over 10 counts as one video (see README)."""
    m = re.match(r'^(.+?)_mp4-\d+_jpg', name)
    if m:
        return m.group(1)
    m = re.match(r'^img_(\d+)', name)
    if m:
        return f'img@{int(m.group(1))}'  # resolved to its run by group_img_runs()
    return roboflow_stem(name)


def video_uuid_group(name: str) -> str:
    """shriya-*: "<video uuid>_frame<n>_jpg…": the video."""
    stem = roboflow_stem(name)
    m = re.match(r'^([0-9a-f-]{36})_frame\d+', stem)
    return m.group(1) if m else stem


def cctv_camera_group(name: str) -> str:
    """cctv-indoor-negatives: "1-10-_jpg" is camera 1 frame 10, "frame_500_jpg" a further recording; the few
    single files form one group. A whole camera is held out, so its scene is unseen in training."""
    stem = roboflow_stem(name)
    m = re.match(r'^(\d+)-\d+-_jpg$', stem)
    if m:
        return f'camera-{m.group(1)}'
    if stem.startswith('frame_'):
        return 'camera-frames'
    return 'singles'


@dataclass(frozen=True)
class Source:
    name: str
    image_dirs: tuple[str, ...]  # relative to the data folder; labels/ sits next to each images/
    class_map: dict[int, int]  # source class id -> model class; ids not listed are dropped
    labels_smoke: bool
    group: Callable[[str], str]
    heldout_fraction: float
    licence: str
    credit: str
    url: str  # '' where the data set's README gives none
    role: str = 'train'  # 'train' | 'heldout-only' | 'unused'
    notes: str = ''
    eval_classes: tuple[str, ...] = field(default=CLASSES)


SOURCES: tuple[Source, ...] = (
    Source('fire-8', ('fire-8/train/images', 'fire-8/valid/images'), {0: FIRE, 2: SMOKE}, True, fire8_group, 0.25,
           'CC-BY-4.0', '"fire-wrpgm" by custom-thxhn, Roboflow Universe, version 8, CC BY 4.0',
           'https://universe.roboflow.com/custom-thxhn/fire-wrpgm/dataset/8',
           notes='class 1 "default" dropped; whole videos held out'),
    Source('ajgarcia-indoor-fire', ('ajgarcia-indoor-fire/images',), {0: FIRE}, False, roboflow_stem, 0.12,
           'CC-BY-4.0', '"Fire Dataset for YOLOv8" by aj-garcia-736tc, Roboflow Universe, version 10, CC BY 4.0',
           '', notes='smoke never labelled: smoke loss masked',
           eval_classes=('fire',)),
    Source('shriya-home-fire', ('shriya-home-fire/images',), {0: FIRE}, False, video_uuid_group, 0.3,
           'CC-BY-4.0', '"Fire_Detection_Exercise" by firedetectionworkspace, Roboflow Universe, version 1, CC BY 4.0',
           '', notes='smoke never labelled: smoke loss masked',
           eval_classes=('fire',)),
    Source('shriya-controlled-flames', ('shriya-controlled-flames/images',), {0: FIRE}, False, video_uuid_group, 1.0,
           'CC-BY-4.0', '"Fire_Detection_Exercise" by firedetectionworkspace, Roboflow Universe, version 1, CC BY 4.0',
           '', role='heldout-only',
           notes='gas-stove rings, blowtorches, lighters labelled fire: not trained on, only measured',
           eval_classes=('fire',)),
    Source('cctv-indoor-negatives', ('cctv-indoor-negatives/images',), {}, True, cctv_camera_group, 0.25,
           'CC-BY-4.0', '"cctv" by ai-indonesia (cctv-vh5b6), Roboflow Universe, CC BY 4.0 (person labels dropped)',
           '', notes='negatives; whole cameras held out'),
    Source('dfs-5k', ('dfs-5k/images',), {0: FIRE, 1: SMOKE}, True, roboflow_stem, 0.1,
           'no licence stated by its authors',
           'DFS (a 5,000-image subset): Wu S., Zhang X., Liu R., Li B., "A dataset for fire and smoke object '
           'detection", Multimedia Tools and Applications, 2022; used to train and measure only, images not '
           'distributed', ''),
)

SOURCE_BY_NAME = {s.name: s for s in SOURCES}
IMAGE_EXT = ('.jpg', '.jpeg', '.png', '.bmp', '.webp')


def list_images(data_dir: str, source: Source) -> list[str]:
    """Image paths relative to the data folder, sorted."""
    out = []
    for d in source.image_dirs:
        full = os.path.join(data_dir, d)
        if not os.path.isdir(full):
            raise FileNotFoundError(f'{full}: missing (is --data the datasets folder?)')
        out += [f'{d}/{f}' for f in sorted(os.listdir(full)) if f.lower().endswith(IMAGE_EXT)]
    return out


def label_path(data_dir: str, rel_image: str) -> str:
    d, f = os.path.split(rel_image)
    return os.path.join(data_dir, os.path.dirname(d), 'labels', os.path.splitext(f)[0] + '.txt')


def read_boxes(data_dir: str, rel_image: str, source: Source) -> list[tuple[int, float, float, float, float]]:
    """Boxes in model classes (class, cx, cy, w, h relative); classes the source does not map are dropped."""
    path = label_path(data_dir, rel_image)
    boxes = []
    if not os.path.exists(path):
        return boxes
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 5:
                continue
            cls = int(float(parts[0]))
            cx, cy, w, h = map(float, parts[1:])
            if cls in source.class_map and w > 0 and h > 0:
                boxes.append((source.class_map[cls], cx, cy, w, h))
    return boxes


# --- the centre's own footage: folders written by `anxun export-dataset` (or any Roboflow YOLO folder) ------------

EXTRA_PREFIX = 'local-'
EXTRA_HELDOUT = 0.2


def data_yaml_names(path: str) -> list[str]:
    """The class `names` of a data.yaml: a list, or a mapping of index to name. With python3-yaml when it is
    installed; else the two forms exports use: `names: [...]` (a JSON list) or `names:` followed by `- name` lines."""
    with open(path) as f:
        text = f.read()
    try:
        import yaml
        names = (yaml.safe_load(text) or {}).get('names')
    except ImportError:
        names = _plain_yaml_names(text)
    if isinstance(names, dict):
        names = [names[k] for k in sorted(names)]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f'{path}: no list of class names')
    return names


def _plain_yaml_names(text: str) -> list[str] | None:
    m = re.search(r'^names:\s*(\[.*\])\s*$', text, re.M)
    if m:
        import json
        return json.loads(m.group(1))
    m = re.search(r'^names:\s*\n((?:[ \t]+-[^\n]*\n?)+)', text, re.M)
    return [line.split('-', 1)[1].strip().strip('\'"') for line in m.group(1).splitlines()] if m else None


def incident_group(name: str) -> str:
    """An Anxun export's "<incident>__<alert>.jpg": the incident, so all frames of one incident (several cameras,
    several alerts) land on the same side of the split. Other names: the file's own stem."""
    stem = os.path.splitext(roboflow_stem(name))[0]
    return stem.split('__', 1)[0]


def extra_source(folder: str) -> Source:
    """A labelled folder given with --extra-data: data.yaml (class names), train/images, train/labels. Its classes
    named fire and smoke map to the model's; others (person) are dropped, so their frames count as frames without
    fire or smoke. A fifth of its incidents is held out."""
    folder = os.path.abspath(folder)
    yaml_path = os.path.join(folder, 'data.yaml')
    images = os.path.join(folder, 'train', 'images')
    if not os.path.isfile(yaml_path) or not os.path.isdir(images):
        raise FileNotFoundError(f'{folder}: no data.yaml and train/images (is it an `anxun export-dataset` folder?)')
    names = data_yaml_names(yaml_path)
    class_map = {i: CLASSES.index(n) for i, n in enumerate(names) if n in CLASSES}
    if not class_map:
        raise ValueError(f'{yaml_path}: none of the classes {names} is one the model trains ({", ".join(CLASSES)})')
    tag = re.sub(r'[^A-Za-z0-9_.-]+', '-', os.path.basename(folder)) or 'data'
    return Source(EXTRA_PREFIX + tag, (images,), class_map, 'smoke' in names, incident_group, EXTRA_HELDOUT,
                  "the centre's own footage: not to be distributed",
                  f"frames from the centre's own cameras, labelled by its operators' reviews ({folder})", '',
                  notes='whole incidents held out; dismissed alerts are negatives')


def register_extra(folders) -> list[Source]:
    """Makes --extra-data folders known to the pipeline (SOURCE_BY_NAME), in the order given."""
    out = []
    for folder in folders or ():
        s = extra_source(folder)
        known = SOURCE_BY_NAME.get(s.name)
        if known is not None and known.image_dirs != s.image_dirs:
            raise ValueError(f'two extra folders are both named {s.name[len(EXTRA_PREFIX):]}: rename one')
        SOURCE_BY_NAME[s.name] = s
        out.append(s)
    return out
