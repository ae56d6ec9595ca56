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
} from '../domain/correlator';
import { openDatabase, type OpenedDatabase } from './database';
import { IncidentReviewsRepo, type ReviewRecord } from './incident-reviews-repo';
import { IncidentsRepo } from './incidents-repo';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const places = new Map<string, CameraPlace>([['east-1', { gridCell: 'dc-01' }]]);
const config = CorrelatorConfigSchema.parse({});

const alert = (phase: 'raised' | 'ended', alertId: string, kind: 'fire' | 'intrusion') =>
  ({
    type: 'alert',
    phase,
    alertId,
    kind,
    cameraId: 'east-1',
    peak: { score: 0.8, at: T0, box: { x1: 0.1, y1: 0.1, x2: 0.2, y2: 0.2 } },
  }) satisfies CorrelatorInput;

/** Three incidents through the real correlator: inc-1 (fire, ended), inc-2 (intrusion, open), inc-3 (fire, open). */
function seed(repo: IncidentsRepo): void {
  let state = initialCorrelator(1);
  const inputs: [number, CorrelatorInput][] = [
    [0, alert('raised', 'a', 'fire')],
    [5, alert('ended', 'a', 'fire')],
    [400, { type: 'tick' }],
    [500, alert('raised', 'b', 'intrusion')],
    [1200, alert('raised', 'c', 'fire')],
  ];
  for (const [s, input] of inputs) {
    const r = stepCorrelator(state, input, T0 + s * 1000, config, places);
    state = r.state;
    for (const e of r.effects) repo.save(e.incident, new Date(T0 + s * 1000));
  }
}

const review = (over: Partial<ReviewRecord>): ReviewRecord => ({
  incidentId: 'inc-1',
  reviewerId: 'op-li',
  reviewerName: '李值班',
  verdict: 'confirmed',
  reason: null,
  note: null,
  at: T0 + 1000,
  ...over,
});

describe('IncidentReviewsRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let reviews: IncidentReviewsRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-reviews-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    seed(new IncidentsRepo(opened.db));
    reviews = new IncidentReviewsRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one review per incident and reviewer: a later verdict replaces the earlier one', () => {
    reviews.save(review({}));
    reviews.save(review({ reviewerId: 'op-wang', reviewerName: '王值班', at: T0 + 500 }));
    const replaced = reviews.save(review({ verdict: 'dismissed', reason: 'steam', note: '锅炉', at: T0 + 2000 }));
    expect(replaced).toMatchObject({ verdict: 'dismissed', reason: 'steam', note: '锅炉', at: T0 + 2000 });
    expect(reviews.forIncident('inc-1').map((r) => [r.reviewerId, r.verdict])).toEqual([
      ['op-wang', 'confirmed'],
      ['op-li', 'dismissed'],
    ]);
    expect(reviews.byReviewer('op-li', ['inc-1', 'inc-2']).map((r) => r.incidentId)).toEqual(['inc-1']);
    expect(reviews.byReviewer('op-li', [])).toEqual([]);
  });

  it('refuses a dismissal without a reason, a reason on a confirmation and an unknown incident', () => {
    expect(() => reviews.save(review({ verdict: 'dismissed', reason: null }))).toThrow(/CHECK/);
    expect(() => reviews.save(review({ verdict: 'confirmed', reason: 'lamp' }))).toThrow(/CHECK/);
    expect(() => reviews.save(review({ incidentId: 'inc-404' }))).toThrow(/FOREIGN KEY/);
  });

  it('lists the queue by state and by what one reviewer has reviewed, most recently active first', () => {
    expect(reviews.queueIds({}, 10)).toEqual(['inc-3', 'inc-2', 'inc-1']);
    expect(reviews.queueIds({ state: 'open' }, 10)).toEqual(['inc-3', 'inc-2']);
    expect(reviews.queueIds({ state: 'ended' }, 10)).toEqual(['inc-1']);
    reviews.save(review({ incidentId: 'inc-2' }));
    reviews.save(review({ incidentId: 'inc-3', reviewerId: 'op-wang' }));
    expect(reviews.queueIds({ reviewerId: 'op-li', review: 'unreviewed' }, 10)).toEqual(['inc-3', 'inc-1']);
    expect(reviews.queueIds({ reviewerId: 'op-li', review: 'reviewed' }, 10)).toEqual(['inc-2']);
    expect(reviews.queueIds({ state: 'open', reviewerId: 'op-li', review: 'unreviewed' }, 10)).toEqual(['inc-3']);
    expect(reviews.queueIds({}, 2)).toEqual(['inc-3', 'inc-2']);
  });
});
