/**
 * BGR24 frame → small grayscale copy, for the motion gate. The sample positions are computed once per frame size
 * (a plan); each frame is then a pass over the plan that writes into a caller-owned buffer. No allocation per frame.
 */
import type { RawFrame } from './types';

/** At most this many source samples per axis are averaged into one output pixel (4 × 4 = 16 samples). */
export const MAX_SAMPLES_PER_AXIS = 4;

/** Fixed-point BT.601 luma weights over 256, in BGR byte order. */
const WEIGHT_B = 29;
const WEIGHT_G = 150;
const WEIGHT_R = 77;

export interface GrayPlan {
  srcWidth: number;
  srcHeight: number;
  width: number;
  height: number;
  samplesX: number;
  samplesY: number;
  /** Byte offset within a row of each sample, `samplesX` per output column. */
  colOffsets: Int32Array;
  /** Byte offset of the row of each sample, `samplesY` per output row. */
  rowOffsets: Int32Array;
  /** 1 / (samplesX · samplesY · 256): turns a sum of weighted samples into a 0–255 gray level. */
  scale: number;
}

/** Size of the small copy: `analysisWidth` wide (never wider than the source), height by aspect, at least 1. */
export function analysisSize(
  srcWidth: number,
  srcHeight: number,
  analysisWidth: number,
): { width: number; height: number } {
  const width = Math.max(1, Math.min(analysisWidth, srcWidth));
  const height = Math.max(1, Math.min(srcHeight, Math.round((srcHeight * width) / srcWidth)));
  return { width, height };
}

/** Evenly spread sample positions inside each output pixel's span of the source axis. */
function sampleAxis(srcSize: number, outSize: number, maxSamples: number, stride: number) {
  const span = srcSize / outSize;
  const samples = Math.max(1, Math.min(maxSamples, Math.round(span)));
  const offsets = new Int32Array(outSize * samples);
  for (let i = 0; i < outSize; i++) {
    for (let k = 0; k < samples; k++) {
      const pos = Math.min(srcSize - 1, Math.floor((i + (k + 0.5) / samples) * span));
      offsets[i * samples + k] = pos * stride;
    }
  }
  return { samples, offsets };
}

export function planGrayDownscale(
  srcWidth: number,
  srcHeight: number,
  width: number,
  height: number,
  maxSamples = MAX_SAMPLES_PER_AXIS,
): GrayPlan {
  const cols = sampleAxis(srcWidth, width, maxSamples, 3);
  const rows = sampleAxis(srcHeight, height, maxSamples, srcWidth * 3);
  return {
    srcWidth,
    srcHeight,
    width,
    height,
    samplesX: cols.samples,
    samplesY: rows.samples,
    colOffsets: cols.offsets,
    rowOffsets: rows.offsets,
    scale: 1 / (cols.samples * rows.samples * 256),
  };
}

/** Writes the gray levels (0–255) of the small copy into `out` (length ≥ width · height). */
export function downscaleToGray(frame: RawFrame, plan: GrayPlan, out: Float32Array): void {
  const { width, height, samplesX, samplesY, colOffsets, rowOffsets, scale } = plan;
  const data = frame.data;
  for (let y = 0; y < height; y++) {
    const rowBase = y * samplesY;
    for (let x = 0; x < width; x++) {
      const colBase = x * samplesX;
      let sum = 0;
      for (let ky = 0; ky < samplesY; ky++) {
        const row = rowOffsets[rowBase + ky] ?? 0;
        for (let kx = 0; kx < samplesX; kx++) {
          const o = row + (colOffsets[colBase + kx] ?? 0);
          sum += WEIGHT_B * (data[o] ?? 0) + WEIGHT_G * (data[o + 1] ?? 0) + WEIGHT_R * (data[o + 2] ?? 0);
        }
      }
      out[y * width + x] = sum * scale;
    }
  }
}

/** One pass of a box blur along rows (step 1) or columns (step width), edges clamped, from `src` into `dst`. */
function blurPass(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  radius: number,
  alongX: boolean,
) {
  const lines = alongX ? height : width;
  const length = alongX ? width : height;
  const step = alongX ? 1 : width;
  const lineStep = alongX ? width : 1;
  const norm = 1 / (2 * radius + 1);
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      const inside = i >= radius && i + radius < length;
      for (let k = -radius; k <= radius; k++) {
        const j = inside ? i + k : Math.min(length - 1, Math.max(0, i + k));
        sum += src[base + j * step] ?? 0;
      }
      dst[base + i * step] = sum * norm;
    }
  }
}

/** Box blur of `image` in place (separable, edges clamped); `scratch` is a buffer of the same size. */
export function boxBlur(image: Float32Array, scratch: Float32Array, width: number, height: number, radius: number) {
  if (radius <= 0) return;
  blurPass(image, scratch, width, height, radius, true);
  blurPass(scratch, image, width, height, radius, false);
}
