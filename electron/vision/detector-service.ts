/**
 * The detector service: one worker thread (one onnxruntime session) per model, fed by a queue that keeps only
 * the newest pending frame per camera. A frame replaced before it ran resolves as `superseded`. Results are in
 * source-frame pixels and carry the model id. The service takes ownership of each frame's bytes and hands
 * them back in the outcome, so callers can reuse buffers.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import { FromWorkerSchema, type FromWorker, type Timings, type ToWorker } from './detector-protocol';
import type { OnnxDetector } from './detector';
import { LatencyWindow } from './latency-window';
import type { Box, Detection, RawFrame } from './types';

type LoadedModel = Parameters<typeof OnnxDetector.load>[0];

export interface DetectRequest {
  cameraId: string;
  frame: RawFrame;
  /** Run on this part of the frame only (a moving region); boxes still come back in full-frame pixels. */
  region?: Box;
  /** Capture time of the frame, ms since the epoch. */
  capturedAt: number;
}

export type DetectOutcome =
  | {
      status: 'done';
      modelId: string;
      cameraId: string;
      capturedAt: number;
      detections: Detection[];
      timings: Timings & { queueMs: number; totalMs: number };
      frameData: Uint8Array;
    }
  | { status: 'superseded'; frameData: Uint8Array }
  | { status: 'unavailable'; reason: string; frameData: Uint8Array }
  | { status: 'failed'; message: string; frameData: Uint8Array };

export interface ModelLaneStats {
  modelId: string;
  state: 'starting' | 'ready' | 'unavailable' | 'stopped';
  reason: string | null;
  /** Stable code for the reason: MODEL_CORRUPT, CHECKSUM_MISMATCH, LOAD_TIMEOUT, WORKER_CRASHED... */
  reasonCode: string | null;
  queued: number;
  /** Frames handed to the worker and not answered yet (at most MAX_IN_FLIGHT). */
  inFlight: number;
  processed: number;
  superseded: number;
  failed: number;
  restarts: number;
  inferMs: { p50: number | null; p95: number | null };
}

export interface DetectorServiceOptions {
  models: readonly LoadedModel[];
  /** Intra-op threads per session (default 1: decoding shares the cores). */
  threads: number;
  /** The built worker script (out/main/detector-worker.js). */
  workerPath: string;
  logger: Logger;
  /** How long a worker may take to load its model. */
  loadTimeoutMs?: number;
}

interface Pending {
  request: DetectRequest;
  submittedAt: number;
  resolve: (outcome: DetectOutcome) => void;
}

const now = (): number => performance.now();

/**
 * Frames a worker holds at once: the one being detected and the next, already in the worker's queue so that
 * it starts the moment the first is done. A frame sent to the worker is committed: only frames still waiting
 * here can be superseded by a newer one.
 */
export const MAX_IN_FLIGHT = 2;

/** How long a stopping worker may take to finish its detections before it is terminated. */
const STOP_TIMEOUT_MS = 5000;

class ModelLane {
  state: ModelLaneStats['state'] = 'starting';
  reason: string | null = null;
  reasonCode: string | null = null;
  private worker: Worker | null = null;
  private readonly queue = new Map<string, Pending>();
  private readonly inFlight = new Map<number, { pending: Pending; sentAt: number }>();
  private nextId = 1;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly counts = { processed: 0, superseded: 0, failed: 0 };
  private readonly infer = new LatencyWindow(200);

  constructor(
    readonly model: LoadedModel,
    private readonly options: DetectorServiceOptions,
    private readonly log: Logger,
  ) {}

  get modelId(): string {
    return this.model.id;
  }

