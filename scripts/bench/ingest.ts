/**
 * Ingest benchmark (`npm run bench:ingest`): the engine's camera ingest (CameraSupervisor: ffmpeg, frame
 * assembly, watchdog) against a plain ffmpeg command doing the same decode and scale, side by side, on cameras
 * served by the local RTSP server (test/support/rtsp-server.ts) from a 1080p25 H.264 source made at start-up.
 * Prints tables; not part of the tests. Figures are ratios: the machine is shared and noisy.
 *
 *   npm run bench:ingest -- [--cameras 1,4,8] [--seconds 30] [--warmup 3] [--connects 20] [--clip FILE]
 *                           [--no-keyframes] [--no-latency]
 *
 * CPU is utime + stime from /proc, sampled from this process: for the engine, its Node process and its ffmpeg
 * children; for the floor, the plain ffmpeg processes. The RTSP server's CPU is measured apart and left out of
 * both. Requires Linux (/proc) and Debian's python3 with GStreamer's RTSP server (npm run setup:system).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DetectSize } from '../../electron/media/camera-supervisor';
import { resolveFfmpeg, type FfmpegBinary } from '../../electron/media/ffmpeg';
import { FrameAssembler } from '../../electron/media/frame-source';
import { canServeRtsp, startRtspServer, type RtspServer } from '../../test/support/rtsp-server';
import type { EngineCommand, EngineReply } from './ingest-engine';
import { childrenOf, ProcGroup, readRss, readStat } from './ingest-proc';
import { FrameTally, type Tally } from './ingest-tally';

const ROOT = resolve(import.meta.dirname, '../..');
const ENGINE = join(import.meta.dirname, 'ingest-engine.ts');
const { values: args } = parseArgs({
  options: {
    cameras: { type: 'string', default: '1,4,8' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    connects: { type: 'string', default: '20' },
    clip: { type: 'string', default: 'room_enter_leave_intel.mp4' },
    'no-keyframes': { type: 'boolean', default: false },
    'no-latency': { type: 'boolean', default: false },
  },
});
const CAMERAS = args.cameras.split(',').map(Number);
const SECONDS = Number(args.seconds);
const WARMUP_S = Number(args.warmup);
const CONNECTS = Number(args.connects);
if (CAMERAS.some((n) => !Number.isInteger(n) || n < 1) || !(SECONDS > 0) || !(WARMUP_S >= 0) || !(CONNECTS >= 1)) {
  throw new Error('usage: --cameras 1,4,8 --seconds S --warmup S --connects N');
}

/** An IP camera's main stream: 1080p at 25 fps, H.264 High, no B-frames, a key frame every 2 s, ~4 Mbit/s. */
const SOURCE = { width: 1920, height: 1080, fps: 25, gop: 50, kbps: 4000, seconds: 20 };
const DETECT: DetectSize = { fps: 2, width: 640, height: 360 };
const TARGET = { cpuRatio: 1.1, mbPerCamera: 50, p95Ms: 1500 };
/** Pauses between connects, spread over a GOP so that joins of a running stream land at every phase of it. */
const PAUSES_MS = Array.from({ length: 7 }, (_, i) => 300 + ((i * 290) % 2000));
const MB = 1e6;

const live = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (text: string) => process.stderr.write(`… ${text}\n`);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const mark = (ok: boolean, measured: number): string => (Number.isFinite(measured) ? (ok ? 'PASS' : 'MISS') : '—');

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function track<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('close', () => live.delete(child));
  return child;
}

function closed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('close', () => r()));
}

async function terminate(child: ChildProcess): Promise<void> {
  const done = closed(child);
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 2000);
  await done;
  clearTimeout(force);
}

