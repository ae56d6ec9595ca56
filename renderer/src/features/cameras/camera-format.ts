/** Display rules of the cameras screen. Pure: the screen translates the keys these return. */
import type { CameraView } from '@contract/contract';

/** A camera's state as shown: the engine's, or `idle` for an enabled camera that has no stream running. */
export type ShownState = NonNullable<CameraView['status']>['state'] | 'idle';
export type Grade = NonNullable<CameraView['status']>['grade'];

/** Colour family of a badge (CSS `badge--<tone>`). */
export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'muted';

export function shownState(camera: Pick<CameraView, 'status' | 'enabled'>): ShownState {
  if (camera.status !== null) return camera.status.state;
  return camera.enabled ? 'idle' : 'disabled';
}

const STATE_TONES: Readonly<Record<ShownState, Tone>> = {
  streaming: 'ok',
  connecting: 'info',
  stalled: 'warn',
  offline: 'error',
  disabled: 'muted',
  idle: 'muted',
};

export function stateTone(state: ShownState): Tone {
  return STATE_TONES[state];
}

const GRADE_TONES: Readonly<Record<Grade, Tone>> = {
  excellent: 'ok',
  fair: 'info',
  poor: 'warn',
  unusable: 'error',
};

export function gradeTone(grade: Grade): Tone {
  return GRADE_TONES[grade];
}

/** Frames per second with one decimal (`2.0`, `24.9`). */
export function formatFps(fps: number): string {
  return fps.toFixed(1);
}

/** Whole percentage of `part` in `whole`, or null when there is no whole yet. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 100);
}

/** Milliseconds as a whole number. */
export function formatMs(ms: number): string {
  return String(Math.round(ms));
}

/** Bytes as MiB with one decimal below 10 MiB, whole above, in the interface language's digits. */
export function formatMegabytes(bytes: number, language: string): string {
  const mib = bytes / (1024 * 1024);
  return `${mib.toLocaleString(language, { maximumFractionDigits: mib < 10 ? 1 : 0 })} MB`;
}
