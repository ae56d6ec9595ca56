/**
 * Patrol tasks in SQLite. Every change goes through the pure lifecycle (`transition`) inside one IMMEDIATE
 * transaction that reads the task, checks its version, writes the new state and appends the audit row: a
 * transition is either wholly there or not at all, and the audit log and the task states always agree.
 *
 * A command may carry a client-made id (`clientId`, from a phone's offline queue): it is stored with its audit
 * row (unique), so the same command sent twice is applied once; the second time answers `replayed: true`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  isOpen,
  reportTask,
  transition,
  type Actor,
  type AuditEntry,
  type FalseAlarmReason,
  type Outcome,
  type RefusalCode,
  type Role,
  type SeverityTier,
  type TaskCategory,
  type TaskCommand,
  type TaskCore,
  type TaskSource,
  type TaskState,
} from '../domain/task-lifecycle';
import type { TaskLimits } from '../domain/task-deadlines';
import type { Statement } from 'better-sqlite3';
import type { Database } from './database';

export interface TaskPlace {
  cellCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  /** Free text: an address, a landmark. */
  place: string | null;
  position: { lat: number; lon: number } | null;
}

export interface TaskRecord extends TaskCore, TaskPlace {
  id: string;
  number: number;
  source: TaskSource;
  category: TaskCategory;
  title: string;
  description: string;
  incidentId: string | null;
  cameraId: string | null;
  createdBy: string;
  version: number;
  updatedAt: number;
}

export interface CreateTaskInput extends TaskPlace {
  source: TaskSource;
  category: TaskCategory;
  severity: SeverityTier;
  handlerRole: TaskCore['handlerRole'];
  title: string;
  description: string;
  incidentId?: string | null;
  cameraId?: string | null;
  note?: string | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
  taskId: string;
  seq: number;
  clientId: string | null;
}

export interface TaskEvidenceRow {
  id: number;
  taskId: string;
  kind: 'incident' | 'snapshot' | 'clip' | 'photo';
  incidentId: string | null;
  file: string | null;
  at: number;
  note: string | null;
}

/** Refusals of the store on top of the lifecycle's: the task is gone, or changed since the caller read it. */
export type StoreRefusal = 'NOT_FOUND' | 'STALE' | 'CLIENT_ID_REUSED';

export type ApplyResult =
  | { ok: true; task: TaskRecord; audit: AuditRow; replayed: boolean }
  | { ok: false; code: RefusalCode | StoreRefusal; message: string };

export interface TaskFilter {
  states?: readonly TaskState[];
  /** Shortcut for every state but closed and voided. */
  open?: boolean;
  townshipCode?: string;
  villageCode?: string;
  cellCode?: string;
  severities?: readonly SeverityTier[];
  sources?: readonly TaskSource[];
  categories?: readonly string[];
  /** Running (not parked) and past the whole task's limit at `now`. */
  overdue?: boolean;
  escalated?: boolean;
  assignee?: string;
  handlerRole?: TaskCore['handlerRole'];
  incidentId?: string;
  /** Words in the title, description or place. */
  text?: string;
}

export interface TaskPage {
  tasks: TaskRecord[];
  total: number;
  /** Pass back as `after` for the next page; null on the last page. */
  next: string | null;
}

interface TaskDbRow {
  id: string;
  number: number;
  state: TaskState;
  source: TaskSource;
  category: TaskCategory;
  severity: SeverityTier;
  handler_role: TaskCore['handlerRole'];
  title: string;
  description: string;
  cell_code: string | null;
  village_code: string | null;
  township_code: string | null;
  place: string | null;
  lat: number | null;
  lon: number | null;
  incident_id: string | null;
  camera_id: string | null;
  created_at: number;
  created_by: string;
  due_at: number;
  stage_due_at: number | null;
  escalation: 0 | 1 | 2;
  extension: string | null;
  extended_h: number;
  parked_from: TaskState | null;
  parked_at: number | null;
  outcome: Outcome | null;
  outcome_reason: FalseAlarmReason | null;
  outcome_note: string | null;
  closed_at: number | null;
  reworks: number;
  touched: 0 | 1;
  version: number;
  updated_at: number;
  assignees: string | null;
}

