/**
 * Frame → model input tensor, the way each model was trained (named in its manifest):
 * - `letterbox`: scale to fit keeping the aspect ratio, image at the top-left, the rest filled with the pad value
 *   (YOLOX's COCO training and the person model);
 * - `stretch`: plain resize of the frame (or region) to the input size (the fire/smoke baseline, whose training
 *   frames were stretched to a square: grey padding looks like smoke to it).
 *
 * Sampling is bilinear with OpenCV's pixel-centre convention (src = (dst + 0.5) * scale - 0.5, clamped at the
 * edges), which is what cv2.resize(INTER_LINEAR) did to the training images; `nearest` is there for speed.
 * The tensor is NCHW float32, values 0-255, written into one preallocated buffer; the sampling tables are rebuilt
 * only when the frame size or the region changes. No allocation per pixel or per frame.
 */
import type { InputSpec } from './model-manifest';
import type { Box, RawFrame } from './types';
import { WasmSampler } from './wasm-sampler';

/** How input-tensor pixels relate to source-frame pixels for one preprocessed frame. */
export interface FrameMapping {
  frameWidth: number;
  frameHeight: number;
  /** The (integer) region of the frame that was sampled. */
  regionX: number;
  regionY: number;
  regionWidth: number;
  regionHeight: number;
  /** The part of the input tensor the region fills (top-left); the rest is padding (letterbox only). */
  contentWidth: number;
  contentHeight: number;
}

export type PreprocessSpec = Pick<InputSpec, 'width' | 'height' | 'resize' | 'padValue' | 'sampling' | 'channelOrder'>;

/** The region clipped to the frame and widened to whole pixels; null when nothing of it is inside. */
export function normalizeRegion(frame: { width: number; height: number }, region?: Box): Box | null {
  if (!region) return { x1: 0, y1: 0, x2: frame.width, y2: frame.height };
  const x1 = Math.max(0, Math.floor(region.x1));
  const y1 = Math.max(0, Math.floor(region.y1));
  const x2 = Math.min(frame.width, Math.ceil(region.x2));
  const y2 = Math.min(frame.height, Math.ceil(region.y2));
  return x2 - x1 >= 1 && y2 - y1 >= 1 ? { x1, y1, x2, y2 } : null;
}

/** Size of the scaled region inside the input: the whole input (stretch) or the fitted part (letterbox). */
export function contentSize(spec: PreprocessSpec, regionWidth: number, regionHeight: number) {
  if (spec.resize === 'stretch') return { width: spec.width, height: spec.height };
  // integer cross-multiplication picks the limiting side without rounding trouble
  if (spec.width * regionHeight <= spec.height * regionWidth) {
    return { width: spec.width, height: Math.max(1, Math.floor((regionHeight * spec.width) / regionWidth)) };
  }
  return { width: Math.max(1, Math.floor((regionWidth * spec.height) / regionHeight)), height: spec.height };
}

/** Maps a box in input-tensor pixels to source-frame pixels, clipped to the frame; null when nothing is left. */
export function mapBoxToFrame(box: Box, m: FrameMapping): Box | null {
  const x1 = m.regionX + (box.x1 * m.regionWidth) / m.contentWidth;
  const x2 = m.regionX + (box.x2 * m.regionWidth) / m.contentWidth;
  const y1 = m.regionY + (box.y1 * m.regionHeight) / m.contentHeight;
  const y2 = m.regionY + (box.y2 * m.regionHeight) / m.contentHeight;
  const clipped = {
    x1: Math.min(Math.max(x1, 0), m.frameWidth),
    y1: Math.min(Math.max(y1, 0), m.frameHeight),
    x2: Math.min(Math.max(x2, 0), m.frameWidth),
    y2: Math.min(Math.max(y2, 0), m.frameHeight),
  };
  return clipped.x2 > clipped.x1 && clipped.y2 > clipped.y1 ? clipped : null;
}

/**
 * Fills `lo`/`hi` (source indices, already multiplied by `unit`) and `w` (weight of `hi`) for each of `count`
 * destination positions sampling `srcCount` source positions starting at `srcStart`.
 */
export function fillAxisTable(
  tables: { lo: Int32Array; hi: Int32Array; w: Float32Array },
  count: number,
  srcStart: number,
  srcCount: number,
  unit: number,
  sampling: PreprocessSpec['sampling'],
): void {
  const scale = srcCount / count;
  for (let d = 0; d < count; d++) {
    let s0: number;
    let s1: number;
    let w = 0;
    if (sampling === 'nearest') {
      s0 = Math.min(Math.floor((d + 0.5) * scale), srcCount - 1);
      s1 = s0;
    } else {
      const f = (d + 0.5) * scale - 0.5;
      s0 = Math.floor(f);
      w = f - s0;
      if (s0 < 0) [s0, w] = [0, 0];
      if (s0 >= srcCount - 1) [s0, w] = [srcCount - 1, 0];
      s1 = Math.min(s0 + 1, srcCount - 1);
    }
    tables.lo[d] = (srcStart + s0) * unit;
    tables.hi[d] = (srcStart + s1) * unit;
    tables.w[d] = w;
  }
}

function axisTables(size: number) {
  return { lo: new Int32Array(size), hi: new Int32Array(size), w: new Float32Array(size) };
}

export class FramePreprocessor {
  /** The JavaScript sampler's output buffer; null when the WebAssembly sampler writes into its own memory. */
  private readonly jsTensor: Float32Array | null;
  private readonly xs: ReturnType<typeof axisTables>;
  private readonly ys: ReturnType<typeof axisTables>;
  /** Tensor plane index for source byte 0, 1, 2 (B, G, R). */
  private readonly planeOf: readonly [number, number, number];
  private mapping: FrameMapping | null = null;

