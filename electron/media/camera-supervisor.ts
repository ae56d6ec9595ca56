/**
 * One camera's ingest: runs ffmpeg on the detect stream (RTSP over TCP, a socket timeout, low-latency probing),
 * assembles raw BGR24 frames of exactly the detect size from the pipe, and carries out what the pure watchdog
 * (domain/camera-watchdog.ts) decides: start, stop on a stall, reconnect with backoff, offline/back signals.
 * Downstream backpressure: while the consumer is busy only the newest frame waits; older ones are dropped and
 * counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emptyHealth, figures, record, type HealthFigures, type HealthWindow } from '../domain/camera-health';
import {
  initialWatchdog,
  step,
  type CameraState,
  type WatchdogConfig,
  type WatchdogEffect,
} from '../domain/camera-watchdog';
import type { Logger } from '../log/logger';
import { redactText } from '../log/redact';
import type { RawFrame } from '../vision/types';
import type { FfmpegBinary } from './ffmpeg';
import { FrameAssembler } from './frame-source';
import { socketTimeoutArgs } from './probe';

export interface DetectSize {
  fps: number;
  width: number;
  height: number;
}

export interface CameraFrame extends RawFrame {
  cameraId: string;
  /** When the frame was read from ffmpeg, ms since the epoch. */
  capturedAt: number;
}

export type CameraSignal =
  | { type: 'state-changed'; cameraId: string; from: CameraState; to: CameraState }
  | { type: 'camera-offline'; cameraId: string; sinceMs: number }
  | { type: 'camera-back'; cameraId: string; offlineForMs: number };

export interface SupervisorOptions {
  cameraId: string;
  /**
   * The stream URL with its credentials: used only to start ffmpeg, never logged or shown. A `file:` URL plays
   * a local clip as a camera, in real time and looped (see loopFilePath).
   */
  url: string;
  detect: DetectSize;
  ffmpeg: FfmpegBinary;
  watchdog: WatchdogConfig;
  logger: Logger;
  /** Decode key frames only (see ingestArgs). */
  keyframesOnly?: boolean;
  /** How often the watchdog looks at the clock. */
  tickMs?: number;
  now?: () => number;
  random?: () => number;
}

export interface CameraStatus extends HealthFigures {
  cameraId: string;
  state: CameraState;
  reconnects: number;
  lastError: string | null;
}

export interface IngestArgsOptions {
  /** Decode key frames only (`-skip_frame nokey`): far less CPU on weak machines, at the camera's GOP rate. */
  keyframesOnly?: boolean;
}

/**
 * A `file:` URL names a local clip played as a camera: in real time (`-re`), looped forever. That is the demo
 * camera, and a way for technicians to replay recorded footage through the pipeline.
 */
export function loopFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

/**
 * ffmpeg's input options for a camera, shared by ingest and the live picture: a `file:` URL loops in real time
 * (the demo camera); RTSP is pulled over TCP with a socket timeout and low-latency probing.
 */
export function cameraInputArgs(url: string, release: FfmpegBinary['release'], timeoutMs: number): string[] {
  const file = loopFilePath(url);
  if (file) return ['-re', '-stream_loop', '-1', '-i', file];
  return [
    ...['-rtsp_transport', 'tcp', ...socketTimeoutArgs(release, timeoutMs)],
    // low-latency probing; `-fflags nobuffer -flags low_delay` were measured to delay the first frame (1.1 s → 3.9 s)
    ...['-analyzeduration', '0', '-probesize', '32768', '-i', url],
  ];
}

export function ingestArgs(
  url: string,
  detect: DetectSize,
  release: FfmpegBinary['release'],
  timeoutMs: number,
  options: IngestArgsOptions = {},
) {
  const input = cameraInputArgs(url, release, timeoutMs);
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...(options.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
    ...input,
    ...['-an', '-sn', '-dn'],
    ...['-vf', `fps=${detect.fps},scale=${detect.width}:${detect.height}`],
    ...['-f', 'rawvideo', '-pix_fmt', 'bgr24', 'pipe:1'],
  ];
}

type FrameListener = (frame: CameraFrame) => void | Promise<void>;
type SignalListener = (signal: CameraSignal) => void;

