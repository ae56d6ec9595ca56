import { describe, expect, it } from 'vitest';
import {
  binOf,
  histogram,
  precisionRecall,
  raisedIn,
  thresholdSteps,
  whatIf,
  whatIfAt,
  type ReviewedAlert,
  type ScoredTrack,
} from './tuning';

const alert = (statistic: number, verdict: ReviewedAlert['verdict']): ReviewedAlert => ({
  alertId: `a${statistic}`,
  statistic,
  verdict,
  reason: verdict === 'dismissed' ? 'sunset' : null,
  at: 0,
});

const reviewed = [
  alert(0.55, 'dismissed'),
  alert(0.52, 'dismissed'),
  alert(0.61, 'dismissed'),
  alert(0.7, 'confirmed'),
  alert(0.9, 'confirmed'),
  alert(1, 'confirmed'),
];

describe('threshold tuning maths', () => {
  it('steps thresholds from 0 to 1 without binary noise', () => {
    const steps = thresholdSteps();
    expect(steps).toHaveLength(101);
    expect(steps[0]).toBe(0);
    expect(steps[30]).toBe(0.3);
    expect(steps.at(-1)).toBe(1);
    expect(thresholdSteps(4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('bins statistics, 1 in the last bin and edges exactly on their bin', () => {
    expect(binOf(0, 20)).toBe(0);
    expect(binOf(0.05, 20)).toBe(1);
    expect(binOf(0.15, 20)).toBe(3); // 0.15 * 20 is 2.9999999999999996 in floating point
    expect(binOf(1, 20)).toBe(19);
    const h = histogram(reviewed, 10);
    expect(h.edges).toHaveLength(11);
    expect(h.dismissed).toEqual([0, 0, 0, 0, 0, 2, 1, 0, 0, 0]);
    expect(h.confirmed).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 2]);
  });

  it('computes precision and recall at each threshold', () => {
    const curve = precisionRecall(reviewed, [0, 0.5, 0.6, 0.65, 0.95]);
    expect(curve.map((p) => [p.threshold, p.precision, p.recall, p.confirmed, p.dismissed])).toEqual([
      [0, 0.5, 1, 3, 3],
      [0.5, 0.5, 1, 3, 3],
      [0.6, 0.75, 1, 3, 1],
      [0.65, 1, 1, 3, 0],
      [0.95, 1, 0.333333, 1, 0],
    ]);
    // a threshold equal to a statistic keeps it (≥)
    expect(precisionRecall(reviewed, [0.7])[0]).toMatchObject({ confirmed: 3, dismissed: 0 });
  });

  it('has no precision where nothing is kept and no recall without confirmed alerts', () => {
    expect(precisionRecall([alert(0.4, 'dismissed')], [0.3, 0.5])).toEqual([
      { threshold: 0.3, precision: 0, recall: null, confirmed: 0, dismissed: 1 },
      { threshold: 0.5, precision: null, recall: null, confirmed: 0, dismissed: 0 },
    ]);
    expect(precisionRecall([], [0.5])).toEqual([
      { threshold: 0.5, precision: null, recall: null, confirmed: 0, dismissed: 0 },
    ]);
  });

  it('counts the tracks of a period that would have raised an alert at each threshold', () => {
    const day = 86_400_000;
    const tracks: ScoredTrack[] = [
      { at: 0, best: 0.9, alerted: true }, // before the period
      { at: day, best: 0.25, alerted: false },
      { at: day + 1, best: 0.45, alerted: false },
      { at: 2 * day, best: 0.5, alerted: true },
      { at: 3 * day - 1, best: 0.8, alerted: true },
      { at: 3 * day, best: 0.8, alerted: true }, // the period's end is excluded
    ];
    const period = { from: day, to: 3 * day };
    const points = whatIf(tracks, period, 0.2, [0.1, 0.2, 0.4, 0.5, 0.6, 0.9]);
    expect(points.map((p) => [p.threshold, p.alerts, p.lowerBound])).toEqual([
      [0.1, 4, true],
      [0.2, 4, false],
      [0.4, 3, false],
      [0.5, 2, false],
      [0.6, 1, false],
      [0.9, 0, false],
    ]);
    expect(whatIfAt(points, 0.45)?.alerts).toBe(2);
    expect(whatIfAt(points, 0.5)?.alerts).toBe(2);
    expect(whatIfAt(points, 0.95)).toBeNull();
    expect(raisedIn(tracks, period)).toBe(2);
    // lower thresholds never count fewer
    const full = whatIf(tracks, period, 0.2);
    for (let i = 1; i < full.length; i++) expect(full[i]?.alerts).toBeLessThanOrEqual(full[i - 1]?.alerts ?? 0);
  });
});
