import { describe, expect, it } from 'vitest';
import { draftOf, issueTarget, newDraft, saveRequest, withKind } from './zone-drafts';

const square = [
  { x: 0.2, y: 0.2 },
  { x: 0.4, y: 0.2 },
  { x: 0.4, y: 0.4 },
];

describe('zone drafts', () => {
  it('starts a rule zone with the schema’s defaults and keeps names when the kind changes', () => {
    const zone = newDraft('zone-1', '河堤', 'restricted', square);
    expect(zone.params).toEqual({ minDwellS: '3' });
    const crowd = withKind({ ...zone, schedule: '22:00-06:00' }, 'crowding');
    expect(crowd).toMatchObject({ id: 'zone-1', name: '河堤', params: { minDwellS: '10', minCount: '5' } });
    expect(crowd.schedule).toBe('22:00-06:00');
    expect(withKind(crowd, 'mask')).toMatchObject({ params: {}, schedule: '' });
  });

  it('turns drafts into the save request, masks first, and maps the engine’s issues back', () => {
    const drafts = [
      { ...newDraft('zone-1', 'Z', 'crowding', square), schedule: '1,2 22:00-06:00', labels: 'person, car' },
      newDraft('mask-1', 'M', 'mask', square),
    ];
    const { request, problems, order } = saveRequest('cam1', drafts, 4);
    expect(problems).toEqual([]);
    expect(request).toEqual({
      cameraId: 'cam1',
      expectedVersion: 4,
      masks: [{ id: 'mask-1', name: 'M', kind: 'mask', polygon: square }],
      zones: [
        {
          id: 'zone-1',
          name: 'Z',
          kind: 'crowding',
          polygon: square,
          labels: ['person', 'car'],
          schedule: [{ days: [1, 2], from: '22:00', to: '06:00' }],
          minDwellS: 10,
          minCount: 5,
        },
      ],
    });
    expect(order).toEqual([1, 0]);
    expect(issueTarget('zones.0.minCount', 1, order)).toEqual({ index: 0, field: 'minCount' });
    expect(issueTarget('masks.0.polygon.2', 1, order)).toEqual({ index: 1, field: 'polygon' });
    expect(issueTarget('masks.0', 1, order)).toEqual({ index: 1, field: 'polygon' });
    expect(issueTarget('cameraId', 1, order)).toBeNull();
  });

  it('reports numbers and schedule lines it cannot read', () => {
    const draft = { ...newDraft('z', 'Z', 'loitering', square), schedule: 'nights', params: { minDwellS: 'abc' } };
    expect(saveRequest('cam1', [draft], 0).problems).toEqual([
      { index: 0, field: 'minDwellS', key: 'notNumber' },
      { index: 0, field: 'schedule', key: 'scheduleLine', line: 1 },
    ]);
  });

  it('reads a stored zone into a draft', () => {
    const draft = draftOf({
      id: 'a',
      name: 'A',
      kind: 'restricted',
      polygon: square,
      labels: ['person'],
      minDwellS: 2,
      schedule: [{ from: '22:00', to: '06:00' }],
      origin: 'interface',
    });
    expect(draft).toEqual({
      id: 'a',
      name: 'A',
      kind: 'restricted',
      polygon: square,
      labels: 'person',
      params: { minDwellS: '2' },
      schedule: '22:00-06:00',
    });
  });
});