export class CameraSupervisor {
  private watch = initialWatchdog();
  private health: HealthWindow = emptyHealth();
  private child: { run: number; process: ChildProcess } | null = null;
  /** Every ffmpeg still alive, the current one and any stopped one not yet gone: stop() waits for them all. */
  private readonly alive = new Set<ChildProcess>();
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private reconnects = 0;
  private lastError: string | null = null;
  private consumerBusy = false;
  private waiting: CameraFrame | null = null;
  private readonly frameListeners = new Set<FrameListener>();
  private readonly signalListeners = new Set<SignalListener>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: SupervisorOptions) {
    this.log = options.logger.child({ module: 'ingest', camera: options.cameraId });
    this.now = options.now ?? Date.now;
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onSignal(listener: SignalListener): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.apply({ type: 'enable' });
    this.timer = setInterval(() => this.apply({ type: 'tick' }), this.options.tickMs ?? 500);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.apply({ type: 'disable' });
    await this.killCurrent();
    this.stopped = true;
    await Promise.all([...this.alive].map((child) => this.kill(child)));
  }

  status(): CameraStatus {
    const now = this.now();
    const streamingFor = this.watch.streamingSince === null ? 0 : now - this.watch.streamingSince;
    return {
      cameraId: this.options.cameraId,
      state: this.watch.state,
      reconnects: this.reconnects,
      lastError: this.lastError,
      ...figures(this.health, this.watch.state, this.options.detect.fps, now, streamingFor),
    };
  }

  private apply(event: Parameters<typeof step>[1]): void {
    const random = (this.options.random ?? Math.random)();
    const result = step(this.watch, event, this.now(), this.options.watchdog, random);
    this.watch = result.state;
    for (const effect of result.effects) this.carryOut(effect);
  }

  private carryOut(effect: WatchdogEffect): void {
    const cameraId = this.options.cameraId;
    switch (effect.type) {
      case 'start-ffmpeg':
        if (effect.run > 1) {
          this.reconnects += 1;
          this.health = record(this.health, 'reconnect', this.now());
        }
        return this.spawn(effect.run);
      case 'stop-ffmpeg':
        if (effect.reason === 'stalled') {
          this.health = record(this.health, 'stall', this.now());
          this.log.warn('no frame within the stall timeout: restarting ffmpeg');
        }
        void this.killCurrent();
        return;
      case 'reconnect-scheduled':
        this.log.info({ delayMs: effect.delayMs }, 'reconnect scheduled');
        return;
      case 'state-changed':
        return this.emit({ type: 'state-changed', cameraId, from: effect.from, to: effect.to });
      case 'camera-offline':
        this.log.error({ sinceMs: effect.sinceMs }, 'camera offline');
        return this.emit({ type: 'camera-offline', cameraId, sinceMs: effect.sinceMs });
      case 'camera-back':
        this.log.info({ offlineForMs: effect.offlineForMs }, 'camera back');
        return this.emit({ type: 'camera-back', cameraId, offlineForMs: effect.offlineForMs });
    }
  }

  private emit(signal: CameraSignal): void {
    for (const listener of this.signalListeners) listener(signal);
  }

  private spawn(run: number): void {
    const { detect, ffmpeg, url, watchdog } = this.options;
    const args = ingestArgs(url, detect, ffmpeg.release, watchdog.stallTimeoutS * 1000, {
      keyframesOnly: this.options.keyframesOnly ?? false,
    });
    const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = { run, process: child };
    this.alive.add(child);
    const assembler = new FrameAssembler(detect.width * detect.height * 3);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const data of assembler.push(chunk)) this.onFrameBytes(run, data);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error) => {
      this.lastError = redactText(error.message);
    });
    child.on('close', (code) => {
      this.alive.delete(child);
      const message = redactText(stderr.trim().split('\n').pop() ?? '');
      if (message) this.lastError = message;
      if (this.child?.process === child) this.child = null;
      if (this.stopped) return;
      this.log.info({ code, lastError: message || null }, 'ffmpeg exited');
      this.apply({ type: 'exited', run, code });
    });
  }

  private onFrameBytes(run: number, data: Uint8Array): void {
    const now = this.now();
    this.health = record(this.health, 'frame-in', now);
    this.apply({ type: 'frame', run });
    if (run !== this.watch.run) return;
    const { width, height } = this.options.detect;
    const frame: CameraFrame = { cameraId: this.options.cameraId, width, height, data, capturedAt: now };
    if (this.consumerBusy) {
      if (this.waiting) this.health = record(this.health, 'drop', now);
      this.waiting = frame;
      return;
    }
    void this.deliver(frame);
  }

  private async deliver(frame: CameraFrame): Promise<void> {
    this.consumerBusy = true;
    let next: CameraFrame | null = frame;
    while (next) {
      this.health = record(this.health, 'frame-out', this.now());
      const current: CameraFrame = next;
      await Promise.all([...this.frameListeners].map(async (listener) => listener(current))).catch((error: unknown) =>
        this.log.error({ err: error }, 'frame consumer failed'),
      );
      next = this.waiting;
      this.waiting = null;
    }
    this.consumerBusy = false;
  }

  private killCurrent(): Promise<void> {
    const current = this.child;
    if (!current) return Promise.resolve();
    this.child = null;
    return this.kill(current.process);
  }

  private kill(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 1000);
      child.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
