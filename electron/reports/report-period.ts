/**
 * Report periods on the calendar of the machine's time zone: a day, a week (Monday to Sunday, the Chinese
 * convention, numbered as ISO weeks) or a month, bounded at local midnight. This module reads the machine's zone
 * through local Date methods, which is why it lives outside electron/domain.
 */
import { ReportPeriodSchema, type PeriodRange, type ReportPeriod } from './report-schema';

interface CalendarDay {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

/** The same calendar day `days` later, counted on the calendar (no clock involved). */
function addDays(day: CalendarDay, days: number): CalendarDay {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Local midnight at the start of the day (the first instant of it where midnight does not exist). */
function localMidnight(day: CalendarDay): number {
  return new Date(day.y, day.m - 1, day.d).getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (day: CalendarDay) => `${day.y}-${pad(day.m)}-${pad(day.d)}`;
const zh = (day: CalendarDay, withYear: boolean) => `${withYear ? `${day.y}年` : ''}${day.m}月${day.d}日`;

/** ISO week number and week-year of the week that starts on `monday`: the year of its Thursday. */
function isoWeek(monday: CalendarDay): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const dayOfYear = (Date.UTC(thursday.y, thursday.m - 1, thursday.d) - Date.UTC(thursday.y, 0, 1)) / DAY_MS;
  return { year: thursday.y, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The bounds `[from, to)` of the period in ms, at local midnight, with its labels in Chinese and English. */
export function periodRange(input: ReportPeriod): PeriodRange {
  const period = ReportPeriodSchema.parse(input);
  const [y, m, d] = period.date.split('-').map(Number) as [number, number, number];
  const day: CalendarDay = { y, m, d };
  switch (period.kind) {
    case 'day':
      return {
        ...period,
        from: localMidnight(day),
        to: localMidnight(addDays(day, 1)),
        label: zh(day, true),
        labelEn: iso(day),
      };
    case 'week': {
      // getUTCDay: 0 Sunday … 6 Saturday; days back to Monday: Monday 0 … Sunday 6
      const back = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      const monday = addDays(day, -back);
      const sunday = addDays(monday, 6);
      const { year, week } = isoWeek(monday);
      const sameYear = monday.y === sunday.y && monday.y === year;
      return {
        ...period,
        from: localMidnight(monday),
        to: localMidnight(addDays(monday, 7)),
        label: `${year}年第${week}周（${zh(monday, !sameYear)}至${zh(sunday, !sameYear)}）`,
        labelEn: `${year}-W${pad(week)} (${iso(monday)} – ${iso(sunday)})`,
      };
    }
    case 'month': {
      const first: CalendarDay = { y, m, d: 1 };
      const next: CalendarDay = m === 12 ? { y: y + 1, m: 1, d: 1 } : { y, m: m + 1, d: 1 };
      return {
        ...period,
        from: localMidnight(first),
        to: localMidnight(next),
        label: `${y}年${m}月`,
        labelEn: `${y}-${pad(m)}`,
      };
    }
  }
}

/** `YYYY-MM-DD HH:mm` in the machine's zone, for reports people read. */
export function formatLocalDateTime(ms: number): string {
  const t = new Date(ms);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}
