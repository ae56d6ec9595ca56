/**
 * When the queue sounds: once per new fire incident (opened, not an update or a reopening), never while muted.
 * The mute choice belongs to the operator's own machine, so it is kept in the window's local storage rather than
 * in the engine's preferences, which every connected window shares.
 */
export const MUTE_KEY = 'anxun.incidents.muted';

export interface IncidentChange {
  id: string;
  change: string;
  kind: string | null;
}

/** Whether this pushed change should sound, given the incidents already sounded for. */
export function shouldChime(change: IncidentChange, muted: boolean, sounded: ReadonlySet<string>): boolean {
  return !muted && change.change === 'opened' && change.kind === 'fire' && !sounded.has(change.id);
}

/** The part of the Web Storage API the mute choice needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readMuted(store: KeyValueStore | null): boolean {
  try {
    return store?.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(store: KeyValueStore | null, muted: boolean): void {
  try {
    store?.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // storage refused (private mode, quota): the choice lasts for this window only
  }
}
