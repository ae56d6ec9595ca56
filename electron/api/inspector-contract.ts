/**
 * Inspectors' phones and the desktop's management of them: the API contract. Imports only zod, the result
 * envelope and pure lifecycle constants, so both the desktop renderer and the phone page can share it.
 *
 * Two audiences:
 * - the desktop (operators): `inspectorDeskRequests` / `inspectorDeskPushes`, registered in the one contract
 *   (`contract.ts`) and reached like every other request (IPC, or `POST /api/<channel>` on the loopback shell);
 * - the phone page, over the HTTPS LAN listener only (`https://<lan-ip>:<port>`, default port 8643):
 *   - `POST /api/pair` with `PairInputSchema` (no token) → `PairOutputSchema`;
 *   - `POST /api/<channel>` for each channel of `inspectorRequests` (`/api/me:get`, `/api/me:tasks`,
 *     `/api/me:task`, `/api/me:act`), JSON body, header `Authorization: Bearer <token>`;
 *   - `POST /api/uploads` (see `UPLOAD_HEADERS`): the photo's bytes as the body, → `UploadOutputSchema`;
 *   - `GET /api/me/ws` (WebSocket): first message `{type:'auth', token}` (`WsClientMessageSchema`), then the
 *     server's messages (`WsServerMessageSchema`). No token ever travels in a URL (URLs end up in logs);
 *   - `GET /media/<file>`: evidence files (`MeEvidenceSchema.url`) of the caller's own tasks, with the same
 *     Authorization header (an `<img>` cannot send one: fetch it and show a blob URL);
 *   - `GET /ca.crt`: the local certificate authority to trust on the phone (also on the loopback shell);
 *   - `GET /phone/`: the page itself. Everything else answers 404.
 *
 * Every answer is the envelope `{ ok: true, data }` or `{ ok: false, error }` (`InspectorErrorSchema`): the HTTP
 * status follows the code (see `INSPECTOR_HTTP_STATUS`) and `error.reason` says why in a stable word.
 */
import { z } from 'zod';
import { ERROR_CODES, IssueSchema } from './result';
import {
  FALSE_ALARM_REASONS,
  OUTCOMES,
  REFUSALS,
  SEVERITY_TIERS,
  TASK_CATEGORIES,
  TASK_STATES,
} from '../domain/task-lifecycle';

// ---- errors ---------------------------------------------------------------------------------------------------

/** The desktop's codes plus the two only the LAN listener answers. */
export const INSPECTOR_ERROR_CODES = [...ERROR_CODES, 'UNAUTHORIZED', 'RATE_LIMITED'] as const;
export const InspectorErrorCodeSchema = z.enum(INSPECTOR_ERROR_CODES);
export type InspectorErrorCode = z.infer<typeof InspectorErrorCodeSchema>;

export const INSPECTOR_HTTP_STATUS: Record<InspectorErrorCode, number> = {
  INVALID_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_CHANNEL: 404,
  PAYLOAD_TOO_LARGE: 413,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
};

/**
 * Stable reasons (add, never rename). With UNAUTHORIZED (401): TOKEN_MISSING, TOKEN_INVALID, TOKEN_REVOKED (the
 * page should forget its token and ask for a new pairing). With FORBIDDEN (403): INSPECTOR_INACTIVE (off duty:
 * keep the token, show a notice), NOT_YOUR_TASK. Pairing: CODE_INVALID, CODE_EXPIRED, CODE_USED, and
 * TOO_MANY_ATTEMPTS with RATE_LIMITED (429, `retryAfterS`). Uploads: TOO_LARGE, TOO_MANY_PHOTOS,
 * UNSUPPORTED_TYPE, DISK_FULL, UPLOAD_ID_REUSED. Actions: PHOTO_NOT_FOUND (an id not uploaded by this
 * inspector), CLIENT_ID_REUSED (the same clientId for another action), and the lifecycle's refusals
 * (STATE_NOT_ALLOWED, NOT_ASSIGNED, BAD_COMMAND, ...). Desktop: LAN_DISABLED, NO_LAN_ADDRESS, UNKNOWN_INSPECTOR.
 */
export const INSPECTOR_REASONS = [
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'TOKEN_REVOKED',
  'INSPECTOR_INACTIVE',
  'NOT_YOUR_TASK',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_USED',
  'TOO_MANY_ATTEMPTS',
  'TOO_LARGE',
  'TOO_MANY_PHOTOS',
  'UNSUPPORTED_TYPE',
  'DISK_FULL',
  'UPLOAD_ID_REUSED',
  'PHOTO_NOT_FOUND',
  'CLIENT_ID_REUSED',
  'STALE',
  'LAN_DISABLED',
  'NO_LAN_ADDRESS',
  'UNKNOWN_INSPECTOR',
  ...REFUSALS,
] as const;
export type InspectorReason = (typeof INSPECTOR_REASONS)[number];

