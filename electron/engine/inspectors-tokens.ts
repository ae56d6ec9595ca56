/**
 * Device tokens and pairing codes: made from the system's random source, stored only as SHA-256 hex. A token is
 * 32 random bytes in base64url (43 characters); a pairing code is 10 decimal digits (typed by hand if need be).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const PAIRING_CODE_DIGITS = 10;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_DIGITS; i++) code += String(randomInt(10));
  return code;
}

/** SHA-256 hex of a secret (a token or a pairing code). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hashes in constant time (different lengths are simply unequal). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A well-formed token (before any look-up: anything else is refused without touching the store). */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
