/**
 * Pipeline benchmark (`npm run bench:pipeline`): the whole path from a camera's stream to a committed incident,
 * the correlator's throughput, and the engine's memory over a long run on a looping clip. Prints tables with the
 * targets beside; not part of the tests. The machine is shared and noisy: repeat, and read the spread.
 *
 *   npm run bench:pipeline -- [--runs 5] [--event fire|intrusion|both] [--dwell 0] [--soak-minutes 30]
 *                             [--core-seconds 3] [--no-latency] [--no-core] [--no-soak]
 *
 * Latency, for two events: a fire (fire_cctv_fire8.mp4, real CCTV footage with the fire in view from its first
 * frame, seen by the shipped fire/smoke model, which was trained on those frames: it measures the pipeline, not
 * the model) and a person entering a restricted zone (camera_room_gop1s.mp4, the room clip encoded as an IP
 * camera sends it: empty until 6.0 s, then a woman walks in). The p95 target (< 3 s) is the fire's; the intrusion
 * is measured beside it, with no target. Each run starts a fresh RTSP server (test/support/rtsp-server.ts; it
 * plays the clip from 0, in real time, once the first client connects) behind a relay that notes the first media packet it passes
 * (scripts/bench/pipeline-proxy.ts), and a fresh engine (SQLite in a temporary folder, the built detector
 * worker: run `npm run build` first, which the npm script does).
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigSchema, type Config } from '../../electron/config/schema';
import { builtDetectorWorker } from '../../test/support/built-worker';
import { canServeRtsp, startRtspServer } from '../../test/support/rtsp-server';
import { startTestEngine, type TestEngine } from '../../test/support/test-engine';
import { coreThroughput, correlatorThroughput } from './pipeline-core';
import { startRtspRelay } from './pipeline-proxy';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    event: { type: 'string', default: 'both' },
    dwell: { type: 'string', default: '0' },
    'soak-minutes': { type: 'string', default: '30' },
    'core-seconds': { type: 'string', default: '3' },
    'no-latency': { type: 'boolean', default: false },
    'no-core': { type: 'boolean', default: false },
    'no-soak': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const DWELL_S = Number(args.dwell);
const SOAK_MIN = Number(args['soak-minutes']);
const CORE_S = Number(args['core-seconds']);
if (
  !(RUNS >= 1) ||
  !(DWELL_S >= 0) ||
  !(SOAK_MIN >= 1) ||
  !(CORE_S > 0) ||
  !['fire', 'intrusion', 'both'].includes(args.event)
) {
  throw new Error('usage: --runs N --event fire|intrusion|both --dwell S --soak-minutes M (≥ 1) --core-seconds S');
}

const CLIP = 'camera_room_gop1s.mp4';
/** Media time at which the woman first shows in the clip (fixtures/clips/README.md). */
const PERSON_AT_S = 6.0;
const MODEL = 'yolox_nano_coco_416';

/** What a latency run streams, which model sees it, and when in the clip the event is first on screen. */
interface LatencyEvent {
  name: 'fire' | 'intrusion';
  what: string;
  clip: string;
  model: string;
  atS: number;
  /** A restricted zone over the whole picture (the intrusion rule). */
  zone: boolean;
  /** The p95 target in seconds, or null when the event is measured without one. */
  p95TargetS: number | null;
}
const FIRE_EVENT: LatencyEvent = {
  name: 'fire',
  what: 'fire first on the wire → fire incident opened',
  clip: 'fire_cctv_fire8.mp4',
  model: 'fire_smoke_baseline_yolox_nano_416',
  atS: 0,
  zone: false,
  p95TargetS: 3, // p95 under 3 s at 2 fps, the confirmation window included
};
const INTRUSION_EVENT: LatencyEvent = {
  name: 'intrusion',
  what: 'person first on the wire → intrusion incident opened',
  clip: CLIP,
  model: MODEL,
  atS: PERSON_AT_S,
  zone: true,
  p95TargetS: null,
};
const EVENTS = [FIRE_EVENT, INTRUSION_EVENT];
const DETECT = { fps: 2, width: 480, height: 270 };
const TARGET = { memRatio: 0.1 };
const CORE = { cameras: 8, boxes: 6 };
const MB = 1e6;
const RUN_TIMEOUT_MS = 40_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (text: string) => process.stderr.write(`… ${text}\n`);
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const mark = (ok: boolean, measured: number): string => (Number.isFinite(measured) ? (ok ? 'PASS' : 'MISS') : '—');

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function engineConfig(url: string, event: LatencyEvent = INTRUSION_EVENT): Config {
  const zones = !event.zone
    ? {}
    : {
        room: [
          {
            id: 'no-entry',
            name: '禁入区',
            kind: 'restricted',
            minDwellS: DWELL_S,
            polygon: [
              { x: 0, y: 0 },
              { x: 1, y: 0 },
              { x: 1, y: 1 },
              { x: 0, y: 1 },
            ],
          },
        ],
      };
  return ConfigSchema.parse({
    detection: { models: [event.model] },
    incidents: { zones },
    cameras: [{ id: 'room', name: '房间', gridCell: 'room-01', detectUrl: url, detect: DETECT }],
  });
}

