/**
 * The patrol tasks' part of the API contract: views, commands, and requests. Imports only zod and the pure
 * lifecycle's constants, so the renderer can share it.
 */
import { z } from 'zod';
import {
  FALSE_ALARM_REASONS,
  OUTCOMES,
  REFUSALS,
  SEVERITY_TIERS,
  TASK_CATEGORIES,
  TASK_SOURCES,
  TASK_STATES,
} from '../domain/task-lifecycle';

export const TaskStateSchema = z.enum(TASK_STATES);
export const SeverityTierSchema = z.enum(SEVERITY_TIERS);
export const TaskSourceSchema = z.enum(TASK_SOURCES);
export const TaskCategorySchema = z.enum(TASK_CATEGORIES);
export const RefusalCodeSchema = z.enum([...REFUSALS, 'NOT_FOUND', 'STALE', 'CLIENT_ID_REUSED']);

const Text = (max: number) => z.string().trim().min(1).max(max);
const Note = z.string().trim().max(2000).optional();
const Reason = Text(2000);

/** Who gives a command. The system role is the engine's own and cannot be claimed through the API. */
export const ActorInputSchema = z.strictObject({
  role: z.enum(['operator', 'inspector', 'technician']),
  id: Text(64),
  name: Text(100),
});

/** The commands people give (escalation and automatic closing are the engine's). */
export const TaskCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept'), note: Note }),
  z.strictObject({ type: z.literal('dispatch'), assignees: z.array(Text(64)).min(1).max(20), note: Note }),
  z.strictObject({ type: z.literal('reassign'), assignees: z.array(Text(64)).min(1).max(20), note: Note }),
  z.strictObject({
    type: z.literal('start'),
    note: Note,
    /** An on-site check-in: where and when (the phone's clock), recorded in the audit entry's data. */
    checkin: z
      .strictObject({
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
        accuracyM: z.number().min(0).max(100_000),
        at: z.iso.datetime({ offset: true }),
        photos: z.number().int().min(0).max(4),
      })
      .optional(),
  }),
  z.strictObject({ type: z.literal('return'), reason: Reason }),
  z.strictObject({
    type: z.literal('feedback'),
    outcome: z.enum(OUTCOMES),
    reason: z.enum(FALSE_ALARM_REASONS).optional(),
    note: Note,
  }),
  z.strictObject({ type: z.literal('verify'), note: Note }),
  z.strictObject({ type: z.literal('close'), note: Note }),
  z.strictObject({ type: z.literal('rework'), reason: Reason }),
  z.strictObject({ type: z.literal('request_extension'), hours: z.number().positive().max(720), reason: Reason }),
  z.strictObject({ type: z.literal('approve_extension'), note: Note }),
  z.strictObject({ type: z.literal('reject_extension'), reason: Reason }),
  z.strictObject({ type: z.literal('park'), reason: Reason }),
  z.strictObject({ type: z.literal('resume'), note: Note }),
  z.strictObject({ type: z.literal('void'), reason: Reason }),
  z.strictObject({ type: z.literal('comment'), note: Text(2000) }),
]);
export type TaskCommandInput = z.infer<typeof TaskCommandSchema>;

const iso = z.iso.datetime();

export const TaskViewSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  state: TaskStateSchema,
  source: TaskSourceSchema,
  category: TaskCategorySchema,
  severity: SeverityTierSchema,
  handlerRole: z.enum(['inspector', 'technician']),
  title: z.string(),
  description: z.string(),
  place: z.object({
    cellCode: z.string().nullable(),
    villageCode: z.string().nullable(),
    townshipCode: z.string().nullable(),
    text: z.string().nullable(),
    position: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  }),
  incidentId: z.string().nullable(),
  cameraId: z.string().nullable(),
  assignees: z.array(z.string()),
  createdAt: iso,
  createdBy: z.string(),
  dueAt: iso,
  stageDueAt: iso.nullable(),
  overdue: z.boolean(),
  /** 0 village, 1 township, 2 county. */
  escalation: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  extension: z.object({ hours: z.number(), reason: z.string(), by: z.string(), at: iso }).nullable(),
  extendedH: z.number(),
  parkedFrom: TaskStateSchema.nullable(),
  outcome: z
    .object({ kind: z.enum(OUTCOMES), reason: z.enum(FALSE_ALARM_REASONS).nullable(), note: z.string().nullable() })
    .nullable(),
  closedAt: iso.nullable(),
  reworks: z.number().int(),
  touched: z.boolean(),
  version: z.number().int(),
  updatedAt: iso,
});
export type TaskView = z.infer<typeof TaskViewSchema>;

