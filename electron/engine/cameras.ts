/**
 * Cameras inside the engine: the cameras of the configuration file, those stored in the database, and the demo
 * camera, with one supervisor per enabled camera. Cameras can be added, changed and removed while the engine
 * runs; a changed camera's supervisor is restarted. The views it returns carry the masked URL and whether a
 * password is set, never the password.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CameraView } from '../api/contract';
import type { CameraConfig } from '../config/camera-schema';
import { WatchdogConfigSchema, type WatchdogConfig } from '../domain/camera-watchdog';
import type { CameraPlace } from '../domain/correlator';
import type { Logger } from '../log/logger';
import { CameraSupervisor, type CameraFrame, type CameraSignal } from '../media/camera-supervisor';
import type { FfmpegBinary } from '../media/ffmpeg';
import { CameraRecorder, type RecorderInput, type RecorderStatus } from '../media/recorder';
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

export interface RecordingOptions {
  /** Parent folder of the rings: one sub-folder per camera id. */
  dir: string;
  segmentS: number;
  maxAgeS: number;
  budgetBytes: number;
}

export interface CameraManagerOptions {
  ffmpeg: FfmpegBinary | null;
  logger: Logger;
  watchdog?: WatchdogConfig;
  keyframesOnly?: boolean;
  /** Record every enabled camera into a ring; null records nothing. */
  recording?: RecordingOptions | null;
}

export function recorderInput(entry: CameraEntry): RecorderInput {
  return entry.clipPath !== undefined
    ? { kind: 'file-loop', path: entry.clipPath }
    : { kind: 'rtsp', url: streamUrl(entry.camera, 'record') };
}

function recordingView(status: RecorderStatus, budgetBytes: number): NonNullable<CameraView['recording']> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    state: status.state,
    segments: status.segments,
    bytes: status.bytes,
    budgetBytes,
    oldestAt: iso(status.oldestAt),
    newestAt: iso(status.newestAt),
    restarts: status.restarts,
    lastError: status.lastError && {
      code: status.lastError.code,
      message: status.lastError.message,
      at: new Date(status.lastError.at).toISOString(),
    },
  };
}

export class CameraManager {
  private readonly entries = new Map<string, CameraEntry>();
  private readonly supervisors = new Map<string, CameraSupervisor>();
  private readonly recorders = new Map<string, CameraRecorder>();
  /** Grid cell and position by camera id, for the correlator; rebuilt only when a camera is set or removed. */
  private placesCache: ReadonlyMap<string, CameraPlace> | null = null;
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
    this.placesCache = null;
    if (!entry.camera.enabled) return;
    this.startRecorder(entry);
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

  /** The folder of a camera's recording ring, or null when nothing is recorded. */
  ringDir(id: string): string | null {
    const recording = this.options.recording;
    return recording ? join(recording.dir, id) : null;
  }

  async remove(id: string): Promise<boolean> {
    await this.stopSupervisor(id);
    this.placesCache = null;
    return this.entries.delete(id);
  }

  /** Where each camera is (grid cell, position): asked on every detector frame, so kept between changes. */
  places(): ReadonlyMap<string, CameraPlace> {
    this.placesCache ??= new Map(
      [...this.entries.values()].map(({ camera }) => [
        camera.id,
        { gridCell: camera.gridCell, position: camera.position ?? null },
      ]),
    );
    return this.placesCache;
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
        recording: this.recordingOf(camera.id),
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
    const ids = new Set([...this.supervisors.keys(), ...this.recorders.keys()]);
    await Promise.all([...ids].map((id) => this.stopSupervisor(id)));
  }

  private async emitFrame(frame: CameraFrame): Promise<void> {
    await Promise.all([...this.frameListeners].map(async (listener) => listener(frame)));
  }

  recorderStatus(id: string): RecorderStatus | null {
    return this.recorders.get(id)?.status() ?? null;
  }

  private recordingOf(id: string): CameraView['recording'] {
    const recorder = this.recorders.get(id);
    const budget = this.options.recording?.budgetBytes ?? 0;
    return recorder ? recordingView(recorder.status(), budget) : null;
  }

  private startRecorder(entry: CameraEntry): void {
    const { recording, ffmpeg } = this.options;
    if (!recording || !ffmpeg) return;
    const id = entry.camera.id;
    const recorder = new CameraRecorder({
      cameraId: id,
      input: recorderInput(entry),
      dir: join(recording.dir, id),
      segmentS: recording.segmentS,
      maxAgeS: recording.maxAgeS,
      budgetBytes: recording.budgetBytes,
      ffmpeg,
      logger: this.options.logger,
      socketTimeoutS: this.watchdog.stallTimeoutS,
      backoffInitialS: this.watchdog.backoffInitialS,
      backoffMaxS: this.watchdog.backoffMaxS,
    });
    this.recorders.set(id, recorder);
    void recorder.start();
  }

  /** Stops the camera's ingest and its recorder (which closes its last segment properly). */
  private async stopSupervisor(id: string): Promise<void> {
    const supervisor = this.supervisors.get(id);
    const recorder = this.recorders.get(id);
    this.supervisors.delete(id);
    this.recorders.delete(id);
    await Promise.all([supervisor?.stop(), recorder?.stop()]);
  }
}
