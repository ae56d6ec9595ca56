/**
 * The engine side of `npm run bench:ingest`, run as its own Node process so that its CPU time and memory are
 * its own: N CameraSupervisor instances (the engine's ingest, watchdog defaults) with a consumer that only counts
 * frames. Driven by scripts/bench/ingest.ts over the IPC channel; see EngineCommand / EngineReply.
 */
import { pino } from 'pino';
import { WatchdogConfigSchema } from '../../electron/domain/camera-watchdog';
import { CameraSupervisor, type DetectSize } from '../../electron/media/camera-supervisor';
import { resolveFfmpeg, type FfmpegBinary } from '../../electron/media/ffmpeg';
import { FrameTally, type Tally } from './ingest-tally';

export type EngineCommand =
  | { type: 'start'; urls: string[]; detect: DetectSize; keyframesOnly: boolean }
  | { type: 'count' }
  | { type: 'stop' }
  /** One fresh supervisor: start() → first frame → stop(). */
  | { type: 'connect'; url: string; detect: DetectSize }
  | { type: 'exit' };

export type EngineReply =
  | { type: 'loaded'; ffmpeg: string }
  | { type: 'streaming'; firstFrameMs: number[] }
  | { type: 'count'; tallies: Tally[]; restarts: number }
  | { type: 'stopped' }
  /** Milliseconds from start() to the first frame; NaN when none came within the stall timeout. */
  | { type: 'connected'; ms: number }
  | { type: 'failed'; message: string };

const send = (reply: EngineReply): void => void process.send?.(reply);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const resolution = await resolveFfmpeg();
  const binary = resolution.binary;
  if (!binary) throw new Error(`no usable ffmpeg: ${resolution.problems.join('; ')}`);
  const ffmpeg: FfmpegBinary = binary;
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const watchdog = WatchdogConfigSchema.parse({});
  let running: { supervisor: CameraSupervisor; tally: FrameTally }[] = [];

  function start(command: Extract<EngineCommand, { type: 'start' }>): void {
    const t0 = performance.now();
    const first: number[] = command.urls.map(() => NaN);
    running = command.urls.map((url, i) => {
      const supervisor = new CameraSupervisor({
        cameraId: `cam-${i + 1}`,
        url,
        detect: command.detect,
        ffmpeg,
        watchdog,
        logger,
        keyframesOnly: command.keyframesOnly,
      });
      const tally = new FrameTally();
      supervisor.onFrame((frame) => {
        if (tally.frames === 0) {
          first[i] = performance.now() - t0;
          if (first.every(Number.isFinite)) send({ type: 'streaming', firstFrameMs: first });
        }
        tally.add(frame.data);
      });
      return { supervisor, tally };
    });
    for (const r of running) r.supervisor.start();
  }

  async function connect(command: Extract<EngineCommand, { type: 'connect' }>): Promise<number> {
    const supervisor = new CameraSupervisor({
      cameraId: 'latency',
      url: command.url,
      detect: command.detect,
      ffmpeg,
      watchdog,
      logger,
    });
    const got = new Promise<number>((resolveFirst) => {
      const off = supervisor.onFrame(() => {
        off();
        resolveFirst(performance.now());
      });
    });
    const t0 = performance.now();
    supervisor.start();
    const timeout = sleep(watchdog.stallTimeoutS * 1000).then(() => NaN);
    const at = await Promise.race([got, timeout]);
    await supervisor.stop();
    return at - t0;
  }

  process.on('message', (message: EngineCommand) => {
    const handle = async (): Promise<void> => {
      switch (message.type) {
        case 'start':
          return start(message);
        case 'count':
          return send({
            type: 'count',
            tallies: running.map((r) => r.tally.snapshot()),
            restarts: running.reduce((sum, r) => sum + r.supervisor.status().reconnects, 0),
          });
        case 'stop':
          await Promise.all(running.map((r) => r.supervisor.stop()));
          running = [];
          return send({ type: 'stopped' });
        case 'connect':
          return send({ type: 'connected', ms: await connect(message) });
        case 'exit':
          process.disconnect();
          return;
      }
    };
    handle().catch((error: unknown) => send({ type: 'failed', message: String(error) }));
  });
  send({ type: 'loaded', ffmpeg: `${ffmpeg.path} ${ffmpeg.version}` });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: String(error) });
  process.exitCode = 1;
  process.disconnect();
});
