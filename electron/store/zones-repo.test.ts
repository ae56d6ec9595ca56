import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZoneListSchema } from '../domain/zones';
import { openDatabase, type OpenedDatabase } from './database';
import { ZonesRepo } from './zones-repo';

const now = new Date('2026-11-29T08:00:00Z');
const square = [
  { x: 0.1, y: 0.1 },
  { x: 0.5, y: 0.1 },
  { x: 0.5, y: 0.5 },
  { x: 0.1, y: 0.5 },
];
const zones = ZoneListSchema.parse([
  { id: 'lamp', name: '路灯', kind: 'mask', polygon: square },
  {
    id: 'dyke',
    name: '河堤',
    kind: 'restricted',
    polygon: square,
    minDwellS: 2,
    schedule: [{ from: '22:00', to: '06:00' }],
  },
]);

describe('ZonesRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: ZonesRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-zones-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new ZonesRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has nothing at version 0 before the first save', () => {
    expect(repo.get('cam1')).toEqual({ cameraId: 'cam1', zones: [], version: 0, updatedAt: '' });
    expect(repo.list()).toEqual({ cameras: [], invalid: [] });
  });

  it('stores a camera’s zones, reads them back whole, and counts the saves', () => {
    expect(repo.save('cam1', zones, now)).toBe(1);
    expect(repo.get('cam1')).toEqual({ cameraId: 'cam1', zones, version: 1, updatedAt: now.toISOString() });
    expect(repo.save('cam1', zones.slice(0, 1), now)).toBe(2);
    expect(repo.get('cam1').zones).toEqual(zones.slice(0, 1));
    expect(repo.list().cameras.map((c) => [c.cameraId, c.version])).toEqual([['cam1', 2]]);
  });

  it('keeps the data after the file is closed and opened again', () => {
    repo.save('cam1', zones, now);
    opened.db.close();
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new ZonesRepo(opened.db);
    expect(repo.get('cam1').zones).toEqual(zones);
  });

  it('refuses a save whose expected version is stale and writes nothing', () => {
    repo.save('cam1', zones, now);
    expect(repo.save('cam1', [], now, 0)).toBeNull();
    expect(repo.get('cam1').zones).toEqual(zones);
    expect(repo.save('cam1', [], now, 1)).toBe(2);
  });

  it('reports a row edited by hand into an invalid polygon and leaves it out', () => {
    opened.db
      .prepare('INSERT INTO camera_zones (camera_id, zones_json, version, updated_at) VALUES (?, ?, 1, ?)')
      .run(
        'cam2',
        JSON.stringify([{ id: 'x', name: 'x', kind: 'mask', polygon: [{ x: 0, y: 0 }] }]),
        now.toISOString(),
      );
    const listed = repo.list();
    expect(listed.cameras).toEqual([]);
    expect(listed.invalid[0]?.cameraId).toBe('cam2');
    expect(listed.invalid[0]?.problems.join(' ')).toContain('at least 3 points');
    expect(repo.get('cam2').zones).toEqual([]);
  });
});
