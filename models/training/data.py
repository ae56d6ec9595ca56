"""Images, labels and the augmentations for CCTV, producing exactly what the engine feeds the model.

The engine (electron/vision/preprocess.ts) stretches the frame (or a moving region of it) to the square input with
bilinear sampling in OpenCV's pixel-centre convention, and hands the network BGR planes of 0-255 floats. Every
training image ends with that same resize: torch's bilinear interpolation with align_corners=False and no
antialiasing is that sampler. Geometry is applied as crops and placements before this one resize, so each image is
resampled once.

Augmentations (training epochs except the last few, see train.py):
- mosaic (half of the samples): four images stretched into the four cells around a random centre, which also
  shrinks objects (scale augmentation without grey padding: padding reads as smoke to a stretch-trained model);
- random crop (zoom in, aspect ratio jitter: cameras are 16:9, 4:3, and stretched to a square at inference);
- horizontal flip (no vertical flip: smoke rises);
- colour for CCTV: brightness/contrast, gamma, saturation, white balance, greyscale (infrared night images);
- degradations for CCTV: blur, sensor noise, JPEG compression.

Randomness comes from numpy generators seeded with (seed, epoch, index): a sample is the same whatever the worker
count, and a run resumed mid-epoch sees the very same samples.

Sources that never label smoke mark their part of each sample as "smoke unlabelled" (rectangles returned with the
boxes); the loss ignores smoke there.
"""
from __future__ import annotations

import io
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .sources import SOURCE_BY_NAME, read_boxes


def load_bgr(path: str) -> torch.Tensor:
    """[3, H, W] float32 BGR 0-255."""
    with Image.open(path) as im:
        rgb = np.asarray(im.convert('RGB'))
    return torch.from_numpy(np.ascontiguousarray(rgb[:, :, ::-1].transpose(2, 0, 1))).float()


def resize_bilinear(img: torch.Tensor, w: int, h: int) -> torch.Tensor:
    """The engine's sampler: bilinear, pixel centres, edges clamped, no antialiasing."""
    if img.shape[1] == h and img.shape[2] == w:
        return img
    return F.interpolate(img[None], size=(h, w), mode='bilinear', align_corners=False)[0]


def stretch_tensor(img: torch.Tensor, size: int) -> torch.Tensor:
    """Exactly what the engine does to a frame for a "stretch" model of this input size."""
    return resize_bilinear(img, size, size)


class Sample:
    """An image with boxes in its pixels (n x 5: class, x1, y1, x2, y2) and smoke-unlabelled rectangles."""

    def __init__(self, img: torch.Tensor, boxes: np.ndarray, unlabelled_smoke: list):
        self.img, self.boxes, self.unlabelled_smoke = img, boxes, unlabelled_smoke


def clip_boxes(boxes: np.ndarray, x0: float, y0: float, x1: float, y1: float, min_keep: float = 0.35) -> np.ndarray:
    """Boxes cut to the window, moved to its coordinates; dropped when less than min_keep of their area is left."""
    if len(boxes) == 0:
        return boxes
    b = boxes.copy()
    area = (b[:, 3] - b[:, 1]) * (b[:, 4] - b[:, 2])
    b[:, [1, 3]] = b[:, [1, 3]].clip(x0, x1) - x0
    b[:, [2, 4]] = b[:, [2, 4]].clip(y0, y1) - y0
    kept = (b[:, 3] - b[:, 1]) * (b[:, 4] - b[:, 2])
    return b[(kept >= min_keep * np.maximum(area, 1e-6)) & (b[:, 3] - b[:, 1] > 1) & (b[:, 4] - b[:, 2] > 1)]


