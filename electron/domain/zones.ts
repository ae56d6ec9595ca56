/**
 * Zones and masks a technician draws per camera, as polygons in relative frame coordinates, and the rules that
 * turn tracks inside them into alerts. Pure: time comes in with each input (`at`, and `local` for schedules),
 * `stepZones` returns the next state and the alert changes as data, so a recorded sequence replays the same.
 *
 * Kinds:
 * - **mask**: detections whose anchor point lies inside are dropped before tracking (`applyMasks`); `labels`
 *   limits which (absent: all labels, fire and smoke included). The anchor point is the box centre for fire,
 *   smoke and anything else without a foot point, the bottom-centre for people and vehicles (see
 *   `anchorPoint` in geometry.ts): a mask over a chimney drops a smoke plume centred on it but not a larger
 *   fire around it, and a mask over a road drops the people walking on it, not those standing in front of it.
 *   Masks have no schedule. Fire and smoke raise alerts anywhere unless masked; zones only concern tracks.
 * - **restricted** (alert kind `intrusion`): a track whose anchor point (a person's bottom-centre, the same
 *   rule as masks) has stayed inside for at least `minDwellS` (default 3 s) raises one alert per (zone, track);
 *   it ends when the track leaves or ends.
 * - **loitering**: the same with a longer dwell (default 60 s).
 * - **crowding**: at least `minCount` tracks (default 5) inside for at least `minDwellS` (default 10 s) raise one
 *   alert per zone; it ends once the count has been below `minCount` for `crowdGraceS` (default 5 s).
 *   Rule zones look at tracks of `labels` only (default: person).
 *
 * Continuity of a stay ("inside for T s"):
 * - A stay starts at the first frame the track is seen (a matched box, `missed === 0`) with its anchor point
 *   inside; its dwell is the time from then to the latest frame it was seen inside.
 * - Frames where the track was not seen (missed by the detector, or skipped by the motion gate) neither extend
 *   nor break a stay: the tracker decides whether it is still the same object, and a stay lasts while its
 *   track is open. A track that is no longer passed in has ended, and so has its stay.
 * - A track seen outside stays in the zone until it has not been seen inside for `exitGraceS` (default 1 s):
 *   that absorbs a box jittering across the edge. Seen inside again before that, the stay goes on.
 *
 * Schedules: outside its schedule a zone does nothing. When the schedule closes, its open alerts end (reason
 * `schedule`) and its stays are forgotten; when it opens, dwell is counted from then.
 *
 * Effects: `zone-alert-raised` once per alert; `zone-alert-updated` for crowding when the people inside change
 * or their count reaches a new peak; `zone-alert-ended` with a reason and the final figures. The current figures
 * of open alerts (last seen, dwell) are in the state (`openZoneAlerts`).
 */
import { z } from 'zod';
import { anchorPoint, pointInPolygon, polygonErrors, unionBox } from './geometry';
import type { AlertKind, RelBox, SeenBox, Track } from './incident-types';
import { isActive, ScheduleSchema, type LocalTime } from './schedule';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" and "-"');

export const RelPointSchema = z.strictObject({
  x: z.number().describe('From the left edge of the frame, 0..1.'),
  y: z.number().describe('From the top edge of the frame, 0..1.'),
});

export const PolygonSchema = z
  .array(RelPointSchema)
  .superRefine((polygon, ctx) => {
    for (const message of polygonErrors(polygon)) ctx.addIssue({ code: 'custom', message });
  })
  .describe('Outline in relative frame coordinates: at least 3 points, in order, edges not crossing.');

const common = {
  id: Id.describe('Id of the zone, unique within its camera.'),
  name: z.string().min(1).max(100).describe('Name shown to operators, e.g. 河堤 (river embankment).'),
  polygon: PolygonSchema,
};

const RuleLabels = z
  .array(z.string().min(1))
  .min(1)
  .default(['person'])
  .describe('Labels of the tracks the rule looks at.');

