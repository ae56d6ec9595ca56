/**
 * The clean frame at an alert's peak, pulled out of the incident's clip file as a JPEG (the snapshot evidence has
 * boxes drawn on it and cannot be a training image), and the size of a JPEG read from its header.
 */
import { open, rm } from 'node:fs/promises';
import { runFfmpeg } from '../media/clip';
import type { FfmpegBinary } from '../media/ffmpeg';
import { lastLine } from '../media/probe';

export interface FrameSize {
  width: number;
  height: number;
}

/** Start-of-frame markers (baseline, extended, progressive, lossless …) carry the picture's size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from a JPEG's start-of-frame segment, or null when the bytes are not a JPEG. */
export function jpegSize(bytes: Uint8Array): FrameSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (SOF.has(marker)) {
      const height = ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0);
      const width = ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda || length < 2) return null;
    i += 2 + length;
  }
  return null;
}

/** Reads the first 64 KiB of a file and returns its JPEG size. */
export async function jpegFileSize(file: string): Promise<FrameSize | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return jpegSize(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Writes the frame of `clipFile` shown at `offsetS` (from its first frame) to `outFile` as a JPEG at the recorded
 * size. `-ss` after `-i` decodes from the start, so the frame is exact; a clip is seconds long.
 * Errors a disk raises (ENOSPC, EACCES) are passed on as they are; anything else becomes a FrameError.
 */
export async function extractFrame(
  ffmpeg: FfmpegBinary,
  clipFile: string,
  offsetS: number,
  outFile: string,
): Promise<FrameSize> {
  const args = [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-i', clipFile],
    ...['-ss', Math.max(0, offsetS).toFixed(3), '-map', '0:v:0', '-frames:v', '1'],
    ...['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '2', '-f', 'mjpeg', '-y', outFile],
  ];
  const run = await runFfmpeg(ffmpeg.path, args, 30_000);
  if (/No space left on device/i.test(run.stderr)) {
    await rm(outFile, { force: true });
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  }
  const size = run.code === 0 && !run.timedOut ? await jpegFileSize(outFile) : null;
  if (!size) {
    await rm(outFile, { force: true });
    const why = run.timedOut ? 'ffmpeg ran past its time limit' : lastLine(run.stderr) || 'no frame at that time';
    throw new FrameError(`could not take the frame at ${offsetS.toFixed(2)} s: ${why}`);
  }
  return size;
}
