/**
 * The correlator: turns alerts of single cameras into the few incidents an operator should see. Pure: alert
 * events and ticks come in with their time, `step` returns the next state and the incident changes as data.
 *
 * Rules (defaults in CorrelatorConfigSchema):
 * - An alert joins an open incident of the same family (fire and smoke are one family: a fire makes smoke) when
 *   its camera is near one of the incident's cameras — the same grid cell, or both positions known and at most
 *   `maxDistanceM` apart — and it starts at most `windowS` after the incident was last active. Otherwise it opens
 *   a new incident. Of several candidates the most recently active one is taken.
 * - Later events of the alert extend the incident: its cameras, grid cells, last seen and peak. The incident's
 *   kind is the most severe kind among its alerts (`severity`, highest first).
 * - An incident ends once every alert in it has ended and nothing happened for `quietS`.
 * - Cooldown: for `cooldownS` after an incident ended, a new alert of the same family from one of its cameras
 *   reopens that incident instead of opening another, so a flickering source does not raise a new incident
 *   every minute.
 */
import { z } from 'zod';
import { DEFAULT_SEVERITY, type AlertKind, type RelBox } from './incident-types';

const ALERT_KINDS = ['fire', 'smoke', 'intrusion', 'crowding', 'loitering'] as const satisfies readonly AlertKind[];
const AlertKindSchema = z.enum(ALERT_KINDS);

export const CorrelatorConfigSchema = z.strictObject({
  windowS: z
    .number()
    .min(0)
    .max(3600)
    .default(60)
    .describe('An alert joins an incident that was active at most this long before it started.'),
  maxDistanceM: z
    .number()
    .min(0)
    .max(50_000)
    .default(300)
    .describe('Cameras of different grid cells whose positions are this close count as near each other.'),
  quietS: z
    .number()
    .min(0)
    .max(86_400)
    .default(120)
    .describe('An incident ends once all its alerts ended and nothing happened for this long.'),
  cooldownS: z
    .number()
    .min(0)
    .max(86_400)
    .default(600)
    .describe('For this long after an incident ended, a new alert of its cameras reopens it instead of a new one.'),
  severity: z
    .array(AlertKindSchema)
    .length(ALERT_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'every kind once')
    .default([...DEFAULT_SEVERITY])
    .describe('Alert kinds from the most severe to the least; an incident takes its most severe kind.'),
  families: z
    .array(z.array(AlertKindSchema).min(1))
    .default([['fire', 'smoke'], ['intrusion'], ['crowding'], ['loitering']])
    .describe('Kinds that belong to one incident when they meet; a kind in no family is a family of its own.'),
});
export type CorrelatorConfig = z.output<typeof CorrelatorConfigSchema>;

/** Where a camera is: its grid cell and, when known, its position (WGS-84). */
export interface CameraPlace {
  gridCell: string;
  position?: { lat: number; lon: number } | null;
}

export interface AlertPeak {
  score: number;
  at: number;
  box?: RelBox;
}

export type CorrelatorInput =
  | {
      type: 'alert';
      phase: 'raised' | 'updated' | 'ended';
      alertId: string;
      kind: AlertKind;
      cameraId: string;
      peak: AlertPeak;
    }
  | { type: 'tick' };

export interface IncidentAlert {
  alertId: string;
  kind: AlertKind;
  cameraId: string;
  firstSeen: number;
  lastSeen: number;
  ended: boolean;
  peak: AlertPeak;
}

export interface Incident {
  id: string;
  family: string;
  kind: AlertKind;
  state: 'open' | 'ended';
  firstSeen: number;
  lastSeen: number;
  endedAt: number | null;
  cameras: string[];
  gridCells: string[];
  alerts: IncidentAlert[];
  peak: AlertPeak & { cameraId: string; alertId: string };
  reopened: number;
}

export interface CorrelatorState {
  nextId: number;
  /** Open incidents, and ended ones still within their cooldown. */
  incidents: Incident[];
}

export type CorrelatorEffect =
  | { type: 'incident-opened'; incident: Incident }
  | { type: 'incident-updated'; incident: Incident }
  | { type: 'incident-reopened'; incident: Incident }
  | { type: 'incident-ended'; incident: Incident };

