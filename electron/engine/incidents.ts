/**
 * Incidents inside the engine: the pure incident core fed with every detector frame of every camera (boxes made
 * relative, times in the machine's local zone for zone schedules) and ticked once a second; each incident change
 * stored in SQLite and pushed. Evidence per alert's camera: once the clip's post-roll has been recorded, a clip
 * [first seen − pre, first seen + post] and the snapshot of the alert's peak frame with its box drawn, stored
 * with the models, checksums and thresholds in force.
 */
import type { PushMessage } from '../api/contract';
import type { ConfirmationPolicy, TrackScore } from '../domain/confirmation';
import type { CameraPlace, Incident } from '../domain/correlator';
import {
  followFramesAfter,
  initialIncidentCore,
  stepIncidentCore,
  type AlertChange,
  type IncidentCoreConfig,
  type IncidentCoreEffect,
  type IncidentCoreInput,
  type IncidentCoreState,
} from '../domain/incident-core';
import type { FrameObservation } from '../domain/incident-types';
import type { Zone } from '../domain/zones';
import { localTimeOf } from '../domain/schedule';
import { trackCountersFromAlertIds } from '../domain/tracker';
import type { Logger } from '../log/logger';
import type { EvidenceModel, IncidentsRepo } from '../store/incidents-repo';
import type { FrameDetections } from './pipeline';

export interface EvidenceTaker {
  clip(cameraId: string, at: number, preS: number, postS: number): Promise<{ file: string; durationS: number }>;
  snapshot(cameraId: string, at: number, box: AlertChange['peak']['box']): Promise<{ file: string; at: number }>;
}

export interface IncidentRuntimeOptions {
  config: IncidentCoreConfig;
  repo: IncidentsRepo;
  places: () => ReadonlyMap<string, CameraPlace>;
  models: () => EvidenceModel[];
  evidence: EvidenceTaker | null;
  clip: { preS: number; postS: number; segmentS: number };
  publish: (message: PushMessage) => void;
  /** Each stored incident change (`opened`, `updated`, `reopened`, `ended`), e.g. for patrol tasks. */
  onChange?: (change: string, incident: Incident) => void;
  /** Evidence (snapshots, clips) of an incident was stored. */
  onEvidence?: (incidentId: string) => void;
  /** A track's best decision statistic rose past the record floor (threshold tuning stores it). */
  onTrackScored?: (score: TrackScore) => void;
  /** A zone rule raised an alert on these tracks (threshold tuning links the alert to their statistics). */
  onTrackAlerted?: (alertId: string, tracks: readonly { trackId: string; trackStarted: number }[]) => void;
  logger: Logger;
  now?: () => number;
}

/** The frame's boxes in relative coordinates, as the core takes them. */
export function toObservation(result: FrameDetections): FrameObservation {
  const { width, height } = result.frame;
  const rel = (v: number, size: number) => Math.min(1, Math.max(0, v / size));
  return {
    cameraId: result.cameraId,
    at: result.capturedAt,
    boxes: result.detections.map((d) => ({
      label: d.label,
      score: d.score,
      modelId: d.modelId,
      box: { x1: rel(d.box.x1, width), y1: rel(d.box.y1, height), x2: rel(d.box.x2, width), y2: rel(d.box.y2, height) },
    })),
  };
}

export class IncidentRuntime {
  private state: IncidentCoreState;
  private readonly timer: NodeJS.Timeout;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly taking = new Set<Promise<void>>();
  /** Cameras whose evidence is taken (or being taken) per incident: `<incident>|<camera>`. */
  private readonly evidenced = new Set<string>();
  private readonly log: Logger;
  private readonly now: () => number;
  private stopped = false;
  /** The configuration in force: the options' one, with the zones of cameras changed since (`setZones`). */
  private config: IncidentCoreConfig;

