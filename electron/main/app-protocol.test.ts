/**
 * The `anxun://` handler with real files in a temporary media folder. Electron's binary cannot run on the test
 * machine, so `protocol.handle`'s wiring (electron/main/protocol.ts) is not exercised here: these tests call the
 * handler it installs directly with web Requests.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../api/result';
import type { LiveViewer } from '../media/live-stream';
import { LIVE_BOUNDARY, type LiveOpener } from '../server/live-route';
import { createAppProtocolHandler } from './app-protocol';

let root: string;
let mediaDir: string;
const clip = Buffer.alloc(1000, 0);
for (let i = 0; i < clip.length; i++) clip[i] = i % 251;

const noLive: LiveOpener = () => fail('NOT_FOUND', 'no live pictures in this test');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'anxun-protocol-'));
  mediaDir = join(root, 'media');
  await mkdir(join(mediaDir, 'sub'), { recursive: true });
  await writeFile(join(mediaDir, 'cam1-clip.mp4'), clip);
  await writeFile(join(mediaDir, 'cam1-snap.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  await writeFile(join(mediaDir, 'sub', 'inner.jpg'), 'inner');
  await writeFile(join(mediaDir, '.hidden'), 'hidden');
  await writeFile(join(root, 'secret.txt'), 'secret');
  await symlink(join(root, 'secret.txt'), join(mediaDir, 'link.txt'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function handler(openLive: LiveOpener = noLive) {
  return createAppProtocolHandler({ mediaDir, openLive });
}

async function bytes(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('anxun://media/', () => {
  it('serves a whole file with its content type and byte-range support', async () => {
    const response = await handler()(new Request('anxun://media/cam1-clip.mp4'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect((await bytes(response)).equals(clip)).toBe(true);

    const snapshot = await handler()(new Request('anxun://media/cam1-snap.jpg'));
    expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
    expect([...(await bytes(snapshot))]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('serves a range as 206 with its Content-Range', async () => {
    const response = await handler()(
      new Request('anxun://media/cam1-clip.mp4', { headers: { range: 'bytes=100-599' } }),
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-599/1000');
    expect(response.headers.get('content-length')).toBe('500');
    expect((await bytes(response)).equals(clip.subarray(100, 600))).toBe(true);
  });

  it('serves a suffix range and an open range', async () => {
    const suffix = await handler()(new Request('anxun://media/cam1-clip.mp4', { headers: { range: 'bytes=-200' } }));
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe('bytes 800-999/1000');
    expect((await bytes(suffix)).equals(clip.subarray(800))).toBe(true);

    const open = await handler()(new Request('anxun://media/cam1-clip.mp4', { headers: { range: 'bytes=990-' } }));
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect((await bytes(open)).equals(clip.subarray(990))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await handler()(new Request('anxun://media/cam1-clip.mp4', { headers: { range: 'bytes=1010-' } }));
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD with the headers only', async () => {
    const response = await handler()(new Request('anxun://media/cam1-clip.mp4', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect((await bytes(response)).length).toBe(0);
  });

  it('answers 404 for a missing file', async () => {
    const response = await handler()(new Request('anxun://media/nope.mp4'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses traversal, encoded slashes, absolute paths, sub-folders, dot files and links out of the folder', async () => {
    const urls = [
      'anxun://media/..%2Fsecret.txt',
      'anxun://media/%2E%2E%2Fsecret.txt',
      'anxun://media/..%5Csecret.txt',
      'anxun://media/../secret.txt',
      'anxun://media/sub%2Finner.jpg',
      'anxun://media/sub/inner.jpg',
      `anxun://media/${encodeURIComponent(join(root, 'secret.txt'))}`,
      `anxun://media/${encodeURIComponent(join(mediaDir, 'cam1-clip.mp4'))}`,
      'anxun://media/%2Fetc%2Fpasswd',
      'anxun://media/..',
      'anxun://media/%2E%2E',
      'anxun://media/.hidden',
      'anxun://media/sub',
      'anxun://media/link.txt',
      'anxun://media/',
      'anxun://media/%E0%A4%A',
      'anxun://media/cam1-clip.mp4%00.jpg',
    ];
    for (const url of urls) {
      const response = await handler()(new Request(url));
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
    }
  });

  it('answers 404 for an unknown host and 405 for a method other than GET and HEAD', async () => {
    expect((await handler()(new Request('anxun://other/cam1-clip.mp4'))).status).toBe(404);
    expect((await handler()(new Request('anxun://media/cam1-clip.mp4', { method: 'POST', body: 'x' }))).status).toBe(
      405,
    );
  });
});

describe('anxun://live/ (live source stubbed: the Electron binary and ffmpeg cameras cannot run here)', () => {
  /** A stand-in for the engine's `openLive`, recording the viewers it was given and which were closed. */
  function fakeLiveSource() {
    const viewers = new Map<string, LiveViewer>();
    const closed: string[] = [];
    const open = (cameraId: string, viewer: LiveViewer): Result<{ close(): void }> => {
      if (cameraId === 'off') return fail('CONFLICT', 'disabled');
      if (cameraId !== 'cam1') return fail('NOT_FOUND', `no camera "${cameraId}"`);
      viewers.set(cameraId, viewer);
      viewer.frame(Buffer.from('early'));
      return ok({ close: () => closed.push(cameraId) });
    };
    return { open, viewers, closed };
  }

  it('streams multipart JPEG parts, starting with the picture handed over while opening, and stops the viewer on cancel (stubbed source)', async () => {
    const source = fakeLiveSource();
    const response = await handler(source.open)(new Request('anxun://live/cam1.mjpg'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`);
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    source.viewers.get('cam1')?.frame(Buffer.from('second'));
    while (!text.includes('second\r\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toBe(
      `--${LIVE_BOUNDARY}\r\ncontent-type: image/jpeg\r\ncontent-length: 5\r\n\r\nearly\r\n` +
        `--${LIVE_BOUNDARY}\r\ncontent-type: image/jpeg\r\ncontent-length: 6\r\n\r\nsecond\r\n`,
    );
    expect(source.closed).toEqual([]);
    await reader.cancel();
    expect(source.closed).toEqual(['cam1']);
  });

  it('stops the viewer when the request is aborted, and ends the stream when the engine ends it (stubbed source)', async () => {
    const source = fakeLiveSource();
    const abort = new AbortController();
    const response = await handler(source.open)(new Request('anxun://live/cam1.mjpg', { signal: abort.signal }));
    abort.abort();
    expect(source.closed).toEqual(['cam1']);
    await response.body?.cancel();
    expect(source.closed).toEqual(['cam1']);

    const second = fakeLiveSource();
    const ended = await handler(second.open)(new Request('anxun://live/cam1.mjpg'));
    second.viewers.get('cam1')?.end('camera removed');
    expect((await ended.text()).endsWith('early\r\n')).toBe(true);
  });

  it('answers the engine’s refusals as the API’s JSON errors, and 404 for a malformed name (stubbed source)', async () => {
    const source = fakeLiveSource();
    const unknown = await handler(source.open)(new Request('anxun://live/nope.mjpg'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await handler(source.open)(new Request('anxun://live/off.mjpg'))).status).toBe(409);
    for (const url of ['anxun://live/cam1.jpg', 'anxun://live/..%2Fcam1.mjpg', 'anxun://live/a/cam1.mjpg']) {
      expect((await handler(source.open)(new Request(url))).status).toBe(404);
    }
    expect(source.viewers.size).toBe(0);
  });
});
