/**
 * Clips and snapshots cut from a camera's recording ring, without re-encoding the video.
 *
 * A clip joins the MPEG-TS segments covering [from, to] with ffmpeg's concat demuxer and copies the packets into
 * an MP4 with its index at the front (`+faststart`), which Chromium plays. Copying can only start on a key
 * frame: the clip starts at the last key frame at or before `from` (so it holds at least the asked pre-roll)
 * and ends at `to`, or at the end of what is recorded. A segment that is empty or not MPEG-TS (a crash in the
 * middle of a write) is skipped; one whose tail was cut short is used up to its last whole frame.
 * Where the range crosses a gap in the recording (ffmpeg restarting), the clip joins the parts end to end.
 *
 * A snapshot decodes the segment holding the instant (at most one segment's worth) and writes that frame as JPEG.
 * Output files appear complete or not at all: ffmpeg writes to a temporary name that is renamed at the end.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { redactText } from '../log/redact';
import type { FfmpegBinary } from './ffmpeg';
import { lastLine } from './probe';
import { coveringSegments, scanRing, segmentAt, TS_PACKET, wholeFramesLength, type Segment } from './recording-ring';

export const DEFAULT_CLIP_PRE_S = 5;
export const DEFAULT_CLIP_POST_S = 10;
const DEFAULT_TIMEOUT_MS = 60_000;

export type ClipErrorCode =
  /** Nothing usable is recorded in the asked range (or at the asked instant). */
  | 'NO_RECORDING'
  /** The range or the options make no sense (to before from, a width out of bounds). */
  | 'BAD_RANGE'
  /** ffmpeg failed or produced nothing. */
  | 'EXTRACT_FAILED';

export class ClipError extends Error {
  constructor(
    readonly code: ClipErrorCode,
    message: string,
  ) {
    super(redactText(message));
    this.name = 'ClipError';
  }
}

export interface ClipOptions {
  ffmpeg: FfmpegBinary;
  ringDir: string;
  from: Date | number;
  to: Date | number;
  outFile: string;
  timeoutMs?: number;
}

export interface ClipResult {
  file: string;
  /** Wall-clock time of the clip's first frame, ms since the epoch. */
  startedAt: number;
  durationS: number;
  /** Names of the segments joined, oldest first. */
  segments: string[];
}

export interface SnapshotOptions {
  ffmpeg: FfmpegBinary;
  ringDir: string;
  at: Date | number;
  outFile: string;
  /** Scale to this width (height keeps the aspect ratio); default: the recorded size. */
  width?: number;
  /** Boxes to draw on the picture, relative to the frame (0..1): the evidence of what was detected. */
  boxes?: readonly { x1: number; y1: number; x2: number; y2: number }[];
  timeoutMs?: number;
}

export interface SnapshotResult {
  file: string;
  /** The instant asked for, ms since the epoch. */
  at: number;
  /** When the frame written was recorded: the last frame at or before `at`. */
  frameAt: number;
  segment: string;
}

/** The clip range around an event at `at`: [at − preS, at + postS], in ms. */
export function clipRange(at: Date | number, preS = DEFAULT_CLIP_PRE_S, postS = DEFAULT_CLIP_POST_S) {
  const t = toMs(at);
  return { from: t - preS * 1000, to: t + postS * 1000 };
}

