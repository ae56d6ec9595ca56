/**
 * Threshold tuning in SQLite (migration 008): the best decision statistic of every recorded track, the reviewed
 * alerts of a camera and label with their track's statistic, the confirmation policies set in the interface (one
 * JSON row per camera and label, read back through the domain's schema) and the append-only audit of changes.
 */
import type { Statement } from 'better-sqlite3';
import { ConfirmationPolicySchema, type ConfirmationPolicy, type TrackScore } from '../domain/confirmation';
import type { FalseAlarmReason } from '../domain/task-lifecycle';
import type { ReviewedAlert, ScoredTrack, Verdict } from '../domain/tuning';
import type { Database } from './database';

export interface StoredPolicy {
  cameraId: string;
  label: string;
  policy: ConfirmationPolicy;
  version: number;
  updatedAt: number;
}

export interface StoredPolicies {
  policies: StoredPolicy[];
  /** Rows that no longer pass the policy schema: where and why. */
  invalid: { cameraId: string; label: string; problems: string[] }[];
}

export interface TuningAuditRecord {
  id: number;
  at: number;
  actorId: string;
  actorName: string;
  cameraId: string;
  label: string;
  version: number;
  /** The policy in force before and after, as JSON text (the before may be the configuration file's). */
  before: string;
  after: string;
  note: string | null;
}

export interface TuningApply {
  cameraId: string;
  label: string;
  policy: ConfirmationPolicy;
  expectedVersion: number;
  actorId: string;
  actorName: string;
  before: ConfirmationPolicy;
  note: string | null;
  at: number;
}

interface PolicyRow {
  camera_id: string;
  label: string;
  policy_json: string;
  version: number;
  updated_at: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor_id: string;
  actor_name: string;
  camera_id: string;
  label: string;
  version: number;
  before_json: string;
  after_json: string;
  note: string | null;
}

function parsePolicy(json: string): { ok: true; policy: ConfirmationPolicy } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problems: ['policy_json is not JSON'] };
  }
  const parsed = ConfirmationPolicySchema.safeParse(value);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

const toAudit = (r: AuditRow): TuningAuditRecord => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  cameraId: r.camera_id,
  label: r.label,
  version: r.version,
  before: r.before_json,
  after: r.after_json,
  note: r.note,
});

export class TuningRepo {
  private readonly upsertScore: Statement<[string, string, string, number, number, number, string | null]>;
  private readonly tracksOf: Statement<[string, string, number, number], { at: number; best: number; alerted: number }>;
  private readonly reviewedOf: Statement<
    [{ camera: string; label: string; from: string }],
    { alert_id: string; first_seen: string; verdict: Verdict; reason: FalseAlarmReason | null }
  >;
  private readonly statisticOf: Statement<[string, string, number], { best: number }>;
  private readonly policyOf: Statement<[string, string], PolicyRow>;
  private readonly link: Statement<[string, string, number]>;
  private readonly statisticOfAlert: Statement<[string, string, number], { best: number }>;

  constructor(private readonly db: Database) {
    this.upsertScore = db.prepare(
      `INSERT INTO track_statistics (camera_id, label, track_id, track_started, at, best, alert_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (track_id, track_started) DO UPDATE SET
         at = CASE WHEN excluded.best > best THEN excluded.at ELSE at END,
         best = MAX(best, excluded.best),
         alert_id = COALESCE(alert_id, excluded.alert_id)`,
    );
    this.tracksOf = db.prepare(
      `SELECT at, best, alert_id IS NOT NULL AS alerted FROM track_statistics
       WHERE camera_id = ? AND label = ? AND at >= ? AND at < ?`,
    );
    // each alert of the camera and label (of that kind, or a zone rule's on tracks of that label), with the
    // latest verdict on its incident
    this.reviewedOf = db.prepare(
      `SELECT a.alert_id, a.first_seen, r.verdict, r.reason
       FROM incident_alerts a
       JOIN incident_reviews r ON r.incident_id = a.incident_id
         AND r.at = (SELECT MAX(r2.at) FROM incident_reviews r2 WHERE r2.incident_id = a.incident_id)
       WHERE a.camera_id = @camera AND a.first_seen >= @from AND (a.kind = @label OR a.alert_id IN
         (SELECT s.alert_id FROM track_statistics s
          WHERE s.camera_id = @camera AND s.label = @label AND s.alert_id IS NOT NULL))
       GROUP BY a.alert_id
       ORDER BY a.first_seen`,
    );
    this.link = db.prepare(
      `UPDATE track_statistics SET alert_id = COALESCE(alert_id, ?) WHERE track_id = ? AND track_started = ?`,
    );
    this.statisticOfAlert = db.prepare(
      `SELECT best FROM track_statistics WHERE alert_id = ? AND camera_id = ? AND track_started <= ?
       ORDER BY track_started DESC LIMIT 1`,
    );
    this.statisticOf = db.prepare(
      `SELECT best FROM track_statistics WHERE track_id = ? AND camera_id = ? AND track_started <= ?
       ORDER BY track_started DESC LIMIT 1`,
    );
    this.policyOf = db.prepare('SELECT * FROM confirmation_overrides WHERE camera_id = ? AND label = ?');
  }

