import { describe, expect, it } from 'vitest';
import type { CameraView } from '@contract/contract';
import { countTone, diskTone, diskUsage, modelTone, processedRate, queueTone } from './health-format';

const recording = (bytes: number, budgetBytes: number): CameraView['recording'] => ({
  state: 'recording',
  segments: 1,
  bytes,
  budgetBytes,
  oldestAt: null,
  newestAt: null,
  restarts: 0,
  lastError: null,
});

describe('processedRate', () => {
  it('divides the frames processed by the seconds between readings', () => {
    expect(processedRate({ processed: 10, at: 1000 }, { processed: 30, at: 6000 })).toBe(4);
  });
  it('is null without an earlier reading, without elapsed time or after a restart', () => {
    expect(processedRate(null, { processed: 5, at: 1 })).toBeNull();
    expect(processedRate({ processed: 5, at: 1 }, { processed: 6, at: 1 })).toBeNull();
    expect(processedRate({ processed: 50, at: 1 }, { processed: 6, at: 2000 })).toBeNull();
  });
});

describe('diskUsage', () => {
  it('sums bytes and budgets of the cameras that record', () => {
    const usage = diskUsage([
      { recording: recording(100, 1000) },
      { recording: null },
      { recording: recording(400, 1000) },
    ]);
    expect(usage).toEqual({ usedBytes: 500, budgetBytes: 2000, percent: 25 });
  });
  it('has no percentage without a budget', () => {
    expect(diskUsage([]).percent).toBeNull();
    expect(diskUsage([{ recording: null }])).toEqual({ usedBytes: 0, budgetBytes: 0, percent: null });
  });
});

describe('tones', () => {
  it('grades the disk against the budget', () => {
    expect(diskTone(null)).toBe('muted');
    expect(diskTone(50)).toBe('ok');
    expect(diskTone(95)).toBe('warn');
    expect(diskTone(120)).toBe('error');
  });
  it('grades the queue', () => {
    expect(queueTone(null)).toBe('muted');
    expect(queueTone(0)).toBe('ok');
    expect(queueTone(3)).toBe('warn');
    expect(queueTone(10)).toBe('error');
  });
  it('grades model status and hourly counts', () => {
    expect(modelTone('available')).toBe('ok');
    expect(modelTone('starting')).toBe('info');
    expect(modelTone('unavailable')).toBe('error');
    expect(countTone(0)).toBe('ok');
    expect(countTone(2)).toBe('warn');
    expect(countTone(7)).toBe('error');
  });
});
