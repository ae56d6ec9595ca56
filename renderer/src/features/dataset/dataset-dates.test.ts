import { describe, expect, it } from 'vitest';
import { dayOf, defaultDays, exportRange } from './dataset-dates';

describe('exportRange', () => {
  it('runs from the start of the first local day to the end of the last', () => {
    expect(exportRange('2026-11-01', '2026-11-30')).toEqual({
      ok: true,
      since: new Date(2026, 10, 1).toISOString(),
      until: new Date(2026, 11, 1).toISOString(),
    });
    expect(exportRange('2026-11-30', '2026-11-30')).toMatchObject({ ok: true });
  });
  it('refuses days that do not exist and a range that ends before it starts', () => {
    expect(exportRange('2026-02-30', '2026-03-01')).toEqual({ ok: false, problem: 'day' });
    expect(exportRange('', '2026-03-01')).toEqual({ ok: false, problem: 'day' });
    expect(exportRange('2026-03-02', '2026-03-01')).toEqual({ ok: false, problem: 'order' });
  });
});

describe('defaultDays', () => {
  it('is the last 30 days up to today', () => {
    expect(defaultDays(new Date(2026, 2, 5, 14, 0))).toEqual({ since: '2026-02-04', until: '2026-03-05' });
    expect(dayOf(new Date(2026, 0, 9))).toBe('2026-01-09');
  });
});
