import { describe, expect, it } from 'vitest';
import { isActive, localTimeOf, minutesOf, ScheduleSchema, type LocalTime } from './schedule';

const at = (weekday: number, hhmm: string): LocalTime => ({ weekday, minuteOfDay: minutesOf(hhmm) });
const MON = 1;
const FRI = 5;
const SAT = 6;
const SUN = 7;

describe('isActive', () => {
  const night = ScheduleSchema.parse([{ from: '22:00', to: '06:00' }]);
  const fridayNight = ScheduleSchema.parse([{ days: [FRI], from: '22:00', to: '06:00' }]);
  const sundayNight = ScheduleSchema.parse([{ days: [SUN], from: '22:00', to: '06:00' }]);
  const officeHours = ScheduleSchema.parse([{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' }]);
  const wholeDay = ScheduleSchema.parse([{ from: '00:00', to: '24:00' }]);
  const twoWindows = ScheduleSchema.parse([
    { from: '06:00', to: '08:00' },
    { from: '18:00', to: '20:00' },
  ]);

  it.each([
    ['no schedule: always', undefined, at(MON, '12:00'), true],
    ['night at 23:00', night, at(MON, '23:00'), true],
    ['night at 22:00 (start included)', night, at(MON, '22:00'), true],
    ['night at 21:59', night, at(MON, '21:59'), false],
    ['night at 00:00', night, at(MON, '00:00'), true],
    ['night at 05:59', night, at(MON, '05:59'), true],
    ['night at 06:00 (end excluded)', night, at(MON, '06:00'), false],
    ['night at 12:00', night, at(MON, '12:00'), false],
    ['Friday night, Friday 23:00', fridayNight, at(FRI, '23:00'), true],
    ['Friday night, Saturday 05:59 (started Friday)', fridayNight, at(SAT, '05:59'), true],
    ['Friday night, Saturday 06:00', fridayNight, at(SAT, '06:00'), false],
    ['Friday night, Saturday 23:00', fridayNight, at(SAT, '23:00'), false],
    ['Friday night, Friday 05:59 (that night started Thursday)', fridayNight, at(FRI, '05:59'), false],
    ['Sunday night, Monday 03:00 (the week wraps)', sundayNight, at(MON, '03:00'), true],
    ['Sunday night, Sunday 03:00', sundayNight, at(SUN, '03:00'), false],
    ['office hours, Wednesday 12:00', officeHours, at(3, '12:00'), true],
    ['office hours, Wednesday 17:30', officeHours, at(3, '17:30'), false],
    ['office hours, Saturday 12:00', officeHours, at(SAT, '12:00'), false],
    ['whole day, 00:00', wholeDay, at(SUN, '00:00'), true],
    ['whole day, 23:59', wholeDay, at(SUN, '23:59'), true],
    ['two windows, 07:00', twoWindows, at(MON, '07:00'), true],
    ['two windows, 19:59', twoWindows, at(MON, '19:59'), true],
    ['two windows, 12:00', twoWindows, at(MON, '12:00'), false],
  ])('%s', (_name, schedule, local, expected) => {
    expect(isActive(schedule, local)).toBe(expected);
  });
});

describe('ScheduleSchema', () => {
  it.each([
    ['an empty list', [], 'a schedule needs at least one window'],
    ['a bad time', [{ from: '7:00', to: '08:00' }], "a time of day 'HH:MM'"],
    ['hour 24 as a start', [{ from: '24:00', to: '06:00' }], "a time of day 'HH:MM'"],
    ['minute 60', [{ from: '22:00', to: '06:60' }], "a time of day 'HH:MM'"],
    ['the same start and end', [{ from: '08:00', to: '08:00' }], '`from` and `to` are the same time'],
    ['00:00 to 00:00', [{ from: '00:00', to: '00:00' }], '`from` and `to` are the same time'],
    ['weekday 0', [{ days: [0], from: '08:00', to: '09:00' }], 'Too small'],
    ['a weekday twice', [{ days: [1, 1], from: '08:00', to: '09:00' }], 'each weekday at most once'],
    ['an unknown key', [{ from: '08:00', to: '09:00', tz: 'Asia/Shanghai' }], 'Unrecognized key'],
  ])('refuses %s', (_name, input, message) => {
    const result = ScheduleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it('accepts 00:00–24:00 and windows ending at 24:00', () => {
    expect(ScheduleSchema.safeParse([{ from: '00:00', to: '24:00' }]).success).toBe(true);
    expect(ScheduleSchema.safeParse([{ from: '18:00', to: '24:00', days: [6, 7] }]).success).toBe(true);
  });
});

describe('localTimeOf', () => {
  it.each([
    ['the epoch, UTC: Thursday 00:00', 0, 0, { weekday: 4, minuteOfDay: 0 }],
    ['2024-01-01T00:00Z in China (UTC+8): Monday 08:00', Date.UTC(2024, 0, 1), 480, at(MON, '08:00')],
    ['2024-01-07T15:59:59Z in China: Sunday 23:59', Date.UTC(2024, 0, 7, 15, 59, 59), 480, at(SUN, '23:59')],
    ['2024-01-07T16:00Z in China: Monday 00:00', Date.UTC(2024, 0, 7, 16), 480, at(MON, '00:00')],
    ['2024-01-01T02:00Z at UTC-5: Sunday 21:00', Date.UTC(2024, 0, 1, 2), -300, at(SUN, '21:00')],
    ['before the epoch: 1969-12-31T23:30Z, Wednesday 23:30', -30 * 60_000, 0, at(3, '23:30')],
  ])('%s', (_name, ms, offset, expected) => {
    expect(localTimeOf(ms, offset)).toEqual(expected);
  });

  it('agrees with Date for the machine offset', () => {
    for (const ms of [Date.UTC(2025, 5, 15, 21, 7), Date.UTC(2030, 11, 31, 23, 59)]) {
      const d = new Date(ms);
      expect(localTimeOf(ms, -d.getTimezoneOffset())).toEqual({
        weekday: d.getDay() === 0 ? 7 : d.getDay(),
        minuteOfDay: d.getHours() * 60 + d.getMinutes(),
      });
    }
  });
});