export const InspectorErrorSchema = z.object({
  code: InspectorErrorCodeSchema,
  message: z.string(),
  /** One of INSPECTOR_REASONS (kept a string so an older page reads a newer server). */
  reason: z.string().optional(),
  issues: z.array(IssueSchema).optional(),
  /** With RATE_LIMITED: seconds to wait before the next try (also in the Retry-After header). */
  retryAfterS: z.number().int().nonnegative().optional(),
});
export type InspectorError = z.infer<typeof InspectorErrorSchema>;

/** The envelope of every LAN answer, for a given data schema. */
export function inspectorResultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: InspectorErrorSchema }),
  ]);
}

// ---- shared pieces --------------------------------------------------------------------------------------------

const iso = z.iso.datetime();
/** Client-made ids: from the page's offline queue (a UUID fits). */
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'letters, digits, "_" and "-", 8 to 100');
/** Server-made photo ids, as `POST /api/uploads` returns them. */
export const PhotoIdSchema = z.string().regex(/^ph_[A-Za-z0-9_-]{8,64}$/, 'a photo id from /api/uploads');
export const MAX_PHOTOS_PER_ACTION = 4;

export const InspectorPublicSchema = z.object({ id: z.string(), name: z.string() });

// ---- pairing --------------------------------------------------------------------------------------------------

/** `POST /api/pair` (no Authorization): the one-time code from the desktop's QR (`#pair=<code>`). */
export const PairInputSchema = z.strictObject({
  /** Digits; spaces and dashes typed by hand are ignored. */
  code: z
    .string()
    .max(40)
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,12}$/, '8 to 12 digits')),
  /** Shown on the desktop's device list, e.g. "张三的手机" or the browser's platform. */
  deviceName: z.string().trim().min(1).max(60),
});
export const PairOutputSchema = z.object({
  /** The device token: shown this once, stored only as a hash on the server. Send as `Bearer <token>`. */
  token: z.string(),
  inspector: InspectorPublicSchema,
  device: z.object({ id: z.string(), name: z.string() }),
});
export type PairOutput = z.infer<typeof PairOutputSchema>;

// ---- the inspector's requests ---------------------------------------------------------------------------------

/** What the page may do with a task now. */
export const PHONE_ACTIONS = ['accept', 'return', 'checkin', 'report'] as const;
export const PhoneActionTypeSchema = z.enum(PHONE_ACTIONS);

export const MeTaskSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  state: z.enum(TASK_STATES),
  open: z.boolean(),
  category: z.enum(TASK_CATEGORIES),
  severity: z.enum(SEVERITY_TIERS),
  title: z.string(),
  description: z.string(),
  place: z.object({
    text: z.string().nullable(),
    cellCode: z.string().nullable(),
    cellName: z.string().nullable(),
    /** WGS-84 when known: the page builds the map link from it. */
    position: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  }),
  /** When the task was made: the countdown turns amber in the last quarter of createdAt → dueAt. */
  createdAt: iso,
  dueAt: iso,
  stageDueAt: iso.nullable(),
  /** Seconds from the server's now to `dueAt` (negative: overdue by that much). */
  timeLeftS: z.number().int(),
  overdue: z.boolean(),
  /** This inspector accepted it (接单) on a phone. */
  accepted: z.boolean(),
  /** The actions the lifecycle allows this inspector now. */
  actions: z.array(PhoneActionTypeSchema),
  outcome: z
    .object({ kind: z.enum(OUTCOMES), reason: z.enum(FALSE_ALARM_REASONS).nullable(), note: z.string().nullable() })
    .nullable(),
  updatedAt: iso,
  version: z.number().int(),
});
export type MeTask = z.infer<typeof MeTaskSchema>;

export const MeEvidenceSchema = z.object({
  kind: z.enum(['incident', 'snapshot', 'clip', 'photo']),
  /** `/media/<file>` on the LAN listener (needs the Authorization header); null for a note without a file. */
  url: z.string().nullable(),
  mediaType: z.enum(['image/jpeg', 'video/mp4']).nullable(),
  at: iso,
  note: z.string().nullable(),
});

export const MeAuditSchema = z.object({
  seq: z.number().int(),
  at: iso,
  actor: z.object({ role: z.string(), name: z.string() }),
  /** The lifecycle's command (`start` for a check-in, `feedback` for a report, `comment` for an accept). */
  command: z.string(),
  from: z.enum(TASK_STATES).nullable(),
  to: z.enum(TASK_STATES),
  note: z.string().nullable(),
  /** Given by this inspector. */
  mine: z.boolean(),
});

