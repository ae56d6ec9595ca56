/**
 * Decodes a video file into packed BGR24 frames with ffmpeg, sampled at a fixed rate: the real-media input of
 * tests and benchmarks of the vision modules. ffmpeg's pipe delivers bytes in chunks of any size, so frames are
 * assembled from the byte stream and never assumed to arrive one per chunk.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { RawFrame } from '../vision/types';
import { resolveFfmpeg } from './ffmpeg';

export interface DecodeOptions {
  /** Frames per second to sample (ffmpeg's fps filter). */
  fps: number;
  /** Output size; with only one of them the other follows the aspect; with neither, the video's own size. */
  width?: number;
  height?: number;
  /** ffmpeg binary; by default the one `resolveFfmpeg()` finds. */
  ffmpegPath?: string;
  /** Stop after this many frames. */
  maxFrames?: number;
}

export interface DecodedFrame extends RawFrame {
  /** 0, 1, 2, … in decoding order. */
  index: number;
  /** Capture time within the video, index / fps, in milliseconds. */
  timeMs: number;
}

/** Collects a byte stream into frames of `frameBytes` bytes, whatever the chunk sizes. */
export class FrameAssembler {
  private current: Uint8Array | null = null;
  private filled = 0;

  constructor(readonly frameBytes: number) {
    if (!Number.isInteger(frameBytes) || frameBytes < 1) throw new RangeError(`invalid frame size ${frameBytes}`);
  }

  /** Bytes of an incomplete frame held back. */
  get pendingBytes(): number {
    return this.filled;
  }

  /** Adds a chunk; returns the frames it completed (each its own buffer), oldest first. */
  push(chunk: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const frame = (this.current ??= new Uint8Array(this.frameBytes));
      const n = Math.min(this.frameBytes - this.filled, chunk.length - offset);
      frame.set(chunk.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameBytes) {
        done.push(frame);
        this.current = null;
        this.filled = 0;
      }
    }
    return done;
  }
}

export function decodeArgs(file: string, options: DecodeOptions): string[] {
  const filters = [`fps=${options.fps}`];
  if (options.width !== undefined || options.height !== undefined) {
    filters.push(`scale=${options.width ?? -1}:${options.height ?? -1}`);
  }
  return ['-hide_banner', '-nostdin', '-nostats', '-i', file, '-an', '-sn', '-vf', filters.join(',')].concat([
    '-f',
    'rawvideo',
    '-pix_fmt',
    'bgr24',
    'pipe:1',
  ]);
}

/** The size of the output video stream, from ffmpeg's log ("Output #0 … Stream #0:0: Video: rawvideo …, WxH"). */
export function parseOutputSize(log: string): { width: number; height: number } | null {
  const m = /Output #0[\s\S]*?Stream #\d+:\d+[^\n]*?: Video: [^\n]*?, (\d+)x(\d+)/.exec(log);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

function checkOptions(options: DecodeOptions): void {
  if (!(options.fps > 0) || !Number.isFinite(options.fps)) throw new RangeError(`invalid fps ${options.fps}`);
  for (const side of [options.width, options.height]) {
    if (side !== undefined && (!Number.isInteger(side) || side < 1)) throw new RangeError(`invalid size ${side}`);
  }
}

async function ffmpegPath(options: DecodeOptions): Promise<string> {
  if (options.ffmpegPath) return options.ffmpegPath;
  const { binary, problems } = await resolveFfmpeg();
  if (!binary) throw new Error(`cannot decode video: no usable ffmpeg (${problems.join('; ')})`);
  return binary.path;
}

function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

interface FfmpegRun {
  /** The end of ffmpeg's log so far. */
  log: () => string;
  /** The output frame size, once known. */
  size: () => { width: number; height: number } | null;
  /** Settles when the size is known or ffmpeg has ended. */
  sizeKnown: Promise<void>;
  ended: Promise<{ code: number | null; error?: Error }>;
}

/** Follows ffmpeg's log (for the output size and error messages) and its exit. */
function watchFfmpeg(child: ChildProcessByStdio<null, Readable, Readable>, options: DecodeOptions): FfmpegRun {
  let log = '';
  let size =
    options.width !== undefined && options.height !== undefined
      ? { width: options.width, height: options.height }
      : null;
  let announceSize = (): void => undefined;
  const sizeKnown = new Promise<void>((resolve) => (announceSize = resolve));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    log = (log + text).slice(-16_384);
    size ??= parseOutputSize(log);
    if (size) announceSize();
  });
  const ended = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  void ended.then(() => announceSize());
  return { log: () => log, size: () => size, sizeKnown, ended };
}

/**
 * Yields the frames of `file` sampled at `options.fps`. Throws, with the end of ffmpeg's log, when ffmpeg cannot
 * be started, exits with an error, or stops in the middle of a frame. Breaking out of the loop stops ffmpeg.
 */
export async function* decodeVideoFrames(file: string, options: DecodeOptions): AsyncGenerator<DecodedFrame> {
  checkOptions(options);
  const bin = await ffmpegPath(options);
  const child = spawn(bin, decodeArgs(file, options), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const run = watchFfmpeg(child, options);
  let assembler: FrameAssembler | null = null;
  let index = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      await run.sizeKnown;
      const size = run.size();
      if (!size) throw new Error(`ffmpeg did not report the frame size of ${file}:\n${tail(run.log())}`);
      assembler ??= new FrameAssembler(size.width * size.height * 3);
      for (const data of assembler.push(chunk)) {
        yield { ...size, data, index, timeMs: (index * 1000) / options.fps };
        if (++index === options.maxFrames) return;
      }
    }
    const exit = await run.ended;
    if (exit.error) throw new Error(`cannot start ffmpeg (${bin}): ${exit.error.message}`, { cause: exit.error });
    if (exit.code !== 0) {
      throw new Error(`ffmpeg could not decode ${file} (exit code ${exit.code}):\n${tail(run.log())}`);
    }
    if (assembler && assembler.pendingBytes > 0) throw new Error(`ffmpeg output of ${file} ended inside a frame`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
