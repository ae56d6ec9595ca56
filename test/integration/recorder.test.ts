/**
 * The recorder, the ring and clip/snapshot extraction with real parts: the GStreamer RTSP server
 * (test/support/rtsp-server.ts) serving a clip shaped like an IP camera's stream (1 s GOP, no B-frames), Debian's
 * ffmpeg, ffprobe to check what comes out. The first three tests record at the same time to keep the wall time
 * down; each has its own ring folder.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/log/logger';
import { ClipError, clipRange, extractClip, extractSnapshot } from '../../electron/media/clip';
import { findOnPath, resolveFfmpeg, type FfmpegBinary } from '../../electron/media/ffmpeg';
import { CameraRecorder, classifyExit, type RecorderOptions } from '../../electron/media/recorder';
import { parseSegmentName, partialFileName, scanRing } from '../../electron/media/recording-ring';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';

const CLIP = 'camera_room_gop1s.mp4';
const CLIP_PATH = resolve(import.meta.dirname, '../../fixtures/clips', CLIP);
const PASSWORD = 'Sekr3t:pw_42';
const FFPROBE = findOnPath('ffprobe', process.env['PATH']);

let ffmpeg: FfmpegBinary;
let root = '';
let locked: RtspServer;
const logLines: string[] = [];
/** A pino logger without the app's redaction hook: the recorder itself must keep the password out. */
const logger: Logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
const recorders: CameraRecorder[] = [];
/** The ring recorded by the first test, reused (copied) by later ones. */
let mainRing: Promise<string>;
let mainRingReady: (dir: string) => void;
let mainRingFailed: (error: unknown) => void;

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function ffprobe(file: string) {
  const r = await run(FFPROBE ?? 'ffprobe', [
    ...['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_name,width,height', '-of', 'json'],
    file,
  ]);
  const json = JSON.parse(r.stdout) as {
    format: { format_name: string; duration: string };
    streams: { codec_name: string; width: number; height: number }[];
  };
  return { format: json.format.format_name, durationS: Number(json.format.duration), streams: json.streams };
}

/**
 * Decodes every frame; returns what ffmpeg printed at level error (nothing for a clean file). Frames keep their
 * own time base (`-enc_time_base -1`): over RTSP ffmpeg gives the first frame of each connection no timestamp and
 * the muxer places it one tick before the next, which a constant-rate null output would reject though it decodes.
 */
async function decodeErrors(file: string): Promise<string> {
  const r = await run(ffmpeg.path, ['-v', 'error', '-i', file, '-enc_time_base', '-1', '-f', 'null', '-']);
  return r.code === 0 ? r.stderr.trim() : `exit ${r.code}: ${r.stderr}`;
}

