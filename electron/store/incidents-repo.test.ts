import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CorrelatorConfigSchema,
  initialCorrelator,
  stepCorrelator,
  type CameraPlace,
  type CorrelatorInput,
  type Incident,
} from '../domain/correlator';
import { openDatabase, type OpenedDatabase } from './database';
import { IncidentsRepo } from './incidents-repo';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const places = new Map<string, CameraPlace>([
  ['east-1', { gridCell: 'dc-01' }],
  ['east-2', { gridCell: 'dc-01' }],
]);
const config = CorrelatorConfigSchema.parse({});

/** Runs the real correlator and stores every incident it changes, as the engine does. */
function run(repo: IncidentsRepo, inputs: [number, CorrelatorInput][], nextId = 1): Incident[] {
  let state = initialCorrelator(nextId);
  const changed: Incident[] = [];
  for (const [s, input] of inputs) {
    const r = stepCorrelator(state, input, T0 + s * 1000, config, places);
    state = r.state;
    for (const e of r.effects) {
      repo.save(e.incident, new Date(T0 + s * 1000));
      changed.push(e.incident);
    }
  }
  return changed;
}

const fire = (phase: 'raised' | 'updated' | 'ended', alertId: string, cameraId: string, score: number) =>
  ({
    type: 'alert',
    phase,
    alertId,
    kind: 'fire',
    cameraId,
    peak: { score, at: T0, box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.4 } },
  }) satisfies CorrelatorInput;

describe('IncidentsRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: IncidentsRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-incidents-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new IncidentsRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the correlator’s incident with its alerts as it changes, and reads it back', () => {
    run(repo, [
      [0, fire('raised', 'a', 'east-1', 0.6)],
      [10, fire('raised', 'b', 'east-2', 0.9)],
      [20, fire('ended', 'a', 'east-1', 0.6)],
      [30, fire('ended', 'b', 'east-2', 0.9)],
      [200, { type: 'tick' }],
    ]);
    const [incident, ...rest] = repo.list();
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({
      id: 'inc-1',
      kind: 'fire',
      state: 'ended',
      firstSeen: '2026-11-29T08:00:00.000Z',
      endedAt: '2026-11-29T08:03:20.000Z',
      peak: { score: 0.9, cameraId: 'east-2' },
    });
    expect(incident?.alerts.map((a) => [a.alertId, a.cameraId, a.ended])).toEqual([
      ['a', 'east-1', true],
      ['b', 'east-2', true],
    ]);
    expect(incident?.alerts[0]?.peak.box).toEqual({ x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.4 });
  });

  it('continues numbering after a restart, so ids never collide', () => {
    run(repo, [[0, fire('raised', 'a', 'east-1', 0.7)]]);
    expect(repo.nextNumber()).toBe(2);
    run(repo, [[5000, fire('raised', 'z', 'east-1', 0.7)]], repo.nextNumber());
    expect(repo.list().map((i) => i.id)).toEqual(['inc-2', 'inc-1']);
  });

  it('lists every stored alert id, for the tracker to number its tracks above them after a restart', () => {
    run(repo, [[0, fire('raised', 'east-1:fire:4#1', 'east-1', 0.7)]]);
    run(repo, [[5000, fire('raised', 'east-1:fire:9#1', 'east-1', 0.7)]], repo.nextNumber());
    expect(repo.alertIds().sort()).toEqual(['east-1:fire:4#1', 'east-1:fire:9#1']);
  });

  it('keeps evidence with the models in force, and ignores a damaged models column', () => {
    run(repo, [[0, fire('raised', 'a', 'east-1', 0.7)]]);
    const models = [{ id: 'fire_smoke', sha256: 'ab'.repeat(32), thresholds: { fire: 0.5, smoke: 0.45 } }];
    repo.addEvidence(
      { incidentId: 'inc-1', cameraId: 'east-1', kind: 'clip', file: 'c.mp4', at: T0, durationS: 15.2, models },
      new Date(T0),
    );
    repo.addEvidence(
      { incidentId: 'inc-1', cameraId: 'east-1', kind: 'snapshot', file: 's.jpg', at: T0, durationS: null, models },
      new Date(T0),
    );
    opened.db.prepare("UPDATE incident_evidence SET models = '{oops' WHERE kind = 'snapshot'").run();
    const evidence = repo.get('inc-1')?.evidence;
    expect(evidence?.[0]).toMatchObject({ kind: 'clip', file: 'c.mp4', durationS: 15.2, models });
    expect(evidence?.[1]).toMatchObject({ kind: 'snapshot', models: [] });
    expect(repo.get('inc-9')).toBeNull();
  });

  it('refuses evidence for an incident that does not exist', () => {
    expect(() =>
      repo.addEvidence(
        { incidentId: 'inc-404', cameraId: 'x', kind: 'clip', file: 'c.mp4', at: T0, durationS: 1, models: [] },
        new Date(T0),
      ),
    ).toThrow(/FOREIGN KEY/);
  });
});
