/**
 * The phone's requests: the inspector's own tasks, one task with its evidence and audit, and actions mapped onto
 * the task lifecycle (accept → a comment marking 接单, return → return, check-in → start with position and time in
 * the audit data, report → feedback). Photos are attached as task evidence only by an action of their uploader.
 * The actor is always the token's inspector; a client id is applied at most once (namespaced by inspector).
 */
import type { z } from 'zod';
import type { PushMessage } from '../api/contract';
import type { InspectorChannel, inspectorRequests, MeTask, PhoneAction } from '../api/inspector-contract';
import type { TaskCommandInput } from '../api/tasks-contract';
import { isOpen, type Actor } from '../domain/task-lifecycle';
import { phoneActions, timeLeftS } from '../domain/pairing';
import { isOverdue } from '../domain/task-deadlines';
import type { InspectorDevicesRepo } from '../store/inspector-devices-repo';
import type { AuditRow, TaskRecord, TasksRepo } from '../store/tasks-repo';
import { InspectorApiError } from './inspectors-errors';
import type { PhoneIdentity } from './inspectors';
import type { TaskService } from './tasks';
import { AppError } from '../api/dispatch';

/** The note of the comment that records an inspector's 接单 (the lifecycle has no field "accept"). */
export const ACCEPT_NOTE = '接单 (accepted)';

export interface MeServiceOptions {
  tasks: TaskService;
  tasksRepo: TasksRepo;
  uploads: InspectorDevicesRepo;
  cellName: (code: string) => string | null;
  publish: (message: PushMessage) => void;
  now?: () => number;
}

type Out<C extends InspectorChannel> = z.output<(typeof inspectorRequests)[C]['output']>;

const iso = (ms: number) => new Date(ms).toISOString();
const clientKey = (inspectorId: string, clientId: string) => `insp:${inspectorId}:${clientId}`;

export class MeService {
  private readonly now: () => number;

