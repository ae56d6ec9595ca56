/**
 * Still images (JPEG, PNG, BMP, …) → packed BGR24 frames, decoded by the same ffmpeg as the cameras so a picture
 * on disk and a camera frame go through the same colour conversion (swscale to bgr24).
 *
 * ffmpeg writes the first video frame as an uncompressed BMP to stdout: a BMP's pixels are BGR24 bytes as they
 * are, and its header states the size, so one run gives both the size and the bytes. The rows (bottom-up,
 * padded to 4 bytes) are then copied into a top-down packed frame.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RawFrame } from '../vision/types';

export type ImageDecodeErrorCode = 'NOT_FOUND' | 'NOT_AN_IMAGE' | 'TIMEOUT' | 'FFMPEG_FAILED';

export type ImageDecodeResult =
  { ok: true; frame: RawFrame } | { ok: false; error: { code: ImageDecodeErrorCode; message: string } };

export interface ImageDecodeOptions {
  /** The ffmpeg binary to run: `resolveFfmpeg()`'s answer. */
  ffmpegPath: string;
  timeoutMs?: number;
}

/** Largest image accepted (pixels), so a hostile header cannot make us allocate gigabytes. */
const MAX_PIXELS = 64 * 1024 * 1024;

export type BmpParse = { ok: true; frame: RawFrame } | { ok: false; message: string };

/** Reads a 24-bit uncompressed BMP (as ffmpeg's bmp encoder writes it) into a packed top-down BGR24 frame. */
export function parseBmp24(bmp: Uint8Array): BmpParse {
  if (bmp.length < 54 || bmp[0] !== 0x42 || bmp[1] !== 0x4d) return { ok: false, message: 'no BMP header' };
  const view = new DataView(bmp.buffer, bmp.byteOffset, bmp.byteLength);
  const dataOffset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (bpp !== 24 || compression !== 0) return { ok: false, message: `BMP is ${bpp}-bit, compression ${compression}` };
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) return { ok: false, message: `size ${width}x${height}` };
  const stride = Math.ceil((width * 3) / 4) * 4;
  if (dataOffset + stride * (height - 1) + width * 3 > bmp.length) return { ok: false, message: 'BMP is truncated' };
  const data = new Uint8Array(width * height * 3);
  const rowBytes = width * 3;
  for (let y = 0; y < height; y++) {
    const srcRow = rawHeight > 0 ? height - 1 - y : y; // positive height: bottom-up rows
    const start = dataOffset + srcRow * stride;
    data.set(bmp.subarray(start, start + rowBytes), y * rowBytes);
  }
  return { ok: true, frame: { width, height, data } };
}

interface RunOutput {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  spawnError: Error | null;
}

function runFfmpeg(ffmpegPath: string, args: string[], timeoutMs: number): Promise<RunOutput> {
  return new Promise((done) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    let spawnError: Error | null = null;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 16_384) stderr += c.toString('utf8');
    });
    child.on('error', (error) => (spawnError = error));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(chunks), stderr, timedOut, spawnError });
    });
  });
}

/** The last line ffmpeg printed, which names the problem ("Invalid data found…"), without the file name. */
function lastLine(stderr: string, path: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const line = lines.filter((l) => l.length > 0).pop() ?? 'no message';
  return line.startsWith(`file:${path}: `) ? line.slice(`file:${path}: `.length) : line;
}

/** Decodes the first frame of an image file to BGR24. Never rejects: problems come back as typed errors. */
export async function decodeImageFile(file: string, options: ImageDecodeOptions): Promise<ImageDecodeResult> {
  const path = resolve(file);
  try {
    if (!(await stat(path)).isFile()) return fail('NOT_FOUND', `${file} is not a file`);
  } catch (error) {
    return fail('NOT_FOUND', `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', `file:${path}`];
  args.push('-map', '0:v:0', '-frames:v', '1', '-pix_fmt', 'bgr24', '-c:v', 'bmp', '-f', 'image2pipe', 'pipe:1');
  const r = await runFfmpeg(options.ffmpegPath, args, options.timeoutMs ?? 20_000);
  if (r.spawnError) return fail('FFMPEG_FAILED', `cannot run ffmpeg ${options.ffmpegPath}: ${r.spawnError.message}`);
  if (r.timedOut) return fail('TIMEOUT', `${file}: ffmpeg did not finish within ${options.timeoutMs ?? 20_000} ms`);
  if (r.code !== 0 || r.stdout.length === 0) {
    return fail('NOT_AN_IMAGE', `${file}: not a readable image (${lastLine(r.stderr, path)})`);
  }
  const parsed = parseBmp24(r.stdout);
  return parsed.ok ? parsed : fail('FFMPEG_FAILED', `${file}: unexpected ffmpeg output (${parsed.message})`);
}

function fail(code: ImageDecodeErrorCode, message: string): ImageDecodeResult {
  return { ok: false, error: { code, message } };
}
