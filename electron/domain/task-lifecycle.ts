/**
 * The patrol task's case lifecycle, the way grid-management centres run it:
 * 上报 reported → 受理 accepted → 派遣 dispatched → 处置 handling → 反馈 feedback → 核查 verification → 结案 closed,
 * with 回退 returned (to the centre, for re-dispatch), 延期 extension requested/approved, 挂账 parked, 作废 voided
 * and 返工 rework (verification back to handling).
 *
 * One pure function, `transition(task, command, actor, now, limits)`: it checks who may do what in which state
 * and returns either the next task and the audit entry to append, or a refusal with a stable code. No I/O, time
 * passed in (milliseconds since the epoch).
 */
import { stageDueAt, taskDueAt, type TaskLimits } from './task-deadlines';

export const TASK_STATES = [
  'reported',
  'accepted',
  'dispatched',
  'handling',
  'feedback',
  'verification',
  'closed',
  'returned',
  'parked',
  'voided',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** States a task leaves no more. */
export const FINAL_STATES: readonly TaskState[] = ['closed', 'voided'];
export const OPEN_STATES: readonly TaskState[] = TASK_STATES.filter((s) => !FINAL_STATES.includes(s));

export function isOpen(state: TaskState): boolean {
  return !FINAL_STATES.includes(state);
}

export const ROLES = ['operator', 'inspector', 'technician', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Where a task came from. `system`: raised by the engine itself (a camera gone offline). */
export const TASK_SOURCES = ['video_ai', 'patrol', 'hotline', 'manual', 'system'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** What a task is about: the alert kinds, camera maintenance, and what patrols and hotlines report. */
export const TASK_CATEGORIES = [
  'fire',
  'smoke',
  'intrusion',
  'crowding',
  'loitering',
  'camera_offline',
  'safety_hazard',
  'environment',
  'dispute',
  'other',
] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

/** Time-limit tiers: red (urgent, e.g. fire), yellow, blue. */
export const SEVERITY_TIERS = ['red', 'yellow', 'blue'] as const;
export type SeverityTier = (typeof SEVERITY_TIERS)[number];

export const OUTCOMES = ['handled', 'false_alarm', 'needs_help'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why an alert was not real: the same codes the operator's dismiss keys use. */
export const FALSE_ALARM_REASONS = ['sunset', 'lamp', 'steam', 'cooking', 'reflection', 'other'] as const;
export type FalseAlarmReason = (typeof FALSE_ALARM_REASONS)[number];

/** Escalation of an overdue task: 0 village (where it is handled), 1 township, 2 county. */
export const ESCALATION_LEVELS = ['village', 'township', 'county'] as const;
export type EscalationLevel = 0 | 1 | 2;

export interface Actor {
  role: Role;
  /** Inspector id, operator or technician name, `engine` for the system. */
  id: string;
  name: string;
}

export interface ExtensionRequest {
  hours: number;
  reason: string;
  by: string;
  at: number;
}

/** The part of a task the lifecycle reads and writes. */
export interface TaskCore {
  state: TaskState;
  severity: SeverityTier;
  /** Who does the field work: the grid's inspectors, or technicians for camera maintenance. */
  handlerRole: 'inspector' | 'technician';
  /** Ids of the people it is dispatched to (inspectors); empty for technician tasks (any technician). */
  assignees: string[];
  createdAt: number;
  /** The whole task's time limit, extensions and parked time included. */
  dueAt: number;
  /** The current stage's time limit, when the stage has one. */
  stageDueAt: number | null;
  escalation: EscalationLevel;
  extension: ExtensionRequest | null;
  /** Hours of extension approved so far. */
  extendedH: number;
  parkedFrom: TaskState | null;
  parkedAt: number | null;
  outcome: { kind: Outcome; reason: FalseAlarmReason | null; note: string | null } | null;
  closedAt: number | null;
  reworks: number;
  /** A person (not the system) has acted on it. */
  touched: boolean;
}

type WithNote = { note?: string | undefined };

/** An on-site check-in (到场签到) given with `start`: where the phone was and when, by its own clock. */
export interface CheckIn {
  lat: number;
  lon: number;
  accuracyM: number;
  /** The phone's time of the check-in (ISO 8601 with its offset). */
  at: string;
  /** Photos attached with it. */
  photos: number;
}

export type TaskCommand =
  | ({ type: 'accept' } & WithNote)
  | ({ type: 'dispatch'; assignees: string[] } & WithNote)
  | ({ type: 'reassign'; assignees: string[] } & WithNote)
  | ({ type: 'start'; checkin?: CheckIn | undefined } & WithNote)
  | { type: 'return'; reason: string }
  | { type: 'feedback'; outcome: Outcome; reason?: FalseAlarmReason | undefined; note?: string | undefined }
  | ({ type: 'verify' } & WithNote)
  | ({ type: 'close' } & WithNote)
  | { type: 'rework'; reason: string }
  | { type: 'request_extension'; hours: number; reason: string }
  | ({ type: 'approve_extension' } & WithNote)
  | { type: 'reject_extension'; reason: string }
  | { type: 'park'; reason: string }
  | ({ type: 'resume' } & WithNote)
  | { type: 'void'; reason: string }
  | { type: 'comment'; note: string }
  | { type: 'escalate'; level: EscalationLevel; note?: string | undefined }
  | { type: 'auto_close'; reason: string; falseAlarm?: FalseAlarmReason | undefined };
export type TaskCommandType = TaskCommand['type'];

export const TASK_COMMANDS: readonly TaskCommandType[] = [
  'accept',
  'dispatch',
  'reassign',
  'start',
  'return',
  'feedback',
  'verify',
  'close',
  'rework',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'park',
  'resume',
  'void',
  'comment',
  'escalate',
  'auto_close',
];

/** Stable refusal codes (part of the API: add, never rename). */
export const REFUSALS = [
  /** This role may not give this command at all. */
  'ROLE_NOT_ALLOWED',
  /** The command does not apply in the task's state. */
  'STATE_NOT_ALLOWED',
  /** An inspector acting on a task that is not dispatched to them. */
  'NOT_ASSIGNED',
  'EXTENSION_PENDING',
  'NO_EXTENSION_PENDING',
  /** A person has acted on the task: the system does not close it on its own. */
  'TOUCHED',
  /** The command's own data is wrong (no assignee, an escalation that lowers the level...). */
  'BAD_COMMAND',
] as const;
export type RefusalCode = (typeof REFUSALS)[number];

/** What goes to the append-only audit log with the state change. */
export interface AuditEntry {
  at: number;
  actor: Actor;
  /** `report`: the task was created. */
  command: TaskCommandType | 'report';
  /** Null for `report`. */
  from: TaskState | null;
  to: TaskState;
  note: string | null;
  /** The command's data beyond the note (assignees, outcome, hours, level...). */
  data: Record<string, unknown> | null;
}

export type TransitionResult =
  { ok: true; task: TaskCore; audit: AuditEntry } | { ok: false; code: RefusalCode; message: string };

interface Rule {
  roles: readonly Role[];
  from: readonly TaskState[];
}

const FIELD: readonly Role[] = ['inspector', 'technician'];
const WORKING: readonly TaskState[] = ['dispatched', 'handling'];

/** Who may give each command, and in which states. */
export const RULES: Readonly<Record<TaskCommandType, Rule>> = {
  accept: { roles: ['operator', 'system'], from: ['reported'] },
  dispatch: { roles: ['operator', 'system'], from: ['accepted', 'returned'] },
  reassign: { roles: ['operator'], from: WORKING },
  start: { roles: FIELD, from: ['dispatched'] },
  return: { roles: FIELD, from: WORKING },
  feedback: { roles: FIELD, from: ['handling'] },
  verify: { roles: ['operator'], from: ['feedback'] },
  close: { roles: ['operator'], from: ['verification'] },
  rework: { roles: ['operator'], from: ['verification'] },
  request_extension: { roles: FIELD, from: WORKING },
  approve_extension: { roles: ['operator'], from: WORKING },
  reject_extension: { roles: ['operator'], from: WORKING },
  park: { roles: ['operator'], from: ['reported', 'accepted', 'dispatched', 'handling', 'returned'] },
  resume: { roles: ['operator'], from: ['parked'] },
  void: { roles: ['operator'], from: ['reported', 'accepted', 'returned', 'parked'] },
  comment: { roles: ['operator', 'inspector', 'technician', 'system'], from: OPEN_STATES },
  escalate: { roles: ['system'], from: OPEN_STATES.filter((s) => s !== 'parked') },
  auto_close: { roles: ['system'], from: OPEN_STATES },
};

function refuse(code: RefusalCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

/** Commands of the field worker: only the task's own handler role, and for inspectors only their own tasks. */
function fieldCheck(task: TaskCore, actor: Actor): TransitionResult | null {
  if (actor.role !== task.handlerRole) {
    return refuse('ROLE_NOT_ALLOWED', `this task is handled by the ${task.handlerRole} role, not ${actor.role}`);
  }
  if (actor.role === 'inspector' && !task.assignees.includes(actor.id)) {
    return refuse('NOT_ASSIGNED', `the task is not dispatched to inspector ${actor.id}`);
  }
  return null;
}

function cleanAssignees(list: string[]): string[] {
  return [...new Set(list.map((a) => a.trim()).filter((a) => a.length > 0))];
}

/**
 * Applies one command. A refusal changes nothing; an accepted command returns the next task and its audit entry
 * (which the store appends in the same transaction as the state change).
 */
export function transition(
  task: TaskCore,
  command: TaskCommand,
  actor: Actor,
  now: number,
  limits: TaskLimits,
): TransitionResult {
  const rule = RULES[command.type];
  if (!rule.roles.includes(actor.role)) {
    return refuse('ROLE_NOT_ALLOWED', `${actor.role} may not ${command.type}`);
  }
  // who the field worker is comes before the state: a stranger learns nothing about the task
  if (FIELD.includes(actor.role) && command.type !== 'comment') {
    const refused = fieldCheck(task, actor);
    if (refused) return refused;
  }
  if (!rule.from.includes(task.state)) {
    return refuse('STATE_NOT_ALLOWED', `${command.type} does not apply to a ${task.state} task`);
  }
  if (command.type === 'comment' && actor.role === 'inspector' && !task.assignees.includes(actor.id)) {
    return refuse('NOT_ASSIGNED', `the task is not dispatched to inspector ${actor.id}`);
  }

  const touched = task.touched || actor.role !== 'system';
  let next: TaskCore = { ...task, touched };
  let note: string | null = 'note' in command && command.note ? command.note : null;
  let data: Record<string, unknown> | null = null;
  const enter = (state: TaskState): TaskCore => ({
    ...next,
    state,
    stageDueAt: stageDueAt(state, task.severity, now, limits),
  });

  switch (command.type) {
    case 'accept':
      next = enter('accepted');
      break;
    case 'dispatch':
    case 'reassign': {
      const assignees = cleanAssignees(command.assignees);
      if (task.handlerRole === 'inspector' && assignees.length === 0) {
        return refuse('BAD_COMMAND', `${command.type} needs at least one inspector`);
      }
      data = { assignees };
      next = { ...enter('dispatched'), assignees };
      break;
    }
    case 'start':
      if (command.checkin) data = { checkin: command.checkin };
      next = enter('handling');
      break;
    case 'return':
      note = command.reason;
      next = { ...enter('returned'), assignees: [], extension: null };
      break;
    case 'feedback': {
      if (command.outcome === 'false_alarm' && !command.reason) {
        return refuse('BAD_COMMAND', 'a false alarm needs a reason code');
      }
      const reason = command.outcome === 'false_alarm' ? (command.reason ?? null) : null;
      data = { outcome: command.outcome, reason };
      next = { ...enter('feedback'), outcome: { kind: command.outcome, reason, note }, extension: null };
      break;
    }
    case 'verify':
      next = enter('verification');
      break;
    case 'close':
      next = { ...enter('closed'), closedAt: now, stageDueAt: null };
      break;
    case 'rework':
      note = command.reason;
      next = { ...enter('handling'), reworks: task.reworks + 1, outcome: null };
      break;
    case 'request_extension':
      if (task.extension) return refuse('EXTENSION_PENDING', 'an extension request is already waiting');
      if (!(command.hours > 0 && command.hours <= 24 * 30)) {
        return refuse('BAD_COMMAND', 'an extension is more than 0 and at most 720 hours');
      }
      note = command.reason;
      data = { hours: command.hours };
      next = { ...next, extension: { hours: command.hours, reason: command.reason, by: actor.id, at: now } };
      break;
    case 'approve_extension': {
      if (!task.extension) return refuse('NO_EXTENSION_PENDING', 'no extension request is waiting');
      const extendedH = task.extendedH + task.extension.hours;
      data = { hours: task.extension.hours };
      next = {
        ...next,
        extension: null,
        extendedH,
        dueAt: task.dueAt + task.extension.hours * 3_600_000,
      };
      break;
    }
    case 'reject_extension':
      if (!task.extension) return refuse('NO_EXTENSION_PENDING', 'no extension request is waiting');
      note = command.reason;
      data = { hours: task.extension.hours };
      next = { ...next, extension: null };
      break;
    case 'park':
      note = command.reason;
      next = { ...next, state: 'parked', parkedFrom: task.state, parkedAt: now, stageDueAt: null };
      break;
    case 'resume': {
      const back = task.parkedFrom ?? 'accepted';
      const paused = now - (task.parkedAt ?? now);
      data = { pausedMs: paused };
      next = {
        ...enter(back),
        parkedFrom: null,
        parkedAt: null,
        // parked time does not count against the time limit
        dueAt: task.dueAt + paused,
      };
      break;
    }
    case 'void':
      note = command.reason;
      next = { ...next, state: 'voided', stageDueAt: null, extension: null, parkedFrom: null, parkedAt: null };
      break;
    case 'comment':
      note = command.note;
      break;
    case 'escalate':
      if (command.level <= task.escalation) {
        return refuse('BAD_COMMAND', `the task is already at level ${ESCALATION_LEVELS[task.escalation]}`);
      }
      data = { level: ESCALATION_LEVELS[command.level] };
      next = { ...next, escalation: command.level };
      break;
    case 'auto_close':
      if (task.touched) return refuse('TOUCHED', 'a person has acted on this task: it is not closed automatically');
      note = command.reason;
      next = { ...next, state: 'closed', closedAt: now, stageDueAt: null, extension: null };
      // closed because the alert behind it was dismissed at the centre: a false alarm with the operator's reason
      if (command.falseAlarm) {
        data = { outcome: 'false_alarm', reason: command.falseAlarm };
        next = { ...next, outcome: { kind: 'false_alarm', reason: command.falseAlarm, note: command.reason } };
      }
      break;
  }
  return {
    ok: true,
    task: next,
    audit: { at: now, actor, command: command.type, from: task.state, to: next.state, note, data },
  };
}

export interface NewTask {
  severity: SeverityTier;
  handlerRole: TaskCore['handlerRole'];
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/** 上报: a new task in the `reported` state, with its first audit entry. */
export function reportTask(
  input: NewTask,
  actor: Actor,
  now: number,
  limits: TaskLimits,
): { task: TaskCore; audit: AuditEntry } {
  const task: TaskCore = {
    state: 'reported',
    severity: input.severity,
    handlerRole: input.handlerRole,
    assignees: [],
    createdAt: now,
    dueAt: taskDueAt(now, input.severity, limits),
    stageDueAt: stageDueAt('reported', input.severity, now, limits),
    escalation: 0,
    extension: null,
    extendedH: 0,
    parkedFrom: null,
    parkedAt: null,
    outcome: null,
    closedAt: null,
    reworks: 0,
    touched: false,
  };
  return {
    task,
    audit: {
      at: now,
      actor,
      command: 'report',
      from: null,
      to: 'reported',
      note: input.note ?? null,
      data: input.data ?? null,
    },
  };
}
