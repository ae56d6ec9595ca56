/**
 * Patrol tasks inside the engine: tasks from incidents (automatic, or held for an operator, per alert kind),
 * maintenance tasks from cameras gone offline (closed when the camera is back, if nobody acted), tasks reported
 * by hand, lifecycle commands from the API, and the timer that escalates overdue tasks. Every change is stored
 * through TasksRepo (state and audit in one transaction) and pushed as `tasks:changed`.
 */
import type { PushMessage } from '../api/contract';
import type { AuditView, TaskCommandInput, TaskEvidenceView, TaskView } from '../api/tasks-contract';
import { AppError } from '../api/dispatch';
import type { TasksConfig } from '../config/tasks-schema';
import type { Incident } from '../domain/correlator';
import type { AlertKind } from '../domain/incident-types';
import { escalationDue, isOverdue, type TaskLimits } from '../domain/task-deadlines';
import type { Actor, TaskCommand } from '../domain/task-lifecycle';
import type { Logger } from '../log/logger';
import type { AuditRow, ApplyResult, CreateTaskInput, TaskRecord, TasksRepo } from '../store/tasks-repo';

/** Where a grid cell is, and who covers it (the grid store). */
export interface GridLookup {
  placeOf(cellCode: string): {
    cell: { code: string; name: string };
    village: { code: string; name: string } | null;
    township: { code: string; name: string } | null;
  } | null;
  inspectorsForCell(cellCode: string): { id: string }[];
}

export interface TaskServiceOptions {
  repo: TasksRepo;
  grid: GridLookup;
  config: TasksConfig;
  /** A camera's display name and grid cell, when it is known. */
  camera: (id: string) => { name: string; gridCell: string } | null;
  /** Evidence files already stored for an incident (snapshots, clips). */
  incidentEvidence: (incidentId: string) => { kind: 'snapshot' | 'clip'; file: string; at: number }[];
  language: 'zh-CN' | 'en';
  publish: (message: PushMessage) => void;
  logger: Logger;
  now?: () => number;
}

export const SYSTEM: Actor = { role: 'system', id: 'engine', name: 'engine' };

const KIND_TEXT: Record<AlertKind, { 'zh-CN': string; en: string }> = {
  fire: { 'zh-CN': '火焰告警', en: 'Fire alert' },
  smoke: { 'zh-CN': '烟雾告警', en: 'Smoke alert' },
  intrusion: { 'zh-CN': '区域入侵', en: 'Intrusion' },
  crowding: { 'zh-CN': '人员聚集', en: 'Crowding' },
  loitering: { 'zh-CN': '人员徘徊', en: 'Loitering' },
};

const iso = (ms: number) => new Date(ms).toISOString();

export function toTaskView(t: TaskRecord, now: number): TaskView {
  return {
    id: t.id,
    number: t.number,
    state: t.state,
    source: t.source,
    category: t.category,
    severity: t.severity,
    handlerRole: t.handlerRole,
    title: t.title,
    description: t.description,
    place: {
      cellCode: t.cellCode,
      villageCode: t.villageCode,
      townshipCode: t.townshipCode,
      text: t.place,
      position: t.position,
    },
    incidentId: t.incidentId,
    cameraId: t.cameraId,
    assignees: t.assignees,
    createdAt: iso(t.createdAt),
    createdBy: t.createdBy,
    dueAt: iso(t.dueAt),
    stageDueAt: t.stageDueAt === null ? null : iso(t.stageDueAt),
    overdue: isOverdue(t, now),
    escalation: t.escalation,
    extension: t.extension ? { ...t.extension, at: iso(t.extension.at) } : null,
    extendedH: t.extendedH,
    parkedFrom: t.parkedFrom,
    outcome: t.outcome,
    closedAt: t.closedAt === null ? null : iso(t.closedAt),
    reworks: t.reworks,
    touched: t.touched,
    version: t.version,
    updatedAt: iso(t.updatedAt),
  };
}

export function toAuditView(a: AuditRow): AuditView {
  return {
    seq: a.seq,
    at: iso(a.at),
    actor: a.actor,
    command: a.command,
    from: a.from,
    to: a.to,
    note: a.note,
    data: a.data,
  };
}

/** A refused command as an API error: the stable refusal code travels as `reason`. */
function refusalError(r: Extract<ApplyResult, { ok: false }>): AppError {
  const code =
    r.code === 'NOT_FOUND'
      ? 'NOT_FOUND'
      : r.code === 'ROLE_NOT_ALLOWED' || r.code === 'NOT_ASSIGNED'
        ? 'FORBIDDEN'
        : r.code === 'BAD_COMMAND'
          ? 'INVALID_REQUEST'
          : 'CONFLICT';
  return new AppError(code, r.message, undefined, r.code);
}

