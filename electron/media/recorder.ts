/**
 * One camera's recorder: ffmpeg copies the record stream (no re-encode, video only: `-an`, since cameras' G.711
 * audio does not go into MP4 without re-encoding) into MPEG-TS segments of about `segmentS` seconds in the
 * camera's ring folder. MPEG-TS because a segment cut short by a crash, a kill or a full disk stays readable up to
 * its last packet (an unfragmented MP4 needs its index, written last); ffmpeg flushes every packet to disk.
 *
 * ffmpeg names a segment `.rec-<run>-<n>.ts` and reports it on stdout when it ends (`-segment_list` CSV:
 * file, start, end on the run's timeline); the recorder then renames it after its wall-clock start and duration
 * (see recording-ring.ts). The wall-clock start is the run's timeline plus an offset learnt from when those
 * reports arrive. Segments left as `.rec-` by a crash are cut back to their last whole frame and named from their
 * packets and modification time. Over RTSP ffmpeg gives the first frame of a connection no timestamp and its muxer
 * places it one tick before the second: kept, since it is the key frame the next ones need.
 *
 * The ring is kept within its disk budget and age limit on every new segment and every `tickMs` (250 ms): the
 * oldest segments go first, never the one being written, and room for that one to grow is reserved (twice the
 * largest recent segment, RESERVE_FACTOR explains why), so the folder, the segment being written included, stays
 * under the budget. ffmpeg exits are restarts with backoff; a full or unwritable disk is reported (state `failed`,
 * `lastError`) and retried at the longest backoff, not in a tight loop. The camera URL is never logged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rename, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../log/logger';
import { redactText } from '../log/redact';
import { mediaDurationS } from './clip';
import type { FfmpegBinary } from './ffmpeg';
import { classifyProbe, lastLine, socketTimeoutArgs, type ProbeErrorCode } from './probe';
import {
  deleteFiles,
  parsePartialName,
  parseSegmentListLine,
  partialFileName,
  partialPattern,
  planDeletions,
  reserveBytes,
  scanRing,
  segmentFileName,
  TS_PACKET,
  wallOffsetMs,
  wholeFramesLength,
  type RingListing,
} from './recording-ring';

export type RecorderInput = { kind: 'rtsp'; url: string } | { kind: 'file-loop'; path: string };

export interface RecorderOptions {
  cameraId: string;
  /** The record stream (URL with its credentials, used only on ffmpeg's command line), or a file played looped. */
  input: RecorderInput;
  /** This camera's ring folder (created when missing). */
  dir: string;
  segmentS?: number;
  maxAgeS: number;
  budgetBytes: number;
  ffmpeg: FfmpegBinary;
  logger: Logger;
  /** RTSP socket timeout. */
  socketTimeoutS?: number;
  /** The segment being written not growing for this long is a stall: ffmpeg is restarted. */
  stallTimeoutS?: number;
  backoffInitialS?: number;
  backoffMaxS?: number;
  tickMs?: number;
  now?: () => number;
}

export type RecorderState =
  /** Segments are reaching the disk. */
  | 'recording'
  /** Starting, reaching the camera, or waiting out the backoff after ffmpeg exited. */
  | 'restarting'
  | 'stopped'
  /**
   * A failure a quick retry will not cure: the disk full or not writable, ffmpeg missing (retried at the longest
   * backoff), or the budget smaller than one segment (not retried).
   */
  | 'failed';

export type RecorderErrorCode =
  | ProbeErrorCode
  /** ffmpeg could not write: the disk is full. */
  | 'DISK_FULL'
  /** ffmpeg could not write for another reason (folder missing, not writable, I/O error). */
  | 'WRITE_FAILED'
  /** The segment being written alone is larger than the disk budget: recording stops until reconfigured. */
  | 'BUDGET_TOO_SMALL'
  | 'STALLED'
  /** ffmpeg ended without an error (the camera closed the stream). */
  | 'STREAM_ENDED';

export interface RecorderError {
  code: RecorderErrorCode;
  message: string;
  at: number;
}

