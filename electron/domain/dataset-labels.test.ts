import { describe, expect, it } from 'vitest';
import {
  classIndex,
  clipStartFromEnd,
  datasetClassOf,
  imageStem,
  peakOffsetS,
  summarise,
  yoloLabel,
} from './dataset-labels';

describe('datasetClassOf', () => {
  it('maps fire and smoke to themselves and the zone rules on people to person', () => {
    expect(datasetClassOf('fire')).toBe('fire');
    expect(datasetClassOf('smoke')).toBe('smoke');
    for (const k of ['intrusion', 'loitering', 'crowding', 'fall']) expect(datasetClassOf(k)).toBe('person');
    expect(datasetClassOf('vehicle')).toBeNull();
    expect([classIndex('fire'), classIndex('smoke'), classIndex('person')]).toEqual([0, 1, 2]);
  });
});

describe('yoloLabel', () => {
  it('writes class, centre and size relative to the frame', () => {
    const r = yoloLabel('smoke', { x1: 0.25, y1: 0.5, x2: 0.75, y2: 1 }, 640, 360);
    expect(r).toEqual({
      ok: true,
      line: '1 0.500000 0.750000 0.500000 0.500000',
      box: { cx: 0.5, cy: 0.75, w: 0.5, h: 0.5 },
    });
  });

  it('clips a box that crosses the frame edge and orders swapped corners', () => {
    const r = yoloLabel('fire', { x1: 0.9, y1: 1.2, x2: -0.1, y2: 0.6 }, 1920, 1080);
    expect(r.ok && r.line).toBe('0 0.450000 0.800000 0.900000 0.400000');
  });

  it('refuses boxes wholly outside, thinner than two pixels, or not finite', () => {
    expect(yoloLabel('fire', { x1: 1.1, y1: 0.2, x2: 1.4, y2: 0.4 }, 640, 360)).toEqual({
      ok: false,
      reason: 'outside-frame',
    });
    expect(yoloLabel('fire', { x1: -0.5, y1: 0.2, x2: 0, y2: 0.4 }, 640, 360)).toEqual({
      ok: false,
      reason: 'outside-frame',
    });
    expect(yoloLabel('fire', { x1: 0.5, y1: 0.2, x2: 0.5015, y2: 0.4 }, 640, 360)).toEqual({
      ok: false,
      reason: 'degenerate-box',
    });
    expect(yoloLabel('fire', { x1: 0.2, y1: 0.4, x2: 0.6, y2: 0.4 }, 640, 360)).toEqual({
      ok: false,
      reason: 'degenerate-box',
    });
    expect(yoloLabel('fire', { x1: Number.NaN, y1: 0, x2: 1, y2: 1 }, 640, 360)).toEqual({
      ok: false,
      reason: 'invalid-box',
    });
    expect(yoloLabel('fire', { x1: 0, y1: 0, x2: 1, y2: 1 }, 0, 360)).toEqual({ ok: false, reason: 'invalid-box' });
  });

  it('keeps a box of exactly two pixels', () => {
    expect(yoloLabel('person', { x1: 0.5, y1: 0.5, x2: 0.5 + 2 / 640, y2: 0.5 + 2 / 360 }, 640, 360).ok).toBe(true);
  });
});

describe('clip timing', () => {
  const event = Date.parse('2026-11-30T08:00:00Z');
  it('counts a clip back from its end (event + post-roll) when its start is not known', () => {
    // asked for [event-5 s, event+10 s], started on a key frame 1 s earlier: 16 s long
    expect(clipStartFromEnd(event, 10, 16)).toBe(event - 6000);
  });
  it('places the peak in the clip, or nowhere when it is outside or the clip has no length', () => {
    const start = event - 6000;
    expect(peakOffsetS(start, 16, event + 2000)).toBe(8);
    expect(peakOffsetS(start, 16, start)).toBe(0);
    expect(peakOffsetS(start, 16, event + 10_000)).toBeNull();
    expect(peakOffsetS(start, 16, start - 1)).toBeNull();
    expect(peakOffsetS(start, 0, event)).toBeNull();
    expect(peakOffsetS(Number.NaN, 16, event)).toBeNull();
  });
});

describe('imageStem', () => {
  it('joins incident and alert with a double underscore and keeps names file-safe', () => {
    expect(imageStem('inc-12', 'gate:fire:3')).toBe('inc-12__gate-fire-3');
    expect(imageStem('../x', 'a/b')).toBe('x__a-b');
  });
});

describe('summarise', () => {
  it('counts boxes per class on confirmed frames, negatives per reason and skips per reason', () => {
    const s = summarise(
      [
        { verdict: 'confirmed', reason: null, labels: ['0 0.5 0.5 0.1 0.1', '1 0.5 0.5 0.2 0.2'] },
        { verdict: 'confirmed', reason: null, labels: ['2 0.5 0.5 0.1 0.1'] },
        { verdict: 'dismissed', reason: 'sunset', labels: [] },
        { verdict: 'dismissed', reason: 'sunset', labels: [] },
        { verdict: 'dismissed', reason: 'lamp', labels: [] },
      ],
      ['no-clip', 'no-clip', 'degenerate-box'],
    );
    expect(s).toEqual({
      images: 5,
      positives: { fire: 1, smoke: 1, person: 1 },
      negatives: { sunset: 2, lamp: 1 },
      skipped: { 'no-clip': 2, 'degenerate-box': 1 },
    });
  });
});