interface AuditDbRow {
  id: number;
  task_id: string;
  seq: number;
  at: number;
  actor_role: Role;
  actor_id: string;
  actor_name: string;
  command: AuditEntry['command'];
  from_state: TaskState | null;
  to_state: TaskState;
  note: string | null;
  data: string | null;
  client_id: string | null;
}

const ExtensionSchema = z.object({ hours: z.number(), reason: z.string(), by: z.string(), at: z.number() });
const DataSchema = z.record(z.string(), z.unknown());

function parseJson<T>(schema: z.ZodType<T>, text: string | null): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const SELECT_TASK = `SELECT t.*, (SELECT group_concat(inspector_id, char(31)) FROM task_assignees a
  WHERE a.task_id = t.id) AS assignees FROM tasks t`;

function toRecord(row: TaskDbRow): TaskRecord {
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    source: row.source,
    category: row.category,
    severity: row.severity,
    handlerRole: row.handler_role,
    title: row.title,
    description: row.description,
    cellCode: row.cell_code,
    villageCode: row.village_code,
    townshipCode: row.township_code,
    place: row.place,
    position: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    incidentId: row.incident_id,
    cameraId: row.camera_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    dueAt: row.due_at,
    stageDueAt: row.stage_due_at,
    escalation: row.escalation,
    extension: parseJson(ExtensionSchema, row.extension),
    extendedH: row.extended_h,
    parkedFrom: row.parked_from,
    parkedAt: row.parked_at,
    outcome: row.outcome ? { kind: row.outcome, reason: row.outcome_reason, note: row.outcome_note } : null,
    closedAt: row.closed_at,
    reworks: row.reworks,
    touched: row.touched === 1,
    assignees: row.assignees ? row.assignees.split('\u001f').sort() : [],
    version: row.version,
    updatedAt: row.updated_at,
  };
}

function toAudit(row: AuditDbRow): AuditRow {
  return {
    id: row.id,
    taskId: row.task_id,
    seq: row.seq,
    at: row.at,
    actor: { role: row.actor_role, id: row.actor_id, name: row.actor_name },
    command: row.command,
    from: row.from_state,
    to: row.to_state,
    note: row.note,
    data: parseJson(DataSchema, row.data),
    clientId: row.client_id,
  };
}

/** The columns a state change writes (everything the lifecycle owns). */
function coreParams(task: TaskCore) {
  return {
    state: task.state,
    due_at: task.dueAt,
    stage_due_at: task.stageDueAt,
    escalation: task.escalation,
    extension: task.extension ? JSON.stringify(task.extension) : null,
    extended_h: task.extendedH,
    parked_from: task.parkedFrom,
    parked_at: task.parkedAt,
    outcome: task.outcome?.kind ?? null,
    outcome_reason: task.outcome?.reason ?? null,
    outcome_note: task.outcome?.note ?? null,
    closed_at: task.closedAt,
    reworks: task.reworks,
    touched: task.touched ? 1 : 0,
  };
}

