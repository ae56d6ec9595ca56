import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localIsoTime } from './queue-action';

describe('localIsoTime', () => {
  it('writes the phone clock with its zone offset, naming the same instant', () => {
    const date = new Date('2026-03-01T08:05:09.000Z');
    const text = localIsoTime(date);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(text)).toBe(date.getTime());
    expect(z.iso.datetime({ offset: true }).safeParse(text).success).toBe(true);
  });
});
