/**
 * The operator's alert queue and incident review inside the engine: the queue (filtered by state and by what a
 * reviewer has reviewed), one incident with its reviews and its patrol task, and a review, stored per reviewer,
 * whose consequence for the task (electron/domain/incident-review.ts) is applied through the task store in the
 * same transaction, so the task's audit trail says what the centre decided. Pushes `incidents:reviewed`, and
 * `tasks:changed` for the task.
 */
import type { PushMessage } from '../api/contract';
import type { IncidentReviewView, IncidentView } from '../api/incidents-contract';
import { AppError } from '../api/dispatch';
import { taskStepsForReview, type ReviewVerdict } from '../domain/incident-review';
import type { TaskLimits } from '../domain/task-deadlines';
import type { Actor, FalseAlarmReason } from '../domain/task-lifecycle';
import type { Logger } from '../log/logger';
import type { IncidentReviewsRepo, QueueFilter, ReviewRecord } from '../store/incident-reviews-repo';
import type { IncidentsRepo } from '../store/incidents-repo';
import type { TaskRecord, TasksRepo } from '../store/tasks-repo';
import { SYSTEM } from './tasks';

export interface IncidentReviewOptions {
  incidents: IncidentsRepo;
  reviews: IncidentReviewsRepo;
  tasks: TasksRepo;
  limits: TaskLimits;
  /** Active inspectors covering a grid cell. */
  inspectorsForCell: (cellCode: string) => { id: string }[];
  publish: (message: PushMessage) => void;
  logger: Logger;
  now: () => number;
}

export interface ReviewInput {
  id: string;
  reviewer: { id: string; name: string };
  verdict: ReviewVerdict;
  reason?: FalseAlarmReason | undefined;
  note?: string | undefined;
}

export function toReviewView(r: ReviewRecord): IncidentReviewView {
  return {
    incidentId: r.incidentId,
    reviewer: { id: r.reviewerId, name: r.reviewerName },
    verdict: r.verdict,
    reason: r.reason,
    note: r.note,
    at: new Date(r.at).toISOString(),
  };
}

export class IncidentReviews {
  private readonly log: Logger;

  constructor(private readonly options: IncidentReviewOptions) {
    this.log = options.logger.child({ module: 'incident-reviews' });
  }

  queue(filter: QueueFilter, limit: number): { incidents: IncidentView[]; reviews: IncidentReviewView[] } {
    const { incidents, reviews } = this.options;
    const ids = reviews.queueIds(filter, limit);
    const list = ids.flatMap((id) => incidents.get(id) ?? []);
    const mine = filter.reviewerId ? reviews.byReviewer(filter.reviewerId, ids).map(toReviewView) : [];
    return { incidents: list, reviews: mine };
  }

  get(id: string): { incident: IncidentView; reviews: IncidentReviewView[]; taskId: string | null } {
    const incident = this.options.incidents.get(id);
    if (!incident) throw new AppError('NOT_FOUND', `no incident ${id}`);
    return {
      incident,
      reviews: this.options.reviews.forIncident(id).map(toReviewView),
      taskId: this.linkedTask(id)?.id ?? null,
    };
  }

  review(input: ReviewInput): {
    review: IncidentReviewView;
    task: { id: string; state: string; applied: string[] } | null;
  } {
    if (!this.options.incidents.get(input.id)) throw new AppError('NOT_FOUND', `no incident ${input.id}`);
    const now = this.options.now();
    const record: ReviewRecord = {
      incidentId: input.id,
      reviewerId: input.reviewer.id,
      reviewerName: input.reviewer.name,
      verdict: input.verdict,
      reason: input.verdict === 'dismissed' ? (input.reason ?? 'other') : null,
      note: input.note ? input.note : null,
      at: now,
    };
    const operator: Actor = { role: 'operator', id: input.reviewer.id, name: input.reviewer.name };
    const { stored, task, applied } = this.options.reviews.transaction(() => {
      const saved = this.options.reviews.save(record);
      let current = this.options.tasks.openForIncident(input.id);
      const done: string[] = [];
      const steps = taskStepsForReview(
        current && {
          state: current.state,
          touched: current.touched,
          coveringInspectors: current.cellCode ? this.options.inspectorsForCell(current.cellCode).map((i) => i.id) : [],
        },
        { verdict: record.verdict, reason: record.reason, reviewer: input.reviewer, note: record.note },
      );
      for (const step of steps) {
        if (!current) break;
        const actor = step.by === 'system' ? SYSTEM : operator;
        const r = this.options.tasks.apply(current.id, step.command, actor, now, this.options.limits);
        if (!r.ok) {
          // the task moved on in a way the review does not override: the review stands, the task is left
          this.log.warn({ task: current.number, command: step.command.type, code: r.code }, 'review step refused');
          break;
        }
        current = r.task;
        done.push(r.audit.command);
      }
      return { stored: saved, task: current ?? this.linkedTask(input.id), applied: done };
    });
    const view = toReviewView(stored);
    this.log.info(
      { incident: input.id, reviewer: input.reviewer.id, verdict: record.verdict, reason: record.reason, applied },
      'incident reviewed',
    );
    this.options.publish({
      type: 'incidents:reviewed',
      payload: { id: input.id, reviewerId: record.reviewerId, verdict: record.verdict, reason: record.reason },
    });
    if (task && applied.length > 0) {
      this.options.publish({
        type: 'tasks:changed',
        payload: {
          id: task.id,
          number: task.number,
          change: applied[applied.length - 1] ?? 'review',
          state: task.state,
          escalation: task.escalation,
        },
      });
    }
    return { review: view, task: task ? { id: task.id, state: task.state, applied } : null };
  }

  /** The incident's open task, else its most recently created one. */
  private linkedTask(incidentId: string): TaskRecord | null {
    const open = this.options.tasks.openForIncident(incidentId);
    if (open) return open;
    const page = this.options.tasks.list({ incidentId }, this.options.now(), 50);
    return [...page.tasks].sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  }
}