const dwell = (defaultS: number, what: string) => z.number().min(0).max(86_400).default(defaultS).describe(what);

const schedule = ScheduleSchema.optional().describe('When the rule is active; absent: always.');

export const MaskZoneSchema = z.strictObject({
  ...common,
  kind: z.literal('mask'),
  labels: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Labels the mask drops; absent: every label, fire and smoke included.'),
});

export const RestrictedZoneSchema = z.strictObject({
  ...common,
  kind: z.literal('restricted'),
  labels: RuleLabels,
  minDwellS: dwell(3, 'A track inside for this long raises an intrusion alert.'),
  schedule,
});

export const LoiteringZoneSchema = z.strictObject({
  ...common,
  kind: z.literal('loitering'),
  labels: RuleLabels,
  minDwellS: dwell(60, 'A track inside for this long raises a loitering alert.'),
  schedule,
});

export const CrowdingZoneSchema = z.strictObject({
  ...common,
  kind: z.literal('crowding'),
  labels: RuleLabels,
  minDwellS: dwell(10, 'At least `minCount` tracks inside for this long raise a crowding alert.'),
  minCount: z.number().int().min(2).max(1000).default(5).describe('How many tracks inside make a crowd.'),
  schedule,
});

export const ZoneSchema = z.discriminatedUnion('kind', [
  MaskZoneSchema,
  RestrictedZoneSchema,
  LoiteringZoneSchema,
  CrowdingZoneSchema,
]);
export type Zone = z.output<typeof ZoneSchema>;
export type MaskZone = z.output<typeof MaskZoneSchema>;
export type RuleZone = Exclude<Zone, MaskZone>;

