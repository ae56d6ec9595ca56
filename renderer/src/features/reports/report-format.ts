/**
 * Rules of the reports screen that need no React: the request it sends, the scope pickers' choices, and the
 * number, duration and time formats. Times are shown in this machine's zone, like the engine's periods.
 */
import type { RequestInput, RequestOutput } from '@contract/contract';

export type ReportRequest = RequestInput<'reports:get'>;
export type TaskReport = RequestOutput<'reports:get'>;
export type PeriodKind = ReportRequest['period']['kind'];
export type GridView = RequestOutput<'grid:get'>['grid'];
export type GridUnitView = GridView['units'][number];
export type InspectorView = GridView['inspectors'][number];

export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month'];

/** The scope as the form holds it: '' for "all". */
export interface ScopeDraft {
  townshipCode: string;
  cellCode: string;
  inspectorId: string;
}

export const NO_SCOPE: ScopeDraft = { townshipCode: '', cellCode: '', inspectorId: '' };

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date of `at` as `YYYY-MM-DD`. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A `YYYY-MM-DD` that exists on the calendar (what the engine accepts). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1970 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The `reports:get` input for a period and a scope; "all" parts are left out. */
export function reportRequest(kind: PeriodKind, date: string, scope: ScopeDraft): ReportRequest {
  const parts = {
    ...(scope.townshipCode ? { townshipCode: scope.townshipCode } : {}),
    ...(scope.cellCode ? { cellCode: scope.cellCode } : {}),
    ...(scope.inspectorId ? { inspectorId: scope.inspectorId } : {}),
  };
  return Object.keys(parts).length > 0 ? { period: { kind, date }, scope: parts } : { period: { kind, date } };
}

export interface ScopeOptions {
  townships: GridUnitView[];
  /** The grid cells of the chosen township (all cells when none is chosen). */
  cells: GridUnitView[];
  /** The inspectors covering the chosen cell, or any cell of the chosen township (all when neither is). */
  inspectors: InspectorView[];
}

const byCode = (a: GridUnitView, b: GridUnitView): number => a.code.localeCompare(b.code);

/** The choices each scope picker offers, given what is already chosen above it. */
export function scopeOptions(grid: GridView | null, scope: ScopeDraft): ScopeOptions {
  if (grid === null) return { townships: [], cells: [], inspectors: [] };
  const parentOf = new Map(grid.units.map((unit) => [unit.code, unit.parentCode]));
  const townshipOf = (cell: GridUnitView): string | null => {
    const village = cell.parentCode;
    return village === null ? null : (parentOf.get(village) ?? null);
  };
  const townships = grid.units.filter((unit) => unit.level === 'township').sort(byCode);
  const cells = grid.units
    .filter((unit) => unit.level === 'cell')
    .filter((cell) => scope.townshipCode === '' || townshipOf(cell) === scope.townshipCode)
    .sort(byCode);
  const cellCodes = new Set(cells.map((cell) => cell.code));
  const covers = (inspector: InspectorView): boolean =>
    scope.cellCode !== ''
      ? inspector.cells.includes(scope.cellCode)
      : scope.townshipCode === '' || inspector.cells.some((code) => cellCodes.has(code));
  const inspectors = grid.inspectors.filter(covers).sort((a, b) => a.id.localeCompare(b.id));
  return { townships, cells, inspectors };
}

/**
 * The scope after one picker changed: choices below it that no longer fit are cleared (another cell's
 * inspector, a cell of another township).
 */
export function changeScope(grid: GridView | null, scope: ScopeDraft, change: Partial<ScopeDraft>): ScopeDraft {
  const next = { ...scope, ...change };
  if (grid === null) return next;
  const options = scopeOptions(grid, next);
  if (next.cellCode !== '' && !options.cells.some((cell) => cell.code === next.cellCode)) next.cellCode = '';
  const inspectors = scopeOptions(grid, next).inspectors;
  if (next.inspectorId !== '' && !inspectors.some((inspector) => inspector.id === next.inspectorId)) {
    next.inspectorId = '';
  }
  return next;
}

/** A share in [0, 1] as a percentage with one decimal (`66.7%`), or null when there is no share. */
export function formatShare(share: number | null, locale: string): string | null {
  if (share === null) return null;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** A whole count in the locale's digits and grouping. */
export function formatCount(count: number, locale: string): string {
  return count.toLocaleString(locale);
}

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** Whole minutes (rounded) split into hours and minutes; with `days`, whole days first. */
export function splitMinutes(totalMinutes: number, withDays: boolean): DurationParts {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const days = withDays ? Math.floor(minutes / 1440) : 0;
  const rest = minutes - days * 1440;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/** Milliseconds since the epoch as a local date and time to the minute, in the locale's order. */
export function formatTime(ms: number, locale: string): string {
  return new Date(ms).toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** Milliseconds since the epoch as a local date and time to the second, with the zone's short name. */
export function formatStamp(ms: number, locale: string): string {
  return new Date(ms).toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
}

/** Counts of a record in the order of `keys`, then any other key the record has, in its own order. */
export function orderedCounts(record: Readonly<Record<string, number>>, keys: readonly string[]): [string, number][] {
  const known = keys.map((key): [string, number] => [key, record[key] ?? 0]);
  const others = Object.entries(record).filter(([key]) => !keys.includes(key));
  return [...known, ...others];
}

export interface ScopeNames {
  township: string | null;
  cell: string | null;
  inspector: string | null;
}

/** The names of a report's scope from the grid; a code stands in for a name the grid does not have. */
export function scopeNames(scope: TaskReport['scope'], grid: GridView | null): ScopeNames {
  const unitName = (code: string | undefined): string | null =>
    code === undefined ? null : (grid?.units.find((unit) => unit.code === code)?.name ?? code);
  const inspectorId = scope.inspectorId;
  return {
    township: unitName(scope.townshipCode),
    cell: unitName(scope.cellCode),
    inspector:
      inspectorId === undefined
        ? null
        : (grid?.inspectors.find((inspector) => inspector.id === inspectorId)?.name ?? inspectorId),
  };
}
