import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('logger', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes JSON lines to a file in the data folder with camera passwords removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-log-'));
    dirs.push(dir);
    const log = await createLogger({ level: 'info', dir, fileSizeMb: 1, keepFiles: 2, stderr: false });
    const url = 'rtsp://admin:Secr3t!@10.1.2.3:554/Streaming/Channels/102';
    log.logger.info({ camera: { url }, module: 'ingest' }, `connecting to ${url}`);
    log.logger.error({ err: new Error(`ffmpeg exited: ${url} 401 Unauthorized`) }, 'stream failed');
    log.logger.debug('below the level, not written');
    await log.close();

    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBe(1);
    const text = readFileSync(join(dir, files[0] ?? ''), 'utf8');
    expect(text).not.toContain('Secr3t');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, module: 'ingest' });
    expect(lines[0]?.['msg']).toContain('rtsp://admin:***@10.1.2.3');
    expect(lines[1]).toMatchObject({ level: 50 });
    expect(JSON.stringify(lines[1]?.['err'])).toContain('admin:***@');
  });

  it('keeps recent entries in memory for the UI, newest last, filtered by level', async () => {
    const log = await createLogger({ level: 'info', dir: null, fileSizeMb: 1, keepFiles: 1, stderr: false });
    const seen: string[] = [];
    log.ring.subscribe((e) => seen.push(e.msg));
    log.logger.info('one');
    log.logger.warn('two rtsp://u:pw@h/');
    log.logger.error('three');
    expect(log.ring.recent(10, 'info').map((e) => e.msg)).toEqual(['one', 'two rtsp://u:***@h/', 'three']);
    expect(log.ring.recent(10, 'warn').map((e) => e.level)).toEqual(['warn', 'error']);
    expect(log.ring.recent(1, 'info').map((e) => e.msg)).toEqual(['three']);
    expect(seen).toHaveLength(3);
    await log.close();
  });

  it('rotates the file at the configured size and keeps the configured number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-log-'));
    dirs.push(dir);
    const log = await createLogger({ level: 'info', dir, fileSizeMb: 1, keepFiles: 2, stderr: false });
    const filler = 'x'.repeat(2000);
    // pino-roll checks the size as it writes; flush between batches so the sizes are seen.
    for (let batch = 0; batch < 6; batch += 1) {
      for (let i = 0; i < 200; i += 1) log.logger.info({ filler }, `line ${batch}-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await log.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
  });
});
