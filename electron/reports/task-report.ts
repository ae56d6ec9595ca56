/**
 * The report of patrol tasks for a period (day, week, month): figures overall and per township, grid cell and
 * inspector, the overdue list and false alarms per camera and reason, for what the county asks of the centres.
 *
 * Which tasks: those CREATED in the period [from, to) (local midnights, see report-period.ts), narrowed by the
 * scope (a township, a cell, an inspector's tasks; any combination). Every figure is about those tasks as they
 * stand when the report is made: a March task closed on 2 April counts as closed in the March report.
 *
 * - counts by state and category (overall also by source and severity); `total` = all tasks, voided included.
 * - closure rate 结案率 = closed / (total − voided); null when there is no task left after voided ones.
 * - on-time closure rate 按期结案率 = closed with closed_at ≤ due_at / closed (due_at already includes approved
 *   extensions and parked time); null when none is closed. A closed task without closed_at counts as late.
 * - median time to close: the median of closed_at − created_at over the closed tasks (the mean of the two middle
 *   ones for an even count), in minutes; null when none is closed.
 * - overdue: running tasks (not closed, voided or parked) whose due_at is before `asOf` = `now` — the same test
 *   as the board's (task-deadlines.isOverdue). Not min(now, period end): a task made near the end of a period and
 *   due after it would otherwise be overdue in no report at all. The list gives the longest overdue first,
 *   at most `overdueLimit` (default 500) of them, with the total count.
 * - escalated: tasks (in any state) now at escalation level 1 (township), and those at level 2 (county).
 * - by inspector: the tasks in task_assignees for each inspector (a task with two assignees counts for both;
 *   tasks without assignees count for none); with an inspector scope, only that inspector's row.
 * - false alarms: among tasks from `video_ai` with a camera_id and an outcome, the share whose outcome is
 *   `false_alarm`, per camera and overall, and the false alarms per outcome_reason (`unspecified` when none).
 *
 * Names come from grid_units, inspectors and cameras; the code or id stands in where none is found.
 */
import {
  SEVERITY_TIERS,
  TASK_CATEGORIES,
  TASK_SOURCES,
  TASK_STATES,
  type SeverityTier,
  type TaskSource,
  type TaskState,
} from '../domain/task-lifecycle';
import type { Database } from '../store/database';
import { periodRange } from './report-period';
import {
  ReportRequestSchema,
  type CellRow,
  type FalseAlarms,
  type InspectorRow,
  type OverallFigures,
  type ReportRequest,
  type TaskFigures,
  type TaskReport,
  type TownshipRow,
} from './report-schema';
import { namesOf, reportStatements, SUM_AT, type ReportParams, type SumRow } from './task-report-queries';
import { buildFalseAlarms, buildOverdueList } from './task-report-lists';

export const DEFAULT_OVERDUE_LIMIT = 500;

