import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfirmationPolicySchema } from '../domain/confirmation';
import { openDatabase, type OpenedDatabase } from './database';
import { TuningRepo } from './tuning-repo';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const fire = ConfirmationPolicySchema.parse({ kind: 'window' });
const stricter = ConfirmationPolicySchema.parse({ kind: 'window', threshold: 0.7 });

function addAlert(opened: OpenedDatabase, incident: string, alertId: string, at: number, kind = 'fire'): void {
  const iso = new Date(at).toISOString();
  opened.db
    .prepare(
      `INSERT OR IGNORE INTO incidents (id, number, family, kind, state, first_seen, last_seen, peak_score, peak_at,
         peak_camera_id, updated_at) VALUES (?, ?, 'fire', ?, 'ended', ?, ?, 0.9, ?, 'cam1', ?)`,
    )
    .run(incident, Number(incident.slice(4)), kind, iso, iso, iso, iso);
  opened.db
    .prepare(
      `INSERT INTO incident_alerts (alert_id, incident_id, kind, camera_id, first_seen, last_seen, ended, peak_score,
         peak_at) VALUES (?, ?, ?, 'cam1', ?, ?, 1, 0.9, ?)`,
    )
    .run(alertId, incident, kind, iso, iso, iso);
}

function review(opened: OpenedDatabase, incident: string, verdict: string, at: number, reviewer = 'op1'): void {
  opened.db
    .prepare(
      `INSERT OR REPLACE INTO incident_reviews (incident_id, reviewer_id, reviewer_name, verdict, reason, at)
       VALUES (?, ?, 'Op', ?, ?, ?)`,
    )
    .run(incident, reviewer, verdict, verdict === 'dismissed' ? 'steam' : null, at);
}

