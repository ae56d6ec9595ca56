/** `anxun probe` end to end, on the built CLI (`npm run build` first), against a real RTSP server. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anxun, requireBuiltCli } from '../support/cli';
import { startRtspServer, type RtspServer } from '../support/rtsp-server';

const PASSWORD = 'Kp4-s3cret';

let camera: RtspServer;
let silent: Server;
let silentPort: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  requireBuiltCli();
  camera = await startRtspServer({ clip: 'corridor_walk_intel.mp4', user: 'admin', password: PASSWORD });
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.resume();
  });
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  silentPort = address.port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent.close();
  await camera.stop();
});

describe('anxun probe', () => {
  it('prints codec, size and fps, with the password masked', async () => {
    const r = await anxun(['probe', camera.url({ user: 'admin', password: PASSWORD })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`rtsp://admin:***@127.0.0.1:${camera.port}/stream  h264  480x270  12 fps\n`);
  });

  it('prints the result as JSON', async () => {
    const r = await anxun(['probe', camera.url({ user: 'admin', password: PASSWORD }), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, codec: 'h264', width: 480, height: 270, fps: 12 });
    expect(r.stdout).not.toContain(PASSWORD);
  });

  it('saves the first frame as a JPEG with --preview, and says why when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxun-probe-'));
    try {
      const file = join(dir, 'first.jpg');
      const r = await anxun(['probe', camera.url({ user: 'admin', password: PASSWORD }), '--preview', file]);
      expect(r.code).toBe(0);
      const jpeg = readFileSync(file);
      expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(jpeg.length).toBeGreaterThan(1000);
      const bad = await anxun([
        'probe',
        camera.url({ user: 'admin', password: PASSWORD }),
        '--preview',
        dir + '/no/such/dir/x.jpg',
      ]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/cannot write the preview.*ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names AUTH_FAILED for a wrong password, exits 1 and prints the password nowhere', async () => {
    const wrong = 'Wr0ng-pass';
    for (const json of [false, true]) {
      const r = await anxun(['probe', camera.url({ user: 'admin', password: wrong }), ...(json ? ['--json'] : [])]);
      expect(r.code).toBe(1);
      expect(json ? JSON.parse(r.stdout) : r.stderr).toMatchObject(json ? { code: 'AUTH_FAILED' } : /AUTH_FAILED/);
      expect(r.stdout + r.stderr).not.toContain(wrong);
    }
  });

  it('names BAD_URL for a non-RTSP URL', async () => {
    const r = await anxun(['probe', 'http://admin:x@127.0.0.1/', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'BAD_URL' });
  });

  it('gives up after --timeout with TIMEOUT', async () => {
    const started = Date.now();
    const r = await anxun(['probe', `rtsp://127.0.0.1:${silentPort}/x`, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(4000); // about 1 s of it is starting the CLI
  });

  it('refuses a bad --timeout as a usage error', async () => {
    const r = await anxun(['probe', 'rtsp://127.0.0.1/x', '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout must be a number');
  });
});