  constructor(private readonly options: MeServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  get(me: PhoneIdentity): Out<'me:get'> {
    const { inspector, device } = me;
    return {
      inspector: {
        id: inspector.id,
        name: inspector.name,
        active: inspector.active,
        cells: inspector.cells.map((code) => ({ code, name: this.options.cellName(code) })),
      },
      device: { id: device.id, name: device.name, createdAt: device.createdAt },
      serverTime: iso(this.now()),
    };
  }

  tasks(me: PhoneIdentity, includeClosed: boolean): Out<'me:tasks'> {
    const now = this.now();
    const page = this.options.tasksRepo.list(
      { assignee: me.inspector.id, ...(includeClosed ? {} : { open: true }) },
      now,
      500,
    );
    const tasks = page.tasks.map((t) => this.view(t, me, now));
    tasks.sort((a, b) => Number(b.open) - Number(a.open) || a.dueAt.localeCompare(b.dueAt) || a.number - b.number);
    return { tasks, serverTime: iso(now) };
  }

  task(me: PhoneIdentity, id: string): Out<'me:task'> {
    const task = this.own(me, id);
    const now = this.now();
    const audit = this.options.tasksRepo.audit(id);
    return {
      task: this.view(task, me, now, audit),
      evidence: this.options.tasksRepo.evidence(id).map((e) => ({
        kind: e.kind,
        url: e.file ? `/media/${e.file}` : null,
        mediaType: e.file ? (e.file.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg') : null,
        at: iso(e.at),
        note: e.note,
      })),
      audit: audit.map((a) => ({
        seq: a.seq,
        at: iso(a.at),
        actor: { role: a.actor.role, name: a.actor.name },
        command: a.command,
        from: a.from,
        to: a.to,
        note: a.note,
        mine: a.actor.role === 'inspector' && a.actor.id === me.inspector.id,
      })),
    };
  }

  /** One action; synchronous from the look-ups to the stored change, so one device's actions keep their order. */
  act(me: PhoneIdentity, taskId: string, clientId: string, action: PhoneAction): Out<'me:act'> {
    const key = clientKey(me.inspector.id, clientId);
    const seen = this.options.tasksRepo.audit(taskId).find((a) => a.clientId === key);
    const task = seen ? this.options.tasksRepo.get(taskId) : this.own(me, taskId);
    if (!task) throw new InspectorApiError('NOT_FOUND', `no task ${taskId}`, 'NOT_YOUR_TASK');
    const photos = action.type === 'accept' || action.type === 'return' ? [] : this.photos(me, action.photoIds, taskId);
    if (!seen && action.type === 'accept' && task.state !== 'dispatched') {
      throw new InspectorApiError('CONFLICT', `accept does not apply to a ${task.state} task`, 'STATE_NOT_ALLOWED');
    }
    const actor: Actor = { role: 'inspector', id: me.inspector.id, name: me.inspector.name };
    let result: ReturnType<TaskService['transition']>;
    try {
      result = this.options.tasks.transition({ id: taskId, command: this.command(action), actor, clientId: key });
    } catch (error) {
      if (error instanceof AppError && error.reason === 'NOT_ASSIGNED') {
        throw new InspectorApiError('NOT_FOUND', `no task ${taskId}`, 'NOT_YOUR_TASK');
      }
      throw error;
    }
    // on a replay too: the state change may have been stored and the photos not (a crash between the two), and the
    // phone, which got no answer, sends the same action again; photos already attached are not attached twice
    if (photos.length > 0) this.attachPhotos(me, task, photos, action.type === 'checkin' ? 'checkin' : 'report');
    const now = this.now();
    const stored = this.options.tasksRepo.get(taskId) ?? task;
    return { task: this.view(stored, me, now), replayed: result.replayed, seq: result.audit.seq };
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private command(action: PhoneAction): TaskCommandInput {
    switch (action.type) {
      case 'accept':
        return { type: 'comment', note: action.note ? `${ACCEPT_NOTE}: ${action.note}` : ACCEPT_NOTE };
      case 'return':
        return { type: 'return', reason: action.reason };
      case 'checkin': {
        const { lat, lon, accuracyM } = action.position;
        const checkin = { lat, lon, accuracyM, at: action.at, photos: action.photoIds.length };
        return { type: 'start', checkin, ...(action.note ? { note: action.note } : {}) };
      }
      case 'report':
        return {
          type: 'feedback',
          outcome: action.outcome,
          ...(action.outcome === 'false_alarm' && action.reason ? { reason: action.reason } : {}),
          ...(action.note ? { note: action.note } : {}),
        };
    }
  }

  /** A task dispatched to this inspector now; anything else answers NOT_FOUND (it tells nothing about it). */
  private own(me: PhoneIdentity, id: string): TaskRecord {
    const task = this.options.tasksRepo.get(id);
    if (!task || task.handlerRole !== 'inspector' || !task.assignees.includes(me.inspector.id)) {
      throw new InspectorApiError('NOT_FOUND', `no task ${id} of yours`, 'NOT_YOUR_TASK');
    }
    return task;
  }

  private photos(me: PhoneIdentity, ids: readonly string[], taskId: string): string[] {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const upload = this.options.uploads.upload(id);
      if (!upload || upload.inspectorId !== me.inspector.id || (upload.taskId !== null && upload.taskId !== taskId)) {
        throw new InspectorApiError('INVALID_REQUEST', `no photo ${id} of yours to attach`, 'PHOTO_NOT_FOUND');
      }
    }
    return unique;
  }

  private attachPhotos(me: PhoneIdentity, task: TaskRecord, ids: string[], kind: 'checkin' | 'report'): void {
    const now = this.now();
    const attached = new Set(this.options.tasksRepo.evidence(task.id).map((e) => e.file));
    const missing = ids.flatMap((id) => {
      const upload = this.options.uploads.upload(id);
      return upload !== null && !attached.has(upload.file) ? [upload] : [];
    });
    if (missing.length === 0) return;
    for (const upload of missing) {
      this.options.tasksRepo.addEvidence({
        taskId: task.id,
        kind: 'photo',
        incidentId: null,
        file: upload.file,
        at: now,
        note: `${kind === 'checkin' ? '签到照片 check-in photo' : '反馈照片 report photo'} · ${me.inspector.name}`,
      });
    }
    this.options.uploads.attach(ids, task.id);
    const stored = this.options.tasksRepo.get(task.id) ?? task;
    this.options.publish({
      type: 'tasks:changed',
      payload: {
        id: task.id,
        number: task.number,
        change: 'evidence',
        state: stored.state,
        escalation: stored.escalation,
      },
    });
  }

  private view(t: TaskRecord, me: PhoneIdentity, now: number, audit?: AuditRow[]): MeTask {
    const assigned = t.assignees.includes(me.inspector.id);
    const accepted = assigned && this.accepted(audit ?? this.options.tasksRepo.audit(t.id), me.inspector.id);
    return {
      id: t.id,
      number: t.number,
      state: t.state,
      open: isOpen(t.state),
      category: t.category,
      severity: t.severity,
      title: t.title,
      description: t.description,
      place: {
        text: t.place,
        cellCode: t.cellCode,
        cellName: t.cellCode ? this.options.cellName(t.cellCode) : null,
        position: t.position,
      },
      createdAt: iso(t.createdAt),
      dueAt: iso(t.dueAt),
      stageDueAt: t.stageDueAt === null ? null : iso(t.stageDueAt),
      timeLeftS: timeLeftS(t.dueAt, now),
      overdue: isOverdue(t, now),
      accepted,
      actions: phoneActions({ state: t.state, assigned, accepted }),
      outcome: t.outcome,
      updatedAt: iso(t.updatedAt),
      version: t.version,
    };
  }

  /** Accepted since the latest dispatch to them: their 接单 comment, or any later step of theirs. */
  private accepted(audit: AuditRow[], inspectorId: string): boolean {
    let accepted = false;
    for (const a of audit) {
      if (a.command === 'dispatch' || a.command === 'reassign' || a.command === 'rework') accepted = false;
      if (a.actor.role !== 'inspector' || a.actor.id !== inspectorId) continue;
      if (
        a.command === 'start' ||
        a.command === 'feedback' ||
        (a.command === 'comment' && a.note?.startsWith(ACCEPT_NOTE))
      ) {
        accepted = true;
      }
    }
    return accepted;
  }
}
