import { describe, expect, it } from 'vitest';
import type { CameraView } from '@contract/contract';
import { afterPush, wallBadge } from './wall-badge';

type Health = NonNullable<CameraView['status']>;

function camera(state: Health['state'] | null, fpsIn = 0, enabled = true): Pick<CameraView, 'enabled' | 'status'> {
  const status: Health | null =
    state === null
      ? null
      : {
          state,
          fpsIn,
          fpsOut: fpsIn,
          reconnectsLastHour: 0,
          stallsLastHour: 0,
          dropped: 0,
          grade: 'excellent',
          lastError: null,
        };
  return { enabled, status };
}

describe('wallBadge', () => {
  it('shows a streaming camera with its fps, one decimal', () => {
    expect(wallBadge(camera('streaming', 1.96), false)).toEqual({ state: 'streaming', fps: 2, tone: 'ok' });
    expect(wallBadge(camera('streaming', 5.04), false).fps).toBe(5);
  });

  it('maps the health states and leaves fps out when not streaming', () => {
    expect(wallBadge(camera('stalled', 1), false)).toEqual({ state: 'stalled', fps: null, tone: 'warn' });
    expect(wallBadge(camera('connecting'), false).state).toBe('connecting');
    expect(wallBadge(camera('offline'), false)).toMatchObject({ state: 'offline', tone: 'error' });
    expect(wallBadge(camera(null), false).state).toBe('unknown');
    expect(wallBadge(camera('streaming', 2, false), false).state).toBe('disabled');
    expect(wallBadge(camera('disabled'), false).state).toBe('disabled');
  });

  it('shows a camera reported offline as offline until its health says it streams again', () => {
    expect(wallBadge(camera('stalled'), true).state).toBe('offline');
    expect(wallBadge(camera('connecting'), true).state).toBe('offline');
    expect(wallBadge(camera('streaming', 2), true).state).toBe('streaming');
  });
});

describe('afterPush', () => {
  it('adds on camera:offline and removes on camera:back, without changing the old set', () => {
    const before = new Set(['a']);
    const offline = afterPush(before, { type: 'offline', cameraId: 'b' });
    expect([...offline].sort()).toEqual(['a', 'b']);
    expect([...afterPush(offline, { type: 'back', cameraId: 'a' })]).toEqual(['b']);
    expect([...before]).toEqual(['a']);
  });
});
