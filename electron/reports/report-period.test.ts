import { afterEach, describe, expect, it } from 'vitest';
import { formatLocalDateTime, periodRange } from './report-period';

const HOUR = 3_600_000;
const savedTz = process.env.TZ;

/** Runs the test in a time zone (Node reads process.env.TZ again whenever it is set). */
function inZone(zone: string): void {
  process.env.TZ = zone;
}

afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('periodRange in China Standard Time', () => {
  it('a day runs from local midnight to the next', () => {
    inZone('Asia/Shanghai');
    const r = periodRange({ kind: 'day', date: '2026-03-31' });
    expect(r.from).toBe(Date.parse('2026-03-31T00:00:00+08:00'));
    expect(r.to).toBe(Date.parse('2026-04-01T00:00:00+08:00'));
    expect(r.label).toBe('2026年3月31日');
    expect(r.labelEn).toBe('2026-03-31');
    expect(r).toMatchObject({ kind: 'day', date: '2026-03-31' });
  });

  it('a week starts on Monday and crosses the month end', () => {
    inZone('Asia/Shanghai');
    // 2026-04-02 is a Thursday: its week runs Monday 30 March to Sunday 5 April
    const r = periodRange({ kind: 'week', date: '2026-04-02' });
    expect(r.from).toBe(Date.parse('2026-03-30T00:00:00+08:00'));
    expect(r.to).toBe(Date.parse('2026-04-06T00:00:00+08:00'));
    // ISO week 1 of 2026 starts Monday 29 December 2025; 30 March is 91 days (13 weeks) later: week 14
    expect(r.label).toBe('2026年第14周（3月30日至4月5日）');
    expect(r.labelEn).toBe('2026-W14 (2026-03-30 – 2026-04-05)');
    // the Monday and the Sunday of that week give the same week
    for (const date of ['2026-03-30', '2026-04-05']) {
      expect(periodRange({ kind: 'week', date })).toMatchObject({ from: r.from, to: r.to, label: r.label });
    }
    // and Sunday 29 March belongs to the week before
    expect(periodRange({ kind: 'week', date: '2026-03-29' }).to).toBe(r.from);
  });

  it('a week across the year end keeps both years in its label', () => {
    inZone('Asia/Shanghai');
    // Thursday 31 December 2026: week 53 of 2026 (2026 starts on a Thursday), Monday 28 December to 3 January
    const r = periodRange({ kind: 'week', date: '2026-12-31' });
    expect(r.from).toBe(Date.parse('2026-12-28T00:00:00+08:00'));
    expect(r.to).toBe(Date.parse('2027-01-04T00:00:00+08:00'));
    expect(r.label).toBe('2026年第53周（2026年12月28日至2027年1月3日）');
    expect(r.labelEn).toBe('2026-W53 (2026-12-28 – 2027-01-03)');
    expect(periodRange({ kind: 'week', date: '2027-01-03' }).from).toBe(r.from);
    // Wednesday 31 December 2025 is in week 1 of 2026: its Thursday is 1 January 2026
    const w1 = periodRange({ kind: 'week', date: '2025-12-31' });
    expect(w1.from).toBe(Date.parse('2025-12-29T00:00:00+08:00'));
    expect(w1.label).toBe('2026年第1周（2025年12月29日至2026年1月4日）');
    expect(w1.labelEn).toBe('2026-W01 (2025-12-29 – 2026-01-04)');
  });

  it('a month runs from its first day to the first of the next, across the year end', () => {
    inZone('Asia/Shanghai');
    const feb = periodRange({ kind: 'month', date: '2026-02-14' });
    expect(feb.from).toBe(Date.parse('2026-02-01T00:00:00+08:00'));
    expect(feb.to).toBe(Date.parse('2026-03-01T00:00:00+08:00'));
    expect(feb.to - feb.from).toBe(28 * 24 * HOUR);
    expect(feb.label).toBe('2026年2月');
    expect(feb.labelEn).toBe('2026-02');
    const dec = periodRange({ kind: 'month', date: '2026-12-31' });
    expect(dec.from).toBe(Date.parse('2026-12-01T00:00:00+08:00'));
    expect(dec.to).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
    expect(dec.label).toBe('2026年12月');
    // a leap February
    const leap = periodRange({ kind: 'month', date: '2028-02-29' });
    expect(leap.to - leap.from).toBe(29 * 24 * HOUR);
  });

  it('refuses dates that do not exist', () => {
    inZone('Asia/Shanghai');
    expect(() => periodRange({ kind: 'day', date: '2026-02-29' })).toThrow();
    expect(() => periodRange({ kind: 'month', date: '2026-13-01' })).toThrow();
    expect(() => periodRange({ kind: 'day', date: '2026-3-1' })).toThrow();
  });

  it('formats times on the local clock', () => {
    inZone('Asia/Shanghai');
    expect(formatLocalDateTime(Date.parse('2026-03-31T16:05:00Z'))).toBe('2026-04-01 00:05');
  });
});

describe('periodRange in a zone with daylight saving time', () => {
  it('bounds stay at local midnight: the day the clocks go forward has 23 hours', () => {
    inZone('Europe/Berlin');
    const day = periodRange({ kind: 'day', date: '2026-03-29' });
    expect(day.from).toBe(Date.parse('2026-03-29T00:00:00+01:00'));
    expect(day.to).toBe(Date.parse('2026-03-30T00:00:00+02:00'));
    expect(day.to - day.from).toBe(23 * HOUR);
    const month = periodRange({ kind: 'month', date: '2026-03-10' });
    expect(month.from).toBe(Date.parse('2026-03-01T00:00:00+01:00'));
    expect(month.to).toBe(Date.parse('2026-04-01T00:00:00+02:00'));
  });
});