def random_crop(s: Sample, rng: np.random.Generator, min_area: float = 0.45) -> Sample:
    _, h, w = s.img.shape
    area = rng.uniform(min_area, 1.0)
    ratio = math.exp(rng.uniform(math.log(0.75), math.log(1.33)))
    cw = int(round(min(w, w * math.sqrt(area * ratio))))
    ch = int(round(min(h, h * math.sqrt(area / ratio))))
    x0 = int(rng.integers(0, w - cw + 1))
    y0 = int(rng.integers(0, h - ch + 1))
    boxes = clip_boxes(s.boxes, x0, y0, x0 + cw, y0 + ch)
    rects = [(0, 0, cw, ch)] if s.unlabelled_smoke else []
    return Sample(s.img[:, y0:y0 + ch, x0:x0 + cw], boxes, rects)


def place(s: Sample, x0: int, y0: int, w: int, h: int, canvas: torch.Tensor, boxes: list, rects: list) -> None:
    """Stretches the sample into the canvas window (x0, y0, w, h), moving its boxes and rectangles along."""
    _, sh, sw = s.img.shape
    canvas[:, y0:y0 + h, x0:x0 + w] = resize_bilinear(s.img, w, h)
    fx, fy = w / sw, h / sh
    if len(s.boxes):
        b = s.boxes.copy()
        b[:, [1, 3]] = b[:, [1, 3]] * fx + x0
        b[:, [2, 4]] = b[:, [2, 4]] * fy + y0
        boxes.append(b)
    for r in s.unlabelled_smoke:
        rects.append((r[0] * fx + x0, r[1] * fy + y0, r[2] * fx + x0, r[3] * fy + y0))


def colour_and_degrade(img: torch.Tensor, rng: np.random.Generator) -> torch.Tensor:
    """CCTV-like photometric changes on a BGR 0-255 image."""
    x = img
    if rng.random() < 0.8:  # contrast and brightness
        x = x * rng.uniform(0.6, 1.4) + rng.uniform(-30, 30)
    if rng.random() < 0.4:  # gamma (exposure curve)
        x = 255.0 * (x.clamp(0, 255) / 255.0) ** rng.uniform(0.7, 1.4)
    grey = (0.114 * x[0] + 0.587 * x[1] + 0.299 * x[2])[None]
    if rng.random() < 0.15:  # infrared / night mode: no colour at all
        x = grey.expand(3, -1, -1).clone()
    else:
        if rng.random() < 0.5:  # saturation
            x = grey + (x - grey) * rng.uniform(0.5, 1.5)
        if rng.random() < 0.4:  # white balance
            x = x * torch.tensor(rng.uniform(0.9, 1.1, 3), dtype=torch.float32)[:, None, None]
    x = x.clamp(0, 255)
    if rng.random() < 0.2:  # out of focus / motion blur (box blur, 3 or 5 px)
        k = int(rng.choice([3, 5]))
        x = F.avg_pool2d(x[None], k, 1, k // 2, count_include_pad=False)[0]
    if rng.random() < 0.25:  # sensor noise
        gen = torch.Generator().manual_seed(int(rng.integers(2**31)))
        x = (x + torch.randn(x.shape, generator=gen) * rng.uniform(2, 10)).clamp(0, 255)
    if rng.random() < 0.2:  # stream compression
        x = jpeg(x, int(rng.integers(20, 70)))
    return x


def jpeg(x: torch.Tensor, quality: int) -> torch.Tensor:
    arr = x.round().clamp(0, 255).byte().numpy()[::-1].transpose(1, 2, 0)  # BGR CHW -> RGB HWC
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(arr)).save(buf, format='JPEG', quality=quality)
    buf.seek(0)
    with Image.open(buf) as im:
        rgb = np.asarray(im.convert('RGB'))
    return torch.from_numpy(np.ascontiguousarray(rgb[:, :, ::-1].transpose(2, 0, 1))).float()


