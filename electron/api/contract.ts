/**
 * The one API contract between the engine and its shells (Electron IPC, HTTP/WebSocket) and the renderer.
 * Requests are `noun:verb`, pushed messages are `noun:past-tense`. This module imports only zod (and the parts
 * of the contract kept in files of their own) so that the renderer can share it.
 */
import { z } from 'zod';
import { datasetRequests } from './dataset-contract';
import { gridPushes, gridRequests } from './grid-contract';
import { incidentPushes, incidentRequests } from './incidents-contract';
import { inspectorDeskPushes, inspectorDeskRequests } from './inspector-contract';
import { reportRequests } from './reports-contract';
import { taskPushes, taskRequests } from './tasks-contract';
import { zonePushes, zoneRequests } from './zones-contract';
import { tuningPushes, tuningRequests } from './tuning-contract';

export { IncidentViewSchema, type IncidentView } from './incidents-contract';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const LogLevelSchema = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevelSchema>;

const NoInput = z.object({}).strict();

export const FfmpegInfoSchema = z.object({
  available: z.boolean(),
  source: z.enum(['config', 'path', 'bundled']).nullable(),
  path: z.string().nullable(),
  version: z.string().nullable(),
  error: z.string().nullable(),
});
export type FfmpegInfo = z.infer<typeof FfmpegInfoSchema>;

export const SystemStatusSchema = z.object({
  app: z.object({ name: z.string(), version: z.string() }),
  shell: z.enum(['electron', 'http']),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    onnxruntime: z.string(),
    sqlite: z.string(),
    ffmpeg: z.string().nullable(),
  }),
  ffmpeg: FfmpegInfoSchema,
  dataDir: z.string(),
  database: z.object({ path: z.string(), schemaVersion: z.number().int().nonnegative() }),
  startedAt: z.iso.datetime(),
  uptimeS: z.number().nonnegative(),
  platform: z.string(),
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;

export const PreferencesSchema = z.object({
  language: LanguageSchema,
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const LogEntrySchema = z.object({
  time: z.iso.datetime(),
  level: LogLevelSchema,
  msg: z.string(),
  module: z.string().nullable(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const ModelStatusSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  classes: z.array(z.string()),
  /** available: loaded and running; unavailable: the reason says why (missing file, checksum, corrupt...). */
  status: z.enum(['available', 'starting', 'unavailable']),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  attribution: z.string().nullable(),
  stats: z
    .object({
      processed: z.number().int().nonnegative(),
      superseded: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      queued: z.number().int().nonnegative(),
      restarts: z.number().int().nonnegative(),
      inferMsP50: z.number().nullable(),
      inferMsP95: z.number().nullable(),
    })
    .nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

export const CameraStateSchema = z.enum(['disabled', 'connecting', 'streaming', 'stalled', 'offline']);

export const CameraIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" and "-", at most 64');

const DetectSizeSchema = z.strictObject({
  fps: z.number().min(0.1).max(10),
  width: z.number().int().min(64).max(3840),
  height: z.number().int().min(64).max(2160),
});

const PositionSchema = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** What the detection pipeline did with a camera's frames since it started. */
export const CameraPipelineSchema = z.object({
  /** Frames the motion gate looked at. */
  frames: z.number().int().nonnegative(),
  /** Frames the gate let through to the detector (motion, periodic full scans, light changes). */
  detected: z.number().int().nonnegative(),
  /** Frames skipped because nothing moved. */
  skipped: z.number().int().nonnegative(),
  /**
   * Of `detected`, frames sent whole because a fire candidate was being followed (`incidents.confirmation.follow`):
   * the gate alone would have skipped them or sent only a moving crop.
   */
  followed: z.number().int().nonnegative(),
  /** Detector results that carried at least one box. */
  withBoxes: z.number().int().nonnegative(),
  lastDetectionAt: z.iso.datetime().nullable(),
});

/** The camera's recording ring: segments copied from the record stream, bounded by age and a disk budget. */
export const CameraRecordingSchema = z.object({
  state: z.enum(['recording', 'restarting', 'stopped', 'failed']),
  segments: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  budgetBytes: z.number().int().nonnegative(),
  oldestAt: z.iso.datetime().nullable(),
  newestAt: z.iso.datetime().nullable(),
  restarts: z.number().int().nonnegative(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() }).nullable(),
});

export const CameraViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  gridCell: z.string(),
  /** config: from the configuration file (read-only here); stored: added through the API; demo: the demo clip. */
  source: z.enum(['config', 'stored', 'demo']),
  /** The detect stream's URL with the password masked (`rtsp://user:***@host/...`). */
  url: z.string(),
  /** The record stream's URL, masked the same way; null when the camera records its detect stream. */
  recordUrl: z.string().nullable(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  enabled: z.boolean(),
  position: PositionSchema.nullable(),
  headingDeg: z.number().nullable(),
  detect: DetectSizeSchema,
  status: z
    .object({
      state: CameraStateSchema,
      fpsIn: z.number().nonnegative(),
      fpsOut: z.number().nonnegative(),
      reconnectsLastHour: z.number().int().nonnegative(),
      stallsLastHour: z.number().int().nonnegative(),
      dropped: z.number().int().nonnegative(),
      grade: z.enum(['excellent', 'fair', 'poor', 'unusable']),
      lastError: z.string().nullable(),
    })
    .nullable(),
  pipeline: CameraPipelineSchema.nullable(),
  recording: CameraRecordingSchema.nullable(),
});
export type CameraView = z.infer<typeof CameraViewSchema>;

/**
 * The editable fields of a camera. The URLs carry no credentials (user name and password are fields of their
 * own). `password`: a string sets it, null clears it; left out on an update, the stored one is kept.
 */
export const CameraFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  gridCell: z.string().trim().min(1).max(64),
  position: PositionSchema.nullable().optional(),
  headingDeg: z.number().min(0).max(360).nullable().optional(),
  detectUrl: z.string().trim().min(1).max(2048),
  recordUrl: z.string().trim().min(1).max(2048).nullable().optional(),
  username: z.string().min(1).max(128).nullable().optional(),
  password: z.string().max(256).nullable().optional(),
  detect: DetectSizeSchema.partial().optional(),
  enabled: z.boolean().optional(),
});
export type CameraFields = z.infer<typeof CameraFieldsSchema>;

export const ProbeResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    codec: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    fps: z.number().nullable(),
    /** The first frame, as a `data:image/jpeg;base64,` URL at most 640 px wide; null when none was decoded. */
    preview: z
      .string()
      .max(3 * 1024 * 1024)
      .regex(/^data:image\/jpeg;base64,/)
      .nullable(),
    elapsedMs: z.number().nonnegative(),
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['AUTH_FAILED', 'UNREACHABLE', 'TIMEOUT', 'NOT_FOUND', 'NO_VIDEO', 'BAD_URL', 'STREAM_ERROR']),
    message: z.string(),
    elapsedMs: z.number().nonnegative(),
  }),
]);
export type ProbeResultView = z.infer<typeof ProbeResultSchema>;

