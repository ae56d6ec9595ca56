import { describe, expect, it } from 'vitest';
import {
  CHANGED_FROM_BACKGROUND,
  CHANGED_SINCE_PREVIOUS,
  changeMask,
  createToneScratch,
  estimateToneCurve,
  flatToneCurve,
} from './motion-exposure';

const W = 64;
const H = 32;
const N = W * H;

/** A background with a horizontal ramp of levels 20…235 (every tone band is populated). */
function rampBackground(): Float32Array {
  const bg = new Float32Array(N);
  for (let p = 0; p < N; p++) bg[p] = 20 + ((p % W) / (W - 1)) * 215;
  return bg;
}

function countChanged(gray: Float32Array, background: Float32Array, compensate: boolean, threshold = 12) {
  const tone = createToneScratch();
  if (compensate) estimateToneCurve(gray, background, N, tone);
  else flatToneCurve(tone);
  const mask = new Uint8Array(N);
  const changed = changeMask({ gray, background, previous: gray }, N, tone.lut, threshold, mask);
  return { changed, mask, lut: tone.lut };
}

describe('exposure compensation', () => {
  it('absorbs a uniform brightness offset', () => {
    const bg = rampBackground();
    const brighter = bg.map((v) => v + 30);
    expect(countChanged(brighter, bg, false).changed).toBe(N);
    const r = countChanged(brighter, bg, true);
    expect(r.changed).toBe(0);
    expect(r.lut[128]).toBeCloseTo(30, 0);
  });

  it('absorbs a gain change (lights dimmed) through its piecewise tone curve', () => {
    const bg = rampBackground();
    const dimmer = bg.map((v) => v * 0.7);
    expect(countChanged(dimmer, bg, false).changed).toBeGreaterThan(N * 0.8);
    expect(countChanged(dimmer, bg, true).changed).toBe(0);
  });

  it('still sees an object that moved in while the exposure changed', () => {
    const bg = rampBackground();
    const frame = bg.map((v) => v * 1.2 + 5);
    // a dark object over a tenth of the picture
    for (let y = 8; y < 24; y++) for (let x = 20; x < 28; x++) frame[y * W + x] = 10;
    const r = countChanged(frame, bg, true);
    expect(r.changed).toBe(16 * 8);
    expect(r.mask[10 * W + 22]).toBe(CHANGED_FROM_BACKGROUND);
  });

  it('leaves the curve flat when nothing changed', () => {
    const bg = rampBackground();
    const r = countChanged(bg.slice(), bg, true);
    expect(r.changed).toBe(0);
    expect(r.lut.every((v) => v === 0)).toBe(true);
  });
});

describe('change mask', () => {
  it('marks change from the background and since the previous frame as separate bits', () => {
    const background = new Float32Array(4).fill(100);
    const previous = Float32Array.from([100, 150, 150, 100]);
    const gray = Float32Array.from([100, 150, 100, 130]);
    const mask = new Uint8Array(4);
    const changed = changeMask({ gray, background, previous }, 4, new Float32Array(256), 20, mask);
    expect(changed).toBe(2);
    expect(Array.from(mask)).toEqual([
      0,
      CHANGED_FROM_BACKGROUND,
      CHANGED_SINCE_PREVIOUS,
      CHANGED_FROM_BACKGROUND | CHANGED_SINCE_PREVIOUS,
    ]);
  });
});
