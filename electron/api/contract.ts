/**
 * The one API contract between the engine and its shells (Electron IPC, HTTP/WebSocket) and the renderer.
 * Requests are `noun:verb`, pushed messages are `noun:past-tense`. This module imports only zod so that the
 * renderer can share it.
 */
import { z } from 'zod';

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

export const CameraViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  gridCell: z.string(),
  /** The detect stream's URL with the password masked (`rtsp://user:***@host/...`). */
  url: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  enabled: z.boolean(),
  detect: z.object({ fps: z.number(), width: z.number().int(), height: z.number().int() }),
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
});
export type CameraView = z.infer<typeof CameraViewSchema>;

/** Every request the shells accept: its input and its successful output. */
export const requests = {
  'system:status': { input: NoInput, output: SystemStatusSchema },
  'preferences:get': { input: NoInput, output: PreferencesSchema },
  'preferences:update': { input: PreferencesSchema.partial().strict(), output: PreferencesSchema },
  'cameras:list': { input: NoInput, output: z.object({ cameras: z.array(CameraViewSchema) }) },
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
} as const;

/** Every message the engine pushes to connected clients. */
export const pushes = {
  'preferences:changed': PreferencesSchema,
  'log:written': LogEntrySchema,
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
