import { execFileSync } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../electron/config/schema';
import { startHttpShell, type HttpShell } from '../../electron/server/http-server';
import { LIVE_BOUNDARY } from '../../electron/server/live-route';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

/** until() for values read without waiting. */
const untilSync = <T>(read: () => T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> =>
  until(() => Promise.resolve(read()), ok, timeoutMs);

const PASSWORD = 'L1ve-Secr3t!pw';

interface Part {
  headers: string;
  jpeg: Buffer;
  /** The bytes after the image, before the next boundary. */
  trailer: string;
}

interface Viewer {
  response: IncomingMessage;
  parts: Part[];
  /** Every byte received that is not JPEG data (headers, boundaries, JSON errors). */
  text: () => string;
  ended: Promise<void>;
  close: () => void;
}

/** Parses multipart/x-mixed-replace as it arrives: boundary line, headers, content-length bytes, CRLF. */
function parseParts(buffer: Buffer, parts: Part[], texts: string[]): Buffer {
  for (;;) {
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return buffer;
    const head = buffer.subarray(0, headEnd).toString('latin1');
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length)) throw new Error(`part without a length: ${head}`);
    const start = headEnd + 4;
    if (buffer.length < start + length + 2) return buffer;
    const trailer = buffer.subarray(start + length, start + length + 2).toString('latin1');
    parts.push({ headers: head, jpeg: buffer.subarray(start, start + length), trailer });
    texts.push(head, trailer);
    buffer = buffer.subarray(start + length + 2);
  }
}

