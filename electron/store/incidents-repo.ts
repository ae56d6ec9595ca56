/**
 * Incidents in SQLite: the correlator's incidents written as they change (one transaction per change, alerts
 * replaced with the incident), their evidence, and reads for the API. Evidence rows carry the models in force
 * (ids, checksums, thresholds) as JSON, checked with zod when read back.
 */
import { z } from 'zod';
import type { Incident } from '../domain/correlator';
import type { RelBox } from '../domain/incident-types';
import type { Database } from './database';

export const EvidenceModelSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  thresholds: z.record(z.string(), z.number()),
});
export type EvidenceModel = z.infer<typeof EvidenceModelSchema>;

export interface EvidenceRow {
  incidentId: string;
  cameraId: string;
  kind: 'snapshot' | 'clip';
  file: string;
  at: number;
  durationS: number | null;
  models: EvidenceModel[];
}

export interface StoredIncident {
  id: string;
  family: string;
  kind: string;
  state: 'open' | 'ended';
  firstSeen: string;
  lastSeen: string;
  endedAt: string | null;
  peak: { score: number; at: string; cameraId: string };
  reopened: number;
  alerts: {
    alertId: string;
    kind: string;
    cameraId: string;
    firstSeen: string;
    lastSeen: string;
    ended: boolean;
    peak: { score: number; at: string; box: RelBox | null };
  }[];
  evidence: (Omit<EvidenceRow, 'at' | 'incidentId'> & { at: string })[];
}

const RelBoxSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
const iso = (ms: number) => new Date(ms).toISOString();

