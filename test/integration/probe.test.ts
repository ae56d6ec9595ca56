/**
 * probeStream against a real RTSP server (GStreamer, test/support/rtsp-server.py) with the real ffmpeg builds:
 * the one on PATH (Debian's 5.1) and the npm-packaged 4.1, which needs another socket-timeout option.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg, type FfmpegBinary } from '../../electron/media/ffmpeg';
import { probeStream } from '../../electron/media/probe';
import { startRtspServer, type RtspServer } from '../support/rtsp-server';

const CLIP = { codec: 'h264', width: 480, height: 270, fps: 12 };
const PASSWORD = 'Zq7-s3cret';

let open: RtspServer;
let locked: RtspServer;
let silent: Server;
let silentPort: number;
let freePort: number;
const sockets: Socket[] = [];
const builds: Record<string, FfmpegBinary> = {};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  const [system, bundled] = await Promise.all([resolveFfmpeg({ allowBundled: false }), resolveFfmpeg({ pathEnv: '' })]);
  if (!system.binary || !bundled.binary) throw new Error('both ffmpeg builds are needed');
  builds['system'] = system.binary;
  builds['bundled'] = bundled.binary;
  [open, locked] = await Promise.all([
    startRtspServer({ clip: 'corridor_walk_intel.mp4' }),
    startRtspServer({ clip: 'corridor_walk_intel.mp4', mount: '/locked', user: 'admin', password: PASSWORD }),
  ]);
  // Accepts connections, reads what it is sent and never answers.
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.resume();
  });
  silentPort = await listen(silent);
  const closed = createServer();
  freePort = await listen(closed);
  await new Promise((done) => closed.close(done));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent.close();
  await Promise.all([open.stop(), locked.stop()]);
});

function probe(url: string, build: 'system' | 'bundled', timeoutMs = 4000) {
  const b = builds[build];
  if (!b) throw new Error(`no ${build} ffmpeg`);
  return probeStream(url, { timeoutMs, ffmpegPath: b.path, release: b.release });
}

describe.each(['system', 'bundled'] as const)('probeStream with the %s ffmpeg', (build) => {
  it('reads codec, size and fps of the served clip, with its first frame as a JPEG preview', async () => {
    const r = await probe(open.url(), build);
    expect(r).toMatchObject({ ok: true, ...CLIP });
    const preview = r.ok ? r.preview : null;
    expect([...(preview ?? Buffer.alloc(0)).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...(preview ?? Buffer.alloc(0)).subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('answers TIMEOUT for a server that accepts and never answers, within the timeout + 1 s', async () => {
    const started = Date.now();
    const r = await probe(`rtsp://127.0.0.1:${silentPort}/stream`, build, 1500);
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers UNREACHABLE when nothing listens (a client that listened itself would time out instead)', async () => {
    expect(await probe(`rtsp://127.0.0.1:${freePort}/stream`, build, 3000)).toMatchObject({
      ok: false,
      code: 'UNREACHABLE',
    });
  });
});

describe('probeStream errors', () => {
  it('answers NOT_FOUND for a path the server does not have', async () => {
    const url = open.url().replace('/stream', '/no-such-stream');
    expect(await probe(url, 'system')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('answers AUTH_FAILED for a wrong password, and shows no password', async () => {
    const wrong = 'Wr0ng-pass';
    const r = await probe(locked.url({ user: 'admin', password: wrong }), 'system');
    expect(r).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(JSON.stringify(r)).not.toContain(wrong);
    expect(await probe(locked.url(), 'system')).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
  });

  it('reads the protected mount with the right password', async () => {
    expect(await probe(locked.url({ user: 'admin', password: PASSWORD }), 'system')).toMatchObject({
      ok: true,
      ...CLIP,
    });
  });

  it('answers BAD_URL for other schemes and garbage', async () => {
    for (const url of ['http://admin:x@127.0.0.1/stream', 'camera one, please']) {
      expect(await probe(url, 'system')).toMatchObject({ ok: false, code: 'BAD_URL' });
    }
  });
});

describe('a frozen camera', () => {
  it('answers TIMEOUT while the server is stopped (SIGSTOP) and reads again once it continues', async () => {
    open.freeze();
    try {
      expect(await probe(open.url(), 'system', 1500)).toMatchObject({ ok: false, code: 'TIMEOUT' });
    } finally {
      open.thaw();
    }
    expect(await probe(open.url(), 'system')).toMatchObject({ ok: true, ...CLIP });
  });
});
