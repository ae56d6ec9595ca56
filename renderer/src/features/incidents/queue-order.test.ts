import { describe, expect, it } from 'vitest';
import type { IncidentView } from '@contract/incidents-contract';
import { camerasOf, peakSnapshot, reviewsById, severityOf, sortQueue, withoutReviewed } from './queue-order';

const incident = (id: string, firstSeen: string, over: Partial<IncidentView> = {}): IncidentView => ({
  id,
  family: 'fire',
  kind: 'fire',
  state: 'open',
  firstSeen,
  lastSeen: firstSeen,
  endedAt: null,
  peak: { score: 0.8, at: firstSeen, cameraId: 'east' },
  reopened: 0,
  alerts: [],
  evidence: [],
  ...over,
});
const evidence = (cameraId: string, kind: 'snapshot' | 'clip', file: string) => ({
  cameraId,
  kind,
  file,
  at: '2026-11-29T08:00:00.000Z',
  durationS: null,
  models: [],
});

describe('the alert queue order and marks', () => {
  it('puts the newest start first, the higher number first among equal starts', () => {
    const list = [
      incident('inc-1', '2026-11-29T08:00:00.000Z'),
      incident('inc-3', '2026-11-29T09:00:00.000Z'),
      incident('inc-10', '2026-11-29T08:30:00.000Z'),
      incident('inc-9', '2026-11-29T08:30:00.000Z'),
    ];
    expect(sortQueue(list).map((i) => i.id)).toEqual(['inc-3', 'inc-10', 'inc-9', 'inc-1']);
    expect(list[0]?.id).toBe('inc-1');
  });

  it('colours fire and smoke red, intrusion and crowding yellow, the rest blue', () => {
    expect(['fire', 'smoke', 'intrusion', 'crowding', 'loitering', 'unknown'].map(severityOf)).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      'blue',
      'blue',
    ]);
  });

  it('shows the peak camera’s snapshot, else the first one, else none', () => {
    const at = '2026-11-29T08:00:00.000Z';
    const both = incident('inc-1', at, {
      evidence: [
        evidence('west', 'snapshot', 'w.jpg'),
        evidence('east', 'clip', 'e.mp4'),
        evidence('east', 'snapshot', 'e.jpg'),
      ],
    });
    expect(peakSnapshot(both)?.file).toBe('e.jpg');
    expect(peakSnapshot(incident('inc-2', at, { evidence: [evidence('west', 'snapshot', 'w.jpg')] }))?.file).toBe(
      'w.jpg',
    );
    expect(peakSnapshot(incident('inc-3', at, { evidence: [evidence('east', 'clip', 'e.mp4')] }))).toBeNull();
  });

  it('names the peak camera first and each camera once', () => {
    const at = '2026-11-29T08:00:00.000Z';
    const alert = (cameraId: string) => ({
      alertId: cameraId,
      kind: 'fire',
      cameraId,
      firstSeen: at,
      lastSeen: at,
      ended: false,
      peak: { score: 0.5, at, box: null },
    });
    const i = incident('inc-1', at, { alerts: [alert('west'), alert('east'), alert('west')] });
    expect(camerasOf(i)).toEqual(['east', 'west']);
  });

  it('indexes one reviewer’s reviews and drops what they reviewed', () => {
    const review = {
      incidentId: 'inc-2',
      reviewer: { id: 'op', name: '值班员' },
      verdict: 'dismissed' as const,
      reason: 'lamp' as const,
      note: null,
      at: '2026-11-29T08:00:00.000Z',
    };
    expect(reviewsById([review]).get('inc-2')?.reason).toBe('lamp');
    const list = [incident('inc-1', review.at), incident('inc-2', review.at)];
    expect(withoutReviewed(list, new Set(['inc-2'])).map((i) => i.id)).toEqual(['inc-1']);
  });
});
