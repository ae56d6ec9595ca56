/**
 * The SQL behind the task report: a few GROUP BY queries over the tasks created in the period (the range walks
 * the `tasks_created` index), each returning a handful of rows per township, cell, inspector or camera. For the
 * medians, the closed tasks' times to close come back with the sums as one text list per group (group_concat):
 * sorting them in JS costs less than one more sorted pass per level in SQL. The overdue list (capped) comes back
 * row by row.
 *
 * Statements are prepared once per connection. The scope filters are written so that they never take the index
 * away from `created_at` (unary `+`, and tasks first in the joins): a report reads one period's tasks at most,
 * in the order they are stored (tasks are written as they are created), which keeps the row lookups sequential.
 * The cost is two sorted GROUP BY passes (per cell, per inspector) over the period's tasks; see
 * scripts/bench/task-report.ts.
 */
import type { Statement } from 'better-sqlite3';
import { SEVERITY_TIERS, TASK_SOURCES, TASK_STATES, type TaskState } from '../domain/task-lifecycle';
import type { Database } from '../store/database';

/** What every query binds. Null scope fields filter nothing. */
export interface ReportParams {
  from: number;
  to: number;
  /** Tasks due before this instant are overdue. */
  asOf: number;
  township: string | null;
  cell: string | null;
  inspector: string | null;
}

/** Running: neither closed, voided nor parked (parked time does not count against the time limit). */
export const NOT_RUNNING: readonly TaskState[] = ['closed', 'voided', 'parked'];
const notRunning = NOT_RUNNING.map((s) => `'${s}'`).join(', ');

const POPULATION = `t.created_at >= @from AND t.created_at < @to
  AND (@township IS NULL OR +t.township_code = @township)
  AND (@cell IS NULL OR +t.cell_code = @cell)
  AND (@inspector IS NULL
    OR EXISTS (SELECT 1 FROM task_assignees s WHERE s.task_id = t.id AND s.inspector_id = @inspector))`;

const CLOSED = `t.state = 'closed' AND t.closed_at IS NOT NULL`;

/**
 * The columns of a row of sums, in this order (raw rows: arrays, not objects, for speed): the category, the count,
 * one count per state, closed on time, overdue, at escalation 1 and 2, the closed tasks' times to close (ms) as a
 * text list for the medians (`1200000,5400000,...` or null), one count per source and per severity tier (the
 * per-cell query only; the per-inspector one has nulls there), then the group's keys.
 */
const SUM_COLUMNS = [
  't.category',
  'COUNT(*)',
  ...TASK_STATES.map((s) => `SUM(t.state = '${s}')`),
  `SUM(t.state = 'closed' AND t.closed_at <= t.due_at)`,
  `SUM(t.state NOT IN (${notRunning}) AND t.due_at < @asOf)`,
  'SUM(t.escalation = 1)',
  'SUM(t.escalation = 2)',
  `group_concat(t.closed_at - t.created_at) FILTER (WHERE ${CLOSED})`,
];
const SOURCE_COLUMNS = [
  ...TASK_SOURCES.map((s) => `SUM(t.source = '${s}')`),
  ...SEVERITY_TIERS.map((s) => `SUM(t.severity = '${s}')`),
];
const NO_SOURCE_COLUMNS = SOURCE_COLUMNS.map(() => 'NULL');

/** Where each figure sits in a row of sums (`states + i` is TASK_STATES[i], and so on). */
export const SUM_AT = {
  category: 0,
  total: 1,
  states: 2,
  onTime: 2 + TASK_STATES.length,
  overdue: 3 + TASK_STATES.length,
  esc1: 4 + TASK_STATES.length,
  esc2: 5 + TASK_STATES.length,
  durations: 6 + TASK_STATES.length,
  sources: SUM_COLUMNS.length,
  severities: SUM_COLUMNS.length + TASK_SOURCES.length,
  /** The group's keys: township and cell codes, or the inspector id and null. */
  keys: SUM_COLUMNS.length + SOURCE_COLUMNS.length,
} as const;
export type SumRow = readonly unknown[];

