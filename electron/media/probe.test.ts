import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyProbe, parseVideoStream, probeArgs, probeStream, socketTimeoutArgs } from './probe';

const INPUT_51 = `Input #0, rtsp, from 'rtsp://admin:s3cret@127.0.0.1:8554/stream':
  Metadata:
    title           : Session streamed with GStreamer
  Duration: N/A, start: 0.083322, bitrate: N/A
  Stream #0:0: Video: h264 (High), yuv420p(progressive), 480x270, 12 fps, 12 tbr, 90k tbn
Stream mapping:
  Stream #0:0 -> #0:0 (h264 (native) -> wrapped_avframe (native))
Output #0, null, to 'pipe:':
  Stream #0:0: Video: wrapped_avframe, yuv420p(progressive), 1x1, q=2-31, 200 kb/s, 3 fps, 12 tbn
`;

describe('socketTimeoutArgs', () => {
  it('uses -timeout (µs) from 5.0 on, -stimeout before, and nothing when the release is unknown', () => {
    expect(socketTimeoutArgs({ major: 5, minor: 1 }, 2500)).toEqual(['-timeout', '2500000']);
    expect(socketTimeoutArgs({ major: 7, minor: 0 }, 1000)).toEqual(['-timeout', '1000000']);
    expect(socketTimeoutArgs({ major: 4, minor: 1 }, 2500)).toEqual(['-stimeout', '2500000']);
    expect(socketTimeoutArgs(null, 2500)).toEqual([]);
  });

  it('never passes -timeout to a 4.x ffmpeg, where it would listen as a server', () => {
    const args = probeArgs('rtsp://cam/live', { major: 4, minor: 1 }, 3000);
    expect(args).not.toContain('-timeout');
    expect(args).not.toContain('-listen');
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', 'rtsp://cam/live']);
  });

  it('writes one frame, at most 640 px wide, as a JPEG to stdout', () => {
    const args = probeArgs('rtsp://cam/live', { major: 5, minor: 1 }, 3000);
    expect(args.slice(args.indexOf('-frames:v'))).toEqual([
      ...['-frames:v', '1', '-vf', "scale='min(640,iw)':-2"],
      ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2pipe', 'pipe:1'],
    ]);
  });
});

describe('parseVideoStream', () => {
  it('reads codec, size and fps from the input section only', () => {
    expect(parseVideoStream(INPUT_51)).toEqual({ codec: 'h264', width: 480, height: 270, fps: 12 });
  });

  it('reads ffmpeg 4.1 lines, fractional rates and falls back to tbr', () => {
    const v41 = '    Stream #0:0: Video: h264 (High), yuv420p(progressive), 480x270, 12 fps, 12 tbr, 90k tbn, 24 tbc';
    expect(parseVideoStream(v41)).toMatchObject({ width: 480, fps: 12 });
    const hevc = '  Stream #0:1[0x1](und): Video: hevc (Main), yuv420p(tv), 1920x1080 [SAR 1:1 DAR 16:9], 29.97 tbr';
    expect(parseVideoStream(hevc)).toEqual({ codec: 'hevc', width: 1920, height: 1080, fps: 29.97 });
    expect(parseVideoStream('  Stream #0:0: Audio: aac, 8000 Hz, mono')).toBeNull();
  });
});

describe('classifyProbe', () => {
  const fail = (stderr: string) => classifyProbe(stderr, 1);

  it('maps ffmpeg errors to codes and never shows the password', () => {
    const url = 'rtsp://admin:s3cret@127.0.0.1:8554/stream';
    const cases: [string, string][] = [
      [
        `[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\n${url}: Server returned 401 Unauthorized`,
        'AUTH_FAILED',
      ],
      [`[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found\n${url}: Server returned 404 Not Found`, 'NOT_FOUND'],
      [
        `[tcp @ 0x1] Connection to tcp://127.0.0.1:8554 failed: Connection refused\n${url}: Connection refused`,
        'UNREACHABLE',
      ],
      [`${url}: No route to host`, 'UNREACHABLE'],
      [`${url}: Connection timed out`, 'TIMEOUT'],
      [
        `Input #0, rtsp, from '${url}':\n  Stream #0:0: Audio: pcm_mulaw, 8000 Hz\nOutput file #0 does not contain any stream`,
        'NO_VIDEO',
      ],
      [`${url}: Server returned 5XX Server Error reply`, 'STREAM_ERROR'],
    ];
    for (const [stderr, code] of cases) {
      const r = fail(stderr);
      expect(r, stderr).toMatchObject({ ok: false, code });
      expect(JSON.stringify(r)).not.toContain('s3cret');
    }
  });

  it('is ok only when a video stream was found and ffmpeg ended well', () => {
    expect(classifyProbe(INPUT_51, 0)).toEqual({
      ok: true,
      codec: 'h264',
      width: 480,
      height: 270,
      fps: 12,
      preview: null,
    });
    expect(classifyProbe(INPUT_51, 1)).toMatchObject({ ok: false, code: 'STREAM_ERROR' });
  });
});

describe('probeStream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers BAD_URL without running ffmpeg', async () => {
    const marker = join(dir, 'ran');
    const fake = join(dir, 'fake-ffmpeg');
    writeFileSync(fake, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(fake, 0o755);
    for (const url of ['http://a:s3cret@cam/x', 'not a url']) {
      const r = await probeStream(url, { ffmpegPath: fake, release: null });
      expect(r).toMatchObject({ ok: false, code: 'BAD_URL' });
      expect(JSON.stringify(r)).not.toContain('s3cret');
    }
    expect(() => readFileSync(marker)).toThrow();
  });

  it('kills an ffmpeg that runs past the timeout and answers TIMEOUT', async () => {
    const pidFile = join(dir, 'pid');
    const fake = join(dir, 'hanging-ffmpeg');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`);
    chmodSync(fake, 0o755);
    const started = Date.now();
    const r = await probeStream('rtsp://cam/live', { ffmpegPath: fake, release: null, timeoutMs: 400 });
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1400);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('answers STREAM_ERROR when ffmpeg cannot be run', async () => {
    const r = await probeStream('rtsp://cam/live', { ffmpegPath: join(dir, 'missing'), release: null });
    expect(r).toMatchObject({ ok: false, code: 'STREAM_ERROR' });
  });
});