describe('TuningRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: TuningRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-tuning-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new TuningRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the best statistic and the first alert of a track, and reads the tracks of a period', () => {
    const track = { trackId: 'cam1:fire:1', cameraId: 'cam1', label: 'fire', trackStarted: T0 };
    repo.recordScore({ ...track, best: 0.4, bestAt: T0 + 500, alertId: null });
    repo.recordScore({ ...track, best: 0.6, bestAt: T0 + 1000, alertId: 'cam1:fire:1#1' });
    repo.recordScore({ ...track, best: 0.5, bestAt: T0 + 1500, alertId: null });
    // the same id in a later engine run is another track
    repo.recordScore({ ...track, trackStarted: T0 + 60_000, best: 0.3, bestAt: T0 + 60_500, alertId: null });
    expect(repo.scoredTracks('cam1', 'fire', T0, T0 + 120_000)).toEqual([
      { at: T0 + 1000, best: 0.6, alerted: true },
      { at: T0 + 60_500, best: 0.3, alerted: false },
    ]);
    expect(repo.scoredTracks('cam1', 'fire', T0 + 2000, T0 + 120_000)).toHaveLength(1);
    expect(repo.scoredTracks('cam1', 'smoke', T0, T0 + 120_000)).toEqual([]);
    expect(repo.pruneScores(T0 + 60_000)).toBe(1);
    expect(repo.scoredTracks('cam1', 'fire', T0, T0 + 120_000)).toEqual([
      { at: T0 + 60_500, best: 0.3, alerted: false },
    ]);
  });

  it("gives reviewed alerts their track's statistic, the latest verdict, and counts those without one", () => {
    repo.recordScore({
      trackId: 'cam1:fire:1',
      cameraId: 'cam1',
      label: 'fire',
      trackStarted: T0,
      best: 0.8,
      bestAt: T0 + 1000,
      alertId: 'cam1:fire:1#1',
    });
    addAlert(opened, 'inc-1', 'cam1:fire:1#1', T0 + 1000);
    addAlert(opened, 'inc-1', 'cam1:fire:1#2', T0 + 5000); // a second alert of the same track
    addAlert(opened, 'inc-2', 'cam1:fire:7#1', T0 + 2000); // stored before any statistic
    addAlert(opened, 'inc-3', 'cam1:fire:9#1', T0 + 3000); // not reviewed
    review(opened, 'inc-1', 'confirmed', T0 + 10_000, 'op1');
    review(opened, 'inc-1', 'dismissed', T0 + 20_000, 'op2');
    review(opened, 'inc-2', 'dismissed', T0 + 20_000);
    const { alerts, excluded } = repo.reviewedAlerts('cam1', 'fire', T0);
    expect(excluded).toBe(1);
    expect(alerts).toEqual([
      { alertId: 'cam1:fire:1#1', statistic: 0.8, verdict: 'dismissed', reason: 'steam', at: T0 + 1000 },
      { alertId: 'cam1:fire:1#2', statistic: 0.8, verdict: 'dismissed', reason: 'steam', at: T0 + 5000 },
    ]);
    expect(repo.reviewedAlerts('cam1', 'fire', T0 + 4000).alerts).toHaveLength(1);
  });

  it('links a zone alert to the person tracks it was raised on', () => {
    const person = { cameraId: 'cam1', label: 'person', bestAt: T0 + 500, alertId: null };
    repo.recordScore({ ...person, trackId: 'cam1:person:1', trackStarted: T0, best: 0.7 });
    repo.recordScore({ ...person, trackId: 'cam1:person:2', trackStarted: T0, best: 0.4 });
    const zoneAlert = 'cam1/no-entry/cam1:person:1@' + String(T0);
    repo.linkAlert(zoneAlert, [{ trackId: 'cam1:person:1', trackStarted: T0 }]);
    repo.linkAlert('later', [{ trackId: 'cam1:person:1', trackStarted: T0 }]); // keeps its first alert
    addAlert(opened, 'inc-4', zoneAlert, T0 + 2000, 'intrusion');
    review(opened, 'inc-4', 'dismissed', T0 + 9000);
    expect(repo.reviewedAlerts('cam1', 'person', T0).alerts).toEqual([
      { alertId: zoneAlert, statistic: 0.7, verdict: 'dismissed', reason: 'steam', at: T0 + 2000 },
    ]);
    expect(repo.reviewedAlerts('cam1', 'fire', T0).alerts).toEqual([]);
    expect(repo.scoredTracks('cam1', 'person', T0, T0 + 1000).map((t) => t.alerted)).toEqual([true, false]);
  });

  it('stores a policy with its audit row, refuses a stale version, and keeps the audit append-only', () => {
    expect(repo.policy('cam1', 'fire')).toEqual({ policy: null, version: 0, updatedAt: 0 });
    const change = {
      cameraId: 'cam1',
      label: 'fire',
      policy: stricter,
      expectedVersion: 0,
      actorId: 'tech1',
      actorName: '王工',
      before: fire,
      note: 'steam from the canteen',
      at: T0,
    };
    expect(repo.apply(change)).toBe(1);
    expect(repo.apply(change)).toBeNull();
    expect(repo.apply({ ...change, expectedVersion: 1, policy: fire, before: stricter, at: T0 + 1 })).toBe(2);
    expect(repo.policy('cam1', 'fire')).toEqual({ policy: fire, version: 2, updatedAt: T0 + 1 });
    const history = repo.history('cam1', 10);
    expect(
      history.map((h) => [h.version, ConfirmationPolicySchema.parse(JSON.parse(h.after)).threshold, h.actorName]),
    ).toEqual([
      [2, 0.5, '王工'],
      [1, 0.7, '王工'],
    ]);
    expect(repo.history('cam2', 10)).toEqual([]);
    expect(repo.history(null, 1)).toHaveLength(1);
    expect(() => opened.db.prepare("UPDATE tuning_audit SET note = 'x'").run()).toThrow(/append-only/);
    expect(() => opened.db.prepare('DELETE FROM tuning_audit').run()).toThrow(/append-only/);
    expect(repo.history(null, 10)).toHaveLength(2);
  });

  it('reports a stored policy edited into something invalid instead of using it', () => {
    repo.apply({
      cameraId: 'cam1',
      label: 'fire',
      policy: stricter,
      expectedVersion: 0,
      actorId: 't',
      actorName: 't',
      before: fire,
      note: null,
      at: T0,
    });
    opened.db.prepare(`UPDATE confirmation_overrides SET policy_json = '{"kind":"window","threshold":2}'`).run();
    const listed = repo.listPolicies();
    expect(listed.policies).toEqual([]);
    expect(listed.invalid).toEqual([
      { cameraId: 'cam1', label: 'fire', problems: [expect.stringMatching(/^threshold/)] },
    ]);
    expect(repo.policy('cam1', 'fire')).toMatchObject({ policy: null, version: 1 });
  });
});