  /** The WebAssembly sampler; null runs the JavaScript loop (the reference the tests compare against). */
  private readonly wasm: WasmSampler | null;

  constructor(
    readonly spec: PreprocessSpec,
    options: { engine?: 'wasm' | 'js' } = {},
  ) {
    this.wasm = options.engine === 'js' ? null : new WasmSampler(spec.width, spec.height);
    this.jsTensor = this.wasm ? null : new Float32Array(3 * spec.width * spec.height);
    this.xs = axisTables(spec.width);
    this.ys = axisTables(spec.height);
    this.planeOf = spec.channelOrder === 'BGR' ? [0, 1, 2] : [2, 1, 0];
  }

  /**
   * NCHW float32, 3 × height × width, as the last run() left it: the input tensor's data, handed to the runtime
   * without a copy. Read it again after each run(): a larger frame may move it.
   */
  get tensor(): Float32Array {
    return this.wasm ? this.wasm.output() : (this.jsTensor as Float32Array);
  }

  /** Writes the frame (or its region) into `tensor`; null when the region lies outside the frame. */
  run(frame: RawFrame, region?: Box): FrameMapping | null {
    checkFrame(frame);
    const r = normalizeRegion(frame, region);
    if (!r) return null;
    const m = this.mappingFor(frame, r);
    this.sample(frame.data, m.contentWidth, m.contentHeight);
    this.pad(m.contentWidth, m.contentHeight);
    return m;
  }

  private mappingFor(frame: RawFrame, r: Box): FrameMapping {
    const prev = this.mapping;
    if (
      prev?.frameWidth === frame.width &&
      prev.frameHeight === frame.height &&
      prev.regionX === r.x1 &&
      prev.regionY === r.y1 &&
      prev.regionWidth === r.x2 - r.x1 &&
      prev.regionHeight === r.y2 - r.y1
    ) {
      return prev;
    }
    const regionWidth = r.x2 - r.x1;
    const regionHeight = r.y2 - r.y1;
    const content = contentSize(this.spec, regionWidth, regionHeight);
    fillAxisTable(this.xs, content.width, r.x1, regionWidth, 3, this.spec.sampling);
    fillAxisTable(this.ys, content.height, r.y1, regionHeight, frame.width * 3, this.spec.sampling);
    const m: FrameMapping = {
      frameWidth: frame.width,
      frameHeight: frame.height,
      regionX: r.x1,
      regionY: r.y1,
      regionWidth,
      regionHeight,
      contentWidth: content.width,
      contentHeight: content.height,
    };
    this.mapping = m;
    return m;
  }

  private sample(src: Uint8Array, cw: number, ch: number): void {
    if (this.wasm) {
      const { xs, ys } = this;
      this.wasm.run(src, { xlo: xs.lo, xw: xs.w, ylo: ys.lo, yhi: ys.hi, yw: ys.w }, cw, ch, this.planeOf);
      return;
    }
    const { tensor, xs, ys } = this;
    const W = this.spec.width;
    const plane = W * this.spec.height;
    const o0 = this.planeOf[0] * plane;
    const o1 = this.planeOf[1] * plane;
    const o2 = this.planeOf[2] * plane;
    // typed-array reads below are in range by construction (tables filled for every content pixel)
    for (let y = 0; y < ch; y++) {
      const r0 = ys.lo[y] as number;
      const r1 = ys.hi[y] as number;
      const wy = ys.w[y] as number;
      let i = y * W;
      for (let x = 0; x < cw; x++, i++) {
        const a = r0 + (xs.lo[x] as number);
        const b = r0 + (xs.hi[x] as number);
        const c = r1 + (xs.lo[x] as number);
        const d = r1 + (xs.hi[x] as number);
        const wx = xs.w[x] as number;
        let sa = src[a] as number;
        let sc = src[c] as number;
        let top = sa + ((src[b] as number) - sa) * wx;
        tensor[o0 + i] = top + (sc + ((src[d] as number) - sc) * wx - top) * wy;
        sa = src[a + 1] as number;
        sc = src[c + 1] as number;
        top = sa + ((src[b + 1] as number) - sa) * wx;
        tensor[o1 + i] = top + (sc + ((src[d + 1] as number) - sc) * wx - top) * wy;
        sa = src[a + 2] as number;
        sc = src[c + 2] as number;
        top = sa + ((src[b + 2] as number) - sa) * wx;
        tensor[o2 + i] = top + (sc + ((src[d + 2] as number) - sc) * wx - top) * wy;
      }
    }
  }

  /** Letterbox padding: the columns right of the content and the rows below it. */
  private pad(cw: number, ch: number): void {
    const W = this.spec.width;
    const H = this.spec.height;
    if (cw === W && ch === H) return;
    const v = this.spec.padValue;
    const tensor = this.tensor;
    for (let p = 0; p < 3; p++) {
      const base = p * W * H;
      for (let y = 0; y < ch; y++) tensor.fill(v, base + y * W + cw, base + y * W + W);
      tensor.fill(v, base + ch * W, base + H * W);
    }
  }
}

export function checkFrame(frame: RawFrame): void {
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`frame size ${width}x${height} is not a positive integer size`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(`frame data has ${data.length} bytes, ${width}x${height} BGR24 needs ${width * height * 3}`);
  }
}
