import { describe, expect, it } from 'vitest';
import { MUTE_KEY, readMuted, shouldChime, writeMuted, type KeyValueStore } from './sound-policy';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('shouldChime', () => {
  const none = new Set<string>();
  it('sounds once for a newly opened fire incident', () => {
    expect(shouldChime({ id: 'inc-1', change: 'opened', kind: 'fire' }, false, none)).toBe(true);
    expect(shouldChime({ id: 'inc-1', change: 'opened', kind: 'fire' }, false, new Set(['inc-1']))).toBe(false);
  });

  it('stays silent for other kinds, for updates and reopenings, and when muted', () => {
    expect(shouldChime({ id: 'inc-1', change: 'opened', kind: 'smoke' }, false, none)).toBe(false);
    expect(shouldChime({ id: 'inc-1', change: 'opened', kind: 'intrusion' }, false, none)).toBe(false);
    expect(shouldChime({ id: 'inc-1', change: 'updated', kind: 'fire' }, false, none)).toBe(false);
    expect(shouldChime({ id: 'inc-1', change: 'evidence', kind: null }, false, none)).toBe(false);
    expect(shouldChime({ id: 'inc-1', change: 'reopened', kind: 'fire' }, false, none)).toBe(false);
    expect(shouldChime({ id: 'inc-1', change: 'opened', kind: 'fire' }, true, none)).toBe(false);
  });
});

describe('the mute choice', () => {
  it('is kept in the store and read back', () => {
    const store = memoryStore();
    expect(readMuted(store)).toBe(false);
    writeMuted(store, true);
    expect(store.data.get(MUTE_KEY)).toBe('1');
    expect(readMuted(store)).toBe(true);
    writeMuted(store, false);
    expect(readMuted(store)).toBe(false);
  });

  it('falls back to sounding when there is no store or it refuses', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readMuted(null)).toBe(false);
    expect(readMuted(broken)).toBe(false);
    expect(() => writeMuted(broken, true)).not.toThrow();
  });
});
