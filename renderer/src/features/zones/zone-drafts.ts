/**
 * The editor's working copy of a camera's interface zones, and the request that saves it. Pure.
 */
import type { CameraZonesView, ZonesSaveInput } from '@contract/zones-contract';
import type { RelPoint } from './zone-edit';
import { formatSchedule, parseSchedule, ruleFields, type RuleKind } from './zone-fields';

export type DraftKind = 'mask' | RuleKind;

export interface ZoneDraft {
  id: string;
  name: string;
  kind: DraftKind;
  polygon: RelPoint[];
  /** Comma-separated labels; blank: the kind's default (masks: every label; rules: person). */
  labels: string;
  /** Numeric rule parameters by key, as typed. */
  params: Record<string, string>;
  /** One window a line (see formatSchedule). */
  schedule: string;
}

type ViewZone = CameraZonesView['masks'][number] | CameraZonesView['zones'][number];

export function draftOf(zone: ViewZone): ZoneDraft {
  const params: Record<string, string> = {};
  if (zone.kind !== 'mask') {
    for (const field of ruleFields(zone.kind)) {
      const value: unknown = (zone as Record<string, unknown>)[field.key];
      if (typeof value === 'number') params[field.key] = String(value);
    }
  }
  return {
    id: zone.id,
    name: zone.name,
    kind: zone.kind,
    polygon: zone.polygon.map((p) => ({ x: p.x, y: p.y })),
    labels: zone.labels?.join(', ') ?? '',
    params,
    schedule: zone.kind === 'mask' ? '' : formatSchedule(zone.schedule),
  };
}

export function newDraft(id: string, name: string, kind: DraftKind, polygon: RelPoint[]): ZoneDraft {
  const params: Record<string, string> = {};
  if (kind !== 'mask') {
    for (const f of ruleFields(kind)) if (f.defaultValue !== null) params[f.key] = String(f.defaultValue);
  }
  return { id, name, kind, polygon, labels: '', params, schedule: '' };
}

/** Changes a draft's kind, filling in the new kind's default parameters. */
export function withKind(draft: ZoneDraft, kind: DraftKind): ZoneDraft {
  const fresh = newDraft(draft.id, draft.name, kind, draft.polygon);
  return { ...fresh, labels: draft.labels, schedule: kind === 'mask' ? '' : draft.schedule };
}

const labelList = (text: string): string[] =>
  text
    .split(/[,，\s]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A local problem found before asking the engine: the draft's index, the field and a message key. */
export interface DraftProblem {
  index: number;
  field: string;
  key: 'scheduleLine' | 'notNumber';
  line?: number;
}

/**
 * The save request of the drafts (masks first, in order, then rule zones). Values that do not even read as
 * numbers or schedule lines are reported here; everything else is checked by the engine with the domain's schemas.
 */
export function saveRequest(
  cameraId: string,
  drafts: readonly ZoneDraft[],
  expectedVersion: number,
): { request: ZonesSaveInput; problems: DraftProblem[]; order: number[] } {
  const problems: DraftProblem[] = [];
  const masks: ZonesSaveInput['masks'] = [];
  const zones: ZonesSaveInput['zones'] = [];
  const maskIdx: number[] = [];
  const zoneIdx: number[] = [];
  drafts.forEach((d, index) => {
    const labels = labelList(d.labels);
    const polygon = d.polygon.map((p) => ({ x: p.x, y: p.y }));
    if (d.kind === 'mask') {
      masks.push({ id: d.id, name: d.name, kind: 'mask', polygon, ...(labels.length > 0 ? { labels } : {}) });
      maskIdx.push(index);
      return;
    }
    const params: Record<string, number> = {};
    for (const f of ruleFields(d.kind)) {
      const raw = (d.params[f.key] ?? '').trim();
      if (raw === '') continue;
      const value = Number(raw);
      if (!Number.isFinite(value)) problems.push({ index, field: f.key, key: 'notNumber' });
      else params[f.key] = value;
    }
    const { windows, badLines } = parseSchedule(d.schedule);
    for (const line of badLines) problems.push({ index, field: 'schedule', key: 'scheduleLine', line });
    const common = {
      id: d.id,
      name: d.name,
      polygon,
      ...(labels.length > 0 ? { labels } : {}),
      ...(windows ? { schedule: windows } : {}),
      ...params,
    };
    if (d.kind === 'crowding') zones.push({ ...common, kind: 'crowding' });
    else if (d.kind === 'loitering') zones.push({ ...common, kind: 'loitering' });
    else zones.push({ ...common, kind: 'restricted' });
    zoneIdx.push(index);
  });
  return { request: { cameraId, masks, zones, expectedVersion }, problems, order: [...maskIdx, ...zoneIdx] };
}

/**
 * Where an issue the engine reported belongs: `masks.1.polygon` → the draft index and field. `order` maps the
 * request's masks-then-zones positions back to the drafts.
 */
export function issueTarget(
  path: string,
  masksCount: number,
  order: readonly number[],
): { index: number; field: string } | null {
  const m = /^(masks|zones)\.(\d+)(?:\.([A-Za-z]+))?/.exec(path);
  if (!m) return null;
  const position = (m[1] === 'masks' ? 0 : masksCount) + Number(m[2]);
  const index = order[position];
  return index === undefined ? null : { index, field: m[3] ?? 'polygon' };
}
