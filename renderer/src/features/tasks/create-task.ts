/** The "新建案件" form's draft, the `tasks:create` input it makes, and the API's issues sorted to its fields. */
import type { RequestInput } from '@contract/contract';
import type { SeverityTier, TaskCategory } from '../../../../electron/domain/task-lifecycle';
import type { ActorInput } from './acting-operator';

export const CREATE_SOURCES = ['manual', 'patrol', 'hotline'] as const;
export type CreateSource = (typeof CREATE_SOURCES)[number];

export const CREATE_FIELDS = [
  'source',
  'category',
  'severity',
  'title',
  'description',
  'cellCode',
  'place',
  'dispatch',
] as const;
export type CreateField = (typeof CREATE_FIELDS)[number];

export interface CreateDraft {
  source: CreateSource;
  category: TaskCategory;
  severity: SeverityTier;
  title: string;
  description: string;
  /** '' for none. */
  cellCode: string;
  place: string;
  /** Dispatch at once to the inspectors of the cell. */
  dispatch: boolean;
}

export const EMPTY_DRAFT: CreateDraft = {
  source: 'manual',
  category: 'safety_hazard',
  severity: 'yellow',
  title: '',
  description: '',
  cellCode: '',
  place: '',
  dispatch: false,
};

export function createInput(draft: CreateDraft, actor: ActorInput): RequestInput<'tasks:create'> {
  const place = draft.place.trim();
  return {
    source: draft.source,
    category: draft.category,
    severity: draft.severity,
    title: draft.title,
    description: draft.description,
    cellCode: draft.cellCode === '' ? null : draft.cellCode,
    place: place === '' ? null : place,
    actor: { ...actor },
    ...(draft.dispatch && draft.cellCode !== '' ? { dispatch: 'grid' as const } : {}),
  };
}

export interface SortedIssues {
  byField: Partial<Record<CreateField, string[]>>;
  /** Issues about no field of the form (shown above it). */
  other: { path: string; message: string }[];
}

/** Sorts `path: message` issues to the form's fields by the path's first part (`dispatch.0` → dispatch). */
export function sortIssues(issues: readonly { path: string; message: string }[]): SortedIssues {
  const sorted: SortedIssues = { byField: {}, other: [] };
  for (const issue of issues) {
    const head = issue.path.split('.')[0];
    const field = CREATE_FIELDS.find((name) => name === head);
    if (field === undefined) sorted.other.push(issue);
    else sorted.byField[field] = [...(sorted.byField[field] ?? []), issue.message];
  }
  return sorted;
}