const RelBoxInputSchema = z
  .strictObject({
    x1: z.number().min(0).max(1),
    y1: z.number().min(0).max(1),
    x2: z.number().min(0).max(1),
    y2: z.number().min(0).max(1),
  })
  .refine((b) => b.x2 > b.x1 && b.y2 > b.y1, 'x2 must exceed x1 and y2 must exceed y1');

export const DetectionViewSchema = z.object({
  modelId: z.string(),
  label: z.string(),
  score: z.number(),
  box: z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }),
});

/** Every request the shells accept: its input and its successful output. */
export const requests = {
  'system:status': { input: NoInput, output: SystemStatusSchema },
  'preferences:get': { input: NoInput, output: PreferencesSchema },
  'preferences:update': { input: PreferencesSchema.partial().strict(), output: PreferencesSchema },
  'cameras:list': { input: NoInput, output: z.object({ cameras: z.array(CameraViewSchema) }) },
  'cameras:create': {
    input: CameraFieldsSchema.extend({ id: CameraIdSchema.optional() }).strict(),
    output: CameraViewSchema,
  },
  'cameras:update': {
    input: z.strictObject({ id: CameraIdSchema, changes: CameraFieldsSchema.partial().strict() }),
    output: CameraViewSchema,
  },
  'cameras:delete': { input: z.strictObject({ id: CameraIdSchema }), output: z.object({ id: z.string() }) },
  /**
   * "Test connection": probes a stream. With `cameraId` alone it tests the stored camera; fields given beside it
   * replace the stored ones for this test (the stored password is used unless `password` is given), so an
   * edit can be tested before it is saved. Without `cameraId`, `detectUrl` is required.
   */
  'cameras:test': {
    input: z
      .strictObject({
        cameraId: CameraIdSchema.optional(),
        detectUrl: z.string().trim().min(1).max(2048).optional(),
        username: z.string().min(1).max(128).nullable().optional(),
        password: z.string().max(256).nullable().optional(),
        timeoutS: z.number().min(1).max(30).default(5),
      })
      .refine((v) => v.cameraId !== undefined || v.detectUrl !== undefined, {
        message: 'give cameraId or detectUrl',
        path: ['detectUrl'],
      }),
    output: ProbeResultSchema,
  },
  /**
   * Cuts a clip from a camera's recording ring around an instant ([at − preS, at + postS], defaults from the
   * configuration), joined without re-encoding into an MP4 that browsers play; served at `url`.
   */
  'recordings:clip': {
    input: z.strictObject({
      cameraId: CameraIdSchema,
      at: z.iso.datetime({ offset: true }),
      preS: z.number().min(0).max(120).optional(),
      postS: z.number().min(0).max(300).optional(),
    }),
    output: z.object({
      url: z.string(),
      file: z.string(),
      startedAt: z.iso.datetime(),
      durationS: z.number().nonnegative(),
    }),
  },
  /** A JPEG of the recorded frame at (or just before) an instant; served at `url`. */
  'recordings:snapshot': {
    input: z.strictObject({
      cameraId: CameraIdSchema,
      at: z.iso.datetime({ offset: true }),
      width: z.number().int().min(64).max(3840).optional(),
      /** Boxes to draw in red, relative to the frame (0..1), e.g. the detections being shown as evidence. */
      boxes: z.array(RelBoxInputSchema).max(50).optional(),
    }),
    output: z.object({ url: z.string(), file: z.string(), frameAt: z.iso.datetime() }),
  },
  'models:list': { input: NoInput, output: z.object({ models: z.array(ModelStatusSchema) }) },
  'logs:recent': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        minLevel: LogLevelSchema.default('info'),
      })
      .strict(),
    output: z.object({ entries: z.array(LogEntrySchema) }),
  },
  ...incidentRequests,
  ...taskRequests,
  ...gridRequests,
  ...reportRequests,
  ...zoneRequests,
  ...inspectorDeskRequests,
  ...tuningRequests,
  ...datasetRequests,
} as const;

