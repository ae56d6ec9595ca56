/**
 * One onnxruntime session for one model, used on the thread that created it (the detector service wraps it in
 * worker threads). A frame goes through the model's own preprocessing, the session, the decoder, per-class
 * minimum scores, per-class NMS, and back to source-frame pixels.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { ModelLoadError, type LoadedModelManifest, type ModelUnavailableReason } from './model-manifest';
import { checkBytes } from './model-registry';
import { nmsPerClass } from './nms';
import { ort } from './onnx-runtime';
import { FramePreprocessor, mapBoxToFrame, type FrameMapping } from './preprocess';
import type { Box, Detection, RawFrame } from './types';
import { buildYoloxGrid, decodeYolox, type Candidate, type YoloxGrid } from './yolox-decode';

export interface DetectorOptions {
  /** Intra-op threads of the session (default 1). */
  threads: number;
  /** Minimum score per class label; overrides the manifest's operating thresholds (and reports that class). */
  minScores?: Partial<Record<string, number>>;
}

export interface DetectTimings {
  preMs: number;
  inferMs: number;
  postMs: number;
}

export interface DetectResult {
  detections: Detection[];
  timings: DetectTimings;
}

/** Per-class minimum scores as the decoder wants them; Infinity for classes not reported. */
export function resolveMinScores(model: LoadedModelManifest, overrides: DetectorOptions['minScores']): Float32Array {
  for (const label of Object.keys(overrides ?? {})) {
    if (!model.classes.includes(label)) {
      throw new RangeError(`model ${model.id} has no class "${label}" (classes: ${model.classes.join(', ')})`);
    }
  }
  return Float32Array.from(model.classes, (label) => {
    const s = overrides?.[label] ?? model.operatingThresholds[label];
    if (s !== undefined && !(s >= 0 && s <= 1)) throw new RangeError(`minimum score for "${label}" must be 0-1`);
    return s ?? Infinity;
  });
}