/** Indexes (0-based) of the zones whose id an earlier zone of the list already has. */
export function duplicateZoneIds(zones: readonly { id: string }[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  zones.forEach((zone, i) => {
    if (seen.has(zone.id)) duplicates.push(i);
    seen.add(zone.id);
  });
  return duplicates;
}

/** One camera's zones and masks: ids unique within the camera. */
export const ZoneListSchema = z
  .array(ZoneSchema)
  .superRefine((zones, ctx) => {
    for (const i of duplicateZoneIds(zones)) {
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate zone id "${zones[i]?.id ?? ''}"` });
    }
  })
  .describe('Zones and masks of one camera.');

/** Zones per camera id. */
export const CameraZonesSchema = z
  .record(Id, ZoneListSchema)
  .default({})
  .describe('Zones and masks of each camera, by camera id.');
export type CameraZones = z.output<typeof CameraZonesSchema>;

export const ZoneRulesConfigSchema = z.strictObject({
  exitGraceS: z
    .number()
    .min(0)
    .max(60)
    .default(1)
    .describe('A track seen outside a zone still counts as inside until it has not been seen inside for this long.'),
  crowdGraceS: z
    .number()
    .min(0)
    .max(600)
    .default(5)
    .describe('A crowd alert ends once the count has been under the minimum for this long.'),
});
export type ZoneRulesConfig = z.output<typeof ZoneRulesConfigSchema>;

const DEFAULT_CONFIG: ZoneRulesConfig = ZoneRulesConfigSchema.parse({});

// ---------------------------------------------------------------------------------------------------------------
// Masks

export interface MaskedBox {
  seen: SeenBox;
  /** The mask that dropped it (the first one, in the camera's order). */
  maskId: string;
}

/** Whether a mask drops a detection of `label` at `box`: the label is masked and its anchor point is inside. */
export function maskDrops(mask: MaskZone, label: string, box: RelBox): boolean {
  if (mask.labels !== undefined && !mask.labels.includes(label)) return false;
  return pointInPolygon(anchorPoint(label, box), mask.polygon);
}

/** Splits a frame's boxes into those the camera's masks keep and those they drop. Other zone kinds are ignored. */
export function applyMasks(
  zones: readonly Zone[],
  boxes: readonly SeenBox[],
): { kept: SeenBox[]; dropped: MaskedBox[] } {
  const masks = zones.filter((z): z is MaskZone => z.kind === 'mask');
  const kept: SeenBox[] = [];
  const dropped: MaskedBox[] = [];
  for (const seen of boxes) {
    const mask = masks.find((m) => maskDrops(m, seen.label, seen.box));
    if (mask) dropped.push({ seen, maskId: mask.id });
    else kept.push(seen);
  }
  return { kept, dropped };
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

export type ZoneAlertKind = Extract<AlertKind, 'intrusion' | 'loitering' | 'crowding'>;

export const ALERT_KIND_OF: Readonly<Record<RuleZone['kind'], ZoneAlertKind>> = {
  restricted: 'intrusion',
  loitering: 'loitering',
  crowding: 'crowding',
};

export interface ZoneAlert {
  /** `<camera>/<zone>/<track, or "crowd">@<firstSeen>`: stable over the alert's life, unique. */
  id: string;
  kind: ZoneAlertKind;
  cameraId: string;
  zoneId: string;
  /** The track (intrusion, loitering), or the tracks inside at the latest crowded frame (crowding), sorted. */
  trackIds: string[];
  /** When the stay (or the crowd) began: the first frame seen inside, not the moment the alert was raised. */
  firstSeen: number;
  /** The latest frame the track was seen inside (or the crowd was at least `minCount`). */
  lastSeen: number;
  /** lastSeen − firstSeen. */
  dwellMs: number;
  /** Most tracks inside at once (crowding); 1 for the per-track kinds. */
  peakCount: number;
  /** The track's box at its latest frame inside, or the box around the crowd's tracks. */
  box: RelBox;
}

export type ZoneAlertEndReason =
  /** The track was seen outside for `exitGraceS`. */
  | 'left'
  /** The track is no longer open (the tracker closed it). */
  | 'track-ended'
  /** Fewer than `minCount` tracks for `crowdGraceS`. */
  | 'dispersed'
  /** The zone's schedule closed. */
  | 'schedule'
  /** The zone was removed from the camera, or its kind changed. */
  | 'zone-removed';

export type ZoneEffect =
  | { type: 'zone-alert-raised'; alert: ZoneAlert }
  | { type: 'zone-alert-updated'; alert: ZoneAlert }
  | { type: 'zone-alert-ended'; alert: ZoneAlert; reason: ZoneAlertEndReason };

/** One track's stay inside one zone. */
export interface Stay {
  trackId: string;
  since: number;
  lastInside: number;
  /** Whether the latest frame that saw the track saw it outside. */
  outside: boolean;
  /** Its box at `lastInside`. */
  box: RelBox;
}

export interface CrowdSpell {
  since: number;
  lastCrowded: number;
  peak: number;
}

export interface ZoneRuntime {
  zoneId: string;
  kind: RuleZone['kind'];
  /** Stays of tracks inside, by track id. */
  stays: Stay[];
  crowd: CrowdSpell | null;
  /** Open alerts, by track id (crowding: one at most). */
  alerts: ZoneAlert[];
}

export interface ZonesState {
  /** Per camera id, the runtime of each rule zone that has been stepped. */
  cameras: Record<string, ZoneRuntime[]>;
}

export interface ZonesInput {
  cameraId: string;
  /** Capture time of the frame just processed; steps of one camera come in time order. */
  at: number;
  /** `at` in the machine's local time (`localTimeOf`), for schedules. */
  local: LocalTime;
  /**
   * The camera's open tracks after this frame (from the tracker). Tracks of other cameras, and of labels a zone
   * does not look at, are ignored. Pass `[]` to close every stay (camera gone).
   */
  tracks: readonly Track[];
}

export interface ZonesStepResult {
  state: ZonesState;
  effects: ZoneEffect[];
}

export function initialZones(): ZonesState {
  return { cameras: {} };
}

/** Open alerts, of one camera or of all. */
export function openZoneAlerts(state: ZonesState, cameraId?: string): ZoneAlert[] {
  const runtimes = cameraId === undefined ? Object.values(state.cameras).flat() : (state.cameras[cameraId] ?? []);
  return runtimes.flatMap((r) => r.alerts);
}

const byId = (a: { trackId: string }, b: { trackId: string }) =>
  a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0;
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

function emptyRuntime(zone: RuleZone): ZoneRuntime {
  return { zoneId: zone.id, kind: zone.kind, stays: [], crowd: null, alerts: [] };
}

function endAll(runtime: ZoneRuntime, reason: ZoneAlertEndReason, effects: ZoneEffect[]): void {
  for (const alert of runtime.alerts) effects.push({ type: 'zone-alert-ended', alert, reason });
}

function stayAlert(zone: RuleZone, cameraId: string, stay: Stay): ZoneAlert {
  return {
    id: `${cameraId}/${zone.id}/${stay.trackId}@${stay.since}`,
    kind: ALERT_KIND_OF[zone.kind],
    cameraId,
    zoneId: zone.id,
    trackIds: [stay.trackId],
    firstSeen: stay.since,
    lastSeen: stay.lastInside,
    dwellMs: stay.lastInside - stay.since,
    peakCount: 1,
    box: stay.box,
  };
}

/** Moves the stays of one zone on by one frame; returns the stays still going and those that ended, why. */
function advanceStays(
  zone: RuleZone,
  previous: readonly Stay[],
  { cameraId, tracks, at }: ZonesInput,
  config: ZoneRulesConfig,
): { stays: Stay[]; ended: { stay: Stay; reason: ZoneAlertEndReason }[] } {
  const mine = tracks.filter((t) => t.cameraId === cameraId && zone.labels.includes(t.label));
  const open = new Map(mine.map((t) => [t.id, t]));
  const before = new Map(previous.map((s) => [s.trackId, s]));
  const stays: Stay[] = [];
  const ended: { stay: Stay; reason: ZoneAlertEndReason }[] = [];
  for (const stay of previous) if (!open.has(stay.trackId)) ended.push({ stay, reason: 'track-ended' });
  for (const track of open.values()) {
    let stay = before.get(track.id);
    if (track.missed === 0) {
      const inside = pointInPolygon(anchorPoint(track.label, track.box), zone.polygon);
      if (inside) {
        stay = stay
          ? { ...stay, lastInside: at, outside: false, box: track.box }
          : { trackId: track.id, since: at, lastInside: at, outside: false, box: track.box };
      } else if (stay) {
        stay = { ...stay, outside: true };
      }
    }
    if (!stay) continue;
    if (stay.outside && at - stay.lastInside >= config.exitGraceS * 1000) ended.push({ stay, reason: 'left' });
    else stays.push(stay);
  }
  stays.sort(byId);
  ended.sort((a, b) => byId(a.stay, b.stay));
  return { stays, ended };
}

function stepPerTrack(
  zone: Exclude<RuleZone, { kind: 'crowding' }>,
  runtime: ZoneRuntime,
  input: ZonesInput,
  config: ZoneRulesConfig,
  effects: ZoneEffect[],
): ZoneRuntime {
  const { stays, ended } = advanceStays(zone, runtime.stays, input, config);
  const alertOf = new Map(runtime.alerts.map((a) => [a.trackIds[0], a]));
  for (const { stay, reason } of ended) {
    const alert = alertOf.get(stay.trackId);
    if (alert) effects.push({ type: 'zone-alert-ended', alert: stayAlert(zone, input.cameraId, stay), reason });
  }
  const alerts: ZoneAlert[] = [];
  for (const stay of stays) {
    if (alertOf.has(stay.trackId)) alerts.push(stayAlert(zone, input.cameraId, stay));
    else if (!stay.outside && stay.lastInside - stay.since >= zone.minDwellS * 1000) {
      const alert = stayAlert(zone, input.cameraId, stay);
      effects.push({ type: 'zone-alert-raised', alert });
      alerts.push(alert);
    }
  }
  return { ...runtime, stays, alerts };
}

function stepCrowding(
  zone: Extract<RuleZone, { kind: 'crowding' }>,
  runtime: ZoneRuntime,
  input: ZonesInput,
  config: ZoneRulesConfig,
  effects: ZoneEffect[],
): ZoneRuntime {
  const { at, cameraId } = input;
  const { stays } = advanceStays(zone, runtime.stays, input, config);
  const count = stays.length;
  let crowd = runtime.crowd;
  let alert = runtime.alerts[0] ?? null;

  if (count >= zone.minCount) {
    crowd = crowd
      ? { ...crowd, lastCrowded: at, peak: Math.max(crowd.peak, count) }
      : { since: at, lastCrowded: at, peak: count };
    const trackIds = stays.map((s) => s.trackId);
    const figures = {
      trackIds,
      lastSeen: at,
      dwellMs: at - crowd.since,
      peakCount: crowd.peak,
      box: unionBox(stays.map((s) => s.box)) ?? { x1: 0, y1: 0, x2: 0, y2: 0 },
    };
    if (alert) {
      const changed = !sameIds(alert.trackIds, trackIds) || crowd.peak > alert.peakCount;
      alert = { ...alert, ...figures };
      if (changed) effects.push({ type: 'zone-alert-updated', alert });
    } else if (at - crowd.since >= zone.minDwellS * 1000) {
      alert = {
        id: `${cameraId}/${zone.id}/crowd@${crowd.since}`,
        kind: 'crowding',
        cameraId,
        zoneId: zone.id,
        firstSeen: crowd.since,
        ...figures,
      };
      effects.push({ type: 'zone-alert-raised', alert });
    }
  } else if (crowd && at - crowd.lastCrowded >= config.crowdGraceS * 1000) {
    if (alert) effects.push({ type: 'zone-alert-ended', alert, reason: 'dispersed' });
    crowd = null;
    alert = null;
  }
  return { ...runtime, stays, crowd, alerts: alert ? [alert] : [] };
}

/**
 * One frame of one camera through its rule zones (masks are applied before tracking, see `applyMasks`). Call
 * it after every detector frame of the camera, with the tracker's open tracks.
 */
export function stepZones(
  state: ZonesState,
  input: ZonesInput,
  zones: CameraZones,
  config: ZoneRulesConfig = DEFAULT_CONFIG,
): ZonesStepResult {
  const effects: ZoneEffect[] = [];
  const previous = Object.hasOwn(state.cameras, input.cameraId) ? (state.cameras[input.cameraId] ?? []) : [];
  const cameraZones = Object.hasOwn(zones, input.cameraId) ? (zones[input.cameraId] ?? []) : [];
  const rules = cameraZones.filter((z): z is RuleZone => z.kind !== 'mask');

  const kept = new Map<string, ZoneRuntime>();
  for (const runtime of previous) {
    const zone = rules.find((z) => z.id === runtime.zoneId);
    if (zone && zone.kind === runtime.kind) kept.set(runtime.zoneId, runtime);
    else endAll(runtime, 'zone-removed', effects);
  }

  const runtimes: ZoneRuntime[] = [];
  for (const zone of rules) {
    const runtime = kept.get(zone.id) ?? emptyRuntime(zone);
    if (!isActive(zone.schedule, input.local)) {
      endAll(runtime, 'schedule', effects);
      runtimes.push(emptyRuntime(zone));
    } else if (zone.kind === 'crowding') {
      runtimes.push(stepCrowding(zone, runtime, input, config, effects));
    } else {
      runtimes.push(stepPerTrack(zone, runtime, input, config, effects));
    }
  }

  // Object.fromEntries makes own properties whatever the id, "__proto__" included.
  const others = Object.entries(state.cameras).filter(([id]) => id !== input.cameraId);
  const cameras = Object.fromEntries(runtimes.length > 0 ? [...others, [input.cameraId, runtimes]] : others);
  return { state: { cameras }, effects };
}