  constructor(private readonly options: IncidentRuntimeOptions) {
    this.config = options.config;
    this.state = initialIncidentCore(options.repo.nextNumber(), trackCountersFromAlertIds(options.repo.alertIds()));
    this.log = options.logger.child({ module: 'incidents' });
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.step({ type: 'tick' }, this.now()), 1000);
  }

  onDetections(result: FrameDetections): void {
    if (this.stopped) return;
    const at = result.capturedAt;
    const local = localTimeOf(at, -new Date(at).getTimezoneOffset());
    this.step({ type: 'frame', observation: toObservation(result), local }, at);
  }

  /**
   * Replaces one camera's zones and masks from its next frame on, without a restart: the core ends the alerts of
   * zones that went away (reason `zone-removed`) and keeps the stays of zones that are still there.
   */
  setZones(cameraId: string, zones: readonly Zone[]): void {
    const others = Object.entries(this.config.zones).filter(([id]) => id !== cameraId);
    this.config = { ...this.config, zones: Object.fromEntries([...others, [cameraId, [...zones]]]) };
  }

  /**
   * Replaces the confirmation policy of one camera and label from the next frame on, without a restart. Tracks
   * already confirmed stay confirmed until the policy's own rules end them.
   */
  setPolicy(cameraId: string, label: string, policy: ConfirmationPolicy): void {
    const { confirmation } = this.config;
    const camera = Object.hasOwn(confirmation.cameras, cameraId) ? confirmation.cameras[cameraId] : undefined;
    const cameras = { ...confirmation.cameras, [cameraId]: { ...camera, [label]: policy } };
    this.config = { ...this.config, confirmation: { ...confirmation, cameras } };
  }

  /** Frames of this camera to analyse whole after this result, under the policies and masks in force. */
  followFrames(result: FrameDetections): number {
    return followFramesAfter(this.config, toObservation(result));
  }

  /** Resolves once no evidence is waiting to be taken or being taken, or after `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = this.now() + timeoutMs;
    while ((this.pending.size > 0 || this.taking.size > 0) && this.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }

  private step(input: IncidentCoreInput, now: number): void {
    const r = stepIncidentCore(this.state, input, now, this.config, this.options.places());
    this.state = r.state;
    for (const effect of r.effects) {
      if (effect.type === 'masked') continue;
      if (effect.type === 'track-scored' || effect.type === 'track-alerted') {
        this.recordScore(effect);
        continue;
      }
      if (effect.type === 'alert') {
        const { change } = effect;
        this.options.publish({
          type: 'alerts:changed',
          payload: {
            alertId: change.alertId,
            phase: change.phase,
            kind: change.kind,
            cameraId: change.cameraId,
            zoneId: change.zoneId ?? null,
            score: change.peak.score,
            at: new Date(now).toISOString(),
          },
        });
        continue;
      }
      const { incident } = effect;
      try {
        this.options.repo.save(incident, new Date(this.now()));
      } catch (error) {
        this.log.error({ err: error, incident: incident.id }, 'incident not stored');
        continue;
      }
      if (effect.type === 'incident-ended') {
        // a reopening (within the cooldown) is footage of its own: its cameras get evidence again
        for (const key of [...this.evidenced]) if (key.startsWith(`${incident.id}|`)) this.evidenced.delete(key);
      }
      if (effect.type === 'incident-opened') {
        this.log.warn({ incident: incident.id, kind: incident.kind, cameras: incident.cameras }, 'incident opened');
      }
      const change = effect.type.replace('incident-', '');
      this.options.publish({ type: 'incidents:changed', payload: { id: incident.id, change, kind: incident.kind } });
      this.options.onChange?.(change, incident);
      if (effect.type === 'incident-ended') continue;
      // newest first: after a reopening, a camera's evidence shows its latest alert, not the one already kept
      const newestFirst = [...incident.alerts].sort((a, b) => b.firstSeen - a.firstSeen);
      for (const alert of newestFirst) this.scheduleEvidence(incident.id, alert.cameraId, alert.firstSeen, alert);
    }
  }

  private recordScore(effect: Extract<IncidentCoreEffect, { type: 'track-scored' } | { type: 'track-alerted' }>): void {
    try {
      if (effect.type === 'track-scored') this.options.onTrackScored?.(effect.score);
      else this.options.onTrackAlerted?.(effect.alertId, effect.tracks);
    } catch (error) {
      this.log.error({ err: error }, 'track statistic not stored');
    }
  }

  private scheduleEvidence(
    incidentId: string,
    cameraId: string,
    firstSeen: number,
    alert: { peak: AlertChange['peak'] },
  ): void {
    const key = `${incidentId}|${cameraId}`;
    const evidence = this.options.evidence;
    if (!evidence || this.evidenced.has(key)) return;
    this.evidenced.add(key);
    const { preS, postS, segmentS } = this.options.clip;
    // the post-roll has to be recorded, and its segment finished, before the clip can be cut
    const delayMs = Math.max(0, firstSeen + postS * 1000 - this.now()) + segmentS * 1000 + 1000;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      const taking = this.takeEvidence(incidentId, cameraId, firstSeen, alert.peak, evidence, preS, postS);
      this.taking.add(taking);
      void taking.finally(() => this.taking.delete(taking));
    }, delayMs);
    this.pending.add(timer);
  }

  private async takeEvidence(
    incidentId: string,
    cameraId: string,
    firstSeen: number,
    peak: AlertChange['peak'],
    evidence: EvidenceTaker,
    preS: number,
    postS: number,
  ): Promise<void> {
    const models = this.options.models();
    const now = () => new Date(this.now());
    // the camera's best moment so far (the alert may have peaked after it was raised)
    const best = this.state.correlator.incidents
      .find((i) => i.id === incidentId)
      ?.alerts.filter((a) => a.cameraId === cameraId && a.firstSeen >= firstSeen)
      .reduce<AlertChange['peak']>((p, a) => (a.peak.score > p.score ? a.peak : p), peak);
    const shown = best ?? peak;
    // the clip first: it waits for the ring to cover its end, and then the peak frame is on disk too
    try {
      const clip = await evidence.clip(cameraId, firstSeen, preS, postS);
      if (this.stopped) return;
      this.options.repo.addEvidence(
        { incidentId, cameraId, kind: 'clip', file: clip.file, at: firstSeen, durationS: clip.durationS, models },
        now(),
      );
    } catch (error) {
      this.log.warn({ incident: incidentId, camera: cameraId, err: error }, 'no clip for the incident');
    }
    try {
      const snap = await evidence.snapshot(cameraId, shown.at, shown.box);
      if (this.stopped) return;
      this.options.repo.addEvidence(
        { incidentId, cameraId, kind: 'snapshot', file: snap.file, at: snap.at, durationS: null, models },
        now(),
      );
    } catch (error) {
      this.log.warn({ incident: incidentId, camera: cameraId, err: error }, 'no snapshot for the incident');
    }
    if (!this.stopped) {
      this.options.publish({ type: 'incidents:changed', payload: { id: incidentId, change: 'evidence', kind: null } });
      this.options.onEvidence?.(incidentId);
    }
  }
}