function parseJson<T>(schema: z.ZodType<T>, text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

interface IncidentDbRow {
  id: string;
  family: string;
  kind: string;
  state: 'open' | 'ended';
  first_seen: string;
  last_seen: string;
  ended_at: string | null;
  peak_score: number;
  peak_at: string;
  peak_camera_id: string;
  reopened: number;
}

export class IncidentsRepo {
  constructor(private readonly db: Database) {}

  /** Every stored alert id (the tracker's counters go on from them after a restart). */
  alertIds(): string[] {
    return this.db
      .prepare<[], { alert_id: string }>('SELECT alert_id FROM incident_alerts')
      .all()
      .map((r) => r.alert_id);
  }

  /** The number the next incident id (`inc-<n>`) should take: one past every stored one. */
  nextNumber(): number {
    const row = this.db.prepare<[], { n: number | null }>('SELECT MAX(number) AS n FROM incidents').get();
    return (row?.n ?? 0) + 1;
  }

  /** Writes the incident as the correlator now has it, alerts included, in one transaction. */
  save(incident: Incident, now: Date): void {
    const number = Number(/^inc-(\d+)$/.exec(incident.id)?.[1] ?? NaN);
    if (!Number.isInteger(number)) throw new Error(`unexpected incident id ${incident.id}`);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO incidents (id, number, family, kind, state, first_seen, last_seen, ended_at, peak_score,
             peak_at, peak_camera_id, reopened, updated_at)
           VALUES (@id, @number, @family, @kind, @state, @firstSeen, @lastSeen, @endedAt, @peakScore, @peakAt,
             @peakCamera, @reopened, @now)
           ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, state = excluded.state,
             first_seen = excluded.first_seen, last_seen = excluded.last_seen, ended_at = excluded.ended_at,
             peak_score = excluded.peak_score, peak_at = excluded.peak_at, peak_camera_id = excluded.peak_camera_id,
             reopened = excluded.reopened, updated_at = excluded.updated_at`,
        )
        .run({
          id: incident.id,
          number,
          family: incident.family,
          kind: incident.kind,
          state: incident.state,
          firstSeen: iso(incident.firstSeen),
          lastSeen: iso(incident.lastSeen),
          endedAt: incident.endedAt === null ? null : iso(incident.endedAt),
          peakScore: incident.peak.score,
          peakAt: iso(incident.peak.at),
          peakCamera: incident.peak.cameraId,
          reopened: incident.reopened,
          now: now.toISOString(),
        });
      const upsert = this.db.prepare(
        `INSERT INTO incident_alerts (alert_id, incident_id, kind, camera_id, first_seen, last_seen, ended,
           peak_score, peak_at, peak_box)
         VALUES (@alertId, @incidentId, @kind, @cameraId, @firstSeen, @lastSeen, @ended, @peakScore, @peakAt, @box)
         ON CONFLICT(alert_id) DO UPDATE SET kind = excluded.kind, last_seen = excluded.last_seen,
           ended = excluded.ended, peak_score = excluded.peak_score, peak_at = excluded.peak_at,
           peak_box = excluded.peak_box`,
      );
      for (const a of incident.alerts) {
        upsert.run({
          alertId: a.alertId,
          incidentId: incident.id,
          kind: a.kind,
          cameraId: a.cameraId,
          firstSeen: iso(a.firstSeen),
          lastSeen: iso(a.lastSeen),
          ended: a.ended ? 1 : 0,
          peakScore: a.peak.score,
          peakAt: iso(a.peak.at),
          box: a.peak.box ? JSON.stringify(a.peak.box) : null,
        });
      }
    })();
  }

  addEvidence(row: EvidenceRow, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO incident_evidence (incident_id, camera_id, kind, file, at, duration_s, models, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.incidentId,
        row.cameraId,
        row.kind,
        row.file,
        iso(row.at),
        row.durationS,
        JSON.stringify(row.models),
        now.toISOString(),
      );
  }

  /** Incidents, newest activity first. */
  list(limit = 100): StoredIncident[] {
    const rows = this.db
      .prepare<[number], IncidentDbRow>('SELECT * FROM incidents ORDER BY last_seen DESC, number DESC LIMIT ?')
      .all(limit);
    return rows.map((row) => this.hydrate(row));
  }

  get(id: string): StoredIncident | null {
    const row = this.db.prepare<[string], IncidentDbRow>('SELECT * FROM incidents WHERE id = ?').get(id);
    return row ? this.hydrate(row) : null;
  }

  private hydrate(row: IncidentDbRow): StoredIncident {
    const alerts = this.db
      .prepare<
        [string],
        {
          alert_id: string;
          kind: string;
          camera_id: string;
          first_seen: string;
          last_seen: string;
          ended: number;
          peak_score: number;
          peak_at: string;
          peak_box: string | null;
        }
      >('SELECT * FROM incident_alerts WHERE incident_id = ? ORDER BY first_seen, alert_id')
      .all(row.id);
    const evidence = this.db
      .prepare<
        [string],
        {
          camera_id: string;
          kind: 'snapshot' | 'clip';
          file: string;
          at: string;
          duration_s: number | null;
          models: string;
        }
      >('SELECT * FROM incident_evidence WHERE incident_id = ? ORDER BY id')
      .all(row.id);
    return {
      id: row.id,
      family: row.family,
      kind: row.kind,
      state: row.state,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      endedAt: row.ended_at,
      peak: { score: row.peak_score, at: row.peak_at, cameraId: row.peak_camera_id },
      reopened: row.reopened,
      alerts: alerts.map((a) => ({
        alertId: a.alert_id,
        kind: a.kind,
        cameraId: a.camera_id,
        firstSeen: a.first_seen,
        lastSeen: a.last_seen,
        ended: a.ended === 1,
        peak: { score: a.peak_score, at: a.peak_at, box: parseJson(RelBoxSchema, a.peak_box, null) },
      })),
      evidence: evidence.map((e) => ({
        cameraId: e.camera_id,
        kind: e.kind,
        file: e.file,
        at: e.at,
        durationS: e.duration_s,
        models: parseJson(z.array(EvidenceModelSchema), e.models, []),
      })),
    };
  }
}