export class TasksRepo {
  /** Statements prepared once per text (preparing costs more than running most of them). */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  private prep<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // the board's filters make a few dozen shapes at most; a bound keeps a pathological caller in check
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  /**
   * 上报: stores a new task and its `report` audit row, then applies `then` (e.g. the system's accept and
   * dispatch for an automatic task) in the same transaction. Fails on a second open task for one incident.
   */
  create(
    input: CreateTaskInput,
    actor: Actor,
    now: number,
    limits: TaskLimits,
    then: { command: TaskCommand; actor: Actor }[] = [],
  ): TaskRecord {
    return this.db
      .transaction(() => {
        const number = (this.prep<[], { n: number | null }>('SELECT MAX(number) AS n FROM tasks').get()?.n ?? 0) + 1;
        const id = randomUUID();
        const { task, audit } = reportTask(
          { severity: input.severity, handlerRole: input.handlerRole, note: input.note ?? null },
          actor,
          now,
          limits,
        );
        this.prep(
          `INSERT INTO tasks (id, number, source, category, severity, handler_role, title, description, cell_code,
              village_code, township_code, place, lat, lon, incident_id, camera_id, created_at, created_by, due_at,
              stage_due_at, escalation, extension, extended_h, parked_from, parked_at, outcome, outcome_reason,
              outcome_note, closed_at, reworks, touched, version, updated_at, state)
             VALUES (@id, @number, @source, @category, @severity, @handler_role, @title, @description, @cell_code,
              @village_code, @township_code, @place, @lat, @lon, @incident_id, @camera_id, @created_at, @created_by,
              @due_at, @stage_due_at, @escalation, @extension, @extended_h, @parked_from, @parked_at, @outcome,
              @outcome_reason, @outcome_note, @closed_at, @reworks, @touched, 1, @updated_at, @state)`,
        ).run({
          id,
          number,
          source: input.source,
          category: input.category,
          severity: input.severity,
          handler_role: input.handlerRole,
          title: input.title,
          description: input.description,
          cell_code: input.cellCode,
          village_code: input.villageCode,
          township_code: input.townshipCode,
          place: input.place,
          lat: input.position?.lat ?? null,
          lon: input.position?.lon ?? null,
          incident_id: input.incidentId ?? null,
          camera_id: input.cameraId ?? null,
          created_at: now,
          created_by: `${actor.role}:${actor.id}`,
          updated_at: now,
          ...coreParams(task),
        });
        this.appendAudit(id, 1, audit, null);
        for (const step of then) {
          const r = this.applyInside(id, step.command, step.actor, now, limits, {});
          if (!r.ok) throw new Error(`${step.command.type} refused on a new task: ${r.message}`);
        }
        const created = this.get(id);
        if (!created) throw new Error('the new task vanished');
        return created;
      })
      .immediate();
  }

  /** Applies one command to a task (see `transition`): state change and audit row in one transaction. */
  apply(
    id: string,
    command: TaskCommand,
    actor: Actor,
    now: number,
    limits: TaskLimits,
    options: { expectedVersion?: number; clientId?: string } = {},
  ): ApplyResult {
    return this.db.transaction(() => this.applyInside(id, command, actor, now, limits, options)).immediate();
  }

