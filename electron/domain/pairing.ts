/**
 * The pure parts of pairing phones and serving them: whether a pairing code still holds, how hard to slow down
 * a client guessing codes, which actions a task allows its inspector now, and the names a LAN certificate must
 * carry. No I/O, no clock: time comes in as milliseconds since the epoch.
 */
import type { TaskState } from './task-lifecycle';

// ---- pairing codes --------------------------------------------------------------------------------------------

export type CodeState = 'valid' | 'expired' | 'used';

/** A stored code (by hash): used once, then never again; past its expiry, never. */
export function pairingCodeState(code: { expiresAt: number; usedAt: number | null }, now: number): CodeState {
  if (code.usedAt !== null) return 'used';
  return now >= code.expiresAt ? 'expired' : 'valid';
}

// ---- slowing down wrong codes ---------------------------------------------------------------------------------

export interface ThrottleConfig {
  /** Failures counted within this window (ms). */
  windowMs: number;
  /** Failures answered without delay. */
  free: number;
  /** The first delay after the free ones (ms); it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** From this many failures in the window on, refuse (429) until the oldest leaves the window. */
  blockAfter: number;
}

export const DEFAULT_THROTTLE: ThrottleConfig = {
  windowMs: 10 * 60_000,
  free: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  blockAfter: 10,
};

/** Failure times of one client (e.g. one IP address), oldest first. */
export type FailureLog = readonly number[];

export type ThrottleVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterS: number };

/** Failures still inside the window. */
export function recentFailures(log: FailureLog, now: number, config: ThrottleConfig): number[] {
  return log.filter((t) => now - t < config.windowMs);
}

/**
 * What to do with the next attempt of a client: answer at once, answer after a delay (exponential in the
 * failures beyond the free ones), or refuse until the oldest counted failure leaves the window.
 */
export function throttle(log: FailureLog, now: number, config: ThrottleConfig = DEFAULT_THROTTLE): ThrottleVerdict {
  const recent = recentFailures(log, now, config);
  if (recent.length >= config.blockAfter) {
    const oldest = recent[recent.length - config.blockAfter] ?? now;
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((oldest + config.windowMs - now) / 1000)) };
  }
  const beyond = recent.length - config.free;
  if (beyond < 0) return { allowed: true, delayMs: 0 };
  return { allowed: true, delayMs: Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** beyond) };
}

// ---- the phone's actions --------------------------------------------------------------------------------------

export type PhoneActionType = 'accept' | 'return' | 'checkin' | 'report';

/**
 * The actions a task allows its inspector now (the lifecycle's rules for the field role): accept once while
 * dispatched, return while dispatched or handling, check in while dispatched, report while handling.
 */
export function phoneActions(task: { state: TaskState; assigned: boolean; accepted: boolean }): PhoneActionType[] {
  if (!task.assigned) return [];
  switch (task.state) {
    case 'dispatched':
      return task.accepted ? ['return', 'checkin'] : ['accept', 'return', 'checkin'];
    case 'handling':
      return ['return', 'report'];
    default:
      return [];
  }
}

/** Whole seconds from now to a deadline (negative when past). */
export function timeLeftS(dueAt: number, now: number): number {
  return Math.trunc((dueAt - now) / 1000);
}

// ---- certificate names ----------------------------------------------------------------------------------------

export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

export interface SanSet {
  /** IPv4 addresses, sorted, 127.0.0.1 included. */
  ips: string[];
  /** DNS names, sorted, localhost included. */
  dns: string[];
}

/**
 * The names a LAN server certificate must carry: every non-internal IPv4 address of the machine, its host name,
 * 127.0.0.1 and localhost (os.networkInterfaces() shape in, sorted and without duplicates out).
 */
export function certificateSans(
  interfaces: Record<string, readonly InterfaceAddress[] | undefined>,
  hostname: string,
): SanSet {
  const ips = new Set<string>(['127.0.0.1']);
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if ((a.family === 'IPv4' || a.family === 4) && !a.internal) ips.add(a.address);
    }
  }
  const dns = new Set<string>(['localhost']);
  const host = hostname.trim().toLowerCase();
  if (/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(host)) dns.add(host);
  return { ips: [...ips].sort(), dns: [...dns].sort() };
}

export function sameSans(a: SanSet, b: SanSet): boolean {
  return a.ips.join(',') === b.ips.join(',') && a.dns.join(',') === b.dns.join(',');
}

/** The address to show in the phone's URL: the first LAN address, or null when the machine has none. */
export function lanAddress(sans: SanSet): string | null {
  return sans.ips.find((ip) => ip !== '127.0.0.1') ?? null;
}
