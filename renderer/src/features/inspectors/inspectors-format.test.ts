import { describe, expect, it } from 'vitest';
import { groupCode, mmss, secondsLeft } from './inspectors-format';

describe('inspectors screen format', () => {
  it('groups a 10-digit code for reading aloud', () => {
    expect(groupCode('1234567890')).toBe('123 456 7890');
    expect(groupCode('12345678')).toBe('12345678');
  });

  it('counts down to the expiry, never below zero', () => {
    const at = Date.parse('2026-11-30T06:00:00Z');
    expect(secondsLeft('2026-11-30T06:10:00Z', at)).toBe(600);
    expect(secondsLeft('2026-11-30T06:00:00.400Z', at)).toBe(1);
    expect(secondsLeft('2026-11-30T05:00:00Z', at)).toBe(0);
    expect(mmss(605)).toBe('10:05');
    expect(mmss(0)).toBe('0:00');
  });
});
