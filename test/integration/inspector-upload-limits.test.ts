/**
 * Upload limits of the LAN listener against the real engine: a disk with less free space than the configured floor
 * refuses photos with DISK_FULL before anything is written, and an inspector cannot pile up photos no action uses.
 */
import { statfsSync, readdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairOutput } from '../../electron/api/inspector-contract';
import { defaultConfig } from '../../electron/config/schema';
import type { LanServer } from '../../electron/server/lan-server';
import { startLanListener } from '../../electron/server/lan-start';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { pngWithMetadata } from './inspector-images';
import { lanClient } from './inspector-lan-client';

const ROOT = join(import.meta.dirname, '../..');
const file = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});

async function start(inspectors: Partial<ReturnType<typeof defaultConfig>['inspectors']>) {
  const config = defaultConfig();
  const t = await startTestEngine({ ...config, inspectors: { ...config.inspectors, ...inspectors } });
  const r = await t.dispatch('grid:import', { files: [file('grid.csv'), file('inspectors.csv')], mode: 'replace' });
  expect(r.ok).toBe(true);
  const lan = await startLanListener({
    engine: t.engine,
    lan: { enabled: true, host: '127.0.0.1', port: 0 },
    dataDir: t.dataDir,
    staticDir: null,
    logger: t.log.logger,
  });
  const call = lanClient(lan.url, lan.caPem);
  const code = await t.dispatch('inspectors:pair', { inspectorId: 'WG-0101' });
  if (!code.ok) throw new Error(code.error.message);
  const pairCode = (code.data as { code: string }).code;
  const paired = (await call('/api/pair', { json: { code: pairCode, deviceName: 'p' } })).json().data as PairOutput;
  return { t, lan, call, token: paired.token };
}

describe('upload limits', () => {
  let running: { t: TestEngine; lan: LanServer } | null = null;
  afterEach(async () => {
    await running?.lan.close();
    await running?.t.close();
    running = null;
  });

  const fs = statfsSync(tmpdir());
  const freeMb = (fs.bavail * fs.bsize) / 1024 / 1024;
  it.skipIf(freeMb + 1024 > 100_000)('refuses photos with DISK_FULL when the disk is under the floor', async () => {
    const s = await start({ minFreeMb: Math.ceil(freeMb) + 1024 });
    running = s;
    const r = await s.call('/api/uploads', { token: s.token, raw: pngWithMetadata('x') });
    expect(r.status).toBe(503);
    expect(r.json().error).toMatchObject({ code: 'UNAVAILABLE', reason: 'DISK_FULL' });
    const uploads = join(s.t.dataDir, 'media', 'uploads');
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
  });

  it('refuses more photos than may wait for an action', async () => {
    const s = await start({ uploadMaxPending: 4 });
    running = s;
    const png = pngWithMetadata('x');
    for (let i = 0; i < 4; i++) {
      expect((await s.call('/api/uploads', { token: s.token, raw: png })).status).toBe(200);
    }
    const fifth = await s.call('/api/uploads', { token: s.token, raw: png });
    expect(fifth.status).toBe(429);
    expect(fifth.json().error).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_PHOTOS' });
  });
});