async function makeSource(ffmpeg: FfmpegBinary, dir: string): Promise<string> {
  const file = join(dir, 'camera-1080p25.mp4');
  const s = SOURCE;
  const child = track(
    spawn(
      ffmpeg.path,
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
        ...['-stream_loop', '-1', '-i', resolve(ROOT, 'fixtures/clips', args.clip), '-t', String(s.seconds), '-an'],
        // temporal noise stands in for a sensor's: every frame carries new detail, as a real camera's do
        ...['-vf', `fps=${s.fps},scale=${s.width}:${s.height}:flags=bicubic,noise=alls=6:allf=t`],
        ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
        ...['-bf', '0', '-g', String(s.gop), '-keyint_min', String(s.gop), '-sc_threshold', '0'],
        ...['-b:v', `${s.kbps}k`, '-maxrate', `${s.kbps}k`, '-bufsize', `${s.kbps}k`, file],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    ),
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((r) => child.once('close', r));
  if (code !== 0) throw new Error(`could not make the source clip: ${stderr.trim()}`);
  return file;
}

/** The RTSP server's python process (a child of this one), measured apart from both sides. */
function serverPid(): number {
  const found = childrenOf(process.pid).find((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes('rtsp-server.py');
    } catch {
      return false;
    }
  });
  if (!found) throw new Error('cannot find the RTSP server process');
  return found.pid;
}

interface RowResult {
  cameras: number;
  keyframesOnly: boolean;
  wallSeconds: number;
  cpuSeconds: number;
  /**
   * Engine: the part of cpuSeconds used by the Node process itself (the rest is its ffmpeg children). Plain: what
   * this bench process used meanwhile, reading the pipes (not in cpuSeconds; shown for comparison).
   */
  nodeCpuSeconds: number;
  /** Engine only: the Node process's CPU seconds per minute before any camera started. */
  nodeIdleCpuPerMinute: number;
  serverCpuSeconds: number;
  delivered: Tally;
  /** ffmpeg restarts (engine) or exits (plain) within the measured window, and before it. */
  restarts: number;
  startupRestarts: number;
  /** Engine only: the Node process's resident memory before any camera started, and its peak. */
  nodeIdleRss: number;
  nodePeakRss: number;
  ffmpegPeakRss: number;
  startedStreams: number;
}

const cpuPerCameraMinute = (r: RowResult): number => r.cpuSeconds / r.cameras / (r.wallSeconds / 60);
const sumTallies = (t: Tally[]): Tally =>
  t.reduce((a, b) => ({ frames: a.frames + b.frames, distinct: a.distinct + b.distinct }), { frames: 0, distinct: 0 });
const diff = (a: Tally, b: Tally): Tally => ({ frames: b.frames - a.frames, distinct: b.distinct - a.distinct });

// ---------------------------------------------------------------------------------------------------------------
// The engine side: a Node child process running N CameraSupervisors (scripts/bench/ingest-engine.ts).

class EngineProcess {
  private readonly waiters = new Set<{
    type: EngineReply['type'];
    resolve: (reply: EngineReply) => void;
    reject: (error: Error) => void;
  }>();

  private constructor(readonly child: ChildProcess) {
    child.on('message', (reply: EngineReply) => {
      if (reply.type === 'failed') console.error(`engine process failed: ${reply.message}`);
      const waiter = [...this.waiters].find((w) => w.type === reply.type);
      waiter?.resolve(reply);
    });
    child.once('close', (code) => {
      for (const w of this.waiters) w.reject(new Error(`engine process exited (${code})`));
    });
  }

