/**
 * A tile's badge: the camera's state as the operator needs it at a glance (streaming, stalled, offline, or
 * connecting/disabled/unknown), from `cameras:list` health and the `camera:offline`/`camera:back` pushes, and
 * the frames per second the engine reads from it. Pure.
 */
import type { CameraView } from '@contract/contract';

export type WallBadgeState = 'streaming' | 'stalled' | 'offline' | 'connecting' | 'disabled' | 'unknown';

export interface WallBadge {
  state: WallBadgeState;
  /** Frames per second read from the camera, one decimal; null when it is not streaming. */
  fps: number | null;
  tone: 'ok' | 'warn' | 'error' | 'muted';
}

const TONES: Record<WallBadgeState, WallBadge['tone']> = {
  streaming: 'ok',
  stalled: 'warn',
  connecting: 'warn',
  offline: 'error',
  disabled: 'muted',
  unknown: 'muted',
};

/**
 * `reportedOffline`: a `camera:offline` push came and no `camera:back` since. Health read afterwards that says
 * the camera streams wins (the back push may have been missed while the page was away).
 */
export function wallBadge(camera: Pick<CameraView, 'enabled' | 'status'>, reportedOffline: boolean): WallBadge {
  const state = badgeState(camera, reportedOffline);
  const fpsIn = camera.status?.fpsIn ?? 0;
  const fps = state === 'streaming' ? Math.round(fpsIn * 10) / 10 : null;
  return { state, fps, tone: TONES[state] };
}

function badgeState(camera: Pick<CameraView, 'enabled' | 'status'>, reportedOffline: boolean): WallBadgeState {
  if (!camera.enabled) return 'disabled';
  const health = camera.status?.state;
  if (health === 'streaming') return 'streaming';
  if (reportedOffline) return 'offline';
  switch (health) {
    case undefined:
      return 'unknown';
    case 'disabled':
      return 'disabled';
    case 'connecting':
      return 'connecting';
    case 'stalled':
      return 'stalled';
    case 'offline':
      return 'offline';
  }
}

/** The set of cameras reported offline, after one push. */
export function afterPush(offline: ReadonlySet<string>, push: { type: 'offline' | 'back'; cameraId: string }) {
  const next = new Set(offline);
  if (push.type === 'offline') next.add(push.cameraId);
  else next.delete(push.cameraId);
  return next;
}