const SQL = {
  byCell: `SELECT ${[...SUM_COLUMNS, ...SOURCE_COLUMNS, 't.township_code', 't.cell_code'].join(', ')}
    FROM tasks t WHERE ${POPULATION}
    GROUP BY t.township_code, t.cell_code, t.category`,
  byInspector: `SELECT ${[...SUM_COLUMNS, ...NO_SOURCE_COLUMNS, 'a.inspector_id', 'NULL'].join(', ')}
    FROM tasks t CROSS JOIN task_assignees a ON a.task_id = t.id
    WHERE ${POPULATION} AND (@inspector IS NULL OR a.inspector_id = @inspector)
    GROUP BY a.inspector_id, t.category`,
  overdue: `SELECT t.id, t.number, t.title, t.state, t.category, t.severity, t.escalation,
      t.township_code AS tw, t.cell_code AS cell, t.created_at, t.due_at
    FROM tasks t WHERE ${POPULATION} AND t.state NOT IN (${notRunning}) AND t.due_at < @asOf
    ORDER BY t.due_at, t.number LIMIT @limit`,
  falseAlarms: `SELECT t.camera_id AS camera, t.outcome, t.outcome_reason AS reason, COUNT(*) AS n
    FROM tasks t WHERE ${POPULATION}
      AND t.source = 'video_ai' AND t.camera_id IS NOT NULL AND t.outcome IS NOT NULL
    GROUP BY t.camera_id, t.outcome, t.outcome_reason`,
  assignees: `SELECT a.task_id AS task, a.inspector_id AS id, i.name
    FROM task_assignees a LEFT JOIN inspectors i ON i.id = a.inspector_id
    WHERE a.task_id IN (SELECT value FROM json_each(@ids)) ORDER BY a.task_id, a.inspector_id`,
  gridNames: `SELECT code AS id, name FROM grid_units WHERE code IN (SELECT value FROM json_each(@ids))`,
  inspectorNames: `SELECT id, name FROM inspectors WHERE id IN (SELECT value FROM json_each(@ids))`,
  cameraNames: `SELECT id, name FROM cameras WHERE id IN (SELECT value FROM json_each(@ids))`,
} as const;

export interface OverdueRow {
  id: string;
  number: number;
  title: string;
  state: TaskState;
  category: string;
  severity: (typeof SEVERITY_TIERS)[number];
  escalation: number;
  tw: string | null;
  cell: string | null;
  created_at: number;
  due_at: number;
}
export interface FalseAlarmRow {
  camera: string;
  outcome: string;
  reason: string | null;
  n: number;
}
interface NameRow {
  id: string;
  name: string;
}

interface Statements {
  byCell: Statement<[ReportParams], SumRow>;
  byInspector: Statement<[ReportParams], SumRow>;
  overdue: Statement<[ReportParams & { limit: number }], OverdueRow>;
  falseAlarms: Statement<[ReportParams], FalseAlarmRow>;
  assignees: Statement<[{ ids: string }], { task: string; id: string; name: string | null }>;
  gridNames: Statement<[{ ids: string }], NameRow>;
  inspectorNames: Statement<[{ ids: string }], NameRow>;
  cameraNames: Statement<[{ ids: string }], NameRow>;
}

const prepared = new WeakMap<Database, Statements>();

/** The report's statements on this connection, prepared on first use. */
export function reportStatements(db: Database): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      byCell: db.prepare<[ReportParams], SumRow>(SQL.byCell).raw(true),
      byInspector: db.prepare<[ReportParams], SumRow>(SQL.byInspector).raw(true),
      overdue: db.prepare(SQL.overdue),
      falseAlarms: db.prepare(SQL.falseAlarms),
      assignees: db.prepare(SQL.assignees),
      gridNames: db.prepare(SQL.gridNames),
      inspectorNames: db.prepare(SQL.inspectorNames),
      cameraNames: db.prepare(SQL.cameraNames),
    };
    prepared.set(db, s);
  }
  return s;
}

/** Names by id from one of the name tables, for the ids given (unknown ids are left out). */
export function namesOf(statement: Statement<[{ ids: string }], NameRow>, ids: Iterable<string>): Map<string, string> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map(statement.all({ ids: JSON.stringify(list) }).map((r) => [r.id, r.name]));
}