  static async start(): Promise<{ engine: EngineProcess; ffmpeg: string }> {
    const child = track(
      spawn(process.execPath, ['--import', import.meta.resolve('tsx'), ENGINE], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const engine = new EngineProcess(child);
    const loaded = await engine.wait('loaded', 60_000);
    return { engine, ffmpeg: loaded.type === 'loaded' ? loaded.ffmpeg : '' };
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('engine process not started');
    return pid;
  }

  send(command: EngineCommand): void {
    this.child.send(command);
  }

  wait<T extends EngineReply['type']>(type: T, timeoutMs: number): Promise<Extract<EngineReply, { type: T }>> {
    return new Promise((resolveReply, reject) => {
      const waiter = {
        type,
        resolve: (reply: EngineReply) => {
          done();
          resolveReply(reply as Extract<EngineReply, { type: T }>);
        },
        reject: (error: Error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`engine process: no "${type}" in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  async request<T extends EngineReply['type']>(command: EngineCommand, type: T, timeoutMs = 30_000) {
    const reply = this.wait(type, timeoutMs);
    this.send(command);
    return reply;
  }

  async exit(): Promise<void> {
    const done = closed(this.child);
    this.send({ type: 'exit' });
    const force = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(force);
  }
}

/** Whether every camera got its first frame within `timeoutMs` (an overloaded machine may not get all going). */
function streamingWithin(wait: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return Promise.race([
    wait.then(
      () => true,
      () => false,
    ),
    sleep(timeoutMs).then(() => false),
  ]);
}

async function engineRow(url: string, cameras: number, keyframesOnly: boolean, server: number): Promise<RowResult> {
  const { engine } = await EngineProcess.start();
  const node = new ProcGroup(() => [engine.pid]).start();
  node.mark();
  const idleStart = performance.now();
  await sleep(2000);
  const nodeIdleCpuPerMinute = node.figures().cpuSeconds / ((performance.now() - idleStart) / 60_000);
  const nodeIdleRss = readRss(engine.pid) ?? NaN;
  const ffmpeg = new ProcGroup(() =>
    childrenOf(engine.pid)
      .filter((p) => p.comm === 'ffmpeg')
      .map((p) => p.pid),
  ).start();
  const rtsp = new ProcGroup(() => [server]).start();
  const streaming = engine.wait('streaming', 30_000);
  engine.send({ type: 'start', urls: Array.from({ length: cameras }, () => url), detect: DETECT, keyframesOnly });
  const allStarted = await streamingWithin(streaming, 30_000);
  await sleep(WARMUP_S * 1000);
  const before = await engine.request({ type: 'count' }, 'count');
  for (const g of [node, ffmpeg, rtsp]) g.mark();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const after = await engine.request({ type: 'count' }, 'count');
  const wallSeconds = (performance.now() - t0) / 1000;
  const [n, f, s] = [node.figures(), ffmpeg.figures(), rtsp.figures()];
  await engine.request({ type: 'stop' }, 'stopped');
  for (const g of [node, ffmpeg, rtsp]) g.stop();
  await engine.exit();
  return {
    cameras,
    keyframesOnly,
    wallSeconds,
    cpuSeconds: n.cpuSeconds + f.cpuSeconds,
    nodeCpuSeconds: n.cpuSeconds,
    nodeIdleCpuPerMinute,
    serverCpuSeconds: s.cpuSeconds,
    delivered: diff(sumTallies(before.tallies), sumTallies(after.tallies)),
    restarts: after.restarts - before.restarts,
    startupRestarts: before.restarts,
    nodeIdleRss,
    nodePeakRss: n.peakRss,
    ffmpegPeakRss: f.peakRss,
    startedStreams: allStarted ? cameras : after.tallies.filter((t) => t.frames > 0).length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The floor: plain ffmpeg, one process per camera, its raw frames drained from the pipe by this process.

function plainArgs(url: string, keyframesOnly: boolean, extra: string[] = []): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...(keyframesOnly ? ['-skip_frame', 'nokey'] : []),
    ...['-rtsp_transport', 'tcp', ...extra, '-i', url, '-an'],
    ...['-vf', `fps=${DETECT.fps},scale=${DETECT.width}:${DETECT.height}`],
    ...['-f', 'rawvideo', '-pix_fmt', 'bgr24', '-'],
  ];
}

interface PlainProcess {
  child: ChildProcess;
  tally: FrameTally;
  firstFrame: Promise<number>;
  exits: () => number;
}

function startPlain(ffmpegPath: string, args: string[]): PlainProcess {
  const t0 = performance.now();
  const child = track(spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'ignore'] }));
  const tally = new FrameTally();
  const assembler = new FrameAssembler(DETECT.width * DETECT.height * 3);
  let exited = 0;
  child.once('close', () => (exited = 1));
  const firstFrame = new Promise<number>((r) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const frame of assembler.push(chunk)) {
        if (tally.frames === 0) r(performance.now() - t0);
        tally.add(frame);
      }
    });
    child.once('close', () => r(NaN));
  });
  return { child, tally, firstFrame, exits: () => exited };
}

async function plainRow(
  ffmpegPath: string,
  url: string,
  cameras: number,
  keyframesOnly: boolean,
  server: number,
): Promise<RowResult> {
  const procs = Array.from({ length: cameras }, () => startPlain(ffmpegPath, plainArgs(url, keyframesOnly)));
  const pids = procs.map((p) => p.child.pid ?? -1);
  const ffmpeg = new ProcGroup(() => pids.filter((pid) => readStat(pid) !== null)).start();
  const rtsp = new ProcGroup(() => [server]).start();
  const allStarted = await streamingWithin(Promise.all(procs.map((p) => p.firstFrame)), 30_000);
  await sleep(WARMUP_S * 1000);
  const before = sumTallies(procs.map((p) => p.tally.snapshot()));
  const exitsBefore = procs.reduce((sum, p) => sum + p.exits(), 0);
  for (const g of [ffmpeg, rtsp]) g.mark();
  const t0 = performance.now();
  const reader0 = process.cpuUsage();
  await sleep(SECONDS * 1000);
  const after = sumTallies(procs.map((p) => p.tally.snapshot()));
  const reader = process.cpuUsage(reader0);
  const wallSeconds = (performance.now() - t0) / 1000;
  const [f, s] = [ffmpeg.figures(), rtsp.figures()];
  const exits = procs.reduce((sum, p) => sum + p.exits(), 0) - exitsBefore;
  await Promise.all(procs.map((p) => terminate(p.child)));
  for (const g of [ffmpeg, rtsp]) g.stop();
  return {
    cameras,
    keyframesOnly,
    wallSeconds,
    cpuSeconds: f.cpuSeconds,
    nodeCpuSeconds: (reader.user + reader.system) / 1e6,
    nodeIdleCpuPerMinute: NaN,
    serverCpuSeconds: s.cpuSeconds,
    delivered: diff(before, after),
    restarts: exits,
    startupRestarts: exitsBefore,
    nodeIdleRss: NaN,
    nodePeakRss: NaN,
    ffmpegPeakRss: f.peakRss,
    startedStreams: allStarted ? cameras : procs.filter((p) => p.tally.frames > 0).length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// First-frame latency: fresh connects, one at a time.

async function plainConnect(ffmpegPath: string, args: string[]): Promise<number> {
  const p = startPlain(ffmpegPath, args);
  const ms = await Promise.race([p.firstFrame, sleep(10_000).then(() => NaN)]);
  await terminate(p.child);
  return ms;
}

/** A client that keeps the stream running without decoding it (stream copy into nothing). */
function startWatcher(ffmpegPath: string, url: string): ChildProcess {
  const copy = ['-rtsp_transport', 'tcp', '-i', url, '-c', 'copy', '-f', 'null', '-'];
  return track(spawn(ffmpegPath, ['-nostdin', '-loglevel', 'error', ...copy], { stdio: 'ignore' }));
}

/**
 * `CONNECTS` fresh connects of each pipeline, interleaved (a, b, c, b, c, a, …) so that the machine's drift
 * touches them alike, with pauses spread over a GOP between connects. Milliseconds per pipeline.
 */
async function latencies(pipelines: (() => Promise<number>)[]): Promise<number[][]> {
  const ms: number[][] = pipelines.map(() => []);
  for (let i = 0; i < CONNECTS; i++) {
    for (let k = 0; k < pipelines.length; k++) {
      const j = (i + k) % pipelines.length;
      const pipeline = pipelines[j];
      if (pipeline) ms[j]?.push(await pipeline());
      await sleep(PAUSES_MS[(i * pipelines.length + k) % PAUSES_MS.length] ?? 300);
    }
  }
  return ms;
}

function latencyRow(stream: string, pipeline: string, ms: number[], floorP95: number | null): string[] {
  const sorted = ms.filter(Number.isFinite).sort((a, b) => a - b);
  const p95 = sorted.length === ms.length ? quantile(sorted, 0.95) : Infinity;
  return [
    stream,
    pipeline,
    `${sorted.length} / ${ms.length}`,
    fmt(quantile(sorted, 0.5), 0),
    fmt(p95, 0),
    fmt(sorted.at(-1) ?? NaN, 0),
    floorP95 === null ? '1.00' : fmt(p95 / floorP95, 2),
    mark(p95 < TARGET.p95Ms, p95),
  ];
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('bench:ingest reads /proc: Linux only');
  if (!canServeRtsp()) throw new Error('needs /usr/bin/python3 with GStreamer (npm run setup:system)');
  const resolution = await resolveFfmpeg();
  const ffmpeg = resolution.binary;
  if (!ffmpeg) throw new Error(`no usable ffmpeg: ${resolution.problems.join('; ')}`);

  const dir = mkdtempSync(join(tmpdir(), 'anxun-bench-ingest-'));
  let server: RtspServer | null = null;
  const cleanUp = async () => {
    for (const child of live) child.kill('SIGKILL');
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    progress(`making the source: ${SOURCE.width}x${SOURCE.height} ${SOURCE.fps} fps H.264, ${SOURCE.seconds} s`);
    const source = await makeSource(ffmpeg, dir);
    const kbps = (statSync(source).size * 8) / SOURCE.seconds / 1000;
    server = await startRtspServer({ clip: source });
    const url = server.url();
    const rtspPid = serverPid();
    const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';

    console.log(
      `machine: ${cpus().length} cores (${cpuModel}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, ` +
        `load average ${loadavg()
          .map((l) => fmt(l, 2))
          .join(' ')} at start; Node ${process.version}`,
    );
    console.log(`ffmpeg: ${ffmpeg.version} (${ffmpeg.source}, ${ffmpeg.path})`);
    console.log(
      `source: ${args.clip} looped and scaled to ${SOURCE.width}x${SOURCE.height}, ${SOURCE.fps} fps, H.264 High, ` +
        `no B-frames, GOP ${SOURCE.gop} (${SOURCE.gop / SOURCE.fps} s), ${fmt(kbps / 1000, 2)} Mbit/s, ` +
        `served looping by test/support/rtsp-server.py (one shared mount, one RTSP/TCP client per camera)`,
    );
    console.log(
      `detect: ${DETECT.fps} fps, ${DETECT.width}x${DETECT.height} BGR24; ${SECONDS} s measured per row after ` +
        `${WARMUP_S} s of warm-up (from the last camera's first frame)`,
    );

    const rows: { engine: RowResult; plain: RowResult }[] = [];
    for (const keyframesOnly of args['no-keyframes'] ? [false] : [false, true]) {
      for (const n of CAMERAS) {
        const decode = keyframesOnly ? 'key frames only' : 'full decode';
        // The floor is measured right before the engine's row: the machine is shared, and its speed drifts.
        progress(`plain ffmpeg, ${n} camera(s), ${decode}`);
        const plain = await plainRow(ffmpeg.path, url, n, keyframesOnly, rtspPid);
        await sleep(1000);
        progress(`engine ingest, ${n} camera(s), ${decode}`);
        const engine = await engineRow(url, n, keyframesOnly, rtspPid);
        await sleep(1000);
        rows.push({ engine, plain });
      }
    }

    const expected = (r: RowResult) => DETECT.fps * r.wallSeconds * r.cameras;
    // key-frame-only frames come in bursts, a GOP's worth at each key frame: a window may end before one
    const burst = (r: RowResult) => (r.keyframesOnly ? (SOURCE.gop / SOURCE.fps) * DETECT.fps : 1) * r.cameras;
    const overloaded = (r: RowResult) => r.delivered.frames < 0.95 * expected(r) - burst(r);
    /** The full-decode engine row that key-frame-only rows compare with: same cameras, unless it fell behind. */
    const fullEngine = (n: number) => {
      const full = rows.map((r) => r.engine).filter((r) => !r.keyframesOnly && !overloaded(r));
      return full.find((r) => r.cameras === n) ?? full.sort((a, b) => a.cameras - b.cameras)[0];
    };
    const perFrame = (r: RowResult) => r.cpuSeconds / r.delivered.frames;
    const cpuRows: string[][] = [];
    let anyOverloaded = false;
    for (const { engine, plain } of rows) {
      const ratio = cpuPerCameraMinute(engine) / cpuPerCameraMinute(plain);
      const frameRatio = perFrame(engine) / perFrame(plain);
      // A machine that cannot keep up decodes less of every stream: then the cost per frame is what compares.
      const judgedPerFrame = overloaded(engine) || overloaded(plain);
      anyOverloaded ||= judgedPerFrame;
      const judged = judgedPerFrame ? frameRatio : ratio;
      for (const r of [plain, engine]) {
        const isEngine = r === engine;
        const full = fullEngine(r.cameras);
        const minutes = r.wallSeconds / 60;
        const up = r.startedStreams < r.cameras ? `, ${r.startedStreams} of ${r.cameras} streams up` : '';
        cpuRows.push([
          isEngine ? 'engine ingest' : 'plain ffmpeg',
          String(r.cameras),
          r.keyframesOnly ? 'key frames only' : 'full',
          fmt(cpuPerCameraMinute(r), 2),
          isEngine
            ? fmt(r.nodeCpuSeconds / r.cameras / minutes, 2)
            : `(${fmt(r.nodeCpuSeconds / r.cameras / minutes, 2)})`,
          fmt(1000 * perFrame(r), 0),
          isEngine ? fmt(ratio, 2) : '1.00',
          isEngine ? fmt(frameRatio, 2) : '1.00',
          isEngine ? `${mark(judged <= TARGET.cpuRatio, judged)}${judgedPerFrame ? ' *' : ''}` : '',
          isEngine && r.keyframesOnly && full
            ? `${fmt((100 * cpuPerCameraMinute(r)) / cpuPerCameraMinute(full), 0)} %` +
              (full.cameras === r.cameras ? '' : ` (of ${full.cameras} cam)`)
            : '—',
          `${r.delivered.frames} / ${fmt(expected(r), 0)} (${fmt((100 * r.delivered.frames) / expected(r), 0)} %)${up}`,
          String(r.delivered.distinct),
          `${r.restarts} / ${r.startupRestarts}`,
          fmt(r.serverCpuSeconds / r.cameras / minutes, 2),
        ]);
      }
    }
    table(
      `CPU seconds per camera-minute (node + its ffmpeg children for the engine; ffmpeg for the plain command), ` +
        `target ratio ≤ ${TARGET.cpuRatio.toFixed(2)}× the plain command measured just before`,
      [
        'pipeline',
        'cameras',
        'decode',
        'CPU s / cam-min',
        'of which node',
        'CPU ms / frame',
        'ratio to plain',
        'ratio per frame',
        `≤ ${TARGET.cpuRatio.toFixed(2)}×`,
        'of full decode',
        'frames delivered / expected',
        'distinct frames',
        'restarts (window / start-up)',
        'RTSP server CPU s / cam-min (left out)',
      ],
      cpuRows,
    );
    const idle = rows.map((r) => r.engine.nodeIdleCpuPerMinute).filter(Number.isFinite);
    console.log(
      `\nthe engine's node process idle, before any camera (tsx loader, timers): ` +
        `${fmt(idle.reduce((a, b) => a + b, 0) / idle.length, 2)} CPU s per minute on average, counted in its rows`,
    );
    console.log(
      "(…) in 'of which node' on plain rows: this bench process meanwhile, reading the plain ffmpeg pipes " +
        'in Node as the engine does (and sampling /proc); not counted in the plain figures',
    );
    if (anyOverloaded) {
      console.log(
        '* fewer than 95 % of the expected frames (less one key-frame burst per camera) on one side: the machine ' +
          'did not keep up (the RTSP server drops what a slow client does not read), so that row is judged by ' +
          'CPU per frame delivered',
      );
    }

    const memRows = rows.map(({ engine, plain }) => {
      const added = (engine.nodePeakRss - engine.nodeIdleRss) / engine.cameras;
      return [
        String(engine.cameras),
        engine.keyframesOnly ? 'key frames only' : 'full',
        fmt(engine.nodeIdleRss / MB, 0),
        fmt(engine.nodePeakRss / MB, 0),
        fmt(added / MB, 1),
        mark(added < TARGET.mbPerCamera * MB, added),
        fmt(engine.ffmpegPeakRss / engine.cameras / MB, 1),
        fmt(plain.ffmpegPeakRss / plain.cameras / MB, 1),
        fmt(engine.ffmpegPeakRss / plain.ffmpegPeakRss, 2),
      ];
    });
    table(
      `Peak memory (RSS, MB = 10⁶ bytes): the engine's Node process, before any camera and at its peak; ` +
        `what each camera adds to it (target < ${TARGET.mbPerCamera} MB); its ffmpeg children beside plain ffmpeg`,
      [
        'cameras',
        'decode',
        'node idle MB',
        'node peak MB',
        'added per camera MB',
        `< ${TARGET.mbPerCamera} MB`,
        'engine ffmpeg MB / cam',
        'plain ffmpeg MB / cam',
        'ffmpeg ratio',
      ],
      memRows,
    );
    console.log(
      '\nnode idle includes the tsx loader (about 50 MB) that runs the engine source in the bench process; ' +
        'the figure per camera is the growth over idle, divided by the cameras',
    );

    if (!args['no-latency']) {
      const rows: string[][] = [];
      const fast = ['-analyzeduration', '0', '-probesize', '32768'];
      const { engine } = await EngineProcess.start();
      for (const joining of [false, true]) {
        // With no other client the server starts the clip afresh, on a key frame (a camera that sends an IDR
        // frame to each new session); with a client already watching, a new one joins mid-GOP.
        const keeper = joining ? startWatcher(ffmpeg.path, url) : null;
        if (keeper) await sleep(2000);
        const stream = joining ? 'joining a running stream' : 'idle camera, starts on a key frame';
        progress(`first-frame latency, ${stream}: plain ffmpeg, the same with the engine's probing, engine ingest`);
        const [plain = [], plainFast = [], ingest = []] = await latencies([
          () => plainConnect(ffmpeg.path, plainArgs(url, false)),
          () => plainConnect(ffmpeg.path, plainArgs(url, false, fast)),
          async () => (await engine.request({ type: 'connect', url, detect: DETECT }, 'connected')).ms,
        ]);
        if (keeper) await terminate(keeper);
        const floorP95 = quantile(
          plain.filter(Number.isFinite).sort((a, b) => a - b),
          0.95,
        );
        rows.push(latencyRow(stream, 'plain ffmpeg', plain, null));
        rows.push(latencyRow(stream, 'plain ffmpeg, -analyzeduration 0 -probesize 32768', plainFast, floorP95));
        rows.push(latencyRow(stream, 'engine ingest (CameraSupervisor)', ingest, floorP95));
        await sleep(1000);
      }
      await engine.exit();
      table(
        `First-frame latency, process start (start()) → first ${DETECT.width}x${DETECT.height} frame, ` +
          `${CONNECTS} connects of each, interleaved; target p95 < ${TARGET.p95Ms} ms`,
        ['stream', 'pipeline', 'frames got', 'p50 ms', 'p95 ms', 'max ms', 'p95 ratio to plain', 'p95 target'],
        rows,
      );
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
