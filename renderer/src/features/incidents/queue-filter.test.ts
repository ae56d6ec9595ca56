import { describe, expect, it } from 'vitest';
import { parseQueueFilter, queueFilterParams, queueRequest } from './queue-filter';

describe('the queue filter in the URL', () => {
  it('reads known values and ignores the rest', () => {
    expect(parseQueueFilter(new URLSearchParams('state=open&review=unreviewed'))).toEqual({
      state: 'open',
      review: 'unreviewed',
    });
    expect(parseQueueFilter(new URLSearchParams('state=weird&review='))).toEqual({ state: 'all', review: 'all' });
  });

  it('writes only what differs from the default, and reads it back', () => {
    expect(queueFilterParams({ state: 'all', review: 'all' }).toString()).toBe('');
    const params = queueFilterParams({ state: 'ended', review: 'reviewed' });
    expect(params.toString()).toBe('state=ended&review=reviewed');
    expect(parseQueueFilter(params)).toEqual({ state: 'ended', review: 'reviewed' });
  });

  it('asks the engine for the reviewer’s reviews with the filters given', () => {
    expect(queueRequest({ state: 'all', review: 'all' }, 'op', 200)).toEqual({ limit: 200, reviewerId: 'op' });
    expect(queueRequest({ state: 'open', review: 'unreviewed' }, 'op', 50)).toEqual({
      limit: 50,
      reviewerId: 'op',
      state: 'open',
      review: 'unreviewed',
    });
  });
});
