/**
 * The task report's lists: the overdue tasks (capped, the longest overdue first, with their assignees) and the
 * false alarms per camera and per reason. See task-report.ts for the definitions.
 */
import type { Database } from '../store/database';
import type { FalseAlarms, OverdueTask, TaskReport } from './report-schema';
import { namesOf, reportStatements, type ReportParams } from './task-report-queries';

export interface OverdueListOptions {
  /** How many tasks are overdue in all (from the figures). */
  total: number;
  limit: number;
  /** Grid name of a code (the code when unknown), null for no code. */
  nameOf: (code: string | null) => string | null;
}

export function buildOverdueList(db: Database, params: ReportParams, o: OverdueListOptions): TaskReport['overdue'] {
  const q = reportStatements(db);
  const rows = q.overdue.all({ ...params, limit: o.limit });
  const assignees = new Map<string, { id: string; name: string }[]>();
  if (rows.length > 0) {
    for (const a of q.assignees.all({ ids: JSON.stringify(rows.map((r) => r.id)) })) {
      const list = assignees.get(a.task) ?? [];
      list.push({ id: a.id, name: a.name ?? a.id });
      assignees.set(a.task, list);
    }
  }
  const tasks: OverdueTask[] = rows.map((r) => ({
    taskId: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    category: r.category,
    severity: r.severity,
    escalation: r.escalation,
    townshipCode: r.tw,
    townshipName: o.nameOf(r.tw),
    cellCode: r.cell,
    cellName: o.nameOf(r.cell),
    assignees: assignees.get(r.id) ?? [],
    createdAt: r.created_at,
    dueAt: r.due_at,
    overdueMs: params.asOf - r.due_at,
  }));
  return { asOf: params.asOf, total: o.total, limit: o.limit, tasks };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
/** Reason counts, the most frequent first (then by code). */
const sortedCounts = (counts: Map<string, number>) =>
  [...counts].sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : ra > rb ? 1 : 0));

export function buildFalseAlarms(db: Database, params: ReportParams): FalseAlarms {
  const q = reportStatements(db);
  const cameras = new Map<string, { withOutcome: number; falseAlarms: number; reasons: Map<string, number> }>();
  const reasons = new Map<string, number>();
  let withOutcome = 0;
  let falseAlarms = 0;
  for (const row of q.falseAlarms.all(params)) {
    const camera = cameras.get(row.camera) ?? { withOutcome: 0, falseAlarms: 0, reasons: new Map<string, number>() };
    cameras.set(row.camera, camera);
    camera.withOutcome += row.n;
    withOutcome += row.n;
    if (row.outcome !== 'false_alarm') continue;
    const reason = row.reason ?? 'unspecified';
    camera.falseAlarms += row.n;
    camera.reasons.set(reason, (camera.reasons.get(reason) ?? 0) + row.n);
    falseAlarms += row.n;
    reasons.set(reason, (reasons.get(reason) ?? 0) + row.n);
  }
  const names = namesOf(q.cameraNames, cameras.keys());
  const byCamera = [...cameras]
    .map(([cameraId, c]) => ({
      cameraId,
      cameraName: names.get(cameraId) ?? cameraId,
      withOutcome: c.withOutcome,
      falseAlarms: c.falseAlarms,
      rate: ratio(c.falseAlarms, c.withOutcome),
      byReason: Object.fromEntries(sortedCounts(c.reasons)),
    }))
    // the worst cameras first: highest share of false alarms, then the most of them
    .sort(
      (a, b) =>
        (b.rate ?? -1) - (a.rate ?? -1) ||
        b.falseAlarms - a.falseAlarms ||
        (a.cameraId < b.cameraId ? -1 : a.cameraId > b.cameraId ? 1 : 0),
    );
  const byReason = sortedCounts(reasons).map(([reason, count]) => ({
    reason,
    count,
    share: ratio(count, falseAlarms),
  }));
  return { withOutcome, falseAlarms, rate: ratio(falseAlarms, withOutcome), byCamera, byReason };
}
