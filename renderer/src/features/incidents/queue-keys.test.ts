import { describe, expect, it } from 'vitest';
import { DISMISS_REASONS, movedIndex, queueKey } from './queue-keys';

describe('queueKey', () => {
  it('moves with j/k and the arrows, jumps with Home/End, opens with Enter or o', () => {
    expect(queueKey('browse', { key: 'j' })).toEqual({ type: 'move', delta: 1 });
    expect(queueKey('browse', { key: 'ArrowDown' })).toEqual({ type: 'move', delta: 1 });
    expect(queueKey('browse', { key: 'K' })).toEqual({ type: 'move', delta: -1 });
    expect(queueKey('browse', { key: 'ArrowUp' })).toEqual({ type: 'move', delta: -1 });
    expect(queueKey('browse', { key: 'Home' })).toEqual({ type: 'first' });
    expect(queueKey('browse', { key: 'End' })).toEqual({ type: 'last' });
    expect(queueKey('browse', { key: 'Enter' })).toEqual({ type: 'open' });
    expect(queueKey('browse', { key: 'o' })).toEqual({ type: 'open' });
  });

  it('confirms with c and starts a dismissal with x or d', () => {
    expect(queueKey('browse', { key: 'c' })).toEqual({ type: 'confirm' });
    expect(queueKey('browse', { key: 'x' })).toEqual({ type: 'dismiss-start' });
    expect(queueKey('browse', { key: 'd' })).toEqual({ type: 'dismiss-start' });
  });

  it('picks the dismissal’s reason with 1–6 in the order of the reason codes, Escape cancels', () => {
    expect(DISMISS_REASONS).toEqual(['sunset', 'lamp', 'steam', 'cooking', 'reflection', 'other']);
    expect(queueKey('dismiss', { key: '1' })).toEqual({ type: 'dismiss', reason: 'sunset' });
    expect(queueKey('dismiss', { key: '5' })).toEqual({ type: 'dismiss', reason: 'reflection' });
    expect(queueKey('dismiss', { key: '6' })).toEqual({ type: 'dismiss', reason: 'other' });
    expect(queueKey('dismiss', { key: '7' })).toBeNull();
    expect(queueKey('dismiss', { key: 'j' })).toBeNull();
    expect(queueKey('dismiss', { key: 'Escape' })).toEqual({ type: 'cancel' });
  });

  it('leaves keys with modifiers and unknown keys to the browser', () => {
    expect(queueKey('browse', { key: 'c', ctrlKey: true })).toBeNull();
    expect(queueKey('browse', { key: 'j', metaKey: true })).toBeNull();
    expect(queueKey('browse', { key: 'q' })).toBeNull();
    expect(queueKey('browse', { key: '1' })).toBeNull();
  });
});

describe('movedIndex', () => {
  it('stays inside the list', () => {
    expect(movedIndex(0, { type: 'move', delta: -1 }, 3)).toBe(0);
    expect(movedIndex(2, { type: 'move', delta: 1 }, 3)).toBe(2);
    expect(movedIndex(-1, { type: 'move', delta: 1 }, 3)).toBe(1);
    expect(movedIndex(1, { type: 'move', delta: 5 }, 3)).toBe(2);
    expect(movedIndex(1, { type: 'first' }, 3)).toBe(0);
    expect(movedIndex(0, { type: 'last' }, 3)).toBe(2);
    expect(movedIndex(5, { type: 'open' }, 3)).toBe(2);
    expect(movedIndex(4, { type: 'last' }, 0)).toBe(0);
  });
});
