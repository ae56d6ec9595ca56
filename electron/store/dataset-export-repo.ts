/**
 * Reads for the training-data export: the latest verdict of each incident whose latest review falls in a time
 * range (several reviewers may have judged one incident; the most recent word counts).
 */
import type { ReviewVerdict } from '../domain/incident-review';
import type { FalseAlarmReason } from '../domain/task-lifecycle';
import type { Database } from './database';

export interface LatestVerdict {
  incidentId: string;
  reviewerId: string;
  reviewerName: string;
  verdict: ReviewVerdict;
  reason: FalseAlarmReason | null;
  /** Milliseconds since the epoch. */
  at: number;
}

interface Row {
  incident_id: string;
  reviewer_id: string;
  reviewer_name: string;
  verdict: ReviewVerdict;
  reason: FalseAlarmReason | null;
  at: number;
}

export class DatasetExportRepo {
  private readonly latest;

  constructor(db: Database) {
    this.latest = db.prepare<[number, number], Row>(
      `SELECT incident_id, reviewer_id, reviewer_name, verdict, reason, at FROM (
         SELECT r.*, ROW_NUMBER() OVER (PARTITION BY incident_id ORDER BY at DESC, reviewer_id DESC) AS n
         FROM incident_reviews r
       ) WHERE n = 1 AND at >= ? AND at < ? ORDER BY at, incident_id`,
    );
  }

  /** Each incident's latest verdict, when it was given in [sinceMs, untilMs); oldest first. */
  latestVerdicts(sinceMs: number, untilMs: number): LatestVerdict[] {
    return this.latest.all(sinceMs, untilMs).map((r) => ({
      incidentId: r.incident_id,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      verdict: r.verdict,
      reason: r.reason,
      at: r.at,
    }));
  }
}
