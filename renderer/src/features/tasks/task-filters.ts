/**
 * The task board's filters as they live in the URL query (`#/tasks?view=all&township=…&state=reported,accepted`),
 * so that a view can be bookmarked, and as the `tasks:list` filter they ask the API for.
 */
import type { RequestInput } from '@contract/contract';
import {
  SEVERITY_TIERS,
  TASK_SOURCES,
  TASK_STATES,
  isOpen,
  type SeverityTier,
  type TaskSource,
  type TaskState,
} from '../../../../electron/domain/task-lifecycle';

export type TaskListFilter = NonNullable<RequestInput<'tasks:list'>['filter']>;

/** The tabs: open tasks only (the default), or every task. */
export const BOARD_VIEWS = ['open', 'all'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export interface BoardFilter {
  view: BoardView;
  /** '' for every township. */
  townshipCode: string;
  /** '' for every cell. */
  cellCode: string;
  states: readonly TaskState[];
  severities: readonly SeverityTier[];
  sources: readonly TaskSource[];
  overdue: boolean;
  text: string;
}

export const DEFAULT_FILTER: BoardFilter = {
  view: 'open',
  townshipCode: '',
  cellCode: '',
  states: [],
  severities: [],
  sources: [],
  overdue: false,
  text: '',
};

/** The API takes at most this many characters of search text. */
export const MAX_TEXT = 100;

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** The known values named in a comma-separated list, in their canonical order, each once. */
function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (raw === null || raw === '') return [];
  const wanted = new Set(raw.split(',').map((item) => item.trim()));
  return allowed.filter((value) => wanted.has(value));
}

function codeOf(raw: string | null): string {
  const code = raw?.trim() ?? '';
  return CODE.test(code) ? code : '';
}

/** Reads the filter from the URL query; anything unknown or malformed falls back to the default. */
export function parseFilter(params: URLSearchParams): BoardFilter {
  const view = params.get('view') === 'all' ? 'all' : 'open';
  const states = listOf(params.get('state'), TASK_STATES);
  return {
    view,
    townshipCode: codeOf(params.get('township')),
    cellCode: codeOf(params.get('cell')),
    states: view === 'open' ? states.filter(isOpen) : states,
    severities: listOf(params.get('severity'), SEVERITY_TIERS),
    sources: listOf(params.get('source'), TASK_SOURCES),
    overdue: params.get('overdue') === '1',
    text: (params.get('q') ?? '').slice(0, MAX_TEXT),
  };
}

/** The filter as a URL query: defaults left out, always in the same order. */
export function filterParams(filter: BoardFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.view !== 'open') params.set('view', filter.view);
  if (filter.townshipCode !== '') params.set('township', filter.townshipCode);
  if (filter.cellCode !== '') params.set('cell', filter.cellCode);
  if (filter.states.length > 0) params.set('state', filter.states.join(','));
  if (filter.severities.length > 0) params.set('severity', filter.severities.join(','));
  if (filter.sources.length > 0) params.set('source', filter.sources.join(','));
  if (filter.overdue) params.set('overdue', '1');
  if (filter.text !== '') params.set('q', filter.text);
  return params;
}

/**
 * Applies a change and keeps the filter consistent: the open tab drops the closed and voided states, and a
 * township drops a cell that lies elsewhere (`townshipOfCell` tells where a cell lies).
 */
export function changeFilter(
  filter: BoardFilter,
  change: Partial<BoardFilter>,
  townshipOfCell: (cellCode: string) => string | null = () => null,
): BoardFilter {
  const next: BoardFilter = { ...filter, ...change };
  if (next.view === 'open') next.states = next.states.filter(isOpen);
  if (
    change.townshipCode !== undefined &&
    next.townshipCode !== '' &&
    next.cellCode !== '' &&
    townshipOfCell(next.cellCode) !== next.townshipCode
  ) {
    next.cellCode = '';
  }
  next.text = next.text.slice(0, MAX_TEXT);
  return next;
}

/** Flips one value in a list, keeping the canonical order of `all`. */
export function toggle<T extends string>(list: readonly T[], value: T, all: readonly T[]): T[] {
  const has = list.includes(value);
  return all.filter((item) => (item === value ? !has : list.includes(item)));
}

/** The `tasks:list` filter for the board's filter. */
export function toListFilter(filter: BoardFilter): TaskListFilter {
  const out: TaskListFilter = {};
  const states = filter.view === 'open' ? filter.states.filter(isOpen) : [...filter.states];
  if (states.length > 0) out.states = states;
  else if (filter.view === 'open') out.open = true;
  if (filter.townshipCode !== '') out.townshipCode = filter.townshipCode;
  if (filter.cellCode !== '') out.cellCode = filter.cellCode;
  if (filter.severities.length > 0) out.severities = [...filter.severities];
  if (filter.sources.length > 0) out.sources = [...filter.sources];
  if (filter.overdue) out.overdue = true;
  const text = filter.text.trim();
  if (text !== '') out.text = text;
  return out;
}

/** How many filters beyond the tab are set (shown beside "clear filters"). */
export function activeFilterCount(filter: BoardFilter): number {
  return [
    filter.townshipCode !== '',
    filter.cellCode !== '',
    filter.states.length > 0,
    filter.severities.length > 0,
    filter.sources.length > 0,
    filter.overdue,
    filter.text.trim() !== '',
  ].filter(Boolean).length;
}
