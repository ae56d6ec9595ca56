/**
 * The task report as one CSV file for Excel: a UTF-8 byte order mark (so that Excel reads Chinese right), CRLF
 * line ends, a heading block (period, scope, time made) and then sections, each a title row, a header row and its
 * rows, separated by an empty row: overall, by township, by cell, by inspector, overdue tasks, false alarms by
 * camera and by reason. Headers in Chinese by default, English with `lang: 'en'`. Rates are percentages with one
 * decimal, empty when there is nothing to divide by; times are on the machine's clock.
 *
 * Text that Excel would read as a formula (a title starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
 */
import { stringify } from 'csv-stringify/sync';
import { formatLocalDateTime } from './report-period';
import { reportWords, type ReportLanguage } from './report-labels';
import {
  REPORT_SEVERITIES,
  REPORT_TASK_SOURCES,
  REPORT_TASK_STATES,
  type OverallFigures,
  type TaskFigures,
  type TaskReport,
} from './report-schema';

export interface ReportCsvOptions {
  lang?: ReportLanguage;
}

type Cell = string | number;

/** Text from people (titles, names, codes) made safe from Excel's formulas. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
const percent = (share: number | null): Cell => (share === null ? '' : `${(share * 100).toFixed(1)}%`);
const decimal = (value: number | null): Cell => (value === null ? '' : Number(value.toFixed(1)));

/** Renders the report as CSV text, the byte order mark included. */
export function reportToCsv(report: TaskReport, options: ReportCsvOptions = {}): string {
  const w = reportWords(options.lang ?? 'zh-CN');
  const c = w.columns;
  const code = (value: string | null) => (value === null ? w.none : text(value));
  const categories = Object.keys(report.overall.byCategory);
  const reasons = report.falseAlarms.byReason.map((r) => r.reason);
  const label = (table: Record<string, string>, key: string) => table[key] ?? key;

  const figureHeader: string[] = [
    c.total,
    ...REPORT_TASK_STATES.map((s) => w.prefix.state + w.states[s]),
    ...categories.map((k) => w.prefix.category + label(w.categories, k)),
    c.closed,
    c.voided,
    c.closedOnTime,
    c.closedLate,
    c.closureRate,
    c.onTimeRate,
    c.medianCloseMin,
    c.overdue,
    c.escalatedTownship,
    c.escalatedCounty,
  ];
  const figureCells = (f: TaskFigures): Cell[] => [
    f.total,
    ...REPORT_TASK_STATES.map((s) => f.byState[s]),
    ...categories.map((k) => f.byCategory[k] ?? 0),
    f.closed,
    f.voided,
    f.closedOnTime,
    f.closedLate,
    percent(f.closureRate),
    percent(f.onTimeRate),
    decimal(f.medianCloseMin),
    f.overdue,
    f.escalatedTownship,
    f.escalatedCounty,
  ];
  const overallHeader = [
    ...figureHeader,
    ...REPORT_TASK_SOURCES.map((s) => w.prefix.source + w.sources[s]),
    ...REPORT_SEVERITIES.map((s) => w.prefix.severity + w.severities[s]),
  ];
  const overallCells = (f: OverallFigures): Cell[] => [
    ...figureCells(f),
    ...REPORT_TASK_SOURCES.map((s) => f.bySource[s]),
    ...REPORT_SEVERITIES.map((s) => f.bySeverity[s]),
  ];

  const rows: Cell[][] = [
    [w.title],
    [w.period, report.period[options.lang === 'en' ? 'labelEn' : 'label']],
    [w.from, formatLocalDateTime(report.period.from)],
    [w.toExcluded, formatLocalDateTime(report.period.to)],
    [w.scope, scopeText(report, w)],
    [w.generatedAt, formatLocalDateTime(report.generatedAt)],
  ];
  const section = (title: string, header: string[], body: Cell[][]) => rows.push([], [title], header, ...body);

  section(w.sections.overall, overallHeader, [overallCells(report.overall)]);
  section(
    w.sections.byTownship,
    [c.townshipCode, c.townshipName, ...figureHeader],
    report.byTownship.map((t) => [code(t.code), code(t.name), ...figureCells(t.figures)]),
  );
  section(
    w.sections.byCell,
    [c.townshipCode, c.townshipName, c.cellCode, c.cellName, ...figureHeader],
    report.byCell.map((r) => [
      code(r.townshipCode),
      code(r.townshipName),
      code(r.code),
      code(r.name),
      ...figureCells(r.figures),
    ]),
  );
  section(
    w.sections.byInspector,
    [c.inspectorId, c.inspectorName, ...figureHeader],
    report.byInspector.map((i) => [text(i.id), text(i.name), ...figureCells(i.figures)]),
  );
  const o = report.overdue;
  section(
    w.sections.overdue + w.overdueOf(o.total, o.tasks.length),
    [
      c.number,
      c.taskTitle,
      c.state,
      c.category,
      c.severity,
      c.townshipName,
      c.cellName,
      c.assignees,
      c.createdAt,
      c.dueAt,
      c.overdueH,
      c.escalation,
    ],
    o.tasks.map((t) => [
      t.number,
      text(t.title),
      w.states[t.state],
      label(w.categories, t.category),
      w.severities[t.severity],
      code(t.townshipName),
      code(t.cellName),
      t.assignees.map((a) => text(a.name)).join('、'),
      formatLocalDateTime(t.createdAt),
      formatLocalDateTime(t.dueAt),
      decimal(t.overdueMs / 3_600_000),
      w.escalation[t.escalation] ?? String(t.escalation),
    ]),
  );
  section(
    w.sections.byCamera,
    [
      c.cameraId,
      c.cameraName,
      c.withOutcome,
      c.falseAlarms,
      c.falseAlarmRate,
      ...reasons.map((r) => w.prefix.reason + label(w.reasons, r)),
    ],
    report.falseAlarms.byCamera.map((k) => [
      text(k.cameraId),
      text(k.cameraName),
      k.withOutcome,
      k.falseAlarms,
      percent(k.rate),
      ...reasons.map((r) => k.byReason[r] ?? 0),
    ]),
  );
  section(
    w.sections.byReason,
    [c.reason, c.count, c.share],
    report.falseAlarms.byReason.map((r) => [label(w.reasons, r.reason), r.count, percent(r.share)]),
  );
  return stringify(rows, { bom: true, record_delimiter: 'windows' });
}

/** `全部`, or the scope's parts with the names the report found for them. */
function scopeText(report: TaskReport, w: ReturnType<typeof reportWords>): string {
  const { townshipCode, cellCode, inspectorId } = report.scope;
  const named = (what: string, id: string, name: string | null | undefined) =>
    `${what} ${text(name && name !== id ? `${name} (${id})` : id)}`;
  const parts: string[] = [];
  if (townshipCode !== undefined) {
    const name = report.byTownship.find((t) => t.code === townshipCode)?.name;
    parts.push(named(w.township, townshipCode, name));
  }
  if (cellCode !== undefined) parts.push(named(w.cell, cellCode, report.byCell.find((r) => r.code === cellCode)?.name));
  if (inspectorId !== undefined) {
    parts.push(named(w.inspector, inspectorId, report.byInspector.find((i) => i.id === inspectorId)?.name));
  }
  return parts.length === 0 ? w.scopeAll : parts.join('; ');
}
