import { describe, expect, it } from 'vitest';
import { policyChanges, whatIfAt } from './tuning-format';

describe('tuning screen helpers', () => {
  it('lists what a tuning change changed', () => {
    const before = { kind: 'window', n: 5, threshold: 0.5, keepThreshold: 0.35 } as const;
    const after = { ...before, threshold: 0.7, growth: { minAreaChange: 0.1 } };
    expect(policyChanges(before, after)).toEqual(['threshold: 0.5 → 0.7', 'growth: — → {"minAreaChange":0.1}']);
    expect(policyChanges(null, before)).toHaveLength(4);
  });

  it('finds the what-if of a proposed threshold on the step grid', () => {
    const whatIf = [0, 0.5, 0.51, 1].map((threshold, i) => ({ threshold, alerts: 10 - i, lowerBound: false }));
    expect(whatIfAt({ whatIf }, 0.5)?.alerts).toBe(9);
    expect(whatIfAt({ whatIf }, 0.505)?.alerts).toBe(8);
    expect(whatIfAt({ whatIf }, 1)?.alerts).toBe(7);
    expect(whatIfAt({ whatIf }, 1.2)).toBeNull();
    expect(whatIfAt({ whatIf }, Number.NaN)).toBeNull();
  });
});