interface Camera {
  url: string;
  firstMediaAt: () => number | null;
  stop(): Promise<void>;
}

async function startCamera(clip = CLIP): Promise<Camera> {
  const server = await startRtspServer({ clip });
  const relay = await startRtspRelay(server.port);
  return {
    url: `rtsp://127.0.0.1:${relay.port}${server.mount}`,
    firstMediaAt: () => relay.firstMediaAt(),
    stop: async () => {
      await relay.close();
      await server.stop();
    },
  };
}

interface LatencyRun {
  /** Seconds from the event's first frame on the wire to the 'opened' push; NaN when none came in time. */
  latencyS: number;
}

async function latencyRun(worker: string, event: LatencyEvent): Promise<LatencyRun> {
  const camera = await startCamera(event.clip);
  let engine: TestEngine | null = null;
  try {
    let openedAt: number | null = null;
    engine = await startTestEngine(engineConfig(camera.url, event), worker);
    engine.engine.events.subscribe((m) => {
      if (m.type === 'incidents:changed' && m.payload.change === 'opened') openedAt ??= performance.now();
    });
    const deadline = performance.now() + RUN_TIMEOUT_MS;
    while (openedAt === null && performance.now() < deadline) await sleep(20);
    const ref = camera.firstMediaAt();
    if (ref === null || openedAt === null) return { latencyS: NaN };
    return { latencyS: (openedAt - (ref + event.atS * 1000)) / 1000 };
  } finally {
    await engine?.close();
    await camera.stop();
  }
}

interface MemSample {
  atS: number;
  rss: number;
  heapUsed: number;
}

function memNow(atS: number): MemSample {
  const m = process.memoryUsage();
  return { atS, rss: m.rss, heapUsed: m.heapUsed };
}

async function soak(worker: string, minutes: number): Promise<{ one: MemSample; end: MemSample; incidents: number }> {
  const camera = await startCamera();
  const engine = await startTestEngine(engineConfig(camera.url), worker);
  let changes = 0;
  engine.engine.events.subscribe((m) => {
    if (m.type === 'incidents:changed') changes += 1;
  });
  try {
    const t0 = performance.now();
    const elapsedS = () => (performance.now() - t0) / 1000;
    await sleep(60_000);
    const one = memNow(elapsedS());
    progress(`soak: 1 min, RSS ${fmt(one.rss / MB, 0)} MB, heap ${fmt(one.heapUsed / MB, 0)} MB`);
    while (elapsedS() < minutes * 60) {
      await sleep(Math.min(60_000, minutes * 60_000 - elapsedS() * 1000));
      const m = memNow(elapsedS());
      progress(`soak: ${fmt(m.atS / 60, 1)} min, RSS ${fmt(m.rss / MB, 0)} MB, heap ${fmt(m.heapUsed / MB, 0)} MB`);
    }
    return { one, end: memNow(elapsedS()), incidents: changes };
  } finally {
    await engine.close();
    await camera.stop();
  }
}

