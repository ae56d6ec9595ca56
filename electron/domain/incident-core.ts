/**
 * The whole detections-to-incidents core as one pure step: a detector frame of a camera goes through the
 * camera's masks, the tracker, confirmation, the zone rules (for confirmed objects only) and the correlator;
 * a tick lets quiet incidents end. `stepIncidentCore(state, input, now, config, places)` returns the next state
 * and, as data, every alert change (for evidence: the peak frame and box of each alert) and every incident
 * change (to store). No clock, no I/O: a recorded sequence of frames and ticks always replays the same.
 */
import { z } from 'zod';
import {
  ConfirmationConfigSchema,
  followFramesFor,
  initialConfirmation,
  stepConfirmation,
  type ConfirmationEffect,
  type ConfirmationState,
  type TrackScore,
} from './confirmation';
import {
  CorrelatorConfigSchema,
  initialCorrelator,
  stepCorrelator,
  type AlertPeak,
  type CameraPlace,
  type CorrelatorEffect,
  type CorrelatorInput,
  type CorrelatorState,
} from './correlator';
import type { AlertKind, FrameObservation, Track } from './incident-types';
import type { LocalTime } from './schedule';
import { initialTracker, stepTracker, TrackerConfigSchema, type TrackerState } from './tracker';
import {
  applyMasks,
  CameraZonesSchema,
  initialZones,
  stepZones,
  ZoneRulesConfigSchema,
  type ZoneEffect,
  type ZonesState,
} from './zones';

export const IncidentCoreConfigSchema = z.strictObject({
  tracker: TrackerConfigSchema.prefault({}).describe('Matching detections of a camera into tracks.'),
  confirmation: ConfirmationConfigSchema.prefault({}).describe('When a track is real: per camera and label.'),
  zones: CameraZonesSchema.default({}).describe('Masks and rule zones per camera id, in relative coordinates.'),
  zoneRules: ZoneRulesConfigSchema.prefault({}).describe('Grace periods of the zone rules.'),
  correlator: CorrelatorConfigSchema.prefault({}).describe('From alerts of near cameras to incidents.'),
});
export type IncidentCoreConfig = z.output<typeof IncidentCoreConfigSchema>;

export interface IncidentCoreState {
  tracker: TrackerState;
  confirmation: ConfirmationState;
  zones: ZonesState;
  correlator: CorrelatorState;
  /** Ids of the tracks confirmed as objects (people...): only those enter the zone rules. */
  confirmedObjects: string[];
}

export type IncidentCoreInput = { type: 'frame'; observation: FrameObservation; local: LocalTime } | { type: 'tick' };

/** One alert as the correlator and the evidence taker see it. */
export interface AlertChange {
  phase: 'raised' | 'updated' | 'ended';
  alertId: string;
  kind: AlertKind;
  cameraId: string;
  peak: AlertPeak;
  /** Rule zone alerts: the zone. */
  zoneId?: string;
}

export type IncidentCoreEffect =
  | { type: 'alert'; change: AlertChange }
  | { type: 'masked'; cameraId: string; count: number }
  /** A track's best decision statistic rose (for threshold tuning; see confirmation.ts). */
  | { type: 'track-scored'; score: TrackScore }
  /** A zone rule raised an alert on these confirmed tracks (threshold tuning links the alert to them). */
  | { type: 'track-alerted'; alertId: string; tracks: { trackId: string; trackStarted: number }[] }
  | CorrelatorEffect;

/** `nextIncident` and `trackCounters` go on from what is stored, so ids are not reused after a restart. */
export function initialIncidentCore(
  nextIncident = 1,
  trackCounters: Readonly<Record<string, number>> = {},
): IncidentCoreState {
  return {
    tracker: initialTracker(trackCounters),
    confirmation: initialConfirmation(),
    zones: initialZones(),
    correlator: initialCorrelator(nextIncident),
    confirmedObjects: [],
  };
}

function phaseOf(type: string): AlertChange['phase'] {
  return type.endsWith('raised') ? 'raised' : type.endsWith('ended') ? 'ended' : 'updated';
}

function fromConfirmation(effect: ConfirmationEffect): AlertChange | null {
  if (!('kind' in effect)) return null;
  return {
    phase: phaseOf(effect.type),
    alertId: effect.id,
    kind: effect.kind,
    cameraId: effect.cameraId,
    peak: { score: effect.peak.score, at: effect.peak.at, box: effect.peak.box },
  };
}