export interface RecorderStatus {
  cameraId: string;
  state: RecorderState;
  segments: number;
  bytes: number;
  /** Start of the oldest segment, ms since the epoch. */
  oldestAt: number | null;
  /** End of the newest complete segment. */
  newestAt: number | null;
  lastError: RecorderError | null;
  restarts: number;
}

export const DEFAULT_SEGMENT_S = 4;

export function recordArgs(
  input: RecorderInput,
  dir: string,
  runTag: string,
  segmentS: number,
  socketTimeoutMs: number,
  release: FfmpegBinary['release'],
): string[] {
  const source =
    input.kind === 'rtsp'
      ? ['-rtsp_transport', 'tcp', ...socketTimeoutArgs(release, socketTimeoutMs), '-i', input.url]
      : ['-re', '-stream_loop', '-1', '-i', input.path];
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-analyzeduration', '1000000', ...source],
    ...['-map', '0:v:0', '-an', '-sn', '-dn', '-c', 'copy'],
    ...['-f', 'segment', '-segment_time', String(segmentS), '-segment_format', 'mpegts'],
    // every packet goes to disk at once: a crash loses at most the packet being written
    ...['-segment_format_options', 'flush_packets=1', '-reset_timestamps', '1'],
    ...['-segment_list', 'pipe:1', '-segment_list_type', 'csv', join(dir, partialPattern(runTag))],
  ];
}

const WRITE_FAILURES: { code: RecorderErrorCode; pattern: RegExp; message: string }[] = [
  { code: 'DISK_FULL', pattern: /No space left on device|Disk quota exceeded/i, message: 'the disk is full' },
  {
    code: 'WRITE_FAILED',
    pattern:
      /Failed to open segment|Could not write header|Error writing trailer|Error closing file|Read-only file system|Input\/output error/i,
    message: 'ffmpeg cannot write the recording',
  },
];

/** Why a recording ffmpeg ended, from its stderr and exit code. */
export function classifyExit(stderr: string, code: number | null): { code: RecorderErrorCode; message: string } {
  for (const f of WRITE_FAILURES) {
    if (f.pattern.test(stderr)) return { code: f.code, message: `${f.message} (${lastLine(stderr)})` };
  }
  if (code === 0) return { code: 'STREAM_ENDED', message: 'the stream ended' };
  const probe = classifyProbe(stderr, code);
  return probe.ok ? { code: 'STREAM_ERROR', message: lastLine(stderr) } : probe;
}

interface Run {
  tag: string;
  child: ChildProcess;
  /** Segments of this run that ffmpeg has reported complete. */
  completed: number;
  samples: { seenAtMs: number; mediaEndS: number }[];
  /** Wall-clock end of the last complete segment. */
  lastEndMs: number | null;
  stderr: string;
  /** Set when ffmpeg could not be started at all. */
  spawnError: string | null;
  partialBytes: number;
  grewAt: number;
  /** Set when the recorder ended the run itself (stall, budget). */
  endedFor: RecorderError | null;
  exited: Promise<void>;
}

const REMEMBERED_SIZES = 8;
const OFFSET_WINDOW = 16;
const FULL_SCAN_MS = 60_000;

export class CameraRecorder {
  private state: RecorderState = 'stopped';
  private run: Run | null = null;
  private runCount = 0;
  private listing: RingListing = { segments: [], partials: [], foreignBytes: 0 };
  private lastScanAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private active = false;
  private restarts = 0;
  private backoffS: number;
  private lastError: RecorderError | null = null;
  /** The last run ended in a failure that a quick retry will not cure (see onExit). */
  private persistentFailure = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly segmentS: number;

  constructor(private readonly options: RecorderOptions) {
    this.log = options.logger.child({ module: 'recorder', camera: options.cameraId });
    this.now = options.now ?? Date.now;
    this.segmentS = options.segmentS ?? DEFAULT_SEGMENT_S;
    this.backoffS = options.backoffInitialS ?? 1;
  }

