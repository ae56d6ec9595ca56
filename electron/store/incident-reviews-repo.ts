/**
 * Operators' reviews of incidents in SQLite, one row per incident and reviewer, and the operator's queue: which
 * incidents to show (open or ended, reviewed by this reviewer or not yet), newest activity first.
 */
import type { ReviewVerdict } from '../domain/incident-review';
import type { FalseAlarmReason } from '../domain/task-lifecycle';
import type { Statement } from 'better-sqlite3';
import type { Database } from './database';

export interface ReviewRecord {
  incidentId: string;
  reviewerId: string;
  reviewerName: string;
  verdict: ReviewVerdict;
  reason: FalseAlarmReason | null;
  note: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface QueueFilter {
  state?: 'open' | 'ended' | undefined;
  reviewerId?: string | undefined;
  /** Needs `reviewerId`: incidents that reviewer has reviewed, or not yet. */
  review?: 'reviewed' | 'unreviewed' | undefined;
}

interface ReviewDbRow {
  incident_id: string;
  reviewer_id: string;
  reviewer_name: string;
  verdict: ReviewVerdict;
  reason: FalseAlarmReason | null;
  note: string | null;
  at: number;
}

const toRecord = (r: ReviewDbRow): ReviewRecord => ({
  incidentId: r.incident_id,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name,
  verdict: r.verdict,
  reason: r.reason,
  note: r.note,
  at: r.at,
});

/** `?` placeholders for a list of n values. */
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export class IncidentReviewsRepo {
  private readonly upsert;
  private readonly ofIncident;
  private readonly one;
  /** The queue's statements, one per combination of filters, prepared on first use. */
  private readonly queueStatements = new Map<string, Statement<(string | number)[], { id: string }>>();

  constructor(private readonly db: Database) {
    this.upsert = db.prepare<[string, string, string, string, string | null, string | null, number]>(
      `INSERT INTO incident_reviews (incident_id, reviewer_id, reviewer_name, verdict, reason, note, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, reviewer_id) DO UPDATE SET reviewer_name = excluded.reviewer_name,
         verdict = excluded.verdict, reason = excluded.reason, note = excluded.note, at = excluded.at`,
    );
    this.ofIncident = db.prepare<[string], ReviewDbRow>(
      'SELECT * FROM incident_reviews WHERE incident_id = ? ORDER BY at, reviewer_id',
    );
    this.one = db.prepare<[string, string], ReviewDbRow>(
      'SELECT * FROM incident_reviews WHERE incident_id = ? AND reviewer_id = ?',
    );
  }

  /** Runs `work` in one write transaction (a review and the task commands it leads to land together). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Stores a reviewer's verdict, replacing their earlier one of the same incident. */
  save(review: ReviewRecord): ReviewRecord {
    this.upsert.run(
      review.incidentId,
      review.reviewerId,
      review.reviewerName,
      review.verdict,
      review.reason,
      review.note,
      review.at,
    );
    const stored = this.one.get(review.incidentId, review.reviewerId);
    if (!stored) throw new Error(`review of ${review.incidentId} by ${review.reviewerId} not stored`);
    return toRecord(stored);
  }

  /** Every review of one incident, oldest first. */
  forIncident(incidentId: string): ReviewRecord[] {
    return this.ofIncident.all(incidentId).map(toRecord);
  }

  /** One reviewer's reviews of the given incidents. */
  byReviewer(reviewerId: string, incidentIds: readonly string[]): ReviewRecord[] {
    if (incidentIds.length === 0) return [];
    const out: ReviewRecord[] = [];
    // SQLite allows 32766 parameters; a queue page is at most 500 incidents
    for (let i = 0; i < incidentIds.length; i += 500) {
      const chunk = incidentIds.slice(i, i + 500);
      const rows = this.db
        .prepare<string[], ReviewDbRow>(
          `SELECT * FROM incident_reviews WHERE reviewer_id = ? AND incident_id IN (${marks(chunk.length)})`,
        )
        .all(reviewerId, ...chunk);
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  /** The ids of the incidents the queue shows, the most recently active first. */
  queueIds(filter: QueueFilter, limit: number): string[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.state) {
      where.push('i.state = ?');
      params.push(filter.state);
    }
    if (filter.review && filter.reviewerId) {
      const exists = 'EXISTS (SELECT 1 FROM incident_reviews r WHERE r.incident_id = i.id AND r.reviewer_id = ?)';
      where.push(filter.review === 'reviewed' ? exists : `NOT ${exists}`);
      params.push(filter.reviewerId);
    }
    const sql = `SELECT i.id FROM incidents i ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.last_seen DESC, i.number DESC LIMIT ?`;
    let statement = this.queueStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], { id: string }>(sql);
      this.queueStatements.set(sql, statement);
    }
    return statement.all(...params, limit).map((r) => r.id);
  }
}
