import { describe, expect, it } from 'vitest';
import { contentSize, FramePreprocessor, mapBoxToFrame, normalizeRegion, type PreprocessSpec } from './preprocess';
import type { Box, RawFrame } from './types';

const spec = (over: Partial<PreprocessSpec> = {}): PreprocessSpec => ({
  width: 416,
  height: 416,
  resize: 'letterbox',
  padValue: 114,
  sampling: 'bilinear',
  channelOrder: 'BGR',
  ...over,
});

function frameOf(width: number, height: number, fill = 0): RawFrame {
  return { width, height, data: new Uint8Array(width * height * 3).fill(fill) };
}

/** A black frame with a white rectangle [x1, x2) × [y1, y2). */
function frameWithRect(width: number, height: number, r: Box): RawFrame {
  const f = frameOf(width, height);
  for (let y = r.y1; y < r.y2; y++) f.data.fill(255, (y * width + r.x1) * 3, (y * width + r.x2) * 3);
  return f;
}

/** The box (input pixels) of tensor pixels brighter than mid-grey in the first plane. */
function brightBox(p: FramePreprocessor): Box {
  const { width, height } = p.spec;
  const b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((p.tensor[y * width + x] ?? 0) <= 127.5) continue;
      b.x1 = Math.min(b.x1, x);
      b.y1 = Math.min(b.y1, y);
      b.x2 = Math.max(b.x2, x + 1);
      b.y2 = Math.max(b.y2, y + 1);
    }
  }
  return b;
}

describe('content size', () => {
  it('fits a 1279x719 frame into 416 keeping the aspect ratio (letterbox) or fills it (stretch)', () => {
    expect(contentSize(spec(), 1279, 719)).toEqual({ width: 416, height: 233 }); // 719 × 416 / 1279 = 233.86
    expect(contentSize(spec(), 719, 1279)).toEqual({ width: 233, height: 416 });
    expect(contentSize(spec(), 640, 360)).toEqual({ width: 416, height: 234 });
    expect(contentSize(spec({ resize: 'stretch' }), 1279, 719)).toEqual({ width: 416, height: 416 });
  });
});

describe('mapping boxes back to the frame', () => {
  const p = new FramePreprocessor(spec());
  const stretch = new FramePreprocessor(spec({ resize: 'stretch' }));
  const frame = frameOf(1279, 719);

  it('letterbox, whole 1279x719 frame: each axis by its own content size', () => {
    const m = p.run(frame);
    expect(m).toMatchObject({ contentWidth: 416, contentHeight: 233, regionX: 0, regionY: 0 });
    if (!m) return;
    expect(mapBoxToFrame({ x1: 0, y1: 0, x2: 416, y2: 233 }, m)).toEqual({ x1: 0, y1: 0, x2: 1279, y2: 719 });
    expect(mapBoxToFrame({ x1: 104, y1: 50, x2: 312, y2: 150 }, m)).toEqual({
      x1: 319.75, // 104 × 1279 / 416
      y1: (50 * 719) / 233,
      x2: 959.25,
      y2: (150 * 719) / 233,
    });
  });

  it('letterbox with a region: offset by the region, scaled by the region size, region widened to whole pixels', () => {
    const m = p.run(frame, { x1: 100.4, y1: 50, x2: 740, y2: 409.6 }); // → 100,50 – 740,410: 640x360
    expect(m).toMatchObject({ regionX: 100, regionY: 50, regionWidth: 640, regionHeight: 360, contentHeight: 234 });
    if (!m) return;
    // 100 + 104 × 640/416, 50 + 58.5 × 360/234 …
    expect(mapBoxToFrame({ x1: 104, y1: 58.5, x2: 312, y2: 175.5 }, m)).toEqual({ x1: 260, y1: 140, x2: 580, y2: 320 });
  });

  it('stretch with a region', () => {
    const m = stretch.run(frame, { x1: 100, y1: 50, x2: 740, y2: 410 });
    if (!m) throw new Error('no mapping');
    expect(mapBoxToFrame({ x1: 104, y1: 104, x2: 312, y2: 312 }, m)).toEqual({ x1: 260, y1: 140, x2: 580, y2: 320 });
    expect(mapBoxToFrame({ x1: 0, y1: 0, x2: 416, y2: 416 }, m)).toEqual({ x1: 100, y1: 50, x2: 740, y2: 410 });
  });

  it('clips to the frame, and drops a box that lies wholly in the padding', () => {
    const m = p.run(frame);
    if (!m) throw new Error('no mapping');
    expect(mapBoxToFrame({ x1: 400, y1: 200, x2: 430, y2: 260 }, m)).toEqual({
      x1: (400 * 1279) / 416,
      y1: (200 * 719) / 233,
      x2: 1279,
      y2: 719,
    });
    expect(mapBoxToFrame({ x1: 0, y1: 240, x2: 10, y2: 250 }, m)).toBeNull();
  });

  it('maps what the model sees back onto what is in the frame (letterbox, stretch, region)', () => {
    const rect = { x1: 300, y1: 200, x2: 500, y2: 400 };
    const f = frameWithRect(1279, 719, rect);
    for (const [pre, region] of [
      [p, undefined],
      [stretch, undefined],
      [p, { x1: 251, y1: 150, x2: 650, y2: 451 }],
      [stretch, { x1: 251, y1: 150, x2: 650, y2: 451 }],
    ] as const) {
      const m = pre.run(f, region);
      if (!m) throw new Error('no mapping');
      const back = mapBoxToFrame(brightBox(pre), m);
      // within one input pixel, in source pixels
      const tx = m.regionWidth / m.contentWidth;
      const ty = m.regionHeight / m.contentHeight;
      expect(Math.abs((back?.x1 ?? 0) - rect.x1)).toBeLessThanOrEqual(tx);
      expect(Math.abs((back?.x2 ?? 0) - rect.x2)).toBeLessThanOrEqual(tx);
      expect(Math.abs((back?.y1 ?? 0) - rect.y1)).toBeLessThanOrEqual(ty);
      expect(Math.abs((back?.y2 ?? 0) - rect.y2)).toBeLessThanOrEqual(ty);
    }
  });
});

