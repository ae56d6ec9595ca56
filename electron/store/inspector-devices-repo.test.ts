import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database';
import { GridRepo } from './grid-repo';
import { InspectorDevicesRepo } from './inspector-devices-repo';

const T0 = Date.parse('2026-11-30T06:00:00Z');
const hash = (c: string) => c.repeat(64).slice(0, 64);

describe('InspectorDevicesRepo (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: InspectorDevicesRepo;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-devices-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    const grid = new GridRepo(opened.db);
    grid.merge({
      units: [
        { code: 't1', name: '镇', level: 'township', parentCode: null },
        { code: 'v1', name: '村', level: 'village', parentCode: 't1' },
        { code: 'c1', name: '一网格', level: 'cell', parentCode: 'v1' },
      ],
      inspectors: [{ id: 'WG-1', name: '陈', phone: '13800000001', cells: ['c1'], active: true }],
    });
    repo = new InspectorDevicesRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses a pairing code once: the second claim gets nothing', () => {
    repo.addCode(hash('a'), 'WG-1', T0 + 600_000, 'operator', T0);
    expect(repo.code(hash('a'))).toEqual({ inspectorId: 'WG-1', expiresAt: T0 + 600_000, usedAt: null });
    expect(repo.claim(hash('a'), { id: 'dev_1', name: '手机', tokenHash: hash('t') }, T0 + 1000)).toBe('WG-1');
    expect(repo.claim(hash('a'), { id: 'dev_2', name: '手机2', tokenHash: hash('u') }, T0 + 2000)).toBeNull();
    expect(repo.code(hash('a'))?.usedAt).toBe(T0 + 1000);
    expect(repo.byTokenHash(hash('t'))?.id).toBe('dev_1');
    expect(repo.byTokenHash(hash('u'))).toBeNull();
  });

  it('counts live devices per inspector and keeps revoked ones listed', () => {
    repo.addCode(hash('a'), 'WG-1', T0 + 600_000, 'operator', T0);
    repo.claim(hash('a'), { id: 'dev_1', name: '手机', tokenHash: hash('t') }, T0);
    repo.addCode(hash('b'), 'WG-1', T0 + 600_000, 'operator', T0);
    repo.claim(hash('b'), { id: 'dev_2', name: '备用机', tokenHash: hash('u') }, T0 + 1);
    repo.touch('dev_1', T0 + 5000);
    expect(repo.summary().get('WG-1')).toEqual({ devices: 2, lastSeenAt: new Date(T0 + 5000).toISOString() });
    expect(repo.revoke('dev_2', T0 + 9000)?.revokedAt).toBe(new Date(T0 + 9000).toISOString());
    // revoking again keeps the first time
    expect(repo.revoke('dev_2', T0 + 99_000)?.revokedAt).toBe(new Date(T0 + 9000).toISOString());
    expect(repo.summary().get('WG-1')?.devices).toBe(1);
    expect(repo.devices('WG-1').map((d) => d.id)).toEqual(['dev_2', 'dev_1']);
    expect(repo.revoke('nope', T0)).toBeNull();
  });

  it('keeps one photo per client upload id and counts those not yet attached', () => {
    repo.addCode(hash('a'), 'WG-1', T0 + 600_000, 'operator', T0);
    repo.claim(hash('a'), { id: 'dev_1', name: '手机', tokenHash: hash('t') }, T0);
    const upload = {
      id: 'ph_aaaaaaaa',
      inspectorId: 'WG-1',
      deviceId: 'dev_1',
      clientUploadId: 'up-00000001',
      file: 'uploads/ph_aaaaaaaa.jpg',
      bytes: 100,
      width: 10,
      height: 10,
      createdAt: new Date(T0).toISOString(),
      taskId: null,
    };
    repo.addUpload(upload);
    expect(() => repo.addUpload({ ...upload, id: 'ph_bbbbbbbb' })).toThrow(/UNIQUE/);
    expect(repo.uploadByClientId('WG-1', 'up-00000001')?.id).toBe('ph_aaaaaaaa');
    expect(repo.pendingUploads('WG-1')).toBe(1);
    expect(repo.mediaAllowed('WG-1', 'uploads/ph_aaaaaaaa.jpg')).toBe(true);
    expect(repo.mediaAllowed('WG-2', 'uploads/ph_aaaaaaaa.jpg')).toBe(false);
    repo.attach(['ph_aaaaaaaa'], 'task-1');
    expect(repo.pendingUploads('WG-1')).toBe(0);
    expect(repo.upload('ph_aaaaaaaa')?.taskId).toBe('task-1');
  });
});
