/**
 * Time schedules for zone rules ("only at night"), pure: the caller turns `now` into the machine's local time
 * (weekday and minute of the day) and passes it in, so the core never reads a clock or a time zone and a
 * recorded sequence replays the same anywhere.
 *
 * Rules:
 * - A schedule is a list of windows; it is active when any window is.
 * - A window runs from `from` (included) to `to` (excluded), both 'HH:MM' in local time; `to` may be '24:00'
 *   for the end of the day. 00:00–24:00 is the whole day.
 * - When `to` is earlier than `from` the window wraps past midnight: 22:00–06:00 runs from 22:00 to 05:59 the
 *   next morning.
 * - `days` (ISO weekdays, Monday = 1 … Sunday = 7; absent = every day) are the days a window **starts** on: a
 *   22:00–06:00 window on Friday (5) also covers Saturday 00:00–05:59, and not Friday 00:00–05:59.
 * - A window with `from` equal to `to` is refused (empty, or a whole day: ambiguous; write 00:00–24:00).
 */
import { z } from 'zod';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export const MINUTES_PER_DAY = 1440;

/** Minutes since midnight of 'HH:MM' ('24:00' is 1440). Assumes a string the schema accepted. */
export function minutesOf(hhmm: string): number {
  if (hhmm === '24:00') return MINUTES_PER_DAY;
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export const WeekdaySchema = z.number().int().min(1).max(7);

export const ScheduleWindowSchema = z
  .strictObject({
    days: z
      .array(WeekdaySchema)
      .min(1)
      .refine((days) => new Set(days).size === days.length, 'each weekday at most once')
      .optional()
      .describe('ISO weekdays the window starts on (Monday = 1 … Sunday = 7); absent: every day.'),
    from: z.string().regex(HHMM, "a time of day 'HH:MM', 00:00 to 23:59").describe('Start, local time, included.'),
    to: z
      .string()
      .refine((t) => t === '24:00' || HHMM.test(t), "a time of day 'HH:MM', 00:00 to 24:00")
      .describe('End, local time, excluded; earlier than `from`: the next day (22:00–06:00 is a night).'),
  })
  .refine((w) => !HHMM.test(w.from) || minutesOf(w.from) !== minutesOf(w.to), {
    message: "`from` and `to` are the same time: write '00:00'–'24:00' for a whole day",
    path: ['to'],
  });
export type ScheduleWindow = z.output<typeof ScheduleWindowSchema>;

export const ScheduleSchema = z
  .array(ScheduleWindowSchema)
  .min(1, 'a schedule needs at least one window; leave it out for "always"')
  .describe('When a rule is active: any of these windows, in the machine’s local time.');
export type Schedule = z.output<typeof ScheduleSchema>;

/** A moment in the machine's local time, as far as schedules care. */
export interface LocalTime {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
}

const DAY_MS = 86_400_000;

/**
 * Local weekday and minute of `ms` (epoch milliseconds) at a fixed offset from UTC (minutes east, e.g. 480 for
 * China Standard Time). Callers in the engine pass the machine's offset at that moment
 * (`-new Date(ms).getTimezoneOffset()`), so daylight-saving changes are the caller's business.
 */
export function localTimeOf(ms: number, utcOffsetMinutes: number): LocalTime {
  const local = ms + utcOffsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  const msOfDay = local - day * DAY_MS;
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { weekday, minuteOfDay: Math.floor(msOfDay / 60_000) };
}

const previousDay = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/** Whether one window is active at `local`. */
export function windowActive(window: ScheduleWindow, local: LocalTime): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const startsOn = (weekday: number) => window.days === undefined || window.days.includes(weekday);
  const m = local.minuteOfDay;
  if (from < to) return startsOn(local.weekday) && m >= from && m < to;
  // Wraps past midnight: the evening part belongs to today's start, the morning part to yesterday's.
  return (m >= from && startsOn(local.weekday)) || (m < to && startsOn(previousDay(local.weekday)));
}

/** Whether the schedule is active at `local`; no schedule (undefined) is always active. */
export function isActive(schedule: Schedule | undefined, local: LocalTime): boolean {
  return schedule === undefined || schedule.some((w) => windowActive(w, local));
}
