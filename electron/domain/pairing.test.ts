import { describe, expect, it } from 'vitest';
import {
  certificateSans,
  DEFAULT_THROTTLE,
  lanAddress,
  pairingCodeState,
  phoneActions,
  sameSans,
  throttle,
  timeLeftS,
} from './pairing';

describe('pairing codes', () => {
  it('hold until their expiry and only once', () => {
    expect(pairingCodeState({ expiresAt: 1000, usedAt: null }, 999)).toBe('valid');
    expect(pairingCodeState({ expiresAt: 1000, usedAt: null }, 1000)).toBe('expired');
    expect(pairingCodeState({ expiresAt: 1000, usedAt: 500 }, 600)).toBe('used');
  });
});

describe('throttle', () => {
  const c = DEFAULT_THROTTLE;
  it('answers the first failures at once, then doubles the delay up to the cap', () => {
    const now = 1_000_000;
    const log = (n: number) => Array.from({ length: n }, (_, i) => now - 1000 * (n - i));
    expect(throttle(log(0), now)).toEqual({ allowed: true, delayMs: 0 });
    expect(throttle(log(2), now)).toEqual({ allowed: true, delayMs: 0 });
    expect(throttle(log(3), now)).toEqual({ allowed: true, delayMs: 250 });
    expect(throttle(log(4), now)).toEqual({ allowed: true, delayMs: 500 });
    expect(throttle(log(6), now)).toEqual({ allowed: true, delayMs: 2000 });
    expect(throttle(log(9), now)).toEqual({ allowed: true, delayMs: 4000 });
  });

  it('refuses after blockAfter failures until the oldest counted one leaves the window', () => {
    const now = 1_000_000;
    const log = Array.from({ length: 10 }, (_, i) => now - 60_000 + i);
    const v = throttle(log, now, c);
    expect(v).toEqual({ allowed: false, retryAfterS: 540 });
    expect(throttle(log, now + 540_000, c).allowed).toBe(true);
  });

  it('forgets failures outside the window', () => {
    const now = 10 * 60_000 * 5;
    const old = Array.from({ length: 20 }, (_, i) => i);
    expect(throttle(old, now)).toEqual({ allowed: true, delayMs: 0 });
  });
});

describe('phone actions', () => {
  it('follow the lifecycle for an assigned inspector', () => {
    expect(phoneActions({ state: 'dispatched', assigned: true, accepted: false })).toEqual([
      'accept',
      'return',
      'checkin',
    ]);
    expect(phoneActions({ state: 'dispatched', assigned: true, accepted: true })).toEqual(['return', 'checkin']);
    expect(phoneActions({ state: 'handling', assigned: true, accepted: true })).toEqual(['return', 'report']);
    expect(phoneActions({ state: 'feedback', assigned: true, accepted: true })).toEqual([]);
    expect(phoneActions({ state: 'dispatched', assigned: false, accepted: false })).toEqual([]);
  });

  it('count time left in whole seconds, negative when overdue', () => {
    expect(timeLeftS(10_500, 0)).toBe(10);
    expect(timeLeftS(0, 2_500)).toBe(-2);
  });
});

describe('certificate names', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
    wlan0: [{ address: '10.0.0.5', family: 4, internal: false }],
  };

  it('carry every external IPv4, the host name, 127.0.0.1 and localhost', () => {
    const sans = certificateSans(interfaces, 'Duty-PC');
    expect(sans).toEqual({ ips: ['10.0.0.5', '127.0.0.1', '192.168.1.20'], dns: ['duty-pc', 'localhost'] });
    expect(lanAddress(sans)).toBe('10.0.0.5');
  });

  it('leave out a host name that is no DNS name, and compare as sets', () => {
    const a = certificateSans(interfaces, 'bad name!');
    expect(a.dns).toEqual(['localhost']);
    expect(sameSans(a, certificateSans({ wlan0: interfaces.wlan0, eth0: interfaces.eth0 }, ''))).toBe(true);
    expect(sameSans(a, certificateSans({ eth0: interfaces.eth0 }, ''))).toBe(false);
    expect(lanAddress(certificateSans({}, 'x'))).toBeNull();
  });
});
