/**
 * Probing a camera: connect over RTSP (TCP), read the first video frame with ffmpeg and report the codec, size
 * and frame rate with that frame as a small JPEG preview, or a stable error code. Bounded by a timeout: ffmpeg is killed when it runs past it, so no
 * process is left behind. Nothing from ffmpeg reaches a message without going through redactText.
 */
import { spawn } from 'node:child_process';
import { redactText } from '../log/redact';
import type { FfmpegBinary } from './ffmpeg';
import { parseRtspUrl } from './rtsp-url';

export type ProbeErrorCode =
  | 'AUTH_FAILED'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'NOT_FOUND'
  | 'NO_VIDEO'
  | 'BAD_URL'
  /** ffmpeg failed for another reason (a server error, an undecodable stream, ffmpeg missing). */
  | 'STREAM_ERROR';

/** Width of the preview JPEG at most (smaller pictures keep their size). */
export const PREVIEW_MAX_WIDTH = 640;
const PREVIEW_MAX_BYTES = 2 * 1024 * 1024;

export type ProbeResult =
  | {
      ok: true;
      codec: string;
      width: number;
      height: number;
      fps: number | null;
      /** The first frame as a JPEG at most PREVIEW_MAX_WIDTH wide; null when ffmpeg wrote none. */
      preview: Buffer | null;
    }
  | { ok: false; code: ProbeErrorCode; message: string };

export interface ProbeOptions {
  timeoutMs?: number;
  ffmpegPath: string;
  /** ffmpeg's release, from resolveFfmpeg(): it decides the name of the socket-timeout option. */
  release: FfmpegBinary['release'];
}

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/**
 * The RTSP socket-timeout option for this ffmpeg. From 5.0 on it is `-timeout` (microseconds). Before 5.0 it
 * is `-stimeout`, and `-timeout` there makes ffmpeg LISTEN as a server, so it is never passed to those.
 * Unknown release: no option at all; the caller's own kill bounds the wait.
 */
export function socketTimeoutArgs(release: FfmpegBinary['release'], timeoutMs: number): string[] {
  if (release === null) return [];
  const micros = String(Math.max(1, Math.round(timeoutMs)) * 1000);
  return release.major >= 5 ? ['-timeout', micros] : ['-stimeout', micros];
}

export function probeArgs(url: string, release: FfmpegBinary['release'], timeoutMs: number): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'info', '-rtsp_transport', 'tcp'],
    ...socketTimeoutArgs(release, timeoutMs),
    ...['-analyzeduration', '0', '-probesize', '32768', '-i', url],
    ...['-an', '-sn', '-dn', '-frames:v', '1', '-vf', `scale='min(${PREVIEW_MAX_WIDTH},iw)':-2`],
    ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2pipe', 'pipe:1'],
  ];
}

const VIDEO_LINE = /Stream #\d+:\d+\S*: Video: ([A-Za-z0-9_]+)[^\n]*?, (\d{1,5})x(\d{1,5})(?=[\s,])[^\n]*/;

/** The first video stream of the input, from ffmpeg's stderr (the part before the output is described). */
export function parseVideoStream(
  stderr: string,
): { codec: string; width: number; height: number; fps: number | null } | null {
  const input = stderr.split(/^(?:Stream mapping:|Output #0)/m)[0] ?? '';
  const m = VIDEO_LINE.exec(input);
  if (!m) return null;
  const line = m[0];
  const rate = /, ([\d.]+)(k?) fps/.exec(line) ?? /, ([\d.]+)(k?) tbr/.exec(line);
  const fps = rate ? Number(rate[1]) * (rate[2] === 'k' ? 1000 : 1) : null;
  return { codec: m[1] ?? '', width: Number(m[2]), height: Number(m[3]), fps: fps !== null && fps > 0 ? fps : null };
}

/** The last line of ffmpeg's stderr worth showing, redacted. */
export function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('frame=') && !l.startsWith('video:'));
  return redactText(lines.at(-1) ?? 'no output');
}

const FAILURES: { code: ProbeErrorCode; pattern: RegExp; message: string }[] = [
  {
    code: 'AUTH_FAILED',
    pattern: /401 Unauthorized|authorization failed/i,
    message: 'the camera refused the user name or password',
  },
  { code: 'NOT_FOUND', pattern: /404 Not Found/i, message: 'the camera has no stream at this path' },
  {
    code: 'UNREACHABLE',
    pattern:
      /Connection refused|No route to host|Network is unreachable|Name or service not known|Temporary failure in name resolution|Host is unreachable|Cannot assign requested address/i,
    message: 'cannot connect to the camera',
  },
  { code: 'TIMEOUT', pattern: /timed out|Operation timed out/i, message: 'the camera did not answer in time' },
];

/** Maps what ffmpeg printed and how it ended to a result (the preview, from its output, is added by the caller). */
export function classifyProbe(stderr: string, exitCode: number | null): ProbeResult {
  for (const f of FAILURES) {
    if (f.pattern.test(stderr)) return { ok: false, code: f.code, message: `${f.message} (${lastLine(stderr)})` };
  }
  const video = parseVideoStream(stderr);
  if (video && exitCode === 0) return { ok: true, ...video, preview: null };
  if (!video && /^Input #0/m.test(stderr)) {
    return { ok: false, code: 'NO_VIDEO', message: 'the stream carries no video' };
  }
  return { ok: false, code: 'STREAM_ERROR', message: `ffmpeg could not read the stream (${lastLine(stderr)})` };
}

function runFfmpeg(path: string, args: string[], timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    const jpeg: Buffer[] = [];
    let jpegBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      jpegBytes += chunk.length;
      if (jpegBytes <= PREVIEW_MAX_BYTES) jpeg.push(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 256 * 1024) stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, code: 'STREAM_ERROR', message: `cannot run ffmpeg: ${redactText(error.message)}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        const message = `the camera did not deliver a video frame within ${timeoutMs} ms`;
        resolve({ ok: false, code: 'TIMEOUT', message });
      } else {
        const result = classifyProbe(stderr, code);
        const preview = Buffer.concat(jpeg);
        const isJpeg = jpegBytes <= PREVIEW_MAX_BYTES && preview[0] === 0xff && preview[1] === 0xd8;
        resolve(result.ok && isJpeg ? { ...result, preview } : result);
      }
    });
  });
}

/** Connects to the camera and reads its first video frame; resolves within about `timeoutMs`. */
export async function probeStream(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const parsed = parseRtspUrl(url);
  if (!parsed.ok) return { ok: false, code: 'BAD_URL', message: parsed.message };
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  return runFfmpeg(options.ffmpegPath, probeArgs(url.trim(), options.release, timeoutMs), timeoutMs);
}