function ffmpegVersion(): string {
  try {
    return execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '?';
  } catch {
    return 'ffmpeg not found';
  }
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fmt(totalmem() / 1e9, 1)} GB; ` +
      `${ffmpegVersion()}; node ${process.version}`,
  );
  const needEngine = !args['no-latency'] || !args['no-soak'];
  if (needEngine && !canServeRtsp()) throw new Error('needs /usr/bin/python3 with GStreamer (npm run setup:system)');
  const worker = needEngine ? builtDetectorWorker() : '';
  const rows: string[][] = [];
  const notes: string[] = [];

  if (!args['no-latency']) {
    for (const event of EVENTS.filter((e) => args.event === 'both' || args.event === e.name)) {
      const runs: LatencyRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        progress(`latency (${event.name}) run ${i + 1}/${RUNS}`);
        const run = await latencyRun(worker, event);
        progress(`  ${fmt(run.latencyS, 2)} s`);
        runs.push(run);
      }
      const got = runs.map((r) => r.latencyS).filter(Number.isFinite);
      const sorted = [...got].sort((a, b) => a - b);
      const [p50, p95, max] = [quantile(sorted, 0.5), quantile(sorted, 0.95), sorted.at(-1) ?? NaN];
      const missed = runs.length - got.length;
      rows.push(
        [
          `${event.name}: latency p50 (${event.what})`,
          `${fmt(p50, 2)} s`,
          '—',
          '',
          `${got.length}/${runs.length} runs${missed > 0 ? `, ${missed} without an incident in ${RUN_TIMEOUT_MS / 1000} s` : ''}`,
        ],
        [
          `${event.name}: latency p95`,
          `${fmt(p95, 2)} s`,
          event.p95TargetS === null ? '—' : `< ${event.p95TargetS} s`,
          event.p95TargetS === null ? '' : mark(p95 < event.p95TargetS, p95),
          'at 2 fps detection',
        ],
        [`${event.name}: latency max`, `${fmt(max, 2)} s`, '—', '', `runs: ${got.map((v) => fmt(v, 2)).join(', ')} s`],
      );
      notes.push(
        `${event.name}: ${event.clip} over RTSP/TCP; detection.models = [${event.model}]; the event is first in the ` +
          `stream at reference + ${event.atS.toFixed(1)} s of media time` +
          (event.zone
            ? `; a restricted zone over the whole frame, minDwellS ${DWELL_S}.`
            : '; no zone (fire alerts anywhere).'),
      );
    }
    notes.push(
      `latency: reference = the wall time the relay in front of the RTSP server passed the first media (RTP) ` +
        `packet to the engine, taken as media time 0 (the server starts the clip from 0 when its first client ` +
        `plays); latency = arrival of the 'incidents:changed' push with change 'opened' (the row is committed in ` +
        `SQLite before the push) − (reference + the event's media time). Each run: a fresh server and a fresh ` +
        `engine; detect ${DETECT.fps} fps at ${DETECT.width}x${DETECT.height}; confirmation, tracker, correlator ` +
        `and motion gate at their defaults; recording on (default). The engine runs in this process (tsx), its ` +
        `detector in the built worker. The fire clip's frames trained the shipped fire model: a pipeline figure.`,
    );
  }

  if (!args['no-core']) {
    progress(`core throughput: ${CORE.cameras} cameras × ${CORE.boxes} boxes, ${CORE_S} s`);
    const core = coreThroughput(CORE.cameras, CORE.boxes, CORE_S);
    const corr = correlatorThroughput(CORE.cameras, CORE_S);
    const perS = core.detections / core.seconds;
    const realtime = CORE.cameras * CORE.boxes * DETECT.fps;
    rows.push(
      [
        'incident core throughput (stepIncidentCore)',
        `${fmt(perS, 0)} detections/s`,
        '—',
        '',
        `${CORE.cameras} cameras × ${CORE.boxes} people per frame: ${fmt(core.frames / core.seconds, 0)} frames/s; ` +
          `${fmt(perS / realtime, 0)}× what ${CORE.cameras} cameras at ${DETECT.fps} fps need (${realtime}/s)`,
      ],
      [
        'correlator alone (stepCorrelator)',
        `${fmt(corr.events / corr.seconds, 0)} alert events/s`,
        '—',
        '',
        'raised/updated/ended alerts of 8 cameras, ticks between',
      ],
    );
    notes.push(
      `core: synthetic frames, people drifting through a restricted zone (minDwellS 1) on each camera, ` +
        `${core.incidentsOpened} incidents opened over the run; pure functions, no I/O, one core.`,
    );
  }

  if (!args['no-soak']) {
    progress(`soak: ${SOAK_MIN} min on the looping clip`);
    const s = await soak(worker, SOAK_MIN);
    const rssRatio = s.end.rss / s.one.rss - 1;
    const heapRatio = s.end.heapUsed / s.one.heapUsed - 1;
    const pct = (r: number) => `${r >= 0 ? '+' : ''}${fmt(r * 100, 1)} %`;
    rows.push(
      [
        `memory RSS, 1 min → ${fmt(s.end.atS / 60, 1)} min`,
        `${fmt(s.one.rss / MB, 0)} → ${fmt(s.end.rss / MB, 0)} MB (${pct(rssRatio)})`,
        'within ±10 %',
        mark(Math.abs(rssRatio) <= TARGET.memRatio, rssRatio),
        SOAK_MIN < 30 ? `${SOAK_MIN} min only: the issue's figure needs --soak-minutes 30` : '',
      ],
      [
        `memory heap used, 1 min → ${fmt(s.end.atS / 60, 1)} min`,
        `${fmt(s.one.heapUsed / MB, 0)} → ${fmt(s.end.heapUsed / MB, 0)} MB (${pct(heapRatio)})`,
        'within ±10 %',
        mark(Math.abs(heapRatio) <= TARGET.memRatio, heapRatio),
        `${s.incidents} incident changes during the soak`,
      ],
    );
    notes.push(
      `memory: the engine's process (this one: the engine, its detector worker thread with onnxruntime, the ` +
        `tsx loader, the bench; not its ffmpeg children), process.memoryUsage() after 1 minute ` +
        `and at the end, no forced GC; the RTSP server loops the clip, so the person comes and goes.`,
    );
  }

  table('Pipeline: stream → incident (MB = 10⁶ bytes)', ['figure', 'measured', 'target', '', 'notes'], rows);
  console.log('');
  for (const n of notes) console.log(`- ${n}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