  /** Starts the worker; resolves once the model is loaded or has failed to load. */
  start(): Promise<void> {
    this.state = 'starting';
    const worker = new Worker(this.options.workerPath, {
      workerData: { model: this.model, options: { threads: this.options.threads } },
      name: `detector:${this.modelId}`,
    });
    this.worker = worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.markUnavailable(
          'LOAD_TIMEOUT',
          `the model did not load within ${this.options.loadTimeoutMs ?? 30_000} ms`,
        );
        void worker.terminate();
        resolve();
      }, this.options.loadTimeoutMs ?? 30_000);
      worker.on('message', (raw: unknown) => {
        const message = FromWorkerSchema.safeParse(raw);
        if (!message.success)
          return this.log.error({ modelId: this.modelId }, 'unreadable message from a detector worker');
        if (message.data.type === 'ready' || message.data.type === 'load-failed') {
          clearTimeout(timer);
          resolve();
        }
        this.onMessage(message.data);
      });
      worker.on('error', (error) => this.onCrash(worker, `worker error: ${error.message}`));
      worker.on('exit', (code) => {
        clearTimeout(timer);
        resolve();
        if (this.state !== 'stopped') this.onCrash(worker, `worker exited with code ${code}`);
      });
    });
  }

  submit(request: DetectRequest): Promise<DetectOutcome> {
    if (this.state === 'unavailable' || this.state === 'stopped') {
      return Promise.resolve({
        status: 'unavailable',
        reason: this.reason ?? this.state,
        frameData: request.frame.data,
      });
    }
    return new Promise((resolve) => {
      const previous = this.queue.get(request.cameraId);
      if (previous) {
        this.counts.superseded += 1;
        previous.resolve({ status: 'superseded', frameData: previous.request.frame.data });
      }
      // Map.set on an existing key keeps its place: a busy camera cannot jump ahead of the others.
      this.queue.set(request.cameraId, { request, submittedAt: now(), resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.state === 'ready' && this.worker && this.inFlight.size < MAX_IN_FLIGHT && this.queue.size > 0) {
      this.send(this.worker);
    }
  }

  private send(worker: Worker): void {
    const first = this.queue.entries().next();
    if (first.done) return;
    const [cameraId, pending] = first.value;
    this.queue.delete(cameraId);
    const { frame, region } = pending.request;
    const id = this.nextId++;
    this.inFlight.set(id, { pending, sentAt: now() });
    const message: ToWorker = {
      type: 'detect',
      id,
      width: frame.width,
      height: frame.height,
      data: frame.data,
      region: region ?? null,
    };
    const whole = frame.data.byteOffset === 0 && frame.data.byteLength === frame.data.buffer.byteLength;
    const transfer = whole && frame.data.buffer instanceof ArrayBuffer ? [frame.data.buffer] : [];
    worker.postMessage(message, transfer);
  }

  private onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.state = 'ready';
        this.reason = null;
        this.reasonCode = null;
        this.log.info({ modelId: this.modelId }, 'detector ready');
        return this.pump();
      case 'load-failed':
        return this.markUnavailable(message.code, message.message);
      case 'result':
      case 'error':
        return this.finish(message);
    }
  }

  private finish(message: Extract<FromWorker, { type: 'result' | 'error' }>): void {
    const flight = this.inFlight.get(message.id);
    if (!flight) return;
    this.inFlight.delete(message.id);
    const { pending } = flight;
    if (message.type === 'error') {
      this.counts.failed += 1;
      pending.resolve({ status: 'failed', message: message.message, frameData: message.data });
    } else {
      this.counts.processed += 1;
      this.infer.add(message.timings.inferMs);
      const done = now();
      pending.resolve({
        status: 'done',
        modelId: this.modelId,
        cameraId: pending.request.cameraId,
        capturedAt: pending.request.capturedAt,
        detections: message.detections,
        timings: {
          ...message.timings,
          queueMs: flight.sentAt - pending.submittedAt,
          totalMs: done - pending.submittedAt,
        },
        frameData: message.data,
      });
    }
    this.pump();
  }

  private onCrash(worker: Worker, reason: string): void {
    if (worker !== this.worker || this.state === 'stopped' || this.state === 'unavailable') return;
    this.worker = null;
    this.log.error({ modelId: this.modelId, reason }, 'detector worker crashed; restarting');
    this.failAll(reason);
    this.state = 'starting';
    this.reason = reason;
    this.reasonCode = 'WORKER_CRASHED';
    const delay = Math.min(30_000, 1000 * 2 ** this.restarts);
    this.restarts += 1;
    this.restartTimer = setTimeout(() => void this.start(), delay);
  }

  private markUnavailable(code: string, reason: string): void {
    this.state = 'unavailable';
    this.reason = reason;
    this.reasonCode = code;
    this.log.error({ modelId: this.modelId, reason }, 'detection unavailable for this model');
    this.failAll(reason);
  }

  private failAll(reason: string): void {
    for (const flight of this.inFlight.values()) {
      this.counts.failed += 1;
      flight.pending.resolve({ status: 'failed', message: reason, frameData: flight.pending.request.frame.data });
    }
    this.inFlight.clear();
    for (const pending of this.queue.values()) {
      pending.resolve({ status: 'unavailable', reason, frameData: pending.request.frame.data });
    }
    this.queue.clear();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.failAll('the detector service stopped');
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    // ask the worker to finish what it runs and release its session; terminating it in the middle of an
    // onnxruntime call can abort the whole process
    if (worker.threadId === -1) return; // already gone
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      timer = setTimeout(() => void worker.terminate().finally(resolve), STOP_TIMEOUT_MS);
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
    });
    clearTimeout(timer);
  }

  stats(): ModelLaneStats {
    return {
      modelId: this.modelId,
      state: this.state,
      reason: this.reason,
      reasonCode: this.reasonCode,
      queued: this.queue.size,
      inFlight: this.inFlight.size,
      ...this.counts,
      restarts: this.restarts,
      inferMs: { p50: this.infer.quantile(0.5), p95: this.infer.quantile(0.95) },
    };
  }
}

export class DetectorService {
  private constructor(private readonly lanes: Map<string, ModelLane>) {}

  static async start(options: DetectorServiceOptions): Promise<DetectorService> {
    const log = options.logger.child({ module: 'detector' });
    const lanes = new Map(options.models.map((m) => [m.id, new ModelLane(m, options, log)] as const));
    await Promise.all([...lanes.values()].map((lane) => lane.start()));
    return new DetectorService(lanes);
  }

  /** Queues a frame for one model. Resolves when it ran, was superseded by a newer frame, or cannot run. */
  detect(modelId: string, request: DetectRequest): Promise<DetectOutcome> {
    const lane = this.lanes.get(modelId);
    if (!lane) {
      return Promise.resolve({ status: 'unavailable', reason: `no model "${modelId}"`, frameData: request.frame.data });
    }
    return lane.submit(request);
  }

  stats(): ModelLaneStats[] {
    return [...this.lanes.values()].map((lane) => lane.stats());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
  }
}