const Position = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
});
const Photos = z.array(PhotoIdSchema).max(MAX_PHOTOS_PER_ACTION).default([]);
const Note = z.string().trim().max(2000).optional();

/** An action on a task; the inspector is the token's, never the body's. */
export const PhoneActionSchema = z.discriminatedUnion('type', [
  /** 接单: the inspector takes the dispatched task on. */
  z.strictObject({ type: z.literal('accept'), note: Note }),
  /** 退回: a wrongly dispatched task goes back to the centre. */
  z.strictObject({ type: z.literal('return'), reason: z.string().trim().min(1).max(2000) }),
  /** 到场签到: on site, with the browser's position, the phone's clock and photos from the camera. */
  z.strictObject({
    type: z.literal('checkin'),
    position: Position,
    /** When the inspector checked in (the phone's clock, with its offset): it may be long before it arrives. */
    at: z.iso.datetime({ offset: true }),
    photoIds: Photos,
    note: Note,
  }),
  /** 反馈: the outcome; a false alarm needs its reason code; needs_help asks the centre to escalate. */
  z
    .strictObject({
      type: z.literal('report'),
      outcome: z.enum(OUTCOMES),
      reason: z.enum(FALSE_ALARM_REASONS).optional(),
      note: Note,
      photoIds: Photos,
    })
    .refine((a) => a.outcome !== 'false_alarm' || a.reason !== undefined, {
      message: 'a false alarm needs a reason code',
      path: ['reason'],
    }),
]);
export type PhoneAction = z.infer<typeof PhoneActionSchema>;
export type PhoneActionInput = z.input<typeof PhoneActionSchema>;

/** Requests of the phone page: `POST /api/<channel>` on the LAN listener with `Authorization: Bearer <token>`. */
export const inspectorRequests = {
  /** Who the token belongs to, and the cells they cover. */
  'me:get': {
    input: z.strictObject({}),
    output: z.object({
      inspector: InspectorPublicSchema.extend({
        active: z.boolean(),
        cells: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
      }),
      device: z.object({ id: z.string(), name: z.string(), createdAt: iso }),
      serverTime: iso,
    }),
  },
  /** The inspector's own tasks (dispatched to them): open first, then soonest deadline; closed ones last. */
  'me:tasks': {
    input: z.strictObject({ includeClosed: z.boolean().default(false) }),
    output: z.object({ tasks: z.array(MeTaskSchema), serverTime: iso }),
  },
  /** One own task with its evidence and audit trail; another's task answers NOT_FOUND (reason NOT_YOUR_TASK). */
  'me:task': {
    input: z.strictObject({ id: z.string().trim().min(1).max(64) }),
    output: z.object({ task: MeTaskSchema, evidence: z.array(MeEvidenceSchema), audit: z.array(MeAuditSchema) }),
  },
  /**
   * One action. `clientId` applies it at most once: the same clientId again answers `replayed: true` and changes
   * nothing. One device's actions are applied in the order they arrive: send the offline queue one by one.
   */
  'me:act': {
    input: z.strictObject({
      taskId: z.string().trim().min(1).max(64),
      clientId: ClientIdSchema,
      action: PhoneActionSchema,
    }),
    output: z.object({ task: MeTaskSchema, replayed: z.boolean(), seq: z.number().int() }),
  },
} as const;
export type InspectorChannel = keyof typeof inspectorRequests;
export const INSPECTOR_CHANNELS = Object.keys(inspectorRequests) as InspectorChannel[];

// ---- uploads --------------------------------------------------------------------------------------------------

/**
 * `POST /api/uploads`: the body is the image's bytes (not multipart). Headers: `Authorization: Bearer <token>`,
 * `Content-Type` any image type or application/octet-stream (the type is read from the bytes: JPEG, PNG and WebP
 * are accepted; HEIC and everything else answer UNSUPPORTED_TYPE, so convert HEIC to JPEG in the page, e.g.
 * through a canvas), `X-Upload-Id` a ClientIdSchema id (the same id again answers the same photo,
 * `replayed: true`), optionally `X-File-Name` (ignored for storage: the server names its files). The image is
 * re-encoded to JPEG (longest edge at most 2048 px) and loses its EXIF/GPS and other metadata. Limits: 8 MB a
 * photo by default (413, TOO_LARGE).
 */
export const UPLOAD_HEADERS = { uploadId: 'x-upload-id', fileName: 'x-file-name' } as const;
export const UPLOAD_PATH = '/api/uploads';
export const UploadOutputSchema = z.object({
  photoId: PhotoIdSchema,
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  replayed: z.boolean(),
});
export type UploadOutput = z.infer<typeof UploadOutputSchema>;

