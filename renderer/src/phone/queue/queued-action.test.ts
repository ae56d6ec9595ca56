import { describe, expect, it } from 'vitest';
import { PhoneActionSchema } from '@contract/inspector-contract';
import { actionsAfter, toWireAction } from './queued-action';

describe('toWireAction', () => {
  it('adds the photo ids to a check-in and a report, and the result passes the contract', () => {
    const checkin = toWireAction(
      { type: 'checkin', position: { lat: 30.1, lon: 120.2, accuracyM: 12 }, at: '2026-03-01T08:00:00.000+08:00' },
      ['ph_abcdefgh1'],
    );
    expect(checkin).toMatchObject({ type: 'checkin', photoIds: ['ph_abcdefgh1'] });
    expect(PhoneActionSchema.safeParse(checkin).success).toBe(true);
    const report = toWireAction({ type: 'report', outcome: 'false_alarm', reason: 'steam', note: '锅炉蒸汽' }, []);
    expect(PhoneActionSchema.safeParse(report).success).toBe(true);
    expect(toWireAction({ type: 'accept' }, [])).toEqual({ type: 'accept' });
  });
});

describe('actionsAfter', () => {
  it('takes away what the waiting actions already did', () => {
    expect(actionsAfter(['accept', 'return', 'checkin'], [])).toEqual(['accept', 'return', 'checkin']);
    expect(actionsAfter(['accept', 'return', 'checkin'], ['accept'])).toEqual(['return', 'checkin']);
    expect(actionsAfter(['accept', 'return', 'checkin'], ['accept', 'checkin'])).toEqual(['return', 'report']);
    expect(actionsAfter(['accept', 'return', 'checkin'], ['return'])).toEqual([]);
    expect(actionsAfter(['report'], ['report'])).toEqual([]);
  });
});
