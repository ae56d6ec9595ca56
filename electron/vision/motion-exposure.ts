/**
 * Change mask of the motion gate, with optional exposure compensation: a tone curve "background level → expected
 * level now" estimated from the whole picture, so that auto exposure or a passing cloud does not read as
 * movement. The curve is robust to what moves: in each band of background levels it takes the median of
 * (frame − background), which ignores anything covering less than half of that band's pixels.
 */

/** Background levels are grouped into this many equal bands; the curve interpolates between their medians. */
export const TONE_BANDS = 4;
const BAND_WIDTH = 256 / TONE_BANDS;
/** Differences −255…+255 shifted by 255 into histogram bins. */
const DIFF_BINS = 511;
/** A band needs at least this fraction of the pixels for its median to count. */
const MIN_BAND_SHARE = 0.02;

export interface ToneScratch {
  histogram: Int32Array;
  bandCounts: Int32Array;
  bandOffsets: Float32Array;
  bandValid: Uint8Array;
  /** Expected (frame − background) for each whole background level 0…255. */
  lut: Float32Array;
}

export function createToneScratch(): ToneScratch {
  return {
    histogram: new Int32Array(TONE_BANDS * DIFF_BINS),
    bandCounts: new Int32Array(TONE_BANDS),
    bandOffsets: new Float32Array(TONE_BANDS),
    bandValid: new Uint8Array(TONE_BANDS),
    lut: new Float32Array(256),
  };
}

/** Nearest whole level of a gray value; gray values and their running averages stay within 0…255. */
function levelOf(value: number): number {
  return (value + 0.5) | 0;
}

function fillHistograms(gray: Float32Array, background: Float32Array, count: number, s: ToneScratch) {
  s.histogram.fill(0);
  s.bandCounts.fill(0);
  for (let p = 0; p < count; p++) {
    const bg = background[p] ?? 0;
    const band = Math.min(TONE_BANDS - 1, Math.floor(levelOf(bg) / BAND_WIDTH));
    const bin = Math.min(DIFF_BINS - 1, Math.max(0, Math.round((gray[p] ?? 0) - bg) + 255));
    s.histogram[band * DIFF_BINS + bin] = (s.histogram[band * DIFF_BINS + bin] ?? 0) + 1;
    s.bandCounts[band] = (s.bandCounts[band] ?? 0) + 1;
  }
}

function bandMedians(count: number, s: ToneScratch) {
  const minCount = Math.max(8, Math.ceil(count * MIN_BAND_SHARE));
  for (let b = 0; b < TONE_BANDS; b++) {
    const n = s.bandCounts[b] ?? 0;
    s.bandValid[b] = n >= minCount ? 1 : 0;
    s.bandOffsets[b] = 0;
    if (n < minCount) continue;
    let seen = 0;
    for (let bin = 0; bin < DIFF_BINS; bin++) {
      seen += s.histogram[b * DIFF_BINS + bin] ?? 0;
      if (seen * 2 >= n) {
        s.bandOffsets[b] = bin - 255;
        break;
      }
    }
  }
}

/** Offset of band `b`, or of the nearest band with enough pixels; 0 when none has. */
function bandOffset(b: number, s: ToneScratch): number {
  for (let d = 0; d < TONE_BANDS; d++) {
    if (s.bandValid[b - d]) return s.bandOffsets[b - d] ?? 0;
    if (s.bandValid[b + d]) return s.bandOffsets[b + d] ?? 0;
  }
  return 0;
}

/** Fills `s.lut` with the expected (frame − background) per background level, piecewise linear between bands. */
export function estimateToneCurve(gray: Float32Array, background: Float32Array, count: number, s: ToneScratch) {
  fillHistograms(gray, background, count, s);
  bandMedians(count, s);
  for (let level = 0; level < 256; level++) {
    const pos = Math.min(TONE_BANDS - 1, Math.max(0, (level - BAND_WIDTH / 2) / BAND_WIDTH));
    const lo = Math.floor(pos);
    const hi = Math.min(TONE_BANDS - 1, lo + 1);
    const t = pos - lo;
    s.lut[level] = bandOffset(lo, s) * (1 - t) + bandOffset(hi, s) * t;
  }
}

/** Resets the curve to "no change expected". */
export function flatToneCurve(s: ToneScratch) {
  s.lut.fill(0);
}

/** Bits of the change mask. */
export const CHANGED_FROM_BACKGROUND = 1;
export const CHANGED_SINCE_PREVIOUS = 2;

/**
 * Marks in `mask` the pixels that differ by more than `threshold` gray levels from the background after the tone
 * curve (bit CHANGED_FROM_BACKGROUND) and from the previous frame (bit CHANGED_SINCE_PREVIOUS). Returns how many
 * differ from the background.
 */
export function changeMask(
  images: { gray: Float32Array; background: Float32Array; previous: Float32Array },
  count: number,
  lut: Float32Array,
  threshold: number,
  mask: Uint8Array,
): number {
  const { gray, background, previous } = images;
  let changed = 0;
  for (let p = 0; p < count; p++) {
    const bg = background[p] ?? 0;
    const now = gray[p] ?? 0;
    const fromBackground = Math.abs(now - bg - (lut[levelOf(bg)] ?? 0)) > threshold ? 1 : 0;
    const sincePrevious = Math.abs(now - (previous[p] ?? 0)) > threshold ? CHANGED_SINCE_PREVIOUS : 0;
    mask[p] = fromBackground | sincePrevious;
    changed += fromBackground;
  }
  return changed;
}
