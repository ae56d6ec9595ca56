/**
 * Cameras inside the engine: the cameras of the configuration file, those stored in the database, and the demo
 * camera, with one supervisor per enabled camera. Cameras can be added, changed and removed while the engine
 * runs; a changed camera's supervisor is restarted. The views it returns carry the masked URL and whether a
 * password is set, never the password.
 */
import { pathToFileURL } from 'node:url';
import type { CameraView } from '../api/contract';
import type { CameraConfig } from '../config/camera-schema';
import { WatchdogConfigSchema, type WatchdogConfig } from '../domain/camera-watchdog';
import type { Logger } from '../log/logger';
import { CameraSupervisor, type CameraFrame, type CameraSignal } from '../media/camera-supervisor';
import type { FfmpegBinary } from '../media/ffmpeg';
import { formatRtspUrl, maskRtspUrl, parseRtspUrl, withCredentials } from '../media/rtsp-url';

export type CameraSource = CameraView['source'];

/** A camera as the engine runs it: its settings and where they come from. */
export interface CameraEntry {
  source: CameraSource;
  camera: CameraConfig;
  /** For the demo camera: the clip it plays (its detectUrl is only a label). */
  clipPath?: string;
}

/** The full URL of a stream, credentials included: only for ffmpeg's command line. */
export function streamUrl(camera: CameraConfig, which: 'detect' | 'record' = 'detect'): string {
  const text = which === 'record' ? (camera.recordUrl ?? camera.detectUrl) : camera.detectUrl;
  const parsed = parseRtspUrl(text);
  if (!parsed.ok) throw new Error(`camera ${camera.id}: ${parsed.message}`); // the camera schema already checked it
  return formatRtspUrl(withCredentials(parsed.url, camera.username ?? null, camera.password ?? null), {
    credentials: 'full',
  });
}

function masked(camera: CameraConfig, text: string | undefined): string | null {
  if (text === undefined) return null;
  const parsed = parseRtspUrl(text);
  return parsed.ok ? maskRtspUrl(withCredentials(parsed.url, camera.username ?? null, camera.password ?? null)) : '';
}

export function ingestUrl(entry: CameraEntry): string {
  return entry.clipPath !== undefined ? pathToFileURL(entry.clipPath).href : streamUrl(entry.camera);
}

type FrameListener = (frame: CameraFrame) => void | Promise<void>;
type SignalListener = (signal: CameraSignal) => void;

export interface CameraManagerOptions {
  ffmpeg: FfmpegBinary | null;
  logger: Logger;
  watchdog?: WatchdogConfig;
  keyframesOnly?: boolean;
}

export class CameraManager {
  private readonly entries = new Map<string, CameraEntry>();
  private readonly supervisors = new Map<string, CameraSupervisor>();
  private readonly frameListeners = new Set<FrameListener>();
  private readonly signalListeners = new Set<SignalListener>();
  private readonly watchdog: WatchdogConfig;
  private readonly log: Logger;

  constructor(private readonly options: CameraManagerOptions) {
    this.watchdog = options.watchdog ?? WatchdogConfigSchema.parse({});
    this.log = options.logger.child({ module: 'ingest' });
  }

  /** Adds or replaces a camera, (re)starting its supervisor when it is enabled. */
  async set(entry: CameraEntry): Promise<void> {
    const id = entry.camera.id;
    await this.stopSupervisor(id);
    this.entries.set(id, entry);
    if (!entry.camera.enabled) return;
    if (!this.options.ffmpeg) {
      this.log.error({ camera: id }, 'no usable ffmpeg: the camera cannot stream');
      return;
    }
    const supervisor = new CameraSupervisor({
      cameraId: id,
      url: ingestUrl(entry),
      detect: entry.camera.detect,
      ffmpeg: this.options.ffmpeg,
      watchdog: this.watchdog,
      logger: this.options.logger,
      keyframesOnly: this.options.keyframesOnly ?? false,
    });
    supervisor.onFrame((frame) => this.emitFrame(frame));
    supervisor.onSignal((signal) => this.signalListeners.forEach((listener) => listener(signal)));
    this.supervisors.set(id, supervisor);
    supervisor.start();
  }

  async remove(id: string): Promise<boolean> {
    await this.stopSupervisor(id);
    return this.entries.delete(id);
  }

  get(id: string): CameraEntry | undefined {
    return this.entries.get(id);
  }

  entriesList(): CameraEntry[] {
    return [...this.entries.values()];
  }

  views(pipeline: (id: string) => CameraView['pipeline']): CameraView[] {
    return this.entriesList().map(({ camera, source }) => {
      const status = this.supervisors.get(camera.id)?.status() ?? null;
      return {
        id: camera.id,
        name: camera.name,
        gridCell: camera.gridCell,
        source,
        url: source === 'demo' ? camera.detectUrl : (masked(camera, camera.detectUrl) ?? ''),
        recordUrl: source === 'demo' ? null : masked(camera, camera.recordUrl),
        username: camera.username ?? null,
        hasPassword: camera.password !== undefined && camera.password !== '',
        enabled: camera.enabled,
        position: camera.position ?? null,
        headingDeg: camera.headingDeg ?? null,
        detect: camera.detect,
        status: status && {
          state: status.state,
          fpsIn: status.fpsIn,
          fpsOut: status.fpsOut,
          reconnectsLastHour: status.reconnectsLastHour,
          stallsLastHour: status.stallsLastHour,
          dropped: status.dropped,
          grade: status.grade,
          lastError: status.lastError,
        },
        pipeline: pipeline(camera.id),
      };
    });
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onSignal(listener: SignalListener): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.supervisors.keys()].map((id) => this.stopSupervisor(id)));
  }

  private async emitFrame(frame: CameraFrame): Promise<void> {
    await Promise.all([...this.frameListeners].map(async (listener) => listener(frame)));
  }

  private async stopSupervisor(id: string): Promise<void> {
    const supervisor = this.supervisors.get(id);
    if (!supervisor) return;
    this.supervisors.delete(id);
    await supervisor.stop();
  }
}