describe('sampling', () => {
  // 2x1 frame: black, then B=100 G=200 R=40
  const tiny: RawFrame = { width: 2, height: 1, data: Uint8Array.of(0, 0, 0, 100, 200, 40) };

  it('is bilinear with pixel centres, clamped at the edges (cv2.resize INTER_LINEAR)', () => {
    const p = new FramePreprocessor(spec({ width: 4, height: 2, resize: 'stretch' }));
    p.run(tiny);
    // x: src = (d + 0.5) / 2 − 0.5 = −0.25 (→ 0), 0.25, 0.75, 1.25 (→ 1)
    expect(Array.from(p.tensor)).toEqual([
      ...[0, 25, 75, 100, 0, 25, 75, 100], // B plane, two identical rows
      ...[0, 50, 150, 200, 0, 50, 150, 200], // G
      ...[0, 10, 30, 40, 0, 10, 30, 40], // R
    ]);
  });

  it('can be nearest', () => {
    const p = new FramePreprocessor(spec({ width: 4, height: 2, resize: 'stretch', sampling: 'nearest' }));
    p.run(tiny);
    expect(Array.from(p.tensor.subarray(0, 4))).toEqual([0, 0, 100, 100]);
  });

  it('writes RGB planes when the model wants RGB', () => {
    const p = new FramePreprocessor(spec({ width: 4, height: 2, resize: 'stretch', channelOrder: 'RGB' }));
    p.run(tiny);
    expect(Array.from(p.tensor.subarray(0, 4))).toEqual([0, 10, 30, 40]);
  });

  it('pads the letterbox with the pad value in every plane, image at the top-left', () => {
    const p = new FramePreprocessor(spec({ width: 4, height: 4 }));
    p.run(tiny); // content 4x2, rows 2 and 3 are padding
    for (let plane = 0; plane < 3; plane++) {
      const rows = Array.from(p.tensor.subarray(plane * 16, plane * 16 + 16));
      expect(rows.slice(8)).toEqual(new Array<number>(8).fill(114));
      expect(rows[3]).toBe([100, 200, 40][plane]);
    }
  });
});

describe('buffers', () => {
  it('writes into one tensor once it has seen the largest frame, and repeats itself exactly', () => {
    const p = new FramePreprocessor(spec());
    const a = frameWithRect(1279, 719, { x1: 10, y1: 10, x2: 600, y2: 300 });
    p.run(a);
    // the sampler's memory grows only for a frame larger than any before: not again for these
    const tensor = p.tensor;
    const first = Float32Array.from(p.tensor);
    p.run(frameWithRect(640, 480, { x1: 0, y1: 0, x2: 100, y2: 100 }));
    p.run(a, { x1: 5, y1: 5, x2: 100, y2: 100 });
    p.run(a);
    expect(p.tensor).toBe(tensor);
    expect(p.tensor.every((v, i) => v === first[i])).toBe(true);
  });

  it('refuses a frame whose bytes do not match its size, and ignores a region outside the frame', () => {
    const p = new FramePreprocessor(spec());
    expect(() => p.run({ width: 10, height: 10, data: new Uint8Array(299) })).toThrow(RangeError);
    expect(p.run(frameOf(10, 10), { x1: 20, y1: 0, x2: 30, y2: 10 })).toBeNull();
    expect(normalizeRegion({ width: 10, height: 10 }, { x1: -5, y1: 2.5, x2: 4.2, y2: 50 })).toEqual({
      x1: 0,
      y1: 2,
      x2: 5,
      y2: 10,
    });
  });
});