  private applyInside(
    id: string,
    command: TaskCommand,
    actor: Actor,
    now: number,
    limits: TaskLimits,
    options: { expectedVersion?: number; clientId?: string },
  ): ApplyResult {
    if (options.clientId) {
      const seen = this.prep<[string], AuditDbRow>('SELECT * FROM task_audit WHERE client_id = ?').get(
        options.clientId,
      );
      if (seen) {
        const task = this.get(seen.task_id);
        if (seen.task_id !== id || seen.command !== command.type || !task) {
          return { ok: false, code: 'CLIENT_ID_REUSED', message: 'this client id was used for another command' };
        }
        return { ok: true, task, audit: toAudit(seen), replayed: true };
      }
    }
    const current = this.get(id);
    if (!current) return { ok: false, code: 'NOT_FOUND', message: `no task ${id}` };
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      return {
        ok: false,
        code: 'STALE',
        message: `the task changed since it was read (version ${current.version}, not ${options.expectedVersion})`,
      };
    }
    const r = transition(current, command, actor, now, limits);
    if (!r.ok) return r;
    const version = current.version + 1;
    this.prep(
      `UPDATE tasks SET state = @state, due_at = @due_at, stage_due_at = @stage_due_at, escalation = @escalation,
          extension = @extension, extended_h = @extended_h, parked_from = @parked_from, parked_at = @parked_at,
          outcome = @outcome, outcome_reason = @outcome_reason, outcome_note = @outcome_note,
          closed_at = @closed_at, reworks = @reworks, touched = @touched, version = @version, updated_at = @now
         WHERE id = @id AND version = @previous`,
    ).run({ ...coreParams(r.task), version, now, id, previous: current.version });
    if (command.type === 'dispatch' || command.type === 'reassign' || command.type === 'return') {
      this.prep('DELETE FROM task_assignees WHERE task_id = ?').run(id);
      const add = this.prep('INSERT INTO task_assignees (task_id, inspector_id) VALUES (?, ?)');
      for (const who of r.task.assignees) add.run(id, who);
    }
    const seq = version;
    const auditId = this.appendAudit(id, seq, r.audit, options.clientId ?? null);
    const task = this.get(id);
    if (!task) throw new Error('the task vanished');
    return {
      ok: true,
      task,
      audit: { ...r.audit, id: auditId, taskId: id, seq, clientId: options.clientId ?? null },
      replayed: false,
    };
  }

  private appendAudit(taskId: string, seq: number, audit: AuditEntry, clientId: string | null): number {
    const info = this.prep(
      `INSERT INTO task_audit (task_id, seq, at, actor_role, actor_id, actor_name, command, from_state, to_state,
          note, data, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      taskId,
      seq,
      audit.at,
      audit.actor.role,
      audit.actor.id,
      audit.actor.name,
      audit.command,
      audit.from,
      audit.to,
      audit.note,
      audit.data ? JSON.stringify(audit.data) : null,
      clientId,
    );
    return Number(info.lastInsertRowid);
  }

  get(id: string): TaskRecord | null {
    const row = this.prep<[string], TaskDbRow>(`${SELECT_TASK} WHERE t.id = ?`).get(id);
    return row ? toRecord(row) : null;
  }

  byNumber(number: number): TaskRecord | null {
    const row = this.prep<[number], TaskDbRow>(`${SELECT_TASK} WHERE t.number = ?`).get(number);
    return row ? toRecord(row) : null;
  }

  /** The open task of an incident (at most one: a unique index holds it). */
  openForIncident(incidentId: string): TaskRecord | null {
    const row = this.prep<[string], TaskDbRow>(
      `${SELECT_TASK} WHERE t.incident_id = ? AND t.state NOT IN ('closed', 'voided')`,
    ).get(incidentId);
    return row ? toRecord(row) : null;
  }

  /** The open maintenance task of a camera gone offline. */
  openCameraOffline(cameraId: string): TaskRecord | null {
    const row = this.prep<[string], TaskDbRow>(
      `${SELECT_TASK} WHERE t.camera_id = ? AND t.category = 'camera_offline' AND t.state NOT IN ('closed', 'voided')`,
    ).get(cameraId);
    return row ? toRecord(row) : null;
  }

  audit(taskId: string): AuditRow[] {
    return this.prep<[string], AuditDbRow>('SELECT * FROM task_audit WHERE task_id = ? ORDER BY seq')
      .all(taskId)
      .map(toAudit);
  }

  addEvidence(row: Omit<TaskEvidenceRow, 'id'>): number {
    const info = this.prep(
      'INSERT INTO task_evidence (task_id, kind, incident_id, file, at, note) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(row.taskId, row.kind, row.incidentId, row.file, row.at, row.note);
    return Number(info.lastInsertRowid);
  }

  evidence(taskId: string): TaskEvidenceRow[] {
    return this.prep<
      [string],
      {
        id: number;
        task_id: string;
        kind: TaskEvidenceRow['kind'];
        incident_id: string | null;
        file: string | null;
        at: number;
        note: string | null;
      }
    >('SELECT * FROM task_evidence WHERE task_id = ? ORDER BY at, id')
      .all(taskId)
      .map((r) => ({
        id: r.id,
        taskId: r.task_id,
        kind: r.kind,
        incidentId: r.incident_id,
        file: r.file,
        at: r.at,
        note: r.note,
      }));
  }

  /**
   * Tasks whose escalation may be due at `now`: running (not parked), below the county level, and past their
   * task or stage limit.
   */
  escalationCandidates(now: number, limit = 1000): TaskRecord[] {
    return this.prep<[number, number, number], TaskDbRow>(
      `${SELECT_TASK} WHERE t.state NOT IN ('closed', 'voided') AND t.state != 'parked' AND t.escalation < 2
          AND (t.due_at < ? OR t.stage_due_at < ?) ORDER BY t.due_at LIMIT ?`,
    )
      .all(now, now, limit)
      .map(toRecord);
  }

  /**
   * One page of the task board: filtered, soonest deadline first (open tasks), keyset-paginated on
   * (due_at, number) so a page costs the same at row 10 and at row 100,000.
   */
  list(filter: TaskFilter, now: number, limit: number, after: string | null = null): TaskPage {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const inList = (column: string, key: string, values: readonly string[]) => {
      const names = values.map((v, i) => {
        params[`${key}${i}`] = v;
        return `@${key}${i}`;
      });
      where.push(`${column} IN (${names.join(', ')})`);
    };
    if (filter.states && filter.states.length > 0) inList('t.state', 'st', filter.states);
    // Open tasks are a few percent of all: when only open tasks can match, the condition of the small partial
    // indexes tasks_open_due and tasks_open_township is named as they spell it, so that SQLite uses them.
    const openOnly =
      filter.overdue === true ||
      (filter.states && filter.states.length > 0 ? filter.states.every((s) => isOpen(s)) : filter.open === true);
    if (openOnly) where.push(`t.state NOT IN ('closed', 'voided')`);
    if (filter.townshipCode) {
      where.push('t.township_code = @township');
      params.township = filter.townshipCode;
    }
    if (filter.villageCode) {
      where.push('t.village_code = @village');
      params.village = filter.villageCode;
    }
    if (filter.cellCode) {
      where.push('t.cell_code = @cell');
      params.cell = filter.cellCode;
    }
    if (filter.severities && filter.severities.length > 0) inList('t.severity', 'sev', filter.severities);
    if (filter.sources && filter.sources.length > 0) inList('t.source', 'src', filter.sources);
    if (filter.categories && filter.categories.length > 0) inList('t.category', 'cat', filter.categories);
    if (filter.overdue !== undefined) {
      params.now = now;
      where.push(
        filter.overdue
          ? `(t.state NOT IN ('closed', 'voided', 'parked') AND t.due_at < @now)`
          : `NOT (t.state NOT IN ('closed', 'voided', 'parked') AND t.due_at < @now)`,
      );
    }
    if (filter.escalated !== undefined) where.push(filter.escalated ? 't.escalation > 0' : 't.escalation = 0');
    if (filter.assignee) {
      where.push('t.id IN (SELECT task_id FROM task_assignees WHERE inspector_id = @assignee)');
      params.assignee = filter.assignee;
    }
    if (filter.handlerRole) {
      where.push('t.handler_role = @handler');
      params.handler = filter.handlerRole;
    }
    if (filter.incidentId) {
      where.push('t.incident_id = @incident');
      params.incident = filter.incidentId;
    }
    if (filter.text && filter.text.trim()) {
      where.push(
        `(t.title LIKE @text ESCAPE '\\' OR t.description LIKE @text ESCAPE '\\' OR t.place LIKE @text ESCAPE '\\')`,
      );
      params.text = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const base = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.prep<Record<string, string | number>, { n: number }>(
      `SELECT COUNT(*) AS n FROM tasks t ${base}`,
    ).get(params)?.n;
    const page = [...where];
    const cursor = after ? decodeCursor(after) : null;
    if (cursor) {
      page.push('(t.due_at > @cdue OR (t.due_at = @cdue AND t.number > @cnum))');
      params.cdue = cursor.due;
      params.cnum = cursor.number;
    }
    params.limit = limit + 1;
    const rows = this.prep<Record<string, string | number>, TaskDbRow>(
      `${SELECT_TASK} ${page.length > 0 ? `WHERE ${page.join(' AND ')}` : ''}
         ORDER BY t.due_at, t.number LIMIT @limit`,
    ).all(params);
    const tasks = rows.slice(0, limit).map(toRecord);
    const last = tasks.at(-1);
    return {
      tasks,
      total: total ?? 0,
      next: rows.length > limit && last ? encodeCursor(last.dueAt, last.number) : null,
    };
  }

  /** Counts of tasks per state (the board's tabs). */
  countsByState(): Partial<Record<TaskState, number>> {
    const out: Partial<Record<TaskState, number>> = {};
    for (const r of this.prep<[], { state: TaskState; n: number }>(
      'SELECT state, COUNT(*) AS n FROM tasks GROUP BY state',
    ).all()) {
      out[r.state] = r.n;
    }
    return out;
  }
}

function encodeCursor(due: number, number: number): string {
  return `${due.toString(36)}.${number.toString(36)}`;
}

function decodeCursor(text: string): { due: number; number: number } | null {
  const m = /^(-?[0-9a-z]+)\.([0-9a-z]+)$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  return { due: parseInt(m[1], 36), number: parseInt(m[2], 36) };
}
