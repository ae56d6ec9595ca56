/**
 * The patrol-task report as data: what `reports:get` takes and returns, and what `reports:csv` takes. This module
 * imports only zod and the pure domain lists, so that the API contract (shared with the renderer) can import it.
 *
 * Times are milliseconds since the epoch; rates are shares in [0, 1], null when their denominator is 0.
 */
import { z } from 'zod';
import { SEVERITY_TIERS, TASK_CATEGORIES, TASK_SOURCES, TASK_STATES } from '../domain/task-lifecycle';

/** The domain's own lists (electron/domain is pure: the contract and the renderer import it too). */
export const REPORT_TASK_STATES = TASK_STATES;
export const REPORT_TASK_SOURCES = TASK_SOURCES;
export const REPORT_SEVERITIES = SEVERITY_TIERS;
/** The categories a report always lists (with 0); any other category found in the tasks is listed too. */
export const REPORT_CATEGORIES = TASK_CATEGORIES;

export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export const PeriodKindSchema = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= days;
  }, 'no such date');

/** A day, the week (Monday to Sunday) or the month that contains `date`. */
export const ReportPeriodSchema = z.object({ kind: PeriodKindSchema, date: CalendarDateSchema }).strict();
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

/** Which tasks: all of them, or those of one township, one grid cell, one inspector (any combination). */
export const ReportScopeSchema = z
  .object({
    townshipCode: z.string().min(1).optional(),
    cellCode: z.string().min(1).optional(),
    inspectorId: z.string().min(1).optional(),
  })
  .strict();
export type ReportScope = z.infer<typeof ReportScopeSchema>;

export const ReportRequestSchema = z
  .object({
    period: ReportPeriodSchema,
    scope: ReportScopeSchema.optional(),
    /** How many overdue tasks to list at most (their total is always given). */
    overdueLimit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export const ReportCsvRequestSchema = ReportRequestSchema.extend({
  lang: z.enum(REPORT_LANGUAGES).default('zh-CN'),
}).strict();
export type ReportCsvRequest = z.infer<typeof ReportCsvRequestSchema>;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).nullable();
const ms = z.number().int();

export const PeriodRangeSchema = z.object({
  kind: PeriodKindSchema,
  date: CalendarDateSchema,
  /** Local midnight at the start of the period (included). */
  from: ms,
  /** Local midnight after the period's last day (excluded). */
  to: ms,
  label: z.string(),
  labelEn: z.string(),
});
export type PeriodRange = z.infer<typeof PeriodRangeSchema>;

/** The figures of one set of tasks (all of them, one township, one cell, one inspector's). */
export const TaskFiguresSchema = z.object({
  total: count,
  byState: z.record(z.enum(REPORT_TASK_STATES), count),
  /** Every category of REPORT_CATEGORIES, and any other found. */
  byCategory: z.record(z.string(), count),
  closed: count,
  voided: count,
  /** Closed with closed_at ≤ due_at. */
  closedOnTime: count,
  closedLate: count,
  /** 结案率: closed / (total − voided). */
  closureRate: share,
  /** 按期结案率: closedOnTime / closed. */
  onTimeRate: share,
  /** Median of closed_at − created_at over the closed tasks, in minutes. */
  medianCloseMin: z.number().nonnegative().nullable(),
  /** Running (not closed, voided or parked) with due_at before the report's `asOf`. */
  overdue: count,
  /** Now at escalation level 1 (township). */
  escalatedTownship: count,
  /** Now at escalation level 2 (county). */
  escalatedCounty: count,
});
export type TaskFigures = z.infer<typeof TaskFiguresSchema>;

export const OverallFiguresSchema = TaskFiguresSchema.extend({
  bySource: z.record(z.enum(REPORT_TASK_SOURCES), count),
  bySeverity: z.record(z.enum(REPORT_SEVERITIES), count),
});
export type OverallFigures = z.infer<typeof OverallFiguresSchema>;

/** Codes are null for tasks without one; a name is the grid's or inspector's name, the code when unknown. */
export const TownshipRowSchema = z.object({
  code: z.string().nullable(),
  name: z.string().nullable(),
  figures: TaskFiguresSchema,
});
export const CellRowSchema = z.object({
  code: z.string().nullable(),
  name: z.string().nullable(),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  figures: TaskFiguresSchema,
});
export const InspectorRowSchema = z.object({ id: z.string(), name: z.string(), figures: TaskFiguresSchema });
export type TownshipRow = z.infer<typeof TownshipRowSchema>;
export type CellRow = z.infer<typeof CellRowSchema>;
export type InspectorRow = z.infer<typeof InspectorRowSchema>;

export const OverdueTaskSchema = z.object({
  taskId: z.string(),
  number: z.number().int(),
  title: z.string(),
  state: z.enum(REPORT_TASK_STATES),
  category: z.string(),
  severity: z.enum(REPORT_SEVERITIES),
  escalation: z.number().int().min(0).max(2),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  cellCode: z.string().nullable(),
  cellName: z.string().nullable(),
  assignees: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: ms,
  dueAt: ms,
  /** asOf − due_at. */
  overdueMs: z.number().int().positive(),
});
export type OverdueTask = z.infer<typeof OverdueTaskSchema>;

export const OverdueListSchema = z.object({
  /** The instant the tasks are overdue at: the report's `now`. */
  asOf: ms,
  /** How many tasks are overdue; `tasks` holds the first `limit` of them, the longest overdue first. */
  total: count,
  limit: z.number().int().positive(),
  tasks: z.array(OverdueTaskSchema),
});

export const FalseAlarmCameraSchema = z.object({
  cameraId: z.string(),
  /** The camera's name, its id when the camera is gone. */
  cameraName: z.string(),
  withOutcome: count,
  falseAlarms: count,
  /** falseAlarms / withOutcome. */
  rate: share,
  /** False alarms per reason code (`unspecified` when a false alarm has none). */
  byReason: z.record(z.string(), count),
});
export const FalseAlarmReasonSchema = z.object({
  reason: z.string(),
  count,
  /** count / all false alarms. */
  share,
});
export const FalseAlarmsSchema = z.object({
  /** Tasks from video_ai with a camera and an outcome. */
  withOutcome: count,
  falseAlarms: count,
  rate: share,
  byCamera: z.array(FalseAlarmCameraSchema),
  byReason: z.array(FalseAlarmReasonSchema),
});
export type FalseAlarms = z.infer<typeof FalseAlarmsSchema>;

export const TaskReportSchema = z.object({
  period: PeriodRangeSchema,
  scope: ReportScopeSchema,
  generatedAt: ms,
  overall: OverallFiguresSchema,
  byTownship: z.array(TownshipRowSchema),
  byCell: z.array(CellRowSchema),
  byInspector: z.array(InspectorRowSchema),
  overdue: OverdueListSchema,
  falseAlarms: FalseAlarmsSchema,
});
export type TaskReport = z.infer<typeof TaskReportSchema>;