function watch(base: string, path: string): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), (response) => {
      const parts: Part[] = [];
      const texts: string[] = [];
      let pending: Buffer = Buffer.alloc(0);
      const multipart = (response.headers['content-type'] ?? '').startsWith('multipart/');
      response.on('data', (chunk: Buffer) => {
        if (!multipart) return texts.push(chunk.toString('utf8'));
        pending = parseParts(Buffer.concat([pending, chunk]), parts, texts);
      });
      response.on('error', () => undefined);
      const ended = new Promise<void>((r) => {
        response.once('end', r);
        response.once('close', r);
      });
      resolve({ response, parts, text: () => texts.join(''), ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function body(viewer: Viewer): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  await viewer.ended;
  return JSON.parse(viewer.text()) as { ok: boolean; error?: { code: string; message: string } };
}

/** ffmpeg processes of this test process writing live pictures. */
function liveFfmpegs(): number {
  const out = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('ffmpeg') && line.includes('image2pipe')).length;
}

function isJpeg(jpeg: Buffer): boolean {
  return jpeg[0] === 0xff && jpeg[1] === 0xd8 && jpeg.at(-2) === 0xff && jpeg.at(-1) === 0xd9;
}

describe.runIf(canServeRtsp())('live view over HTTP (real RTSP server, real ffmpeg)', () => {
  let server: RtspServer;
  let t: TestEngine;
  let shell: HttpShell;
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startRtspServer({ clip: 'camera_room_gop1s.mp4', user: 'admin', password: PASSWORD });
    const camera = (id: string, detectUrl: string, extra: Record<string, unknown> = {}) => ({
      id,
      name: id,
      gridCell: 'dc-01',
      detectUrl,
      username: 'admin',
      password: PASSWORD,
      detect: { fps: 1, width: 160, height: 90 },
      ...extra,
    });
    const config = ConfigSchema.parse({
      cameras: [
        camera('gate', server.url()),
        camera('gate-2', server.url()),
        camera('dead', 'rtsp://127.0.0.1:9/nothing'),
        camera('off', server.url(), { enabled: false }),
      ],
      ingest: { stallTimeoutS: 8, backoffInitialS: 0.2, backoffMaxS: 1 },
      recording: { enabled: false },
      live: { maxStreams: 2, idleStopS: 1, width: 320, fps: 5 },
    });
    t = await startTestEngine(config);
    shell = await startHttpShell({
      host: '127.0.0.1',
      port: 0,
      bodyLimitKb: 64,
      dispatch: t.dispatch,
      events: t.engine.events,
      logger: t.log.logger,
      staticDir: null,
      live: (id, viewer) => t.engine.services.openLive(id, viewer),
    });
  }, 30_000);

  afterAll(async () => {
    await shell.close();
    await t.close();
    await server.stop();
  });

  it('sends a camera as JPEG parts of multipart/x-mixed-replace, several within a few seconds', async () => {
    const viewer = await watch(shell.url, '/live/gate.mjpg');
    expect(viewer.response.statusCode).toBe(200);
    expect(viewer.response.headers['content-type']).toBe(`multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`);
    expect(viewer.response.headers['cache-control']).toContain('no-store');
    const parts = await untilSync(
      () => viewer.parts,
      (p) => p.length >= 6,
      12_000,
    );
    viewer.close();
    seen.push(viewer.text());
    expect(parts.length).toBeGreaterThanOrEqual(6);
    for (const part of parts) {
      expect(part.headers.startsWith(`--${LIVE_BOUNDARY}\r\n`)).toBe(true);
      expect(part.headers).toMatch(/content-type: image\/jpeg/);
      expect(isJpeg(part.jpeg)).toBe(true);
      expect(part.trailer).toBe('\r\n'); // CRLF between the image and the next boundary
    }
    // the picture moves: the images are not all the same
    expect(new Set(parts.map((p) => p.jpeg.toString('base64'))).size).toBeGreaterThan(1);
    // scaled to the configured width (the SOF0 segment's width field)
    const sof = parts[0]?.jpeg.indexOf(Buffer.from([0xff, 0xc0])) ?? -1;
    expect(parts[0]?.jpeg.readUInt16BE(sof + 7)).toBe(320);
  }, 20_000);

  it('shares one ffmpeg between two viewers and stops it after the last one left', async () => {
    await untilSync(
      () => t.engine.services.liveStatus(),
      (s) => s.length === 0,
      5000,
    );
    const a = await watch(shell.url, '/live/gate.mjpg');
    const b = await watch(shell.url, '/live/gate.mjpg');
    await untilSync(
      () => [a.parts.length, b.parts.length],
      ([x, y]) => (x ?? 0) >= 2 && (y ?? 0) >= 2,
      12_000,
    );
    expect(b.parts.length).toBeGreaterThanOrEqual(2);
    const status = t.engine.services.liveStatus();
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ cameraId: 'gate', viewers: 2, running: true, restarts: 0 });
    expect(liveFfmpegs()).toBe(1);

    a.close();
    await untilSync(
      () => t.engine.services.liveStatus()[0]?.viewers,
      (n) => n === 1,
      3000,
    );
    const partsBefore = b.parts.length;
    await untilSync(
      () => b.parts.length,
      (n) => n > partsBefore + 1,
      5000,
    );
    expect(b.parts.length).toBeGreaterThan(partsBefore + 1); // the other viewer keeps getting pictures
    b.close();
    const after = await untilSync(
      () => t.engine.services.liveStatus(),
      (s) => s.length === 0,
      6000,
    );
    expect(after).toEqual([]);
    expect(
      await untilSync(
        () => liveFfmpegs(),
        (n) => n === 0,
        3000,
      ),
    ).toBe(0);
    seen.push(a.text(), b.text());
  }, 30_000);

  it('answers 404 for an unknown camera, 409 for a disabled one, as JSON errors', async () => {
    const unknown = await watch(shell.url, '/live/nobody.mjpg');
    expect(unknown.response.statusCode).toBe(404);
    expect(await body(unknown)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badName = await watch(shell.url, '/live/..%2Fetc.mjpg');
    expect(badName.response.statusCode).toBe(404);
    const off = await watch(shell.url, '/live/off.mjpg');
    expect(off.response.statusCode).toBe(409);
    const offBody = await body(off);
    expect(offBody).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(offBody.error?.message).toMatch(/disabled/);
    seen.push(unknown.text(), badName.text(), off.text());
  });

  it('ends the viewers of a camera that is changed, and refuses it once disabled', async () => {
    const created = await t.dispatch('cameras:create', {
      id: 'stored',
      name: 'stored',
      gridCell: 'dc-02',
      detectUrl: server.url(),
      username: 'admin',
      password: PASSWORD,
    });
    expect(created.ok).toBe(true);
    const viewer = await watch(shell.url, '/live/stored.mjpg');
    expect(viewer.response.statusCode).toBe(200);
    await untilSync(
      () => viewer.parts.length,
      (n) => n >= 1,
      12_000,
    );
    expect(viewer.parts.length).toBeGreaterThanOrEqual(1);
    const changed = await t.dispatch('cameras:update', { id: 'stored', changes: { enabled: false } });
    expect(changed.ok).toBe(true);
    await viewer.ended; // the stream ends with the old settings
    const again = await watch(shell.url, '/live/stored.mjpg');
    expect(again.response.statusCode).toBe(409);
    seen.push(viewer.text(), again.text(), JSON.stringify(created), JSON.stringify(changed));
  }, 20_000);

  it('retries a dead source with backoff while watched, refuses a camera over the cap, leaks no password', async () => {
    const dead = await watch(shell.url, '/live/dead.mjpg');
    expect(dead.response.statusCode).toBe(200);
    const status = await untilSync(
      () => t.engine.services.liveStatus().find((s) => s.cameraId === 'dead'),
      (s) => (s?.restarts ?? 0) >= 2,
      10_000,
    );
    expect(status?.restarts).toBeGreaterThanOrEqual(2);
    expect(status?.frames).toBe(0);
    expect(status?.lastError).toBeTruthy();

    const gate = await watch(shell.url, '/live/gate.mjpg');
    expect(gate.response.statusCode).toBe(200);
    const over = await watch(shell.url, '/live/gate-2.mjpg');
    expect(over.response.statusCode).toBe(503);
    const overBody = await body(over);
    expect(overBody).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(overBody.error?.message).toContain('live.maxStreams');

    const statusText = JSON.stringify(t.engine.services.liveStatus());
    dead.close();
    gate.close();
    seen.push(dead.text(), gate.text(), over.text(), statusText);
    const logs = join(t.dataDir, 'logs');
    await new Promise((r) => setTimeout(r, 300)); // let the log file catch up
    const logText = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('\n');
    expect(logText).toMatch(/live/);
    for (const text of [...seen, logText]) expect(text).not.toContain(PASSWORD);
  }, 30_000);
});
