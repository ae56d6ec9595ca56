/**
 * The motion gate, one per camera: decides for each sampled frame whether the detector runs, and on which
 * regions. It compares a small blurred grayscale copy of the frame with a slowly adapting background, groups
 * the changed pixels into padded, merged regions, and runs nothing when nothing moves — except a full-frame scan
 * every `fullScanIntervalS`, because smoke and small fires move too slowly to be seen by differencing. A change
 * over most of the picture is taken for a lighting change (lights switched, infrared mode): the background is
 * re-seeded, no region is returned for a cool-down, and one full scan runs for it. A change that stays large
 * after the cool-down (a spreading fire, a flickering lamp) counts again, so it is scanned at least once per
 * cool-down and never silences the detector.
 *
 * Pure computation: no I/O, no clock (frame times come in), no Node modules; it runs in a worker or the main
 * loop alike. All per-pixel buffers are allocated once per frame size.
 */
import { MotionGateConfigSchema, type MotionGateConfig, type MotionGateConfigInput } from './motion-config';
import { analysisSize, boxBlur, downscaleToGray, planGrayDownscale, type GrayPlan } from './motion-downscale';
import { changeMask, createToneScratch, estimateToneCurve, flatToneCurve, type ToneScratch } from './motion-exposure';
import { blobToBox, countCells, createCellGrid, findBlobs, mergeBoxes, type CellGrid } from './motion-regions';
import type { Box, RawFrame } from './types';

export type MotionReason = 'motion' | 'periodic-scan' | 'first-frame' | 'idle' | 'light-change';

export interface MotionDecision {
  /** Whether the detector should run on this frame. */
  run: boolean;
  reason: MotionReason;
  /** Where to run it, in source-frame pixels: the moving regions, or the whole frame for a scan; [] when idle. */
  regions: Box[];
  /** Fraction of the small copy's pixels that differ from the background (after exposure compensation). */
  changedFraction: number;
}

export interface MotionCounters {
  frames: number;
  runs: number;
  skipped: number;
  periodicScans: number;
  lightChanges: number;
}

/** Where the gate stands with respect to lighting changes, for one frame. */
type LightState = 'steady' | 'started' | 'settling';

interface GateBuffers {
  plan: GrayPlan;
  pixels: number;
  gray: Float32Array;
  scratch: Float32Array;
  background: Float32Array;
  previous: Float32Array;
  mask: Uint8Array;
  tone: ToneScratch;
  grid: CellGrid;
}