export const AuditViewSchema = z.object({
  seq: z.number().int(),
  at: iso,
  actor: z.object({
    role: z.enum(['operator', 'inspector', 'technician', 'system']),
    id: z.string(),
    name: z.string(),
  }),
  command: z.string(),
  from: TaskStateSchema.nullable(),
  to: TaskStateSchema,
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditView = z.infer<typeof AuditViewSchema>;

export const TaskEvidenceViewSchema = z.object({
  kind: z.enum(['incident', 'snapshot', 'clip', 'photo']),
  incidentId: z.string().nullable(),
  /** Served at /media/<file>. */
  file: z.string().nullable(),
  at: iso,
  note: z.string().nullable(),
});
export type TaskEvidenceView = z.infer<typeof TaskEvidenceViewSchema>;

export const TaskFilterSchema = z.strictObject({
  states: z.array(TaskStateSchema).max(10).optional(),
  open: z.boolean().optional(),
  townshipCode: Text(64).optional(),
  villageCode: Text(64).optional(),
  cellCode: Text(64).optional(),
  severities: z.array(SeverityTierSchema).max(3).optional(),
  sources: z.array(TaskSourceSchema).max(5).optional(),
  categories: z.array(TaskCategorySchema).max(20).optional(),
  overdue: z.boolean().optional(),
  escalated: z.boolean().optional(),
  assignee: Text(64).optional(),
  handlerRole: z.enum(['inspector', 'technician']).optional(),
  incidentId: Text(64).optional(),
  text: z.string().max(100).optional(),
});

export const taskRequests = {
  /** The task board: filtered, soonest deadline first, page by page (`after` from the previous page). */
  'tasks:list': {
    input: z.strictObject({
      filter: TaskFilterSchema.default({}),
      limit: z.number().int().min(1).max(500).default(50),
      after: z.string().max(64).nullable().default(null),
    }),
    output: z.object({ tasks: z.array(TaskViewSchema), total: z.number().int(), next: z.string().nullable() }),
  },
  /** One task with its audit trail and its evidence. */
  'tasks:get': {
    input: z.strictObject({ id: Text(64) }),
    output: z.object({
      task: TaskViewSchema,
      audit: z.array(AuditViewSchema),
      evidence: z.array(TaskEvidenceViewSchema),
    }),
  },
  /**
   * A task reported by hand (a phone call, a walk-round, a hotline ticket). `dispatch: 'grid'` dispatches it at
   * once to the inspectors of its grid cell; a list dispatches it to those inspectors; left out, it waits as
   * reported.
   */
  'tasks:create': {
    input: z.strictObject({
      source: z.enum(['patrol', 'hotline', 'manual']),
      category: TaskCategorySchema,
      severity: SeverityTierSchema,
      title: Text(200),
      description: z.string().trim().max(5000).default(''),
      cellCode: Text(64).nullable().default(null),
      place: z.string().trim().max(500).nullable().default(null),
      position: z
        .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
        .nullable()
        .default(null),
      actor: ActorInputSchema,
      dispatch: z.union([z.literal('grid'), z.array(Text(64)).min(1).max(20)]).optional(),
      note: Note,
    }),
    output: TaskViewSchema,
  },
  /**
   * One lifecycle command. `expectedVersion` refuses the command (CONFLICT, reason STALE) when the task changed
   * since it was read; `clientId` (a client-made id) applies the command at most once.
   */
  'tasks:transition': {
    input: z.strictObject({
      id: Text(64),
      command: TaskCommandSchema,
      actor: ActorInputSchema,
      expectedVersion: z.number().int().positive().optional(),
      clientId: Text(100).optional(),
    }),
    output: z.object({ task: TaskViewSchema, audit: AuditViewSchema, replayed: z.boolean() }),
  },
} as const;

export const taskPushes = {
  /** A task was created, changed state, escalated or got evidence. */
  'tasks:changed': z.object({
    id: z.string(),
    number: z.number().int(),
    change: z.string(),
    state: TaskStateSchema,
    escalation: z.number().int(),
  }),
} as const;
