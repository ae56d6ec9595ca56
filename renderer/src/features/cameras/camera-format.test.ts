import { describe, expect, it } from 'vitest';
import {
  formatFps,
  formatMegabytes,
  formatMs,
  gradeTone,
  percentOf,
  shownState,
  stateTone,
  type Grade,
  type ShownState,
} from './camera-format';

const status = {
  state: 'stalled' as const,
  fpsIn: 2,
  fpsOut: 2,
  reconnectsLastHour: 0,
  stallsLastHour: 1,
  dropped: 0,
  grade: 'fair' as const,
  lastError: null,
};

describe('shownState', () => {
  it('is the engine state when the camera has a stream', () => {
    expect(shownState({ enabled: true, status })).toBe('stalled');
  });

  it('is disabled or idle when there is no stream at all', () => {
    expect(shownState({ enabled: false, status: null })).toBe('disabled');
    expect(shownState({ enabled: true, status: null })).toBe('idle');
  });
});

describe('tones', () => {
  it('colours states and grades from good to bad', () => {
    const states: ShownState[] = ['streaming', 'connecting', 'stalled', 'offline', 'disabled', 'idle'];
    expect(states.map(stateTone)).toEqual(['ok', 'info', 'warn', 'error', 'muted', 'muted']);
    const grades: Grade[] = ['excellent', 'fair', 'poor', 'unusable'];
    expect(grades.map(gradeTone)).toEqual(['ok', 'info', 'warn', 'error']);
  });
});

describe('numbers', () => {
  it('writes fps with one decimal and milliseconds whole', () => {
    expect(formatFps(2)).toBe('2.0');
    expect(formatFps(24.96)).toBe('25.0');
    expect(formatMs(812.6)).toBe('813');
  });

  it('gives a percentage only when there is something to divide by', () => {
    expect(percentOf(3, 4)).toBe(75);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('shows disk use in megabytes, with a decimal only for small amounts', () => {
    expect(formatMegabytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
    expect(formatMegabytes(20 * 1024 * 1024 * 1024, 'en')).toBe('20,480 MB');
    expect(formatMegabytes(0, 'zh-CN')).toBe('0 MB');
  });
});