function fromZone(effect: ZoneEffect, tracks: readonly Track[]): AlertChange {
  const { alert } = effect;
  const inside = tracks.filter((t) => alert.trackIds.includes(t.id));
  const score = Math.max(0, ...inside.map((t) => t.peak.score));
  return {
    phase: phaseOf(effect.type),
    alertId: alert.id,
    kind: alert.kind,
    cameraId: alert.cameraId,
    peak: { score, at: alert.lastSeen, box: alert.box },
    zoneId: alert.zoneId,
  };
}

/**
 * How many of the camera's next frames the detector should analyse whole after this frame: the most any of its
 * boxes asks for (`followFramesFor`: a followed label at its threshold), 0 when none could raise an alert. Boxes
 * the camera's masks drop ask for nothing: a masked lamp must not cost whole-frame runs.
 */
export function followFramesAfter(config: IncidentCoreConfig, observation: FrameObservation): number {
  const { cameraId } = observation;
  // most frames have no candidate: the masks are only tried on the boxes that would ask for frames
  const asking = observation.boxes.filter((b) => followFramesFor(config.confirmation, cameraId, b.label, b.score) > 0);
  if (asking.length === 0) return 0;
  const { kept } = applyMasks(config.zones[cameraId] ?? [], asking);
  return kept.reduce((most, b) => Math.max(most, followFramesFor(config.confirmation, cameraId, b.label, b.score)), 0);
}

export function stepIncidentCore(
  s: IncidentCoreState,
  input: IncidentCoreInput,
  now: number,
  config: IncidentCoreConfig,
  places: ReadonlyMap<string, CameraPlace>,
): { state: IncidentCoreState; effects: IncidentCoreEffect[] } {
  const effects: IncidentCoreEffect[] = [];
  let correlator = s.correlator;
  const correlate = (change: AlertChange) => {
    effects.push({ type: 'alert', change });
    const alertInput: CorrelatorInput = {
      type: 'alert',
      phase: change.phase,
      alertId: change.alertId,
      kind: change.kind,
      cameraId: change.cameraId,
      peak: change.peak,
    };
    const r = stepCorrelator(correlator, alertInput, now, config.correlator, places);
    correlator = r.state;
    effects.push(...r.effects);
  };

  if (input.type === 'tick') {
    const r = stepCorrelator(correlator, { type: 'tick' }, now, config.correlator, places);
    return { state: { ...s, correlator: r.state }, effects: r.effects };
  }

  const { observation, local } = input;
  const cameraZones = Object.hasOwn(config.zones, observation.cameraId) ? config.zones[observation.cameraId] : [];
  const { kept, dropped } = applyMasks(cameraZones ?? [], observation.boxes);
  if (dropped.length > 0) effects.push({ type: 'masked', cameraId: observation.cameraId, count: dropped.length });

  const tracked = stepTracker(s.tracker, { ...observation, boxes: kept }, config.tracker);
  const confirmed = stepConfirmation(s.confirmation, tracked.events, now, config.confirmation);
  for (const score of confirmed.scores) effects.push({ type: 'track-scored', score });
  const objects = new Set(s.confirmedObjects);
  for (const effect of confirmed.effects) {
    if (effect.type === 'object-confirmed') objects.add(effect.track.id);
    else if (effect.type === 'object-released') objects.delete(effect.track.id);
    const change = fromConfirmation(effect);
    if (change) correlate(change);
  }

  const cameraTracks = tracked.state.tracks.filter((t) => t.cameraId === observation.cameraId && objects.has(t.id));
  const zoned = stepZones(
    s.zones,
    { cameraId: observation.cameraId, at: observation.at, local, tracks: cameraTracks },
    config.zones,
    config.zoneRules,
  );
  for (const effect of zoned.effects) {
    if (effect.type === 'zone-alert-raised') {
      const tracks = cameraTracks.filter((t) => effect.alert.trackIds.includes(t.id));
      effects.push({
        type: 'track-alerted',
        alertId: effect.alert.id,
        tracks: tracks.map((t) => ({ trackId: t.id, trackStarted: t.firstSeen })),
      });
    }
    correlate(fromZone(effect, cameraTracks));
  }

  return {
    state: {
      tracker: tracked.state,
      confirmation: confirmed.state,
      zones: zoned.state,
      correlator,
      confirmedObjects: [...objects].sort(),
    },
    effects,
  };
}