// ---- the phone page ------------------------------------------------------------------------------------------

/** Where the LAN listener serves the phone page, and its service worker (scope: the page's folder). */
export const PHONE_PAGE_PATH = '/phone/';
export const PHONE_SW_PATH = '/phone/sw.js';

// ---- the phone's WebSocket ------------------------------------------------------------------------------------

export const INSPECTOR_WS_PATH = '/api/me/ws';
/** Close codes: 4401 not authenticated (token missing/invalid/revoked, or no auth within 10 s), 4403 inactive. */
export const WS_CLOSE = { unauthorized: 4401, inactive: 4403 } as const;

export const WsClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
]);

export const MeTaskChangedSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  /** The lifecycle command or event (`dispatch`, `created`, `evidence`, `escalate`...). */
  change: z.string(),
  state: z.enum(TASK_STATES),
  /** Dispatched to this inspector by this change (a new task for them: show the badge). */
  assigned: z.boolean(),
  /** No longer theirs (reassigned or returned): drop it from the list. */
  removed: z.boolean(),
});

export const WsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth:ok'), inspectorId: z.string() }),
  z.object({ type: z.literal('auth:failed'), reason: z.string() }),
  z.object({ type: z.literal('me:task-changed'), payload: MeTaskChangedSchema }),
]);
export type WsServerMessage = z.infer<typeof WsServerMessageSchema>;

// ---- the desktop's requests (registered in contract.ts) -------------------------------------------------------

export const DeviceViewSchema = z.object({
  id: z.string(),
  inspectorId: z.string(),
  name: z.string(),
  createdAt: iso,
  lastSeenAt: iso.nullable(),
  revokedAt: iso.nullable(),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;

export const InspectorRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  active: z.boolean(),
  cells: z.array(z.string()),
  /** Paired phones not revoked. */
  devices: z.number().int().nonnegative(),
  lastSeenAt: iso.nullable(),
});
export type InspectorRow = z.infer<typeof InspectorRowSchema>;

/** The LAN listener as the desktop shows it. */
export const LanInfoSchema = z.object({
  enabled: z.boolean(),
  /** The phone page's address on the first LAN address; null when the listener is off or has no address. */
  url: z.string().nullable(),
  /** SHA-256 of the CA certificate, colon-separated hex, to compare on the phone; null when none yet. */
  caFingerprint: z.string().nullable(),
});

const InspectorId = z.string().trim().min(1).max(64);

export const inspectorDeskRequests = {
  /** Every inspector with their count of paired phones, and the LAN listener's address. */
  'inspectors:list': {
    input: z.strictObject({}),
    output: z.object({ inspectors: z.array(InspectorRowSchema), lan: LanInfoSchema }),
  },
  /**
   * A one-time pairing code for an inspector (10 minutes by default). `url` opens the phone page with the code in
   * its fragment (`https://<lan-ip>:<port>/phone/#pair=<code>`), `payload` is what the QR code carries (the same).
   * UNAVAILABLE with reason LAN_DISABLED when the LAN listener is off.
   */
  'inspectors:pair': {
    input: z.strictObject({ inspectorId: InspectorId }),
    output: z.object({ code: z.string(), expiresAt: iso, url: z.string(), payload: z.string() }),
  },
  /** An inspector's phones, revoked ones included (newest first). */
  'inspectors:devices': {
    input: z.strictObject({ inspectorId: InspectorId }),
    output: z.object({ devices: z.array(DeviceViewSchema) }),
  },
  /** Revokes a phone's token at once (its next request answers 401, its WebSocket closes). */
  'inspectors:revoke': {
    input: z.strictObject({ deviceId: z.string().trim().min(1).max(64) }),
    output: DeviceViewSchema,
  },
  /** Puts an inspector on or off duty (off: their phones answer 403 INSPECTOR_INACTIVE, no new dispatches). */
  'inspectors:set-active': {
    input: z.strictObject({ inspectorId: InspectorId, active: z.boolean() }),
    output: InspectorRowSchema,
  },
  /** The local CA certificate (PEM) to install on phones, with its fingerprint. */
  'inspectors:ca': {
    input: z.strictObject({}),
    output: z.object({ pem: z.string(), fingerprint: z.string() }),
  },
} as const;

export const inspectorDeskPushes = {
  /** A phone was paired or revoked, or an inspector was put on or off duty. */
  'inspectors:changed': z.object({ inspectorId: z.string(), change: z.enum(['paired', 'revoked', 'active']) }),
} as const;
