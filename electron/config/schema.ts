/**
 * The configuration file's schema: every field has a default, bounds where they matter and a description.
 * The technician's settings screens are generated from this schema (z.toJSONSchema keeps the descriptions).
 */
import { z } from 'zod';
import { LanguageSchema, LogLevelSchema } from '../api/contract';
import { MotionGateConfigSchema } from '../vision/motion-config';
import { WatchdogConfigSchema } from '../domain/camera-watchdog';
import { IncidentCoreConfigSchema } from '../domain/incident-core';
import { CamerasSchema } from './camera-schema';
import { LiveConfigSchema } from './live-schema';
import { TasksConfigSchema } from './tasks-schema';
import { InspectorsConfigSchema, LanConfigSchema } from './inspectors-schema';

const ServerSchema = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe(
        'Address the HTTP/WebSocket shell listens on. 127.0.0.1 keeps it on this machine; set a LAN address ' +
          '(or 0.0.0.0) only to serve other machines of the centre and inspectors’ phones.',
      ),
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8640)
      .describe('TCP port of the HTTP/WebSocket shell; 0 picks a free port.'),
    bodyLimitKb: z
      .number()
      .int()
      .min(16)
      .max(65536)
      .default(1024)
      .describe('Largest request body accepted, in KiB; larger requests are refused with PAYLOAD_TOO_LARGE.'),
    lan: LanConfigSchema.describe('HTTPS listener on the LAN for inspectors’ phones (off unless enabled).'),
  })
  .prefault({});

const FfmpegSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Path of the ffmpeg binary. When unset (or unusable) Anxun uses `ffmpeg` on PATH, then the build ' +
          'carried by the @ffmpeg-installer/ffmpeg npm package.',
      ),
  })
  .prefault({});

const LogSchema = z
  .strictObject({
    level: LogLevelSchema.default('info').describe('Lowest level written to the log file and to stderr.'),
    fileSizeMb: z
      .number()
      .min(1)
      .max(1024)
      .default(10)
      .describe('Size in MiB at which the log file in the data folder is rotated.'),
    keepFiles: z.number().int().min(1).max(100).default(5).describe('Rotated log files kept; older ones are deleted.'),
  })
  .prefault({});

const DetectionSchema = z
  .strictObject({
    threads: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(1)
      .describe(
        'onnxruntime threads per model session. 1 leaves the other cores to video decoding; raise it on machines ' +
          'with spare cores and few cameras.',
      ),
    modelsDir: z
      .string()
      .min(1)
      .optional()
      .describe('Folder of model files and their manifests; default: the models shipped with Anxun.'),
    models: z
      .array(z.string().min(1))
      .optional()
      .describe('Ids of the models to load (see `models/*.manifest.json`); default: every shipped model.'),
    motion: MotionGateConfigSchema.prefault({}).describe(
      'Motion gate in front of the detector: which frames and regions are worth a detection run.',
    ),
  })
  .prefault({});

const IngestSchema = WatchdogConfigSchema.extend({
  keyframesOnly: z
    .boolean()
    .default(false)
    .describe(
      'Decode only key frames of the detect streams (`-skip_frame nokey`): far less CPU on weak machines, but ' +
        'detection then sees one frame per key-frame interval (often 1–4 s). See `npm run bench:ingest`.',
    ),
}).prefault({});

const DemoSchema = z
  .strictObject({
    camera: z
      .boolean()
      .default(false)
      .describe(
        'Add a demo camera that plays a short real clip (a CCTV camera watching a fire by a wall) in real time, ' +
          'looped, through the whole pipeline: no RTSP server or camera needed. `npm run demo` turns it on.',
      ),
    clip: z
      .string()
      .min(1)
      .optional()
      .describe('Video file the demo camera plays; default: fixtures/clips/fire_cctv_fire8.mp4 shipped with Anxun.'),
  })
  .prefault({});

const RecordingSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Record every enabled camera into a ring of short segments.'),
    segmentS: z
      .number()
      .int()
      .min(2)
      .max(60)
      .default(4)
      .describe('Target length of a segment; ffmpeg cuts at the next key frame after it.'),
    maxAgeH: z
      .number()
      .min(0.01)
      .max(24 * 90)
      .default(72)
      .describe('Segments older than this are deleted.'),
    budgetMb: z
      .number()
      .int()
      .min(4)
      .max(16 * 1024 * 1024)
      .default(20 * 1024)
      .describe('Disk budget of one camera’s ring in MiB; the oldest segments go first when it is reached.'),
    clipPreS: z.number().min(0).max(120).default(5).describe('Seconds of video kept before an event in a clip.'),
    clipPostS: z.number().min(0).max(300).default(10).describe('Seconds of video kept after an event in a clip.'),
  })
  .prefault({});

const UiSchema = z
  .strictObject({
    defaultLanguage: LanguageSchema.default('zh-CN').describe(
      'Language of the interface until a user chooses another one (zh-CN or en).',
    ),
  })
  .prefault({});

export const ConfigSchema = z.strictObject({
  server: ServerSchema.describe('HTTP/WebSocket shell.'),
  ffmpeg: FfmpegSchema.describe('The ffmpeg binary used for camera ingest, recording and clips.'),
  detection: DetectionSchema.describe('Detection models and the detector service.'),
  cameras: CamerasSchema.describe(
    'Cameras fixed by this file (read-only in the interface); cameras added in the interface are stored in the ' +
      'database.',
  ),
  ingest: IngestSchema.describe('How every camera is read: stall timeout, reconnect backoff, offline debounce.'),
  incidents: IncidentCoreConfigSchema.prefault({}).describe(
    'From detections to incidents: tracking, confirmation per camera and label, zones and masks per camera, ' +
      'correlation of near cameras.',
  ),
  tasks: TasksConfigSchema.describe(
    'Patrol tasks: which incidents become tasks, time limits per tier and stage, escalation, camera maintenance.',
  ),
  recording: RecordingSchema.describe('The recording ring on disk, and clips cut from it.'),
  live: LiveConfigSchema.describe('Live pictures of the video wall, served at /live/<camera>.mjpg.'),
  demo: DemoSchema.describe('The demo camera.'),
  inspectors: InspectorsConfigSchema.describe('Inspectors’ phones: pairing codes and photo uploads.'),
  log: LogSchema.describe('Structured log written to the data folder and to stderr.'),
  ui: UiSchema.describe('Interface defaults.'),
});

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** The configuration used when no file is given. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