function toMs(t: Date | number): number {
  return t instanceof Date ? t.getTime() : t;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

interface FfmpegRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs ffmpeg to the end (killed at the timeout), keeping stdout (up to 8 MB) and the tail of stderr. */
export function runFfmpeg(path: string, args: string[], timeoutMs: number): Promise<FfmpegRun> {
  return new Promise((resolveRun) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 8 * 1024 * 1024) stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
    child.on('error', (error) => (stderr += `\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, timedOut });
    });
  });
}

export interface PacketTime {
  /** Seconds, on the file's own timeline. */
  pts: number;
  durationS: number;
  key: boolean;
}

/** Parses ffmpeg's `framecrc` output: `#tb 0: 1/90000`, then `stream, dts, pts, duration, size, crc[, F=..]`. */
export function parseFramecrc(text: string): PacketTime[] {
  const tb = /^#tb 0: (\d+)\/(\d+)$/m.exec(text);
  if (!tb) return [];
  const unit = Number(tb[1]) / Number(tb[2]);
  const packets: PacketTime[] = [];
  for (const line of text.split('\n')) {
    const m = /^0,\s*-?\d+,\s*(-?\d+),\s*(\d+),\s*\d+,\s*0x[0-9a-f]+(.*)$/.exec(line);
    if (!m) continue;
    const flags = /F=0x([0-9A-Fa-f]+)/.exec(m[3] ?? '');
    const key = flags ? (parseInt(flags[1] ?? '0', 16) & 1) === 1 : true;
    packets.push({ pts: Number(m[1]) * unit, durationS: Number(m[2]) * unit, key });
  }
  return packets;
}

/** The video packets of a media file (read, not decoded), or null when ffmpeg cannot read it. */
export async function readPackets(
  ffmpeg: FfmpegBinary,
  file: string,
  timeoutMs = 20_000,
): Promise<PacketTime[] | null> {
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', file];
  const run = await runFfmpeg(ffmpeg.path, [...args, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'], timeoutMs);
  const packets = parseFramecrc(run.stdout);
  return packets.length > 0 ? packets : null;
}

/** Duration of the video in a file, from its packets (first frame to the end of the last), or null. */
export async function mediaDurationS(ffmpeg: FfmpegBinary, file: string): Promise<number | null> {
  const packets = await readPackets(ffmpeg, file);
  if (!packets) return null;
  const first = Math.min(...packets.map((p) => p.pts));
  const end = Math.max(...packets.map((p) => p.pts + p.durationS));
  return end > first ? end - first : null;
}

/** A segment ready to be read: its own file, or a copy cut back to whole frames when its tail is damaged. */
interface Source {
  segment: Segment;
  path: string;
}

/**
 * Drops segments that cannot be MPEG-TS (empty, garbage), and stands in a trimmed copy (in `work`) for one whose
 * tail is cut short or damaged (wholeFramesLength), so no broken frame reaches the clip.
 */
async function prepareSources(ringDir: string, segments: readonly Segment[], work: string): Promise<Source[]> {
  const sources: Source[] = [];
  for (const segment of segments) {
    const path = join(ringDir, segment.name);
    const data = await readFile(path).catch(() => null);
    if (!data || data.length < 2 * TS_PACKET || data[0] !== 0x47) continue;
    const whole = wholeFramesLength(data);
    if (whole === data.length) sources.push({ segment, path });
    else if (whole >= 2 * TS_PACKET) {
      const copy = join(work, segment.name);
      await writeFile(copy, data.subarray(0, whole));
      sources.push({ segment, path: copy });
    }
  }
  return sources;
}

function concatList(sources: readonly Source[]): string {
  const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;
  return ['ffconcat version 1.0', ...sources.map((s) => `file ${quote(resolve(s.path))}`), ''].join('\n');
}

/**
 * The first source that ffmpeg can read, and where the clip starts in it: the last key frame at or before
 * `fromMs` (seconds from the segment's first frame).
 */
async function startPoint(ffmpeg: FfmpegBinary, sources: Source[], fromMs: number) {
  while (sources.length > 0) {
    const first = sources[0] as Source;
    const packets = await readPackets(ffmpeg, first.path);
    if (packets) {
      const origin = Math.min(...packets.map((p) => p.pts));
      const wanted = Math.max(0, (fromMs - first.segment.startMs) / 1000);
      const keys = packets.filter((p) => p.key).map((p) => p.pts - origin);
      return { sources, offsetS: Math.max(0, ...keys.filter((k) => k <= wanted + 1e-6)) };
    }
    sources = sources.slice(1);
  }
  return null;
}

/**
 * How long the copied clip runs: the recorded time from the start point up to `toMs`. Counted per segment, so a
 * gap between segments (ffmpeg restarting) or a skipped segment does not carry the clip past `toMs`.
 */
function clipLengthS(sources: readonly Source[], offsetS: number, toMs: number): number {
  const last = sources.length - 1;
  const ms = sources.reduce((sum, { segment }, i) => {
    const end = i === last ? toMs : Math.min(toMs, segment.startMs + segment.durationMs);
    return sum + Math.max(0, end - segment.startMs);
  }, 0);
  return Math.max(0.001, ms / 1000 - offsetS);
}

function noRecording(fromMs: number, toMs: number): ClipError {
  return new ClipError('NO_RECORDING', `nothing is recorded between ${iso(fromMs)} and ${iso(toMs)}`);
}

async function finish(tmp: string, outFile: string, run: FfmpegRun, what: string): Promise<void> {
  if (run.code !== 0 || run.timedOut) {
    await rm(tmp, { force: true });
    const why = run.timedOut ? 'ffmpeg ran past its time limit' : `ffmpeg failed (${lastLine(run.stderr)})`;
    throw new ClipError('EXTRACT_FAILED', `could not write the ${what}: ${why}`);
  }
  await rename(tmp, outFile);
}

/** Cuts [from, to] out of the ring into an MP4 (H.264 copied, no audio, index first). */
export async function extractClip(options: ClipOptions): Promise<ClipResult> {
  const fromMs = toMs(options.from);
  const toMsValue = toMs(options.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMsValue) || toMsValue <= fromMs) {
    throw new ClipError('BAD_RANGE', `the clip range ${iso(fromMs)} – ${iso(toMsValue)} is empty or invalid`);
  }
  const { ffmpeg, ringDir, outFile } = options;
  const covering = coveringSegments((await scanRing(ringDir)).segments, fromMs, toMsValue);
  const work = await mkdtemp(join(tmpdir(), 'anxun-clip-'));
  try {
    const start = await startPoint(ffmpeg, await prepareSources(ringDir, covering, work), fromMs);
    if (!start) throw noRecording(fromMs, toMsValue);
    const first = (start.sources[0] as Source).segment;
    const lengthS = clipLengthS(start.sources, start.offsetS, toMsValue);
    const list = join(work, 'segments.ffconcat');
    await writeFile(list, concatList(start.sources));
    await mkdir(dirname(resolve(outFile)), { recursive: true });
    const tmp = `${outFile}.part`;
    const args = [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-f', 'concat', '-safe', '0', '-i', list],
      // -ss after -i: packets before the key frame are dropped, nothing is decoded; 1 ms keeps the key frame itself
      ...(start.offsetS > 0 ? ['-ss', Math.max(0, start.offsetS - 0.001).toFixed(6)] : []),
      ...['-t', lengthS.toFixed(6), '-map', '0:v:0', '-an', '-sn', '-dn', '-c', 'copy'],
      ...['-movflags', '+faststart', '-f', 'mp4', '-y', tmp],
    ];
    await finish(tmp, outFile, await runFfmpeg(ffmpeg.path, args, options.timeoutMs ?? DEFAULT_TIMEOUT_MS), 'clip');
    const durationS = await mediaDurationS(ffmpeg, outFile);
    if (durationS === null) {
      await rm(outFile, { force: true });
      throw new ClipError('EXTRACT_FAILED', 'the clip came out empty');
    }
    return {
      file: outFile,
      startedAt: Math.round(first.startMs + start.offsetS * 1000),
      durationS,
      segments: start.sources.map((s) => s.segment.name),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Writes the recorded frame at `at` as a JPEG. */
export async function extractSnapshot(options: SnapshotOptions): Promise<SnapshotResult> {
  const atMs = toMs(options.at);
  const { width, outFile } = options;
  if (!Number.isFinite(atMs)) throw new ClipError('BAD_RANGE', 'the snapshot time is not a valid time');
  if (width !== undefined && (!Number.isInteger(width) || width < 16 || width > 7680)) {
    throw new ClipError('BAD_RANGE', `the snapshot width must be a whole number of pixels from 16 to 7680`);
  }
  const segment = segmentAt((await scanRing(options.ringDir)).segments, atMs);
  const work = await mkdtemp(join(tmpdir(), 'anxun-snapshot-'));
  try {
    const source = segment ? (await prepareSources(options.ringDir, [segment], work))[0] : undefined;
    const packets = source ? await readPackets(options.ffmpeg, source.path) : null;
    if (!segment || !source || !packets) throw new ClipError('NO_RECORDING', `nothing is recorded at ${iso(atMs)}`);
    // the frame on screen at `at`: the last one that starts at or before it
    const origin = Math.min(...packets.map((p) => p.pts));
    const wanted = (atMs - segment.startMs) / 1000;
    const frameS = Math.max(0, ...packets.map((p) => p.pts - origin).filter((t) => t <= wanted + 1e-6));
    await mkdir(dirname(resolve(outFile)), { recursive: true });
    const tmp = `${outFile}.part`;
    const args = [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-i', source.path],
      // -ss after -i decodes from the segment's start: exact, and at most one segment's worth of decoding
      ...['-ss', Math.max(0, frameS - 0.0005).toFixed(6), '-map', '0:v:0', '-frames:v', '1'],
      ...snapshotFilters(width, options.boxes ?? []),
      ...['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '3', '-f', 'mjpeg', '-y', tmp],
    ];
    const run = await runFfmpeg(options.ffmpeg.path, args, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (run.code === 0 && !run.timedOut && !(await looksLikeJpeg(tmp))) {
      await rm(tmp, { force: true });
      throw new ClipError('NO_RECORDING', `the segment holding ${iso(atMs)} has no frame at that time`);
    }
    await finish(tmp, outFile, run, 'snapshot');
    return { file: outFile, at: atMs, frameAt: Math.round(segment.startMs + frameS * 1000), segment: segment.name };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Scale, then red boxes 3 px wide (drawbox takes the box in the scaled picture's pixels, from iw/ih). */
export function snapshotFilters(
  width: number | undefined,
  boxes: readonly { x1: number; y1: number; x2: number; y2: number }[],
): string[] {
  const clamp = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)).toFixed(5);
  const filters = [
    ...(width ? [`scale=${width}:-2`] : []),
    ...boxes.map(
      (b) =>
        `drawbox=x=iw*${clamp(b.x1)}:y=ih*${clamp(b.y1)}:w=iw*${clamp(b.x2 - b.x1)}:h=ih*${clamp(b.y2 - b.y1)}` +
        ':color=red@0.9:t=3',
    ),
  ];
  return filters.length > 0 ? ['-vf', filters.join(',')] : [];
}

async function looksLikeJpeg(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0xff && head[1] === 0xd8;
  } finally {
    await handle.close();
  }
}