interface Tally {
  total: number;
  state: Record<TaskState, number>;
  source: Record<TaskSource, number>;
  severity: Record<SeverityTier, number>;
  category: Map<string, number>;
  onTime: number;
  overdue: number;
  esc1: number;
  esc2: number;
  /** Times to close of the closed tasks (ms), in no order. */
  durations: number[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptyTally(): Tally {
  return {
    total: 0,
    state: zeros(TASK_STATES),
    source: zeros(TASK_SOURCES),
    severity: zeros(SEVERITY_TIERS),
    category: new Map(),
    onTime: 0,
    overdue: 0,
    esc1: 0,
    esc2: 0,
    durations: [],
  };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Adds one row of sums (one group and category, laid out as SUM_AT says) to a tally. */
function add(tally: Tally, row: SumRow, durations: readonly number[]): void {
  tally.total += num(row[SUM_AT.total]);
  TASK_STATES.forEach((s, i) => (tally.state[s] += num(row[SUM_AT.states + i])));
  TASK_SOURCES.forEach((s, i) => (tally.source[s] += num(row[SUM_AT.sources + i])));
  SEVERITY_TIERS.forEach((s, i) => (tally.severity[s] += num(row[SUM_AT.severities + i])));
  const category = String(row[SUM_AT.category]);
  tally.category.set(category, (tally.category.get(category) ?? 0) + num(row[SUM_AT.total]));
  tally.onTime += num(row[SUM_AT.onTime]);
  tally.overdue += num(row[SUM_AT.overdue]);
  tally.esc1 += num(row[SUM_AT.esc1]);
  tally.esc2 += num(row[SUM_AT.esc2]);
  for (const d of durations) tally.durations.push(d);
}

const parseDurations = (row: SumRow): number[] => {
  const list = textOrNull(row[SUM_AT.durations]);
  return list === null ? [] : list.split(',').map(Number);
};

/** The middle value, or the mean of the two middle ones; undefined for none. */
function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function figures(tally: Tally): TaskFigures {
  const medianMs = median(tally.durations);
  const byCategory: Record<string, number> = zeros(TASK_CATEGORIES);
  const extra = [...tally.category.keys()].filter((c) => !Object.hasOwn(byCategory, c)).sort();
  for (const c of extra) byCategory[c] = 0;
  for (const [c, n] of tally.category) byCategory[c] = (byCategory[c] ?? 0) + n;
  const closed = tally.state.closed;
  const voided = tally.state.voided;
  return {
    total: tally.total,
    byState: { ...tally.state },
    byCategory,
    closed,
    voided,
    closedOnTime: tally.onTime,
    closedLate: closed - tally.onTime,
    closureRate: ratio(closed, tally.total - voided),
    onTimeRate: ratio(tally.onTime, closed),
    medianCloseMin: medianMs === undefined ? null : medianMs / 60_000,
    overdue: tally.overdue,
    escalatedTownship: tally.esc1,
    escalatedCounty: tally.esc2,
  };
}

/** Codes in order, tasks without a code last. */
function byCode(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const key = (...codes: (string | null)[]) => JSON.stringify(codes);

function groupRows(db: Database, params: ReportParams) {
  const q = reportStatements(db);
  const overall = emptyTally();
  const townships = new Map<string, { code: string | null; tally: Tally }>();
  const cells = new Map<string, { code: string | null; tw: string | null; tally: Tally }>();
  for (const row of q.byCell.all(params)) {
    const durations = parseDurations(row);
    const twCode = textOrNull(row[SUM_AT.keys]);
    const cellCode = textOrNull(row[SUM_AT.keys + 1]);
    add(overall, row, durations);
    const tw = townships.get(key(twCode)) ?? { code: twCode, tally: emptyTally() };
    townships.set(key(twCode), tw);
    add(tw.tally, row, durations);
    const cell = cells.get(key(twCode, cellCode)) ?? { code: cellCode, tw: twCode, tally: emptyTally() };
    cells.set(key(twCode, cellCode), cell);
    add(cell.tally, row, durations);
  }
  const inspectors = new Map<string, Tally>();
  for (const row of q.byInspector.all(params)) {
    const who = String(row[SUM_AT.keys]);
    const tally = inspectors.get(who) ?? emptyTally();
    inspectors.set(who, tally);
    add(tally, row, parseDurations(row));
  }
  return { overall, townships, cells, inspectors };
}

/**
 * The report of the tasks created in the request's period (and scope), as they stand at `now`.
 * All queries run in one read transaction, so the figures agree with each other.
 */
export function buildTaskReport(db: Database, request: ReportRequest, now: number): TaskReport {
  const req = ReportRequestSchema.parse(request);
  const period = periodRange(req.period);
  const scope = req.scope ?? {};
  const params: ReportParams = {
    from: period.from,
    to: period.to,
    asOf: now,
    township: scope.townshipCode ?? null,
    cell: scope.cellCode ?? null,
    inspector: scope.inspectorId ?? null,
  };
  const read = db.transaction(() => {
    const q = reportStatements(db);
    const g = groupRows(db, params);
    const gridCodes = [...g.cells.values()].flatMap((c) => [c.code, c.tw]).filter((c) => c !== null);
    const grid = namesOf(q.gridNames, gridCodes);
    const people = namesOf(q.inspectorNames, g.inspectors.keys());
    const nameOf = (code: string | null) => (code === null ? null : (grid.get(code) ?? code));

    const overallFigures: OverallFigures = {
      ...figures(g.overall),
      bySource: { ...g.overall.source },
      bySeverity: { ...g.overall.severity },
    };
    const byTownship: TownshipRow[] = [...g.townships.values()]
      .sort((a, b) => byCode(a.code, b.code))
      .map((t) => ({
        code: t.code,
        name: nameOf(t.code),
        figures: figures(t.tally),
      }));
    const byCell: CellRow[] = [...g.cells.values()]
      .sort((a, b) => byCode(a.tw, b.tw) || byCode(a.code, b.code))
      .map((c) => ({
        code: c.code,
        name: nameOf(c.code),
        townshipCode: c.tw,
        townshipName: nameOf(c.tw),
        figures: figures(c.tally),
      }));
    const byInspector: InspectorRow[] = [...g.inspectors.entries()]
      .sort(([a], [b]) => byCode(a, b))
      .map(([id, tally]) => ({
        id,
        name: people.get(id) ?? id,
        figures: figures(tally),
      }));
    const limit = req.overdueLimit ?? DEFAULT_OVERDUE_LIMIT;
    const overdue = buildOverdueList(db, params, { total: g.overall.overdue, limit, nameOf });
    const falseAlarms: FalseAlarms = buildFalseAlarms(db, params);
    return { byTownship, byCell, byInspector, overdue, falseAlarms, overallFigures };
  });
  const r = read();
  return {
    period,
    scope,
    generatedAt: now,
    overall: r.overallFigures,
    byTownship: r.byTownship,
    byCell: r.byCell,
    byInspector: r.byInspector,
    overdue: r.overdue,
    falseAlarms: r.falseAlarms,
  };
}
