/**
 * The video wall's live pictures: at most one LiveStream per camera, shared by all its viewers, and at most
 * `live.maxStreams` of them at once. A stream lingering after its last viewer left gives way to a new camera
 * when the cap is reached. Refusals are data with stable codes (NOT_FOUND, CONFLICT, UNAVAILABLE).
 */
import { fail, type Result } from '../api/result';
import type { LiveConfig } from '../config/live-schema';
import type { WatchdogConfig } from '../domain/camera-watchdog';
import type { Logger } from '../log/logger';
import type { FfmpegBinary } from '../media/ffmpeg';
import { LiveStream, type LiveStreamStatus, type LiveViewer } from '../media/live-stream';
import { ingestUrl, type CameraEntry } from './cameras';

export interface LiveHandle {
  /** Removes this viewer; the stream stops `idleStopS` after the last one. */
  close(): void;
}

export interface LiveHubOptions {
  config: LiveConfig;
  watchdog: Pick<WatchdogConfig, 'stallTimeoutS' | 'backoffInitialS' | 'backoffMaxS'>;
  camera: (id: string) => CameraEntry | undefined;
  ffmpeg: () => FfmpegBinary | null;
  logger: Logger;
}

export class LiveHub {
  private readonly streams = new Map<string, LiveStream>();
  private readonly log: Logger;
  private stopped = false;

  constructor(private readonly options: LiveHubOptions) {
    this.log = options.logger.child({ module: 'live' });
  }

  open(cameraId: string, viewer: LiveViewer): Result<LiveHandle> {
    if (this.stopped) return fail('UNAVAILABLE', 'the engine is stopping');
    const entry = this.options.camera(cameraId);
    if (!entry) return fail('NOT_FOUND', `no camera "${cameraId}"`);
    if (!entry.camera.enabled) return fail('CONFLICT', `camera "${cameraId}" is disabled: enable it to watch it live`);
    const ffmpeg = this.options.ffmpeg();
    if (!ffmpeg) return fail('UNAVAILABLE', 'no usable ffmpeg: live pictures are unavailable');
    let stream = this.streams.get(cameraId);
    if (!stream) {
      if (this.streams.size >= this.options.config.maxStreams && !this.evictIdle()) {
        const cap = this.options.config.maxStreams;
        this.log.warn({ camera: cameraId, cap }, 'live stream refused: at the cap');
        return fail(
          'UNAVAILABLE',
          `${cap} cameras are streamed live already (live.maxStreams): close another view or raise the cap`,
        );
      }
      stream = this.create(entry, ffmpeg);
    }
    const remove = stream.add(viewer);
    return { ok: true, data: { close: remove } };
  }

  /** A camera was changed or removed: its viewers are ended (they reconnect to the new settings). */
  async refresh(cameraId: string): Promise<void> {
    const stream = this.streams.get(cameraId);
    if (!stream) return;
    this.streams.delete(cameraId);
    await stream.stop('camera changed');
  }

  status(): LiveStreamStatus[] {
    return [...this.streams.values()].map((stream) => stream.status());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const streams = [...this.streams.values()];
    this.streams.clear();
    await Promise.all(streams.map((stream) => stream.stop('engine stopping')));
  }

  private create(entry: CameraEntry, ffmpeg: FfmpegBinary): LiveStream {
    const { config, watchdog } = this.options;
    const cameraId = entry.camera.id;
    const stream: LiveStream = new LiveStream({
      cameraId,
      url: ingestUrl(entry),
      ffmpeg,
      picture: { width: config.width, fps: config.fps, quality: config.quality },
      stallTimeoutMs: watchdog.stallTimeoutS * 1000,
      backoffInitialMs: watchdog.backoffInitialS * 1000,
      backoffMaxMs: watchdog.backoffMaxS * 1000,
      idleStopMs: config.idleStopS * 1000,
      logger: this.options.logger,
      onIdle: () => {
        if (this.streams.get(cameraId) === stream) this.streams.delete(cameraId);
      },
    });
    this.streams.set(cameraId, stream);
    return stream;
  }

  /** Stops one stream that nobody watches (it was only lingering); false when every stream has viewers. */
  private evictIdle(): boolean {
    for (const [id, stream] of this.streams) {
      if (stream.viewerCount > 0) continue;
      this.streams.delete(id);
      void stream.stop('evicted');
      return true;
    }
    return false;
  }
}