/** `nextId`: the number of the next incident (`inc-<n>`); continue from the stored ones after a restart. */
export function initialCorrelator(nextId = 1): CorrelatorState {
  return { nextId, incidents: [] };
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function familyOf(config: CorrelatorConfig, kind: AlertKind): string {
  const family = config.families.find((f) => f.includes(kind));
  return (family ?? [kind]).join('+');
}

function near(config: CorrelatorConfig, places: ReadonlyMap<string, CameraPlace>, a: string, b: string): boolean {
  if (a === b) return true;
  const pa = places.get(a);
  const pb = places.get(b);
  if (!pa || !pb) return false;
  if (pa.gridCell === pb.gridCell) return true;
  return Boolean(pa.position && pb.position && distanceM(pa.position, pb.position) <= config.maxDistanceM);
}

function mostSevere(config: CorrelatorConfig, kinds: readonly AlertKind[]): AlertKind {
  const rank = (k: AlertKind) => config.severity.indexOf(k);
  return kinds.reduce((best, k) => (rank(k) < rank(best) ? k : best));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Recomputes the incident's derived fields from its alerts. */
function withAlerts(
  incident: Incident,
  alerts: IncidentAlert[],
  config: CorrelatorConfig,
  places: ReadonlyMap<string, CameraPlace>,
): Incident {
  const cameras = unique(alerts.map((a) => a.cameraId));
  const best = alerts.reduce((p, a) => (a.peak.score > p.peak.score ? a : p));
  return {
    ...incident,
    alerts,
    kind: mostSevere(
      config,
      alerts.map((a) => a.kind),
    ),
    cameras,
    gridCells: unique(cameras.flatMap((c) => places.get(c)?.gridCell ?? [])),
    firstSeen: Math.min(...alerts.map((a) => a.firstSeen)),
    lastSeen: Math.max(incident.lastSeen, ...alerts.map((a) => a.lastSeen)),
    peak: { ...best.peak, cameraId: best.cameraId, alertId: best.alertId },
  };
}

function onAlert(
  s: CorrelatorState,
  input: Extract<CorrelatorInput, { type: 'alert' }>,
  now: number,
  config: CorrelatorConfig,
  places: ReadonlyMap<string, CameraPlace>,
  effects: CorrelatorEffect[],
): CorrelatorState {
  const family = familyOf(config, input.kind);
  const holder = s.incidents.find((i) => i.alerts.some((a) => a.alertId === input.alertId));
  if (holder) {
    const alerts = holder.alerts.map((a) =>
      a.alertId !== input.alertId
        ? a
        : {
            ...a,
            kind: input.kind,
            lastSeen: now,
            ended: input.phase === 'ended',
            peak: input.peak.score > a.peak.score ? input.peak : a.peak,
          },
    );
    const reopen = holder.state === 'ended' && input.phase !== 'ended';
    const next = withAlerts(
      reopen ? { ...holder, state: 'open', endedAt: null, reopened: holder.reopened + 1 } : holder,
      alerts,
      config,
      places,
    );
    effects.push({ type: reopen ? 'incident-reopened' : 'incident-updated', incident: next });
    return { ...s, incidents: s.incidents.map((i) => (i.id === holder.id ? next : i)) };
  }
  if (input.phase === 'ended') return s; // the end of an alert no incident knows: nothing to do

  const alert: IncidentAlert = {
    alertId: input.alertId,
    kind: input.kind,
    cameraId: input.cameraId,
    firstSeen: now,
    lastSeen: now,
    ended: false,
    peak: input.peak,
  };
  const candidates = s.incidents
    .filter((i) => i.family === family)
    .filter((i) =>
      i.state === 'open'
        ? now - i.lastSeen <= config.windowS * 1000 && i.cameras.some((c) => near(config, places, c, input.cameraId))
        : i.endedAt !== null && now - i.endedAt <= config.cooldownS * 1000 && i.cameras.includes(input.cameraId),
    )
    .sort((a, b) => b.lastSeen - a.lastSeen);
  const target = candidates[0];
  if (target) {
    const reopen = target.state === 'ended';
    const base: Incident = reopen ? { ...target, state: 'open', endedAt: null, reopened: target.reopened + 1 } : target;
    const next = withAlerts({ ...base, lastSeen: now }, [...target.alerts, alert], config, places);
    effects.push({ type: reopen ? 'incident-reopened' : 'incident-updated', incident: next });
    return { ...s, incidents: s.incidents.map((i) => (i.id === target.id ? next : i)) };
  }
  const opened = withAlerts(
    {
      id: `inc-${s.nextId}`,
      family,
      kind: input.kind,
      state: 'open',
      firstSeen: now,
      lastSeen: now,
      endedAt: null,
      cameras: [],
      gridCells: [],
      alerts: [],
      peak: { ...input.peak, cameraId: input.cameraId, alertId: input.alertId },
      reopened: 0,
    },
    [alert],
    config,
    places,
  );
  effects.push({ type: 'incident-opened', incident: opened });
  return { nextId: s.nextId + 1, incidents: [...s.incidents, opened] };
}

function onTick(s: CorrelatorState, now: number, config: CorrelatorConfig, effects: CorrelatorEffect[]) {
  const incidents: Incident[] = [];
  for (const incident of s.incidents) {
    if (
      incident.state === 'open' &&
      incident.alerts.every((a) => a.ended) &&
      now - incident.lastSeen >= config.quietS * 1000
    ) {
      const ended: Incident = { ...incident, state: 'ended', endedAt: now };
      effects.push({ type: 'incident-ended', incident: ended });
      incidents.push(ended);
    } else if (incident.state === 'ended' && now - (incident.endedAt ?? now) > config.cooldownS * 1000) {
      // past its cooldown: forgotten here (it stays in the database)
    } else incidents.push(incident);
  }
  return { ...s, incidents };
}

/**
 * One step. `places` maps camera ids to their grid cell and position; a camera missing from it is near only to
 * itself.
 */
export function stepCorrelator(
  s: CorrelatorState,
  input: CorrelatorInput,
  now: number,
  config: CorrelatorConfig,
  places: ReadonlyMap<string, CameraPlace>,
): { state: CorrelatorState; effects: CorrelatorEffect[] } {
  const effects: CorrelatorEffect[] = [];
  const state =
    input.type === 'alert' ? onAlert(s, input, now, config, places, effects) : onTick(s, now, config, effects);
  return { state, effects };
}
