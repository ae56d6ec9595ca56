import { describe, expect, it } from 'vitest';
import { analysisSize, boxBlur, downscaleToGray, MAX_SAMPLES_PER_AXIS, planGrayDownscale } from './motion-downscale';
import type { RawFrame } from './types';

/** A BGR24 frame painted by `color(x, y)` → [b, g, r]. */
function paint(width: number, height: number, color: (x: number, y: number) => [number, number, number]): RawFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(color(x, y), (y * width + x) * 3);
  }
  return { width, height, data };
}

function gray(frame: RawFrame, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  downscaleToGray(frame, planGrayDownscale(frame.width, frame.height, width, height), out);
  return out;
}

describe('analysis size', () => {
  it('keeps the aspect and never upscales', () => {
    expect(analysisSize(1280, 720, 160)).toEqual({ width: 160, height: 90 });
    expect(analysisSize(480, 270, 160)).toEqual({ width: 160, height: 90 });
    expect(analysisSize(1920, 1080, 200)).toEqual({ width: 200, height: 113 });
    expect(analysisSize(100, 50, 160)).toEqual({ width: 100, height: 50 });
    expect(analysisSize(4000, 10, 160)).toEqual({ width: 160, height: 1 });
  });
});

describe('gray downscale plan', () => {
  it('spreads at most 4 samples per axis inside each output pixel', () => {
    const plan = planGrayDownscale(1280, 720, 160, 90);
    expect(plan.samplesX).toBe(MAX_SAMPLES_PER_AXIS);
    expect(plan.samplesY).toBe(MAX_SAMPLES_PER_AXIS);
    for (let i = 0; i < 160; i++) {
      for (let k = 0; k < plan.samplesX; k++) {
        const x = (plan.colOffsets[i * plan.samplesX + k] ?? -1) / 3;
        expect(x).toBeGreaterThanOrEqual(i * 8);
        expect(x).toBeLessThan((i + 1) * 8);
      }
    }
    expect(plan.rowOffsets[plan.rowOffsets.length - 1]).toBeLessThan(720 * 1280 * 3);
  });

  it('takes one sample when the output is as large as the source', () => {
    const plan = planGrayDownscale(40, 30, 40, 30);
    expect([plan.samplesX, plan.samplesY]).toEqual([1, 1]);
    expect(Array.from(plan.colOffsets.slice(0, 3))).toEqual([0, 3, 6]);
  });
});

describe('BGR to gray downscale', () => {
  it('uses BT.601 luma weights in BGR byte order', () => {
    const red = gray(
      paint(64, 32, () => [0, 0, 255]),
      16,
      8,
    );
    const green = gray(
      paint(64, 32, () => [0, 255, 0]),
      16,
      8,
    );
    const white = gray(
      paint(64, 32, () => [255, 255, 255]),
      16,
      8,
    );
    expect(red[0]).toBeCloseTo(0.299 * 255, 0);
    expect(green[5]).toBeCloseTo(0.587 * 255, 0);
    expect(white.every((v) => v === 255)).toBe(true);
  });

  it('averages the samples of each output pixel and keeps edges in place', () => {
    // left half black, right half white; a 2-pixel-period stripe pattern in the bottom half
    const frame = paint(64, 32, (x, y) => {
      if (y >= 16) return x % 2 === 0 ? [0, 0, 0] : [255, 255, 255];
      return x < 32 ? [0, 0, 0] : [255, 255, 255];
    });
    const out = gray(frame, 16, 8);
    expect(Array.from(out.slice(0, 16))).toEqual([...Array<number>(8).fill(0), ...Array<number>(8).fill(255)]);
    for (let x = 0; x < 16; x++) expect(out[7 * 16 + x]).toBeCloseTo(127.5, 5);
  });
});

describe('box blur', () => {
  it('spreads an impulse evenly over its neighbourhood and keeps a flat image flat', () => {
    const w = 7;
    const h = 5;
    const image = new Float32Array(w * h);
    image[2 * w + 3] = 90;
    boxBlur(image, new Float32Array(w * h), w, h, 1);
    expect(image[2 * w + 3]).toBeCloseTo(10, 5);
    expect(image[1 * w + 2]).toBeCloseTo(10, 5);
    expect(image[0 * w + 3]).toBe(0);
    expect(image.reduce((a, b) => a + b, 0)).toBeCloseTo(90, 3);

    const flat = new Float32Array(w * h).fill(42);
    boxBlur(flat, new Float32Array(w * h), w, h, 2);
    expect(flat.every((v) => Math.abs(v - 42) < 1e-4)).toBe(true);
  });

  it('does nothing with radius 0', () => {
    const image = Float32Array.from([1, 2, 3, 4]);
    boxBlur(image, new Float32Array(4), 2, 2, 0);
    expect(Array.from(image)).toEqual([1, 2, 3, 4]);
  });
});