async function createSession(model: LoadedModelManifest, threads: number): Promise<ort.InferenceSession> {
  let bytes: Buffer;
  try {
    bytes = await readFile(model.filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ModelLoadError({
      code: 'MODEL_MISSING',
      message: `model ${model.id}: cannot read ${model.filePath} (${code})`,
    });
  }
  // hash the very bytes the session is made from
  const mismatch = checkBytes(model, model.filePath, bytes);
  if (mismatch) throw new ModelLoadError(mismatch);
  try {
    return await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (error) {
    const message = `model ${model.id}: onnxruntime cannot load ${model.filePath}: ${(error as Error).message}`;
    throw new ModelLoadError({ code: 'MODEL_CORRUPT', message });
  }
}

function dimsMatch(actual: readonly (number | string)[], expected: readonly number[]): boolean {
  return actual.length === expected.length && actual.every((d, i) => typeof d !== 'number' || d === expected[i]);
}

/** Checks the session's tensors against the manifest: a model and a manifest that disagree is a manifest error. */
function checkSessionShapes(session: ort.InferenceSession, model: LoadedModelManifest): ModelUnavailableReason | null {
  const input = session.inputMetadata.find((m) => m.name === model.input.name);
  const output = session.outputMetadata.find((m) => m.name === model.output.name);
  const wantIn = [1, 3, model.input.height, model.input.width];
  const wantOut = [1, model.output.rows, 5 + model.classes.length];
  const problem = !input?.isTensor
    ? `the model has no input tensor "${model.input.name}" (it has ${session.inputNames.join(', ')})`
    : !output?.isTensor
      ? `the model has no output tensor "${model.output.name}" (it has ${session.outputNames.join(', ')})`
      : !dimsMatch(input.shape, wantIn)
        ? `input shape [${input.shape.join(',')}] is not [${wantIn.join(',')}]`
        : !dimsMatch(output.shape, wantOut)
          ? `output shape [${output.shape.join(',')}] is not [${wantOut.join(',')}]`
          : null;
  return problem ? { code: 'MANIFEST_INVALID', message: `model ${model.id}: ${problem}` } : null;
}

export class OnnxDetector {
  readonly modelId: string;
  private readonly pre: FramePreprocessor;
  private readonly grid: YoloxGrid;
  private readonly minScores: Float32Array;
  /** detect() calls run one after another: they share the input buffer. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly model: LoadedModelManifest,
    private readonly session: ort.InferenceSession,
    options: DetectorOptions,
  ) {
    this.modelId = model.id;
    this.pre = new FramePreprocessor(model.input);
    this.grid = buildYoloxGrid({
      inputWidth: model.input.width,
      inputHeight: model.input.height,
      strides: model.output.strides,
      numClasses: model.classes.length,
    });
    this.minScores = resolveMinScores(model, options.minScores);
  }

  /**
   * Opens a session for a verified model. Rejects with a ModelLoadError (typed reason) when the file is missing,
   * its bytes do not match the manifest's sha256, onnxruntime cannot read it, or its tensors disagree with the
   * manifest; with a RangeError for invalid options.
   */
  static async load(model: LoadedModelManifest, options: DetectorOptions): Promise<OnnxDetector> {
    const threads = options.threads;
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be a positive integer');
    resolveMinScores(model, options.minScores); // option errors before the expensive part
    const session = await createSession(model, threads);
    const problem = checkSessionShapes(session, model);
    if (problem) {
      await session.release();
      throw new ModelLoadError(problem);
    }
    return new OnnxDetector(model, session, options);
  }

  /** Detects on the whole frame, or only on `region` (a box in frame pixels, e.g. a moving area). */
  detect(frame: RawFrame, region?: Box): Promise<DetectResult> {
    const run = this.queue.then(() => this.runOnce(frame, region));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOnce(frame: RawFrame, region?: Box): Promise<DetectResult> {
    if (this.disposed) throw new Error(`detector ${this.modelId} is disposed`);
    const t0 = performance.now();
    const mapping = this.pre.run(frame, region);
    const t1 = performance.now();
    if (!mapping) return { detections: [], timings: { preMs: t1 - t0, inferMs: 0, postMs: 0 } };
    const { name, width, height } = this.model.input;
    const input = new ort.Tensor('float32', this.pre.tensor, [1, 3, height, width]);
    const outputs = await this.session.run({ [name]: input });
    const t2 = performance.now();
    const out = outputs[this.model.output.name];
    if (!(out?.data instanceof Float32Array)) throw new Error(`model ${this.modelId}: output is not float32`);
    const detections = this.postprocess(out.data, mapping);
    out.dispose();
    const t3 = performance.now();
    return { detections, timings: { preMs: t1 - t0, inferMs: t2 - t1, postMs: t3 - t2 } };
  }

  private postprocess(output: Float32Array, mapping: FrameMapping): Detection[] {
    const candidates = decodeYolox(output, this.grid, this.model.classes.length, this.minScores);
    const detections: Detection[] = [];
    for (const c of nmsPerClass<Candidate>(candidates, this.model.nmsIou)) {
      const box = mapBoxToFrame(c, mapping);
      if (!box) continue;
      const label = this.model.classes[c.classId] ?? String(c.classId);
      detections.push({ modelId: this.modelId, classId: c.classId, label, score: c.score, box });
    }
    return detections;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    await this.session.release();
  }
}

export type DetectorLoadResult = { ok: true; detector: OnnxDetector } | { ok: false; reason: ModelUnavailableReason };

/** OnnxDetector.load as data: model problems come back as the typed reason, never as a rejection. */
export async function tryLoadDetector(
  model: LoadedModelManifest,
  options: DetectorOptions,
): Promise<DetectorLoadResult> {
  try {
    return { ok: true, detector: await OnnxDetector.load(model, options) };
  } catch (error) {
    if (error instanceof ModelLoadError) return { ok: false, reason: error.reason };
    throw error;
  }
}