  /** Stores a track's best statistic so far (keeps the higher one and the first alert). */
  recordScore(score: TrackScore): void {
    this.upsertScore.run(
      score.cameraId,
      score.label,
      score.trackId,
      score.trackStarted,
      score.bestAt,
      score.best,
      score.alertId,
    );
  }

  /** Links a zone rule's alert to the recorded tracks it was raised on (a track keeps its first alert). */
  linkAlert(alertId: string, tracks: readonly { trackId: string; trackStarted: number }[]): void {
    this.db.transaction(() => {
      for (const t of tracks) this.link.run(alertId, t.trackId, t.trackStarted);
    })();
  }

  /** Forgets recorded tracks whose statistic peaked before `before` (ms); returns how many. */
  pruneScores(before: number): number {
    return this.db.prepare('DELETE FROM track_statistics WHERE at < ?').run(before).changes;
  }

  /** Recorded tracks of a camera and label whose statistic peaked in [from, to). */
  scoredTracks(cameraId: string, label: string, from: number, to: number): ScoredTrack[] {
    return this.tracksOf.all(cameraId, label, from, to).map((r) => ({ at: r.at, best: r.best, alerted: !!r.alerted }));
  }

  /**
   * Reviewed alerts of a camera and label first seen from `from` on, with their track's best statistic; alerts
   * without one (stored before migration 008) are counted in `excluded`.
   */
  reviewedAlerts(cameraId: string, label: string, from: number): { alerts: ReviewedAlert[]; excluded: number } {
    const alerts: ReviewedAlert[] = [];
    let excluded = 0;
    for (const row of this.reviewedOf.all({ camera: cameraId, label, from: new Date(from).toISOString() })) {
      const at = Date.parse(row.first_seen);
      const hash = row.alert_id.lastIndexOf('#');
      const trackId = hash > 0 ? row.alert_id.slice(0, hash) : row.alert_id;
      const statistic =
        this.statisticOfAlert.get(row.alert_id, cameraId, at)?.best ??
        this.statisticOf.get(trackId, cameraId, at)?.best;
      if (statistic === undefined) excluded++;
      else alerts.push({ alertId: row.alert_id, statistic, verdict: row.verdict, reason: row.reason, at });
    }
    return { alerts, excluded };
  }

  listPolicies(): StoredPolicies {
    const rows = this.db.prepare<[], PolicyRow>('SELECT * FROM confirmation_overrides ORDER BY camera_id, label').all();
    const result: StoredPolicies = { policies: [], invalid: [] };
    for (const row of rows) {
      const parsed = parsePolicy(row.policy_json);
      if (parsed.ok) result.policies.push(this.toStored(row, parsed.policy));
      else result.invalid.push({ cameraId: row.camera_id, label: row.label, problems: parsed.problems });
    }
    return result;
  }

  /** The interface's policy of a camera and label (null policy when none, or the row is invalid). */
  policy(cameraId: string, label: string): { policy: ConfirmationPolicy | null; version: number; updatedAt: number } {
    const row = this.policyOf.get(cameraId, label);
    if (!row) return { policy: null, version: 0, updatedAt: 0 };
    const parsed = parsePolicy(row.policy_json);
    return { policy: parsed.ok ? parsed.policy : null, version: row.version, updatedAt: row.updated_at };
  }

  /**
   * Stores the policy (validated by the caller) and its audit row in one transaction; returns the new version,
   * or null (nothing written) when the stored version is not `expectedVersion`.
   */
  apply(change: TuningApply): number | null {
    return this.db
      .transaction(() => {
        const current = this.policyOf.get(change.cameraId, change.label)?.version ?? 0;
        if (current !== change.expectedVersion) return null;
        const version = current + 1;
        this.db
          .prepare(
            `INSERT INTO confirmation_overrides (camera_id, label, policy_json, version, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (camera_id, label) DO UPDATE SET policy_json = excluded.policy_json,
             version = excluded.version, updated_at = excluded.updated_at`,
          )
          .run(change.cameraId, change.label, JSON.stringify(change.policy), version, change.at);
        this.db
          .prepare(
            `INSERT INTO tuning_audit (at, actor_id, actor_name, camera_id, label, version, before_json, after_json,
             note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            change.at,
            change.actorId,
            change.actorName,
            change.cameraId,
            change.label,
            version,
            JSON.stringify(change.before),
            JSON.stringify(change.policy),
            change.note,
          );
        return version;
      })
      .immediate();
  }

  /** Audit rows, newest first; of one camera when given. */
  history(cameraId: string | null, limit: number): TuningAuditRecord[] {
    const rows = cameraId
      ? this.db
          .prepare<[string, number], AuditRow>(
            'SELECT * FROM tuning_audit WHERE camera_id = ? ORDER BY id DESC LIMIT ?',
          )
          .all(cameraId, limit)
      : this.db.prepare<[number], AuditRow>('SELECT * FROM tuning_audit ORDER BY id DESC LIMIT ?').all(limit);
    return rows.map(toAudit);
  }

  private toStored(row: PolicyRow, policy: ConfirmationPolicy): StoredPolicy {
    return { cameraId: row.camera_id, label: row.label, policy, version: row.version, updatedAt: row.updated_at };
  }
}
