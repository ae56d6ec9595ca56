/**
 * Cameras inside the engine: one supervisor per enabled camera. The views it returns carry the masked URL and
 * whether a password is set, never the password.
 */
import type { CameraView } from '../api/contract';
import type { CameraConfig } from '../config/camera-schema';
import { WatchdogConfigSchema } from '../domain/camera-watchdog';
import type { Logger } from '../log/logger';
import { CameraSupervisor, type CameraFrame, type CameraSignal } from '../media/camera-supervisor';
import type { FfmpegBinary } from '../media/ffmpeg';
import { formatRtspUrl, maskRtspUrl, parseRtspUrl, withCredentials } from '../media/rtsp-url';

export interface CameraRuntime {
  list(): CameraView[];
  onFrame(listener: (frame: CameraFrame) => void | Promise<void>): void;
  onSignal(listener: (signal: CameraSignal) => void): void;
  stop(): Promise<void>;
}

function fullUrl(camera: CameraConfig): string {
  const parsed = parseRtspUrl(camera.detectUrl);
  if (!parsed.ok) throw new Error(`camera ${camera.id}: ${parsed.message}`); // the config schema already checked it
  return formatRtspUrl(withCredentials(parsed.url, camera.username ?? null, camera.password ?? null), {
    credentials: 'full',
  });
}

function maskedUrl(camera: CameraConfig): string {
  const parsed = parseRtspUrl(camera.detectUrl);
  return parsed.ok ? maskRtspUrl(withCredentials(parsed.url, camera.username ?? null, camera.password ?? null)) : '';
}

export function startCameras(
  cameras: readonly CameraConfig[],
  ffmpeg: FfmpegBinary | null,
  logger: Logger,
): CameraRuntime {
  const watchdog = WatchdogConfigSchema.parse({});
  const supervisors = new Map<string, CameraSupervisor>();
  if (ffmpeg) {
    for (const camera of cameras.filter((c) => c.enabled)) {
      const supervisor = new CameraSupervisor({
        cameraId: camera.id,
        url: fullUrl(camera),
        detect: camera.detect,
        ffmpeg,
        watchdog,
        logger,
      });
      supervisors.set(camera.id, supervisor);
      supervisor.start();
    }
  } else if (cameras.length > 0) {
    logger.error({ module: 'ingest' }, 'no usable ffmpeg: cameras cannot stream');
  }
  return {
    list: () =>
      cameras.map((camera) => {
        const status = supervisors.get(camera.id)?.status() ?? null;
        return {
          id: camera.id,
          name: camera.name,
          gridCell: camera.gridCell,
          url: maskedUrl(camera),
          username: camera.username ?? null,
          hasPassword: camera.password !== undefined && camera.password !== '',
          enabled: camera.enabled,
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
        };
      }),
    onFrame: (listener) => supervisors.forEach((s) => s.onFrame(listener)),
    onSignal: (listener) => supervisors.forEach((s) => s.onSignal(listener)),
    stop: async () => {
      await Promise.all([...supervisors.values()].map((s) => s.stop()));
    },
  };
}
