/**
 * The alert queue's keyboard: j/k or ↓/↑ move, Home/End jump, Enter or o opens, c confirms, x (or d) starts a
 * dismissal, whose reason is then picked with 1–6 (in the order of DISMISS_REASONS) or cancelled with Escape.
 */
import { FALSE_ALARM_REASONS, type FalseAlarmReason } from '../../../../electron/domain/task-lifecycle';

export const DISMISS_REASONS: readonly FalseAlarmReason[] = FALSE_ALARM_REASONS;

export type QueueMode = 'browse' | 'dismiss';

export type QueueAction =
  | { type: 'move'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'open' }
  | { type: 'confirm' }
  | { type: 'dismiss-start' }
  | { type: 'dismiss'; reason: FalseAlarmReason }
  | { type: 'cancel' };

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

const PAGE = 5;

/** The action a key stands for in the mode the queue is in, or null when the key is not the queue's. */
export function queueKey(mode: QueueMode, press: KeyPress): QueueAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (mode === 'dismiss') {
    if (key === 'Escape') return { type: 'cancel' };
    const index = Number(key) - 1;
    const reason = /^[1-9]$/.test(key) ? DISMISS_REASONS[index] : undefined;
    return reason === undefined ? null : { type: 'dismiss', reason };
  }
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'move', delta: PAGE };
    case 'PageUp':
      return { type: 'move', delta: -PAGE };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
    case 'o':
      return { type: 'open' };
    case 'c':
      return { type: 'confirm' };
    case 'x':
    case 'd':
      return { type: 'dismiss-start' };
    default:
      return null;
  }
}

/** The index the queue moves to: clamped to the list, 0 for an empty one. */
export function movedIndex(current: number, action: QueueAction, length: number): number {
  if (length === 0) return 0;
  const last = length - 1;
  switch (action.type) {
    case 'move':
      return Math.max(0, Math.min(last, (current < 0 ? 0 : current) + action.delta));
    case 'first':
      return 0;
    case 'last':
      return last;
    default:
      return Math.max(0, Math.min(last, current));
  }
}
