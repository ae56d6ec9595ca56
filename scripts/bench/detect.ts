/**
 * Detection benchmark (`npm run bench:detect`): the detector service against a bare loop of
 * onnxruntime's session.run on the same tensors with the same threads, measured side by side in one run.
 * Prints tables; not part of the tests. Figures are ratios: the machine is shared and noisy.
 *
 *   npm run bench:detect -- [--model ID] [--threads N] [--seconds S] [--clip FILE]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { pino } from 'pino';
import { decodeVideoFrames } from '../../electron/media/frame-source';
import { DetectorService, type DetectOutcome } from '../../electron/vision/detector-service';
import { loadModelById } from '../../electron/vision/model-registry';
import type { LoadedModelManifest } from '../../electron/vision/model-manifest';
import { MotionGate } from '../../electron/vision/motion-gate';
import { FramePreprocessor } from '../../electron/vision/preprocess';
import type { RawFrame } from '../../electron/vision/types';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'fire_smoke_baseline_yolox_nano_416' },
    threads: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '8' },
    clip: { type: 'string', default: join(ROOT, 'fixtures/clips/room_enter_leave_intel.mp4') },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '720' },
  },
});
const THREADS = Number(args.threads);
const SECONDS = Number(args.seconds);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function builtWorker(): string {
  const dir = join(ROOT, 'out/main/chunks');
  const file = readdirSync(dir).find((f) => /^detector-worker-[\w-]+\.js$/.test(f));
  if (!file) throw new Error('build first: npm run build');
  return join(dir, file);
}

async function loadFrames(): Promise<RawFrame[]> {
  const frames: RawFrame[] = [];
  for await (const f of decodeVideoFrames(args.clip, {
    fps: 2,
    width: Number(args.width),
    height: Number(args.height),
  })) {
    frames.push({ width: f.width, height: f.height, data: f.data });
  }
  if (frames.length === 0) throw new Error(`no frames decoded from ${args.clip}`);
  return frames;
}

interface LoopResult {
  perSecond: number;
  p50: number;
  p95: number;
}

/** The floor: session.run in a loop on pre-made tensors, same model, same session options, same threads. */
class BareLoop {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly inputName: string,
    private readonly tensors: ort.Tensor[],
  ) {}

  static async open(model: LoadedModelManifest, frames: RawFrame[]): Promise<BareLoop> {
    const session = await ort.InferenceSession.create(model.filePath, {
      intraOpNumThreads: THREADS,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
    const pre = new FramePreprocessor(model.input);
    const tensors = frames.slice(0, 8).map((f) => {
      pre.run(f);
      return new ort.Tensor('float32', new Float32Array(pre.tensor), [1, 3, model.input.height, model.input.width]);
    });
    const loop = new BareLoop(session, model.input.name, tensors);
    await loop.run(1);
    return loop;
  }

  async run(seconds: number): Promise<LoopResult> {
    const latencies: number[] = [];
    const start = performance.now();
    let i = 0;
    while (performance.now() - start < seconds * 1000) {
      const t0 = performance.now();
      const tensor = this.tensors[i++ % this.tensors.length];
      if (!tensor) break;
      await this.session.run({ [this.inputName]: tensor });
      latencies.push(performance.now() - t0);
    }
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: latencies.length / elapsed, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

interface FeedResult extends LoopResult {
  offered: number;
  runs: number;
  skippedShare: number;
  preMs: number;
  inferMs: number;
  postMs: number;
}

/** N camera feeds, each handing the service its next frame as soon as the previous one came back. */
async function feeds(service: DetectorService, modelId: string, frames: RawFrame[], n: number, gated: boolean) {
  const latencies: number[] = [];
  let offered = 0;
  let runs = 0;
  const sums = { preMs: 0, inferMs: 0, postMs: 0 };
  const start = performance.now();
  const camera = async (c: number): Promise<void> => {
    const gate = gated ? new MotionGate() : null;
    let spare: Uint8Array | null = null; // the buffer the service handed back, reused for the next frame
    let k = c * 3; // feeds start at different points of the clip
    while (performance.now() - start < SECONDS * 1000) {
      const source = frames[k % frames.length];
      if (!source) return;
      const simulatedMs = k * 500; // the clip sampled at 2 fps
      k += 1;
      offered += 1;
      const decision = gate?.step(source, simulatedMs);
      if (decision && !decision.run) continue;
      const region = decision?.regions.length === 1 ? decision.regions[0] : undefined;
      const data: Uint8Array =
        spare?.byteLength === source.data.byteLength ? spare : new Uint8Array(source.data.length);
      data.set(source.data);
      const frame = { width: source.width, height: source.height, data };
      const outcome: DetectOutcome = await service.detect(modelId, {
        cameraId: `cam-${c}`,
        frame,
        region,
        capturedAt: Date.now(),
      });
      spare = outcome.frameData;
      if (outcome.status !== 'done') continue;
      runs += 1;
      latencies.push(outcome.timings.totalMs);
      sums.preMs += outcome.timings.preMs;
      sums.inferMs += outcome.timings.inferMs;
      sums.postMs += outcome.timings.postMs;
    }
  };
  await Promise.all(Array.from({ length: n }, (_, c) => camera(c)));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const result: FeedResult = {
    perSecond: runs / elapsed,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    offered,
    runs,
    skippedShare: gated ? 1 - runs / offered : 0,
    preMs: sums.preMs / Math.max(1, runs),
    inferMs: sums.inferMs / Math.max(1, runs),
    postMs: sums.postMs / Math.max(1, runs),
  };
  return result;
}

function gateOnClip(frames: RawFrame[]): { share: number; perFrameMs: number; frames: number } {
  const gate = new MotionGate();
  const t0 = performance.now();
  frames.forEach((f, i) => gate.step(f, i * 500));
  const perFrameMs = (performance.now() - t0) / frames.length;
  const c = gate.counters;
  return { share: c.skipped / c.frames, perFrameMs, frames: c.frames };
}

async function main(): Promise<void> {
  const loaded = await loadModelById(join(ROOT, 'models'), args.model);
  if (!loaded.ok) throw new Error(`${loaded.reason.code}: ${loaded.reason.message}`);
  const model = loaded.model;
  const frames = await loadFrames();
  console.log(
    `model ${model.id} (${model.input.width}x${model.input.height}, ${model.input.resize}), ${THREADS} thread(s),`,
  );
  console.log(
    `${frames.length} frames of ${args.clip} at ${frames[0]?.width}x${frames[0]?.height}, ${SECONDS} s per row`,
  );

  const bare = await BareLoop.open(model, frames);
  const logger = pino({ level: 'warn' });
  const service = await DetectorService.start({ models: [model], threads: THREADS, workerPath: builtWorker(), logger });
  const rows: string[][] = [];
  let overhead = '';
  for (const gated of [false, true]) {
    for (const n of [1, 4, 8]) {
      // The floor is measured right before each row: the machine is shared, and its speed drifts.
      const floor = await bare.run(SECONDS / 2);
      if (!gated)
        rows.push([
          'bare session.run',
          '1',
          'no',
          fmt(floor.perSecond),
          fmt(floor.p50),
          fmt(floor.p95),
          '1.00',
          '—',
          '—',
        ]);
      const r = await feeds(service, model.id, frames, n, gated);
      const prePost = (r.preMs + r.postMs) / r.inferMs;
      rows.push([
        'detector service',
        String(n),
        gated ? 'yes' : 'no',
        fmt(r.perSecond),
        fmt(r.p50),
        fmt(r.p95),
        gated ? '—' : fmt(r.perSecond / floor.perSecond, 2),
        gated ? `${fmt(100 * r.skippedShare, 0)} %` : '—',
        `${fmt(100 * prePost, 1)} %`,
      ]);
      if (!gated && n === 8) {
        overhead = `pre ${fmt(r.preMs, 2)} ms + post ${fmt(r.postMs, 2)} ms per ${fmt(r.inferMs, 2)} ms of inference`;
      }
    }
  }
  await service.stop();
  await bare.release();
  table(
    'Detections per second and latency (frame handed over → detections back); each ratio against the bare loop measured just before it',
    [
      'pipeline',
      'feeds',
      'motion gate',
      'runs/s',
      'p50 ms',
      'p95 ms',
      'ratio to bare',
      'frames skipped',
      'pre+post / infer',
    ],
    rows,
  );
  console.log(`\n8 feeds without gate: ${overhead}`);
  const g = gateOnClip(frames);
  const rss = process.resourceUsage().maxRSS / 1024;
  table(
    'Motion gate and memory',
    ['measure', 'value'],
    [
      ['frames skipped by the gate on the clip (2 fps)', `${fmt(100 * g.share, 0)} % of ${g.frames}`],
      ['motion gate time per frame', `${fmt(g.perFrameMs, 2)} ms`],
      ['peak memory (RSS, whole process incl. workers)', `${fmt(rss, 0)} MiB`],
    ],
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
