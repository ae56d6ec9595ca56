/** Pure helpers of the inspectors screen: the pairing code as it is read aloud, and the time it has left. */

/** "1234567890" → "123 456 7890": easier to read out and to type by hand. */
export function groupCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}` : code;
}

/** Seconds left until `expiresAt` (never below 0). */
export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

/** 605 → "10:05". */
export function mmss(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