  /** Recovers segments a crash left behind, then starts ffmpeg. Problems show in status(), never as a rejection. */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    this.state = 'restarting';
    try {
      await mkdir(this.options.dir, { recursive: true });
      await this.serial(async () => {
        await this.rescan();
        for (const p of this.listing.partials) await this.recoverPartial(p.name, null);
        await this.rescan();
      });
    } catch (error) {
      this.fail('WRITE_FAILED', `cannot use the recording folder: ${(error as Error).message}`);
      return;
    }
    if (!this.active) return;
    this.timer = setInterval(() => void this.serial(() => this.tick()), this.options.tickMs ?? 250);
    this.spawnRun();
  }

  /** Stops ffmpeg gracefully (it finishes the segment it is writing), then names that last segment. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.timer = this.restartTimer = null;
    const run = this.run;
    if (run) {
      const force = setTimeout(() => run.child.kill('SIGKILL'), 5000);
      run.child.kill('SIGTERM');
      await run.exited;
      clearTimeout(force);
    }
    await this.serial(() => this.enforce());
    this.state = 'stopped';
  }

  status(): RecorderStatus {
    const segs = this.listing.segments;
    const newest = segs.at(-1);
    return {
      cameraId: this.options.cameraId,
      state: this.state,
      segments: segs.length,
      bytes: segs.reduce((n, s) => n + s.bytes, 0) + this.listing.partials.reduce((n, p) => n + p.bytes, 0),
      oldestAt: segs[0]?.startMs ?? null,
      newestAt: newest ? newest.startMs + newest.durationMs : null,
      lastError: this.lastError,
      restarts: this.restarts,
    };
  }

  /** Runs ring changes one at a time (renames, deletions and scans never interleave); a failure is logged. */
  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => {
      this.log.error({ err: error }, 'recording ring update failed');
    });
    this.queue = next;
    return next;
  }

  private spawnRun(): void {
    const { options } = this;
    const tag = `${this.now().toString(36)}${(this.runCount++).toString(36)}`;
    const args = recordArgs(
      options.input,
      options.dir,
      tag,
      this.segmentS,
      (options.socketTimeoutS ?? 10) * 1000,
      options.ffmpeg.release,
    );
    const child = spawn(options.ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let exited!: () => void;
    const run: Run = {
      tag,
      child,
      completed: 0,
      samples: [],
      lastEndMs: null,
      stderr: '',
      spawnError: null,
      partialBytes: 0,
      grewAt: this.now(),
      endedFor: null,
      exited: new Promise<void>((r) => (exited = r)),
    };
    this.run = run;
    // `recording` once data reaches the disk (tick, onSegmentEnd); until then the camera is still being reached
    createInterface({ input: child.stdout }).on('line', (line) => this.onSegmentEnd(run, line));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr = (run.stderr + chunk.toString('utf8')).slice(-4096)));
    child.on('error', (error) => (run.spawnError = error.message));
    child.on('close', (code) => void this.serial(() => this.onExit(run, code)).finally(exited));
    this.log.info({ run: tag, segmentS: this.segmentS, input: options.input.kind }, 'recording started');
  }

  private onSegmentEnd(run: Run, line: string): void {
    const entry = parseSegmentListLine(line);
    const index = entry ? parsePartialName(entry.file.split(/[\\/]/).pop() ?? '')?.index : undefined;
    if (!entry || index === undefined) return;
    // The report for segment k came as segment k+1's first frame arrived: a sample for segment k+1's start. The
    // segment is named from the samples before its own (which measured its start), the run's first from its own.
    // The last report of a run comes at the end of the stream, not with a next frame: it names nothing else.
    const offset = wallOffsetMs(run.samples, OFFSET_WINDOW) ?? this.now() - entry.endS * 1000;
    run.samples.push({ seenAtMs: this.now(), mediaEndS: entry.endS });
    if (run.samples.length > 4 * OFFSET_WINDOW) run.samples.splice(0, run.samples.length - OFFSET_WINDOW);
    const startMs = entry.startS * 1000 + offset;
    const durationMs = (entry.endS - entry.startS) * 1000;
    run.completed = Math.max(run.completed, index + 1);
    run.lastEndMs = startMs + durationMs;
    this.grew(run);
    this.backoffS = this.options.backoffInitialS ?? 1;
    void this.serial(async () => {
      await this.finalize(partialFileName(run.tag, index), startMs, durationMs);
      await this.enforce();
    });
  }

  /** Renames a finished `.rec-` file after its start and duration and adds it to the listing. */
  private async finalize(tmpName: string, startMs: number, durationMs: number): Promise<void> {
    const { dir } = this.options;
    let start = Math.round(startMs);
    while (this.listing.segments.some((s) => s.name === segmentFileName(start, durationMs))) start += 1;
    const name = segmentFileName(start, durationMs);
    // Windows cannot rename a file ffmpeg still holds open: it closes it right after reporting it, so retry briefly
    for (let attempt = 1; ; attempt += 1) {
      try {
        await rename(join(dir, tmpName), join(dir, name));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || attempt === 3) {
          this.log.warn({ err: error, file: tmpName }, 'cannot name a finished segment');
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const bytes = (await stat(join(dir, name)).catch(() => null))?.size ?? 0;
    this.listing.partials = this.listing.partials.filter((p) => p.name !== tmpName);
    this.listing.segments.push({ name, startMs: start, durationMs: Math.round(durationMs), bytes });
    this.listing.segments.sort((a, b) => a.startMs - b.startMs);
  }

  /**
   * Names a `.rec-` file that ffmpeg never reported (killed, crashed): its duration comes from its packets, its
   * start from the end of the run's previous segment or else from its modification time. Empty or unreadable
   * files hold nothing to keep and are deleted.
   */
  private async recoverPartial(name: string, knownStartMs: number | null): Promise<void> {
    const path = join(this.options.dir, name);
    const info = await stat(path).catch(() => null);
    const data = info ? await readFile(path).catch(() => null) : null;
    if (!info || !data) return;
    const whole = wholeFramesLength(data);
    if (whole < data.length) await truncate(path, whole);
    const durationS = whole >= 2 * TS_PACKET ? await mediaDurationS(this.options.ffmpeg, path) : null;
    if (durationS === null) {
      await deleteFiles(this.options.dir, [name]);
      this.listing.partials = this.listing.partials.filter((p) => p.name !== name);
      this.log.info({ file: name, bytes: data.length }, 'deleted a partial segment without a whole frame');
      return;
    }
    // the last write before the crash, taken before truncate() moved it
    await this.finalize(name, knownStartMs ?? info.mtimeMs - durationS * 1000, durationS * 1000);
    this.log.info({ file: name, durationS, cutBytes: data.length - whole }, 'recovered a partial segment');
  }

  private async onExit(run: Run, code: number | null): Promise<void> {
    if (this.run === run) this.run = null;
    const leftovers = (await scanRing(this.options.dir)).partials.filter(
      (p) => parsePartialName(p.name)?.runTag === run.tag,
    );
    for (const p of leftovers) await this.recoverPartial(p.name, p.index === run.completed ? run.lastEndMs : null);
    await this.rescan();
    if (!this.active) return;
    const error = run.endedFor ?? {
      ...(run.spawnError
        ? { code: 'STREAM_ERROR' as const, message: `cannot run ffmpeg: ${run.spawnError}` }
        : classifyExit(run.stderr, code)),
      at: this.now(),
    };
    this.lastError = { ...error, message: redactText(error.message) };
    if (error.code === 'BUDGET_TOO_SMALL') {
      this.fail(error.code, error.message);
      return this.enforce();
    }
    // failures that a retry a second later will not cure: reported as `failed`, retried at the longest backoff
    this.persistentFailure = error.code === 'DISK_FULL' || error.code === 'WRITE_FAILED' || run.spawnError !== null;
    const maxS = this.options.backoffMaxS ?? 30;
    const delayS = this.persistentFailure ? maxS : this.backoffS;
    this.backoffS = Math.min(maxS, this.backoffS * 2);
    this.state = this.persistentFailure ? 'failed' : 'restarting';
    const fields = { code, error: this.lastError.code, message: this.lastError.message, retryInS: delayS };
    if (this.persistentFailure) this.log.error(fields, 'recording cannot go on');
    else this.log.warn(fields, 'recording ffmpeg exited');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      // a folder deleted under the recorder is made again (the budget still bounds what goes into it)
      void mkdir(this.options.dir, { recursive: true })
        .catch(() => undefined)
        .then(() => {
          if (!this.active || this.run) return;
          this.restarts += 1;
          this.spawnRun();
        });
    }, delayS * 1000);
  }

  private fail(code: RecorderErrorCode, message: string): void {
    this.lastError = { code, message: redactText(message), at: this.now() };
    this.state = 'failed';
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.log.error({ error: code, message: this.lastError.message }, 'recording stopped');
  }

  private async rescan(): Promise<void> {
    this.listing = await scanRing(this.options.dir);
    this.lastScanAt = this.now();
  }

  /** Measures the segment being written (and re-measures the newest one), enforces the ring, watches for stalls. */
  private async tick(): Promise<void> {
    if (this.now() - this.lastScanAt > FULL_SCAN_MS) await this.rescan();
    const run = this.run;
    const newest = this.listing.segments.at(-1);
    if (newest)
      newest.bytes = (await stat(join(this.options.dir, newest.name)).catch(() => null))?.size ?? newest.bytes;
    if (run) {
      const name = partialFileName(run.tag, run.completed);
      const bytes = (await stat(join(this.options.dir, name)).catch(() => null))?.size ?? 0;
      if (bytes > run.partialBytes) this.grew(run);
      run.partialBytes = bytes;
      const others = this.listing.partials.filter((p) => p.name !== name);
      const partial = { name, runTag: run.tag, index: run.completed, bytes, mtimeMs: this.now() };
      this.listing.partials = bytes > 0 ? [...others, partial] : others;
      const stallMs = (this.options.stallTimeoutS ?? Math.max(20, 3 * this.segmentS)) * 1000;
      if (this.now() - run.grewAt > stallMs && !run.endedFor) {
        this.endRun(run, 'STALLED', `nothing was recorded for ${stallMs / 1000} s`);
      }
    }
    await this.enforce();
  }

  private grew(run: Run): void {
    run.grewAt = this.now();
    if (this.run !== run || !this.active) return;
    this.persistentFailure = false;
    this.state = 'recording';
  }

  private endRun(run: Run, code: RecorderErrorCode, message: string): void {
    run.endedFor = { code, message, at: this.now() };
    this.log.warn({ error: code, message }, 'ending the recording ffmpeg');
    run.child.kill('SIGTERM');
    setTimeout(() => run.child.kill('SIGKILL'), 3000).unref();
  }

  /** Deletes what the age limit and the budget require (see planDeletions). */
  private async enforce(): Promise<void> {
    const run = this.run;
    const writing = run ? partialFileName(run.tag, run.completed) : null;
    const recent = this.listing.segments.slice(-REMEMBERED_SIZES).map((s) => s.bytes);
    const plan = planDeletions(this.listing, {
      budgetBytes: this.options.budgetBytes,
      maxAgeMs: this.options.maxAgeS * 1000,
      now: this.now(),
      protect: new Set(writing ? [writing] : []),
      reserveBytes: reserveBytes(recent),
    });
    if (plan.delete.length > 0) {
      const failed = await deleteFiles(this.options.dir, plan.delete);
      const gone = new Set(plan.delete.filter((n) => !failed.some((f) => f.name === n)));
      this.listing.segments = this.listing.segments.filter((s) => !gone.has(s.name));
      this.listing.partials = this.listing.partials.filter((p) => !gone.has(p.name));
      if (failed.length > 0) this.log.error({ failed }, 'cannot delete old segments');
      this.log.debug({ deleted: gone.size, bytesAfter: plan.bytesAfter }, 'ring trimmed');
    }
    if (!plan.fits && run && !run.endedFor) {
      const message = `one segment is larger than the disk budget of ${this.options.budgetBytes} bytes`;
      this.endRun(run, 'BUDGET_TOO_SMALL', message);
    }
  }
}