function checkFrame(frame: RawFrame, nowMs: number): void {
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`motion gate: invalid frame size ${width}x${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(
      `motion gate: a ${width}x${height} BGR24 frame has ${width * height * 3} bytes, not ${data.length}`,
    );
  }
  if (!Number.isFinite(nowMs)) throw new RangeError(`motion gate: invalid frame time ${nowMs}`);
}

function fullFrame(frame: RawFrame): Box[] {
  return [{ x1: 0, y1: 0, x2: frame.width, y2: frame.height }];
}

export class MotionGate {
  readonly config: MotionGateConfig;
  private buffers: GateBuffers | null = null;
  private lastFrameAt = 0;
  private lastFullScanAt = 0;
  /** End of the lighting-change cool-down; frames before it only re-seed the background. */
  private settleUntil = -Infinity;
  private readonly counts: MotionCounters = { frames: 0, runs: 0, skipped: 0, periodicScans: 0, lightChanges: 0 };

  constructor(config: MotionGateConfigInput = {}) {
    this.config = MotionGateConfigSchema.parse(config);
  }

  /** Running totals since the gate was created. */
  get counters(): MotionCounters {
    return { ...this.counts };
  }

  /** Forgets the background: the next frame is handled as a first frame (e.g. after a stream reconnect). */
  reset(): void {
    this.buffers = null;
    this.settleUntil = -Infinity;
  }

  /** Decides for one frame, taken at `nowMs` (any monotonic millisecond clock of the caller). */
  step(frame: RawFrame, nowMs: number): MotionDecision {
    checkFrame(frame, nowMs);
    const b = this.buffers;
    if (!b || b.plan.srcWidth !== frame.width || b.plan.srcHeight !== frame.height || nowMs < this.lastFrameAt) {
      return this.record(this.start(frame, nowMs));
    }
    this.smallGray(frame, b);
    const changedFraction = this.measureChange(b) / b.pixels;
    const light = this.lightState(changedFraction, nowMs);
    let regions: Box[] = [];
    if (light === 'steady') {
      regions = this.movingRegions(frame, b);
      this.adaptBackground(b, nowMs - this.lastFrameAt);
    } else {
      b.background.set(b.gray);
    }
    b.previous.set(b.gray);
    this.lastFrameAt = nowMs;
    return this.record(this.decide(frame, nowMs, light, regions, changedFraction));
  }

  private start(frame: RawFrame, nowMs: number): MotionDecision {
    const { width, height } = analysisSize(frame.width, frame.height, this.config.analysisWidth);
    const pixels = width * height;
    const b: GateBuffers = {
      plan: planGrayDownscale(frame.width, frame.height, width, height),
      pixels,
      gray: new Float32Array(pixels),
      scratch: new Float32Array(pixels),
      background: new Float32Array(pixels),
      previous: new Float32Array(pixels),
      mask: new Uint8Array(pixels),
      tone: createToneScratch(),
      grid: createCellGrid(width, height, this.config.cellSize),
    };
    this.buffers = b;
    this.smallGray(frame, b);
    b.background.set(b.gray);
    b.previous.set(b.gray);
    this.lastFrameAt = nowMs;
    this.lastFullScanAt = nowMs;
    this.settleUntil = -Infinity;
    return { run: true, reason: 'first-frame', regions: fullFrame(frame), changedFraction: 0 };
  }

  private smallGray(frame: RawFrame, b: GateBuffers): void {
    downscaleToGray(frame, b.plan, b.gray);
    boxBlur(b.gray, b.scratch, b.plan.width, b.plan.height, this.config.blurRadius);
  }

  /** Fills the change mask; returns how many pixels changed. */
  private measureChange(b: GateBuffers): number {
    if (this.config.compensateExposure) estimateToneCurve(b.gray, b.background, b.pixels, b.tone);
    else flatToneCurve(b.tone);
    return changeMask(b, b.pixels, b.tone.lut, this.config.pixelThreshold, b.mask);
  }

  private lightState(changedFraction: number, nowMs: number): LightState {
    if (nowMs < this.settleUntil) return 'settling';
    if (changedFraction < this.config.lightChangeFraction) return 'steady';
    this.settleUntil = nowMs + this.config.lightChangeCooldownS * 1000;
    this.counts.lightChanges++;
    return 'started';
  }

  private movingRegions(frame: RawFrame, b: GateBuffers): Box[] {
    const c = this.config;
    countCells(b.mask, b.grid);
    const minPixels = Math.max(1, c.minRegionArea * b.pixels);
    const blobs = findBlobs(b.grid, minPixels, c.dropStillRegions ? minPixels / 2 : 0);
    if (blobs.length === 0) return [];
    const side = Math.max(frame.width, frame.height);
    const boxes = blobs.map((blob) => blobToBox(blob, b.grid, frame.width, frame.height, c.regionPadding * side));
    return mergeBoxes(boxes, c.mergeDistance * side, c.maxRegions);
  }

  /** Running average towards the current picture, with a weight that depends on the time since the last frame. */
  private adaptBackground(b: GateBuffers, dtMs: number): void {
    const alpha = 1 - Math.exp(-dtMs / (this.config.backgroundTimeConstantS * 1000));
    const { gray, background, pixels } = b;
    for (let p = 0; p < pixels; p++) {
      const bg = background[p] ?? 0;
      background[p] = bg + alpha * ((gray[p] ?? 0) - bg);
    }
  }

  private decide(
    frame: RawFrame,
    nowMs: number,
    light: LightState,
    regions: Box[],
    changedFraction: number,
  ): MotionDecision {
    if (nowMs - this.lastFullScanAt >= this.config.fullScanIntervalS * 1000) {
      this.lastFullScanAt = nowMs;
      this.counts.periodicScans++;
      return { run: true, reason: 'periodic-scan', regions: fullFrame(frame), changedFraction };
    }
    if (light === 'started' && this.config.scanOnLightChange) {
      this.lastFullScanAt = nowMs;
      return { run: true, reason: 'light-change', regions: fullFrame(frame), changedFraction };
    }
    if (light !== 'steady') return { run: false, reason: 'light-change', regions: [], changedFraction };
    if (regions.length > 0) return { run: true, reason: 'motion', regions, changedFraction };
    return { run: false, reason: 'idle', regions: [], changedFraction };
  }

  private record(decision: MotionDecision): MotionDecision {
    this.counts.frames++;
    if (decision.run) this.counts.runs++;
    else this.counts.skipped++;
    return decision;
  }
}
