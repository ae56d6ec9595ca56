/**
 * One camera's live picture for the video wall: a single ffmpeg reads the camera (RTSP over TCP, low-latency
 * probing, or a looped clip for the demo camera), samples it to a few frames per second, scales it down and
 * writes JPEG images, which are handed to every viewer of that camera. It starts with the first viewer, stops
 * a while after the last one left, and restarts with backoff when ffmpeg exits or stalls while viewers remain.
 * The camera URL (with its credentials) only goes to ffmpeg's command line: nothing from ffmpeg reaches a log
 * line or a status without going through redactText.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log/logger';
import { redactText } from '../log/redact';
import { cameraInputArgs } from './camera-supervisor';
import type { FfmpegBinary } from './ffmpeg';
import { JpegSplitter } from './jpeg-splitter';

export interface LiveViewer {
  /** One JPEG image; the viewer may drop it when it cannot keep up. */
  frame(jpeg: Buffer): void;
  /** The stream ended for good (camera removed or disabled, engine stopping). */
  end(reason: string): void;
}

export interface LivePicture {
  /** Largest width of the images; narrower cameras are not scaled up. */
  width: number;
  fps: number;
  /** JPEG quality scale of ffmpeg's mjpeg encoder, 2 (best) to 31. */
  quality: number;
}

export interface LiveStreamOptions {
  cameraId: string;
  /** The stream URL with its credentials (or a `file:` URL of a looped clip); never logged. */
  url: string;
  ffmpeg: FfmpegBinary;
  picture: LivePicture;
  /** No image for this long while running: ffmpeg is restarted. Also the RTSP socket timeout. */
  stallTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** How long the stream keeps running after its last viewer left (a page reload comes straight back). */
  idleStopMs: number;
  logger: Logger;
  /** Called once when the stream stopped because nobody watched it any more. */
  onIdle: () => void;
  now?: () => number;
}

export interface LiveStreamStatus {
  cameraId: string;
  viewers: number;
  running: boolean;
  /** ffmpeg starts after the first one (exits, stalls). */
  restarts: number;
  frames: number;
  lastFrameAt: number | null;
  lastError: string | null;
}

export function liveArgs(url: string, release: FfmpegBinary['release'], timeoutMs: number, picture: LivePicture) {
  const input = cameraInputArgs(url, release, timeoutMs);
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...input,
    ...['-an', '-sn', '-dn'],
    ...['-vf', `fps=${picture.fps},scale='min(${picture.width},iw)':-2`],
    ...['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', String(picture.quality)],
    ...['-flush_packets', '1', '-f', 'image2pipe', 'pipe:1'],
  ];
}

export class LiveStream {
  private readonly viewers = new Set<LiveViewer>();
  private child: ChildProcess | null = null;
  private readonly alive = new Set<ChildProcess>();
  private restartTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private starts = 0;
  private frames = 0;
  private lastFrame: { jpeg: Buffer; at: number } | null = null;
  private lastActivity = 0;
  private lastError: string | null = null;
  private stopped = false;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: LiveStreamOptions) {
    this.log = options.logger.child({ module: 'live', camera: options.cameraId });
    this.now = options.now ?? Date.now;
    this.backoffMs = options.backoffInitialMs;
  }

  /** Adds a viewer (starting ffmpeg when it is the first); returns the function that removes it again. */
  add(viewer: LiveViewer): () => void {
    if (this.stopped) {
      viewer.end('stopped');
      return () => undefined;
    }
    this.viewers.add(viewer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    // a recent picture at once, so a new tile is not blank until the next image
    if (this.lastFrame && this.now() - this.lastFrame.at < 2000) viewer.frame(this.lastFrame.jpeg);
    if (!this.child && !this.restartTimer) this.spawn();
    return () => this.remove(viewer);
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  status(): LiveStreamStatus {
    return {
      cameraId: this.options.cameraId,
      viewers: this.viewers.size,
      running: this.child !== null,
      restarts: Math.max(0, this.starts - 1),
      frames: this.frames,
      lastFrameAt: this.lastFrame?.at ?? null,
      lastError: this.lastError,
    };
  }

  /** Ends every viewer and stops ffmpeg for good. */
  async stop(reason: string): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    for (const viewer of [...this.viewers]) viewer.end(reason);
    this.viewers.clear();
    await Promise.all([...this.alive].map((child) => killChild(child)));
    this.child = null;
  }

  private remove(viewer: LiveViewer): void {
    if (!this.viewers.delete(viewer) || this.viewers.size > 0 || this.stopped) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.viewers.size > 0) return;
      this.stopped = true;
      this.clearTimers();
      this.log.info('no viewers left: live stream stopped');
      void Promise.all([...this.alive].map((child) => killChild(child)));
      this.child = null;
      this.options.onIdle();
    }, this.options.idleStopMs);
  }

  private clearTimers(): void {
    for (const timer of [this.restartTimer, this.idleTimer]) if (timer) clearTimeout(timer);
    if (this.stallTimer) clearInterval(this.stallTimer);
    this.restartTimer = this.idleTimer = this.stallTimer = null;
  }

  private spawn(): void {
    const { ffmpeg, url, picture, stallTimeoutMs } = this.options;
    this.starts += 1;
    this.lastActivity = this.now();
    const child = spawn(ffmpeg.path, liveArgs(url, ffmpeg.release, stallTimeoutMs, picture), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.alive.add(child);
    if (this.starts === 1) this.log.info({ viewers: this.viewers.size }, 'live stream started');
    const splitter = new JpegSplitter();
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const jpeg of splitter.push(chunk)) this.deliver(jpeg);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error) => {
      this.lastError = redactText(error.message);
    });
    child.on('close', (code) => {
      this.alive.delete(child);
      const message = redactText(stderr.trim().split('\n').pop() ?? '');
      if (message) this.lastError = message;
      if (this.child !== child) return;
      this.child = null;
      if (this.stallTimer) clearInterval(this.stallTimer);
      this.stallTimer = null;
      if (this.stopped || this.viewers.size === 0) return;
      this.scheduleRestart(code);
    });
    this.stallTimer = setInterval(
      () => {
        if (this.child === child && this.now() - this.lastActivity > stallTimeoutMs) {
          this.lastError = 'no picture within the stall timeout';
          this.log.warn('no picture within the stall timeout: restarting ffmpeg');
          void killChild(child);
        }
      },
      Math.min(1000, stallTimeoutMs),
    );
  }

  private scheduleRestart(code: number | null): void {
    const delayMs = Math.round(this.backoffMs * (0.8 + Math.random() * 0.4));
    this.backoffMs = Math.min(this.options.backoffMaxMs, this.backoffMs * 2);
    this.log.info({ code, delayMs, lastError: this.lastError }, 'live ffmpeg exited: restart scheduled');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped && this.viewers.size > 0) this.spawn();
    }, delayMs);
  }

  private deliver(jpeg: Buffer): void {
    const at = this.now();
    this.frames += 1;
    this.lastActivity = at;
    this.lastFrame = { jpeg, at };
    this.backoffMs = this.options.backoffInitialMs;
    for (const viewer of this.viewers) viewer.frame(jpeg);
  }
}

function killChild(child: ChildProcess): Promise<void> {
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
