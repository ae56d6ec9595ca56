import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CameraConfigSchema } from '../config/camera-schema';
import { openDatabase, type OpenedDatabase } from './database';
import { CamerasRepo } from './cameras-repo';
import { ZonesRepo } from './zones-repo';

const now = new Date('2026-11-29T08:00:00Z');
const camera = CameraConfigSchema.parse({
  id: 'east-gate',
  name: '东村路口',
  gridCell: 'dc-01',
  position: { lat: 30.25, lon: 120.16 },
  headingDeg: 90,
  detectUrl: 'rtsp://192.168.1.20:554/Streaming/Channels/102',
  recordUrl: 'rtsp://192.168.1.20:554/Streaming/Channels/101',
  username: 'admin',
  password: 's3cret!',
  detect: { fps: 2, width: 640, height: 360 },
});

describe('CamerasRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: CamerasRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-cameras-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new CamerasRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a camera and reads it back whole, credentials included', () => {
    repo.save(camera, now);
    expect(repo.list()).toEqual({ cameras: [camera], invalid: [] });
    expect(repo.has('east-gate')).toBe(true);
  });

  it('keeps the credentials out of the cameras table', () => {
    repo.save(camera, now);
    const row = opened.db.prepare('SELECT * FROM cameras').get();
    expect(JSON.stringify(row)).not.toContain('s3cret!');
    expect(opened.db.prepare('SELECT password FROM camera_credentials').get()).toEqual({ password: 's3cret!' });
  });

  it('updates in place, clears optional fields, and survives a reopen', () => {
    repo.save(camera, now);
    const changed = { ...camera, name: '东村路口（新）', enabled: false };
    delete changed.position;
    delete changed.password;
    delete changed.recordUrl;
    repo.save(changed, new Date('2026-11-29T09:00:00Z'));
    opened.db.close();
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new CamerasRepo(opened.db);
    const [stored] = repo.list().cameras;
    expect(stored).toMatchObject({ name: '东村路口（新）', enabled: false, username: 'admin' });
    expect(stored?.position).toBeUndefined();
    expect(stored?.password).toBeUndefined();
    expect(stored?.recordUrl).toBeUndefined();
  });

  it('deletes a camera together with its credentials', () => {
    repo.save(camera, now);
    expect(repo.delete('east-gate')).toBe(true);
    expect(repo.delete('east-gate')).toBe(false);
    expect(repo.list().cameras).toEqual([]);
    expect(opened.db.prepare('SELECT COUNT(*) AS n FROM camera_credentials').get()).toEqual({ n: 0 });
  });

  it('deletes the zones drawn for a camera with it, and only those', () => {
    const zones = new ZonesRepo(opened.db);
    const mask = [
      {
        id: 'm1',
        name: 'lamp',
        kind: 'mask' as const,
        polygon: [
          { x: 0, y: 0 },
          { x: 1, y: 0 },
          { x: 1, y: 1 },
        ],
      },
    ];
    repo.save(camera, now);
    zones.save('east-gate', mask, now);
    zones.save('file-camera', mask, now);
    repo.delete('east-gate');
    expect(zones.get('east-gate')).toMatchObject({ zones: [], version: 0 });
    expect(zones.get('file-camera').zones).toHaveLength(1);
  });

  it('reports a row edited by hand into something invalid instead of returning it', () => {
    repo.save(camera, now);
    opened.db.prepare("UPDATE cameras SET detect_url = 'http://example.com/x', detect_fps = 99").run();
    const { cameras, invalid } = repo.list();
    expect(cameras).toEqual([]);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.id).toBe('east-gate');
    expect(invalid[0]?.problems.join('\n')).toMatch(/detectUrl/);
    expect(invalid[0]?.problems.join('\n')).toMatch(/detect\.fps/);
  });
});