class TrainSet(torch.utils.data.Dataset):
    """Training samples at `size` x `size`: (image [3,S,S] BGR 0-255, boxes [n,5] class cx cy w h in pixels,
    smoke-unlabelled rectangles [k,4] x1 y1 x2 y2 in pixels)."""

    def __init__(self, data_dir: str, items: list[tuple[str, str]], size: int, seed: int,
                 mosaic: float = 0.5, crop: float = 0.5):
        self.data_dir, self.size, self.seed = data_dir, size, seed
        self.items = items
        self.mosaic, self.crop = mosaic, crop
        self.labels = []
        for source_name, rel in items:
            src = SOURCE_BY_NAME[source_name]
            self.labels.append((np.array(read_boxes(data_dir, rel, src), dtype=np.float32).reshape(-1, 5),
                                not src.labels_smoke))
        self.epoch = 0
        self.augment = True

    def __len__(self):
        return len(self.items)

    def set_epoch(self, epoch: int, augment: bool) -> None:
        self.epoch, self.augment = epoch, augment

    def load(self, i: int) -> Sample:
        img = load_bgr(os.path.join(self.data_dir, self.items[i][1]))  # --extra-data items are absolute
        rel, unlabelled = self.labels[i]
        _, h, w = img.shape
        b = np.zeros((len(rel), 5), dtype=np.float32)
        if len(rel):
            b[:, 0] = rel[:, 0]
            b[:, 1] = (rel[:, 1] - rel[:, 3] / 2) * w
            b[:, 2] = (rel[:, 2] - rel[:, 4] / 2) * h
            b[:, 3] = (rel[:, 1] + rel[:, 3] / 2) * w
            b[:, 4] = (rel[:, 2] + rel[:, 4] / 2) * h
            b[:, 1:] = b[:, 1:].clip(0, [w, h, w, h])
        return Sample(img, b, [(0, 0, w, h)] if unlabelled else [])

    def __getitem__(self, index: int):
        rng = np.random.default_rng([self.seed, self.epoch, index])
        S = self.size
        canvas = torch.empty(3, S, S)
        boxes: list = []
        rects: list = []
        if self.augment and rng.random() < self.mosaic:
            xc = int(rng.uniform(0.25, 0.75) * S)
            yc = int(rng.uniform(0.25, 0.75) * S)
            picks = [index] + [int(j) for j in rng.integers(0, len(self), 3)]
            cells = [(0, 0, xc, yc), (xc, 0, S - xc, yc), (0, yc, xc, S - yc), (xc, yc, S - xc, S - yc)]
            for j, (x0, y0, w, h) in zip(picks, cells):
                s = self.load(j)
                if rng.random() < self.crop:
                    s = random_crop(s, rng)
                place(s, x0, y0, w, h, canvas, boxes, rects)
        else:
            s = self.load(index)
            if self.augment and rng.random() < self.crop:
                s = random_crop(s, rng)
            place(s, 0, 0, S, S, canvas, boxes, rects)
        b = np.concatenate(boxes) if boxes else np.zeros((0, 5), np.float32)
        b = b[(b[:, 3] - b[:, 1] >= 2) & (b[:, 4] - b[:, 2] >= 2)]
        img = canvas
        if rng.random() < 0.5:
            img = img.flip(2)
            if len(b):
                b[:, [1, 3]] = S - b[:, [3, 1]]
            rects = [(S - r[2], r[1], S - r[0], r[3]) for r in rects]
        if self.augment:
            img = colour_and_degrade(img, rng)
        cxcywh = np.stack([b[:, 0], (b[:, 1] + b[:, 3]) / 2, (b[:, 2] + b[:, 4]) / 2,
                           b[:, 3] - b[:, 1], b[:, 4] - b[:, 2]], 1) if len(b) else np.zeros((0, 5), np.float32)
        return img, torch.from_numpy(cxcywh.astype(np.float32)), torch.tensor(rects, dtype=torch.float32).reshape(-1, 4)


def collate(batch):
    imgs, boxes, rects = zip(*batch)
    return torch.stack(imgs), list(boxes), list(rects)
