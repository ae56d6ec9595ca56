import { describe, expect, it } from 'vitest';
import { bearerToken, hashSecret, looksLikeToken, newPairingCode, newToken, sameHash } from './inspectors-tokens';

describe('inspector tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const a = newToken();
    expect(looksLikeToken(a)).toBe(true);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
  });

  it('are stored as SHA-256 hex and compared in constant time', () => {
    const h = hashSecret('abc');
    expect(h).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameHash(h, hashSecret('abc'))).toBe(true);
    expect(sameHash(h, hashSecret('abd'))).toBe(false);
    expect(sameHash(h, 'short')).toBe(false);
  });

  it('pairing codes are 10 digits', () => {
    for (let i = 0; i < 20; i++) expect(newPairingCode()).toMatch(/^\d{10}$/);
  });

  it('read the bearer header strictly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(looksLikeToken('x'.repeat(44))).toBe(false);
  });
});