export class TaskService {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  /** Cameras of each incident already noted on its task (a new camera joining is noted as evidence). */
  private readonly seenCameras = new Map<string, Set<string>>();
  private readonly limits: TaskLimits;

  constructor(private readonly options: TaskServiceOptions) {
    this.log = options.logger.child({ module: 'tasks' });
    this.now = options.now ?? Date.now;
    this.limits = options.config.limits;
    this.timer = setInterval(() => this.checkEscalations(), options.config.escalationCheckS * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  // ---- from the engine --------------------------------------------------------------------------------------

  /** Evidence files of an incident were stored: they go to its open task. */
  onIncidentEvidence(incidentId: string): void {
    try {
      const open = this.options.repo.openForIncident(incidentId);
      if (open && this.attachFiles(open, incidentId) > 0) this.changed(open, 'evidence');
    } catch (error) {
      this.log.error({ err: error, incident: incidentId }, 'incident evidence not attached to its task');
    }
  }

  /** An incident changed (`opened`, `updated`, `reopened`, `ended`). */
  onIncident(change: string, incident: Incident): void {
    try {
      this.incidentChanged(change, incident);
    } catch (error) {
      this.log.error({ err: error, incident: incident.id, change }, 'task for the incident not stored');
    }
  }

  private incidentChanged(change: string, incident: Incident): void {
    const open = this.options.repo.openForIncident(incident.id);
    const now = this.now();
    if (!open) {
      if (change !== 'opened' && change !== 'reopened') return;
      const mode = this.options.config.fromIncidents[incident.kind];
      if (mode === 'off') return;
      this.createFromIncident(incident, mode, now);
      return;
    }
    const seen = this.seenCameras.get(incident.id) ?? new Set(open.cameraId ? [open.cameraId] : []);
    const joined = incident.cameras.filter((c) => !seen.has(c));
    joined.forEach((c) => seen.add(c));
    this.seenCameras.set(incident.id, seen);
    const notes: string[] = [];
    if (change === 'reopened') notes.push(`incident reopened (${incident.reopened})`);
    if (joined.length > 0) notes.push(`seen by ${joined.map((c) => this.cameraName(c)).join(', ')}`);
    let added = 0;
    if (notes.length > 0) {
      this.options.repo.addEvidence({
        taskId: open.id,
        kind: 'incident',
        incidentId: incident.id,
        file: null,
        at: now,
        note: `${notes.join('; ')}; peak ${incident.peak.score.toFixed(2)}`,
      });
      added++;
    }
    if (added > 0) this.changed(open, 'evidence');
  }

  private createFromIncident(incident: Incident, mode: 'auto' | 'confirm', now: number): void {
    const peakCamera = incident.peak.cameraId;
    const camera = this.options.camera(peakCamera);
    const cellCode = camera?.gridCell ?? incident.gridCells[0] ?? null;
    const place = this.placeOf(cellCode);
    const lang = this.options.language;
    const kind = KIND_TEXT[incident.kind][lang];
    const cameras = incident.cameras.map((c) => this.cameraName(c)).join(lang === 'zh-CN' ? '、' : ', ');
    const title = `${kind} · ${this.cameraName(peakCamera)}`;
    const description =
      lang === 'zh-CN'
        ? `${cameras} 于 ${new Date(incident.firstSeen).toLocaleString('zh-CN', { hour12: false })} 发现${kind}（峰值 ${incident.peak.score.toFixed(2)}）。请到现场核实。`
        : `${kind} seen by ${cameras} at ${new Date(incident.firstSeen).toLocaleString('en-GB')} (peak ${incident.peak.score.toFixed(2)}). Please check on site.`;
    const input: CreateTaskInput = {
      source: 'video_ai',
      category: incident.kind,
      severity: this.options.config.severity[incident.kind],
      handlerRole: 'inspector',
      title,
      description,
      ...place,
      place: camera?.name ?? null,
      position: null,
      incidentId: incident.id,
      cameraId: peakCamera,
      note: `incident ${incident.id}`,
    };
    const then: { command: TaskCommand; actor: Actor }[] = [];
    if (mode === 'auto') {
      then.push({ command: { type: 'accept', note: 'automatic' }, actor: SYSTEM });
      const inspectors = cellCode ? this.options.grid.inspectorsForCell(cellCode).map((i) => i.id) : [];
      if (inspectors.length > 0) {
        then.push({ command: { type: 'dispatch', assignees: inspectors, note: 'by grid cell' }, actor: SYSTEM });
      } else {
        this.log.warn(
          { incident: incident.id, cell: cellCode },
          'no active inspector covers the cell: waiting for dispatch',
        );
      }
    }
    const task = this.options.repo.create(input, SYSTEM, now, this.limits, then);
    this.seenCameras.set(incident.id, new Set(incident.cameras));
    this.options.repo.addEvidence({
      taskId: task.id,
      kind: 'incident',
      incidentId: incident.id,
      file: null,
      at: now,
      note: `incident opened; peak ${incident.peak.score.toFixed(2)}`,
    });
    this.attachFiles(task, incident.id);
    this.log.warn({ task: task.number, incident: incident.id, state: task.state }, 'task created from an incident');
    this.changed(task, 'created');
  }

  /** Attaches the incident's snapshots and clips not yet on the task. */
  private attachFiles(task: TaskRecord, incidentId: string): number {
    const have = new Set(this.options.repo.evidence(task.id).flatMap((e) => (e.file ? [e.file] : [])));
    let added = 0;
    for (const e of this.options.incidentEvidence(incidentId)) {
      if (have.has(e.file)) continue;
      this.options.repo.addEvidence({ taskId: task.id, kind: e.kind, incidentId, file: e.file, at: e.at, note: null });
      added++;
    }
    return added;
  }

  /** One maintenance task per outage, for the technicians. */
  onCameraOffline(cameraId: string, sinceMs: number): void {
    if (!this.options.config.cameraOffline.task) return;
    try {
      if (this.options.repo.openCameraOffline(cameraId)) return;
      const camera = this.options.camera(cameraId);
      const cellCode = camera?.gridCell ?? null;
      const name = this.cameraName(cameraId);
      const zh = this.options.language === 'zh-CN';
      const since = new Date(sinceMs).toLocaleString(zh ? 'zh-CN' : 'en-GB', { hour12: false });
      const task = this.options.repo.create(
        {
          source: 'system',
          category: 'camera_offline',
          severity: this.options.config.cameraOffline.severity,
          handlerRole: 'technician',
          title: zh ? `摄像头离线 · ${name}` : `Camera offline · ${name}`,
          description: zh ? `${name} 自 ${since} 起没有画面。` : `${name} has delivered no frames since ${since}.`,
          ...this.placeOf(cellCode),
          place: camera?.name ?? null,
          position: null,
          cameraId,
        },
        SYSTEM,
        this.now(),
        this.limits,
        [
          { command: { type: 'accept', note: 'automatic' }, actor: SYSTEM },
          { command: { type: 'dispatch', assignees: [], note: 'technicians' }, actor: SYSTEM },
        ],
      );
      this.changed(task, 'created');
    } catch (error) {
      this.log.error({ err: error, camera: cameraId }, 'maintenance task not stored');
    }
  }

  /** The camera is back: its maintenance task closes on its own unless someone has acted on it. */
  onCameraBack(cameraId: string, offlineForMs: number): void {
    try {
      const task = this.options.repo.openCameraOffline(cameraId);
      if (!task) return;
      const minutes = Math.round(offlineForMs / 60_000);
      const r = task.touched
        ? this.options.repo.apply(
            task.id,
            { type: 'comment', note: `camera back after ${minutes} min` },
            SYSTEM,
            this.now(),
            this.limits,
          )
        : this.options.repo.apply(
            task.id,
            { type: 'auto_close', reason: `camera back after ${minutes} min` },
            SYSTEM,
            this.now(),
            this.limits,
          );
      if (r.ok) this.changed(r.task, r.audit.command);
    } catch (error) {
      this.log.error({ err: error, camera: cameraId }, 'maintenance task not updated');
    }
  }

  /** Raises the escalation of tasks past their limits (village → township → county). */
  checkEscalations(): number {
    const now = this.now();
    let raised = 0;
    try {
      for (const task of this.options.repo.escalationCandidates(now)) {
        const level = escalationDue(task, now, this.limits);
        if (level <= task.escalation) continue;
        const r = this.options.repo.apply(task.id, { type: 'escalate', level }, SYSTEM, now, this.limits, {
          expectedVersion: task.version,
        });
        if (r.ok) {
          raised++;
          this.log.warn({ task: task.number, level }, 'task escalated');
          this.changed(r.task, 'escalate');
        }
      }
    } catch (error) {
      this.log.error({ err: error }, 'escalation check failed');
    }
    return raised;
  }

  // ---- from the API -----------------------------------------------------------------------------------------

  create(input: {
    source: 'patrol' | 'hotline' | 'manual';
    category: TaskRecord['category'];
    severity: TaskRecord['severity'];
    title: string;
    description: string;
    cellCode: string | null;
    place: string | null;
    position: { lat: number; lon: number } | null;
    actor: Actor;
    dispatch?: 'grid' | string[] | undefined;
    note?: string | undefined;
  }): TaskView {
    if (input.cellCode && !this.options.grid.placeOf(input.cellCode)) {
      throw new AppError('INVALID_REQUEST', `unknown grid cell ${input.cellCode}`, [
        { path: 'cellCode', message: 'not a grid cell of the imported grid' },
      ]);
    }
    if (input.actor.role !== 'operator') {
      throw new AppError(
        'FORBIDDEN',
        'tasks are reported by hand at the centre, by an operator',
        undefined,
        'ROLE_NOT_ALLOWED',
      );
    }
    const then: { command: TaskCommand; actor: Actor }[] = [];
    if (input.dispatch) {
      const assignees =
        input.dispatch === 'grid'
          ? input.cellCode
            ? this.options.grid.inspectorsForCell(input.cellCode).map((i) => i.id)
            : []
          : input.dispatch;
      if (assignees.length === 0) {
        throw new AppError('INVALID_REQUEST', 'no active inspector covers this grid cell', [
          { path: 'dispatch', message: 'nobody to dispatch to' },
        ]);
      }
      then.push({ command: { type: 'accept' }, actor: input.actor });
      then.push({ command: { type: 'dispatch', assignees }, actor: input.actor });
    }
    const task = this.options.repo.create(
      {
        source: input.source,
        category: input.category,
        severity: input.severity,
        handlerRole: input.category === 'camera_offline' ? 'technician' : 'inspector',
        title: input.title,
        description: input.description,
        ...this.placeOf(input.cellCode),
        place: input.place,
        position: input.position,
        note: input.note ?? null,
      },
      input.actor,
      this.now(),
      this.limits,
      then,
    );
    this.changed(task, 'created');
    return toTaskView(task, this.now());
  }

  transition(input: {
    id: string;
    command: TaskCommandInput;
    actor: Actor;
    expectedVersion?: number | undefined;
    clientId?: string | undefined;
  }): { task: TaskView; audit: AuditView; replayed: boolean } {
    const now = this.now();
    const r = this.options.repo.apply(input.id, input.command, input.actor, now, this.limits, {
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
    });
    if (!r.ok) throw refusalError(r);
    if (!r.replayed) this.changed(r.task, r.audit.command);
    return { task: toTaskView(r.task, now), audit: toAuditView(r.audit), replayed: r.replayed };
  }

  get(id: string): { task: TaskView; audit: AuditView[]; evidence: TaskEvidenceView[] } {
    const task = this.options.repo.get(id);
    if (!task) throw new AppError('NOT_FOUND', `no task ${id}`);
    return {
      task: toTaskView(task, this.now()),
      audit: this.options.repo.audit(id).map(toAuditView),
      evidence: this.options.repo.evidence(id).map((e) => ({
        kind: e.kind,
        incidentId: e.incidentId,
        file: e.file,
        at: iso(e.at),
        note: e.note,
      })),
    };
  }

  list(
    filter: Parameters<TasksRepo['list']>[0],
    limit: number,
    after: string | null,
  ): { tasks: TaskView[]; total: number; next: string | null } {
    const now = this.now();
    const page = this.options.repo.list(filter, now, limit, after);
    return { tasks: page.tasks.map((t) => toTaskView(t, now)), total: page.total, next: page.next };
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private placeOf(cellCode: string | null): Pick<CreateTaskInput, 'cellCode' | 'villageCode' | 'townshipCode'> {
    if (!cellCode) return { cellCode: null, villageCode: null, townshipCode: null };
    const p = this.options.grid.placeOf(cellCode);
    return { cellCode, villageCode: p?.village?.code ?? null, townshipCode: p?.township?.code ?? null };
  }

  private cameraName(id: string): string {
    return this.options.camera(id)?.name ?? id;
  }

  private changed(task: TaskRecord, change: string): void {
    this.options.publish({
      type: 'tasks:changed',
      payload: { id: task.id, number: task.number, change, state: task.state, escalation: task.escalation },
    });
  }
}