/** Every message the engine pushes to connected clients. */
export const pushes = {
  'preferences:changed': PreferencesSchema,
  /** The set of cameras or one camera's settings changed (not its health: poll cameras:list for that). */
  'cameras:changed': z.object({ ids: z.array(z.string()) }),
  /** A camera has had no frames past the offline debounce (default 5 minutes): raised once per outage. */
  'camera:offline': z.object({ cameraId: z.string(), since: z.iso.datetime() }),
  /** A camera reported offline delivers frames again. */
  'camera:back': z.object({ cameraId: z.string(), offlineForS: z.number().nonnegative() }),
  /** An alert of one camera (fire, smoke, or a zone rule) was raised, updated or ended. */
  'alerts:changed': z.object({
    alertId: z.string(),
    phase: z.enum(['raised', 'updated', 'ended']),
    kind: z.string(),
    cameraId: z.string(),
    zoneId: z.string().nullable(),
    score: z.number(),
    at: z.iso.datetime(),
  }),
  /** An incident was opened, updated, reopened or ended, or got evidence (`change`). */
  'incidents:changed': z.object({ id: z.string(), change: z.string(), kind: z.string().nullable() }),
  /** A detector run on a camera frame found boxes. */
  'detections:made': z.object({
    cameraId: z.string(),
    capturedAt: z.iso.datetime(),
    frame: z.object({ width: z.number().int(), height: z.number().int() }),
    detections: z.array(DetectionViewSchema),
  }),
  'log:written': LogEntrySchema,
  ...incidentPushes,
  ...taskPushes,
  ...gridPushes,
  ...zonePushes,
  ...inspectorDeskPushes,
  ...tuningPushes,
} as const;

export type Requests = typeof requests;
export type Channel = keyof Requests;
export type RequestInput<C extends Channel> = z.input<Requests[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Requests[C]['input']>;
export type RequestOutput<C extends Channel> = z.output<Requests[C]['output']>;

export type Pushes = typeof pushes;
export type PushName = keyof Pushes;
export type PushPayload<P extends PushName> = z.output<Pushes[P]>;

export const CHANNELS = Object.keys(requests) as Channel[];
export const PUSH_NAMES = Object.keys(pushes) as PushName[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requests, name);
}

export type PushMessage = { [P in PushName]: { type: P; payload: PushPayload<P> } }[PushName];

const PushEnvelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** Parses a pushed message as it travels on the wire (WebSocket frame or IPC event); null when invalid. */
export function parsePushMessage(raw: unknown): PushMessage | null {
  const envelope = PushEnvelopeSchema.safeParse(raw);
  if (!envelope.success || !Object.hasOwn(pushes, envelope.data.type)) return null;
  const type = envelope.data.type as PushName;
  const payload = pushes[type].safeParse(envelope.data.payload);
  return payload.success ? ({ type, payload: payload.data } as PushMessage) : null;
}
