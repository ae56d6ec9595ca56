import { describe, expect, it } from 'vitest';
import { inspectorRequests, PairInputSchema, PhoneActionSchema } from './inspector-contract';

describe('inspector contract', () => {
  it('reads a typed pairing code with spaces and dashes', () => {
    expect(PairInputSchema.parse({ code: '1234 5678-90', deviceName: ' 张三的手机 ' })).toEqual({
      code: '1234567890',
      deviceName: '张三的手机',
    });
    expect(PairInputSchema.safeParse({ code: '12ab5678', deviceName: 'x' }).success).toBe(false);
    expect(PairInputSchema.safeParse({ code: 12345678, deviceName: 'x' }).success).toBe(false);
  });

  it('needs a reason code for a false alarm and at most 4 photos', () => {
    expect(PhoneActionSchema.safeParse({ type: 'report', outcome: 'false_alarm' }).success).toBe(false);
    const ok = PhoneActionSchema.parse({ type: 'report', outcome: 'false_alarm', reason: 'steam' });
    expect(ok).toMatchObject({ type: 'report', photoIds: [] });
    const photos = Array.from({ length: 5 }, (_, i) => `ph_abcdefgh${i}`);
    expect(PhoneActionSchema.safeParse({ type: 'report', outcome: 'handled', photoIds: photos }).success).toBe(false);
  });

  it('takes a check-in with a position and the phone clock with its offset', () => {
    const action = {
      type: 'checkin',
      position: { lat: 30.1, lon: 120.2, accuracyM: 12 },
      at: '2026-11-30T14:03:00+08:00',
      photoIds: ['ph_abcdefgh1'],
    };
    expect(PhoneActionSchema.safeParse(action).success).toBe(true);
    expect(PhoneActionSchema.safeParse({ ...action, position: { lat: 91, lon: 0, accuracyM: 1 } }).success).toBe(false);
    const act = inspectorRequests['me:act'].input;
    expect(act.safeParse({ taskId: 't1', clientId: 'short', action }).success).toBe(false);
    expect(act.safeParse({ taskId: 't1', clientId: 'c0ffee-0001', action }).success).toBe(true);
  });
});
