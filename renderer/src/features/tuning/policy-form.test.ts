import { describe, expect, it } from 'vitest';
import { draftOf, issueField, policyFields, policyOfDraft, schemaProblem } from './policy-form';

describe('the policy form generated from the schema', () => {
  it('reads each policy kind’s numbers with bounds, defaults and descriptions, and the growth group', () => {
    const median = policyFields('median');
    expect(median.fields.map((f) => f.key)).toEqual(['n', 'threshold', 'minScore']);
    expect(median.fields[0]).toMatchObject({ min: 1, max: 60, integer: true, defaultValue: 5, optional: false });
    expect(median.fields[1]).toMatchObject({ min: 0, max: 1, integer: false, defaultValue: 0.6 });
    expect(median.fields[1]?.description).toContain('median must reach');
    expect(median.groups).toEqual([]);

    const window = policyFields('window');
    expect(window.fields.map((f) => f.key)).toEqual(['n', 'votes', 'threshold', 'keepThreshold']);
    expect(window.fields[1]).toMatchObject({ optional: true, defaultValue: null, integer: true });
    expect(window.groups).toEqual([
      {
        key: 'growth',
        description: expect.stringContaining('change size') as string,
        fields: [expect.objectContaining({ key: 'minAreaChange', min: 0, max: 1, defaultValue: 0.1 })],
      },
    ]);
  });

  it('turns a policy into a draft and back', () => {
    const policy = { kind: 'window', n: 6, votes: 4, threshold: 0.55, keepThreshold: 0.3 } as const;
    const draft = draftOf(policy);
    expect(draft).toEqual({
      kind: 'window',
      values: { n: '6', votes: '4', threshold: '0.55', keepThreshold: '0.3', 'growth.minAreaChange': '0.1' },
      groups: { growth: false },
    });
    expect(policyOfDraft(draft)).toEqual({ policy, problems: [] });
    const grown = policyOfDraft({ ...draft, groups: { growth: true }, values: { ...draft.values, votes: '' } });
    expect(grown.policy).toEqual({
      kind: 'window',
      n: 6,
      threshold: 0.55,
      keepThreshold: 0.3,
      growth: { minAreaChange: 0.1 },
    });
  });

  it('places each problem on its field and sends nothing', () => {
    const draft = draftOf({ kind: 'median', n: 5, threshold: 0.6, minScore: 0.45 });
    expect(policyOfDraft({ ...draft, values: { ...draft.values, threshold: '1.2', n: '2.5' } })).toEqual({
      policy: null,
      problems: [
        { field: 'n', key: 'notInteger' },
        { field: 'threshold', key: 'tooLarge', limit: 1 },
      ],
    });
    expect(policyOfDraft({ ...draft, values: { ...draft.values, minScore: 'abc' } }).problems).toEqual([
      { field: 'minScore', key: 'notNumber' },
    ]);
    // the schema's own cross-field rules
    const window = draftOf({ kind: 'window', n: 5, threshold: 0.5, keepThreshold: 0.35 });
    const keep = policyOfDraft({ ...window, values: { ...window.values, keepThreshold: '0.6' } });
    expect(keep.policy).toBeNull();
    expect(keep.problems).toEqual([{ field: 'keepThreshold', key: 'keepAboveThreshold' }]);
    expect(schemaProblem('votes', 'votes must not exceed n')).toEqual({ field: 'votes', key: 'votesAboveN' });
    expect(schemaProblem('n', 'Too small')).toEqual({ field: 'n', key: 'schema', message: 'Too small' });
    expect(issueField('policy.threshold')).toBe('threshold');
    expect(issueField('policy')).toBe('policy');
  });
});