/** Top-level MP4 boxes in order. */
async function topBoxes(file: string): Promise<string[]> {
  const data = await readFile(file);
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= data.length;) {
    const size = data.readUInt32BE(at);
    boxes.push(data.toString('latin1', at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  return boxes;
}

async function folderBytes(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((n) =>
      stat(join(dir, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function recorder(dir: string, input: RecorderOptions['input'], over: Partial<RecorderOptions> = {}) {
  const r = new CameraRecorder({
    cameraId: `cam-${recorders.length}`,
    input,
    dir: join(root, dir),
    segmentS: 2,
    maxAgeS: 3600,
    budgetBytes: 64 * 1024 * 1024,
    ffmpeg,
    logger,
    backoffInitialS: 0.3,
    backoffMaxS: 2,
    ...over,
  });
  recorders.push(r);
  await r.start();
  return r;
}

describe.runIf(canServeRtsp() && FFPROBE !== null)('recorder, ring and clips with real ffmpeg and RTSP', () => {
  beforeAll(async () => {
    const resolved = await resolveFfmpeg({ allowBundled: false });
    if (!resolved.binary) throw new Error('no ffmpeg on PATH');
    ffmpeg = resolved.binary;
    root = await mkdtemp(join(tmpdir(), 'anxun-recorder-'));
    locked = await startRtspServer({ clip: CLIP, mount: '/main', user: 'admin', password: PASSWORD });
    mainRing = new Promise((ok, fail) => {
      mainRingReady = ok;
      mainRingFailed = fail;
    });
    mainRing.catch(() => undefined); // the tests that wait on it report the failure
  });

  afterAll(async () => {
    await Promise.all(recorders.map((r) => r.stop()));
    await locked.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it.concurrent(
    'records ~20 s; a clip around a time has the expected length, plays, and is H.264 MP4 with faststart; snapshots are JPEG',
    { timeout: 60_000 },
    async () => {
      const rec = await recorder('main', { kind: 'rtsp', url: locked.url({ user: 'admin', password: PASSWORD }) });
      const span = () => (rec.status().newestAt ?? 0) - (rec.status().oldestAt ?? Infinity);
      await until(() => span() >= 17_000, 40_000, '17 s of complete segments').catch((error: unknown) => {
        mainRingFailed(error);
        throw error;
      });
      await rec.stop();
      const status = rec.status();
      expect(status.state).toBe('stopped');
      const dir = join(root, 'main');
      expect((await readdir(dir)).filter((n) => n.startsWith('.rec-'))).toEqual([]); // stop() named the last one
      mainRingReady(dir);

      const oldest = status.oldestAt ?? 0;
      const { from, to } = clipRange(oldest + 6000); // 5 s before, 10 s after
      const clip = await extractClip({ ffmpeg, ringDir: dir, from, to, outFile: join(root, 'out', 'clip.mp4') });
      const probe = await ffprobe(clip.file);
      console.log(
        `clip: asked 15.00 s, got ${clip.durationS.toFixed(2)} s (ffprobe ${probe.durationS.toFixed(2)} s), starts ${from - clip.startedAt} ms before 'from'`,
      );
      expect(probe.format).toContain('mp4');
      expect(probe.streams.map((s) => s.codec_name)).toEqual(['h264']);
      expect(Math.abs(probe.durationS - 15)).toBeLessThanOrEqual(2); // one segment length
      expect(clip.startedAt).toBeLessThanOrEqual(from + 1);
      expect(from - clip.startedAt).toBeLessThanOrEqual(2000);
      expect(clip.segments.length).toBeGreaterThanOrEqual(7);
      expect(await decodeErrors(clip.file)).toBe('');
      const boxes = await topBoxes(clip.file);
      expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

      // the last segment, cut by stop(), is usable
      const newest = status.newestAt ?? 0;
      const tail = await extractClip({
        ffmpeg,
        ringDir: dir,
        from: newest - 3000,
        to: newest,
        outFile: join(root, 'out', 'tail.mp4'),
      });
      expect(await decodeErrors(tail.file)).toBe('');

      for (const width of [undefined, 320]) {
        const snap = await extractSnapshot({
          ffmpeg,
          ringDir: dir,
          at: oldest + 7300,
          outFile: join(root, 'out', `snap-${width}.jpg`),
          ...(width ? { width } : {}),
        });
        expect(snap.frameAt).toBeLessThanOrEqual(snap.at);
        expect(snap.at - snap.frameAt).toBeLessThan(250); // 5 fps
        const bytes = await readFile(snap.file);
        expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
        const info = await ffprobe(snap.file);
        expect(info.streams[0]).toMatchObject(
          width ? { codec_name: 'mjpeg', width: 320, height: 180 } : { width: 480, height: 270 },
        );
      }

      const outside = extractClip({
        ffmpeg,
        ringDir: dir,
        from: oldest - 60_000,
        to: oldest - 30_000,
        outFile: join(root, 'out', 'none.mp4'),
      });
      await expect(outside).rejects.toMatchObject({ code: 'NO_RECORDING' });
      await expect(
        extractSnapshot({ ffmpeg, ringDir: dir, at: newest + 60_000, outFile: join(root, 'out', 'none.jpg') }),
      ).rejects.toBeInstanceOf(ClipError);
      await expect(stat(join(root, 'out', 'none.mp4'))).rejects.toThrow();
    },
  );

  it.concurrent(
    'keeps the folder under a tiny disk budget at every moment while recording',
    { timeout: 60_000 },
    async () => {
      const budgetBytes = 96 * 1024; // about six 1 s segments of this stream
      const dir = join(root, 'tiny');
      const rec = await recorder(
        'tiny',
        { kind: 'rtsp', url: locked.url({ user: 'admin', password: PASSWORD }) },
        { segmentS: 1, budgetBytes },
      );
      let max = 0;
      let samples = 0;
      const sampler = setInterval(() => {
        void folderBytes(dir).then((b) => {
          max = Math.max(max, b);
          samples += 1;
        });
      }, 100);
      const firstSeen = new Set<string>();
      const watch = setInterval(
        () =>
          void readdir(dir).then(
            (names) => names.forEach((n) => firstSeen.add(n)),
            () => undefined,
          ),
        200,
      );
      await new Promise((r) => setTimeout(r, 16_000));
      clearInterval(sampler);
      clearInterval(watch);
      await rec.stop();
      max = Math.max(max, await folderBytes(dir));
      const kept = (await scanRing(dir)).segments;
      const written = [...firstSeen].filter((n) => parseSegmentName(n));
      console.log(
        `tiny budget: ${budgetBytes} B, largest folder seen ${max} B over ${samples} samples, ${written.length} segments written, ${kept.length} kept`,
      );
      expect(samples).toBeGreaterThan(100);
      expect(max).toBeLessThanOrEqual(budgetBytes);
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(written.length).toBeGreaterThan(kept.length + 4); // the oldest really went
      expect(rec.status().lastError).toBeNull();
    },
  );

  it.concurrent(
    'restarts when the server dies; what was recorded before stays extractable',
    { timeout: 60_000 },
    async () => {
      const server = await startRtspServer({ clip: CLIP, mount: '/cam' });
      const dir = join(root, 'dies');
      const rec = await recorder('dies', { kind: 'rtsp', url: server.url() });
      await until(() => rec.status().segments >= 3, 20_000, 'three segments');
      const port = server.port;
      await server.stop();
      const killedAt = Date.now();
      await until(() => rec.status().state === 'restarting', 10_000, 'restarting');
      const before = (await scanRing(dir)).segments;
      const again = await startRtspServer({ clip: CLIP, mount: '/cam', port });
      try {
        await until(() => (rec.status().newestAt ?? 0) > killedAt + 2000, 20_000, 'segments after the restart');
        expect(rec.status().restarts).toBeGreaterThanOrEqual(1);
        expect(rec.status().lastError?.code).toBeDefined();
        await rec.stop();
      } finally {
        await again.stop();
      }
      const after = (await scanRing(dir)).segments.map((s) => s.name);
      for (const s of before) expect(after).toContain(s.name);
      const first = before[0];
      const last = before.at(-1);
      if (!first || !last) throw new Error('no segments before the kill');
      const from = first.startMs + 500;
      const to = last.startMs + last.durationMs;
      const clip = await extractClip({ ffmpeg, ringDir: dir, from, to, outFile: join(root, 'out', 'before-kill.mp4') });
      expect(Math.abs(clip.durationS - (to - from) / 1000)).toBeLessThanOrEqual(2);
      expect(await decodeErrors(clip.file)).toBe('');
      // across the gap: the recorded parts joined end to end, not running past `to`
      const firstAfter = (await scanRing(dir)).segments.find((s) => s.startMs > last.startMs);
      if (!firstAfter) throw new Error('no segment after the restart');
      const across = await extractClip({
        ffmpeg,
        ringDir: dir,
        from: last.startMs + 300,
        to: firstAfter.startMs + firstAfter.durationMs,
        outFile: join(root, 'out', 'across-gap.mp4'),
      });
      expect(across.segments.slice(-2)).toEqual([last.name, firstAfter.name]);
      const recordedS = (last.startMs + last.durationMs - across.startedAt + firstAfter.durationMs) / 1000;
      expect(Math.abs(across.durationS - recordedS)).toBeLessThanOrEqual(0.5);
      expect(await decodeErrors(across.file)).toBe('');
    },
  );

  it('extracts around a truncated (half-written) segment and skips an empty or garbage one', async () => {
    const src = await mainRing;
    const dir = join(root, 'damaged');
    await mkdir(dir, { recursive: true });
    const segs = (await scanRing(src)).segments;
    for (const s of segs) await copyFile(join(src, s.name), join(dir, s.name));
    const [a, b, c] = [segs[2], segs[3], segs[4]];
    if (!a || !b || !c) throw new Error('too few segments');
    await truncate(join(dir, b.name), Math.floor(b.bytes * 0.55) + 77); // not on a 188-byte packet boundary
    await writeFile(join(dir, c.name), 'this is not MPEG-TS at all; a crash left garbage here');
    const clip = await extractClip({
      ffmpeg,
      ringDir: dir,
      from: a.startMs + 200,
      to: c.startMs + c.durationMs + 1500,
      outFile: join(root, 'out', 'damaged.mp4'),
    });
    expect(clip.segments).toContain(b.name);
    expect(clip.segments).not.toContain(c.name);
    expect(clip.durationS).toBeGreaterThan(3);
    expect(await decodeErrors(clip.file)).toBe('');
    await truncate(join(dir, a.name), 0);
    const again = await extractClip({
      ffmpeg,
      ringDir: dir,
      from: a.startMs + 100,
      to: b.startMs + 500,
      outFile: join(root, 'out', 'damaged2.mp4'),
    });
    expect(again.segments).toContain(b.name);
    expect(again.segments).not.toContain(a.name);
  });

  it(
    'recovers segments a crash left unnamed, plays a file looped, and flushes on stop',
    { timeout: 30_000 },
    async () => {
      const src = await mainRing;
      const dir = join(root, 'crashed');
      await mkdir(dir, { recursive: true });
      const donor = (await scanRing(src)).segments[3];
      if (!donor) throw new Error('no donor segment');
      const leftover = join(dir, partialFileName('dead0', 0));
      await copyFile(join(src, donor.name), leftover);
      await truncate(leftover, Math.floor(donor.bytes / 2) + 50); // mid-packet, as a crash leaves it
      const crashAt = Date.now() - 3_600_000;
      await utimes(leftover, crashAt / 1000, crashAt / 1000);
      await writeFile(join(dir, partialFileName('dead0', 1)), '');
      const rec = await recorder('crashed', { kind: 'file-loop', path: CLIP_PATH }, { segmentS: 1 });
      const recovered = (await scanRing(dir)).segments[0];
      expect(recovered?.startMs).toBeLessThan(crashAt);
      expect(recovered?.startMs).toBeGreaterThan(crashAt - donor.durationMs);
      expect((recovered?.bytes ?? 1) % 188).toBe(0); // cut back to its last whole frame
      await until(() => rec.status().segments >= 3, 15_000, 'segments from the looped file');
      await rec.stop();
      const names = await readdir(dir);
      expect(names.filter((n) => n.startsWith('.rec-'))).toEqual([]);
      const newest = rec.status().newestAt ?? 0;
      const snap = await extractSnapshot({
        ffmpeg,
        ringDir: dir,
        at: newest - 300,
        outFile: join(root, 'out', 'last.jpg'),
      });
      expect((await stat(snap.file)).size).toBeGreaterThan(1000);
    },
  );

  it(
    'reports a folder it cannot write to (failed, with the reason), retries at the longest backoff, and recovers',
    { timeout: 30_000 },
    async () => {
      const dir = join(root, 'vanishing');
      const backoffMaxS = 1.5;
      const rec = await recorder('vanishing', { kind: 'file-loop', path: CLIP_PATH }, { segmentS: 1, backoffMaxS });
      await until(() => rec.status().segments >= 1, 10_000, 'a first segment');
      await rm(dir, { recursive: true, force: true });
      await until(() => rec.status().state === 'failed', 10_000, 'failed');
      const failedAt = Date.now();
      expect(rec.status().lastError?.code).toBe('WRITE_FAILED');
      expect(logLines.some((l) => l.includes('"level":50') && l.includes('WRITE_FAILED'))).toBe(true);
      const restarts = rec.status().restarts;
      await until(() => rec.status().restarts > restarts, 10_000, 'a retry');
      expect(Date.now() - failedAt).toBeGreaterThanOrEqual(backoffMaxS * 1000 - 100); // not a tight loop
      await until(() => rec.status().state === 'recording', 10_000, 'recording again into the folder made anew');
      await rec.stop();
      // ffmpeg's own words for a full disk map to DISK_FULL
      const full =
        '[segment @ 0x55] Failure occurred when ending segment\nError writing trailer of /r/x.ts: No space left on device';
      expect(classifyExit(full, 1).code).toBe('DISK_FULL');
    },
  );

  it('never shows the camera password: wrong password gives AUTH_FAILED, and no log line or status holds it', async () => {
    const rec = await recorder('auth', { kind: 'rtsp', url: locked.url({ user: 'admin', password: 'wr0ng:Guess' }) });
    await until(() => rec.status().lastError !== null, 15_000, 'an error');
    await rec.stop();
    expect(rec.status().lastError?.code).toBe('AUTH_FAILED');
    const everything = [...logLines, ...recorders.map((r) => JSON.stringify(r.status()))].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), 'wr0ng:Guess', encodeURIComponent('wr0ng:Guess')]) {
      expect(everything).not.toContain(secret);
    }
  });
});
