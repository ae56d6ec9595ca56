/**
 * Inspectors' photos: the type read from the bytes (never from a name or a header), the EXIF orientation of a
 * JPEG (applied before the metadata is dropped, so a portrait photo stays upright), the size of a JPEG, and the
 * re-encoding through ffmpeg: one JPEG, longest edge bounded, every metadata block (EXIF, GPS, XMP, ICC) gone.
 */
import { runFfmpeg } from '../media/clip';
import type { FfmpegBinary } from '../media/ffmpeg';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic';

/** The image type by its magic bytes; null when it is none of those. */
export function sniffImage(head: Uint8Array): ImageType | null {
  const at = (i: number) => head[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'png';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(ascii(8, 12))) {
    return 'heic';
  }
  return null;
}

/** The EXIF orientation (1..8) of a JPEG's APP1 segment; 1 when there is none. */
export function jpegOrientation(data: Uint8Array): number {
  let p = 2;
  while (p + 4 <= data.length && data[p] === 0xff) {
    const marker = data[p + 1] ?? 0;
    const length = ((data[p + 2] ?? 0) << 8) | (data[p + 3] ?? 0);
    if (marker === 0xda || length < 2) break;
    const ascii = String.fromCharCode(...data.subarray(p + 4, p + 10));
    if (marker === 0xe1 && ascii === 'Exif\0\0') return tiffOrientation(data.subarray(p + 10, p + 2 + length));
    p += 2 + length;
  }
  return 1;
}

function tiffOrientation(tiff: Uint8Array): number {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Width and height from a JPEG's start-of-frame segment; null when not found. */
export function jpegSize(data: Uint8Array): { width: number; height: number } | null {
  let p = 2;
  while (p + 9 <= data.length && data[p] === 0xff) {
    const marker = data[p + 1] ?? 0;
    const length = ((data[p + 2] ?? 0) << 8) | (data[p + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((data[p + 5] ?? 0) << 8) | (data[p + 6] ?? 0);
      const width = ((data[p + 7] ?? 0) << 8) | (data[p + 8] ?? 0);
      return { width, height };
    }
    if (length < 2) return null;
    p += 2 + length;
  }
  return null;
}

const ORIENT_FILTER: Record<number, string> = {
  2: 'hflip,',
  3: 'hflip,vflip,',
  4: 'vflip,',
  5: 'transpose=0,',
  6: 'transpose=1,',
  7: 'transpose=3,',
  8: 'transpose=2,',
};

/** The ffmpeg arguments that turn one image into a metadata-free JPEG with its longest edge at most maxEdge. */
export function reencodeArgs(input: string, output: string, orientation: number, maxEdge: number): string[] {
  const scale = `scale=w='min(${maxEdge},iw)':h='min(${maxEdge},ih)':force_original_aspect_ratio=decrease`;
  return [
    // orientation applied here, the same with every ffmpeg (5.x would turn it by itself, 4.x would not)
    ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-noautorotate', '-i', input],
    ...['-map', '0:v:0', '-frames:v', '1', '-map_metadata', '-1', '-map_chapters', '-1'],
    ...['-vf', `${ORIENT_FILTER[orientation] ?? ''}${scale},format=yuvj420p`],
    ...['-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', output],
  ];
}

export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

/** Re-encodes one image file; throws ImageError when ffmpeg cannot read it as an image. */
export async function reencodeImage(
  ffmpeg: FfmpegBinary,
  input: string,
  output: string,
  orientation: number,
  maxEdge: number,
): Promise<void> {
  const run = await runFfmpeg(ffmpeg.path, reencodeArgs(input, output, orientation, maxEdge), 30_000);
  if (run.timedOut) throw new ImageError('the image took too long to decode');
  if (run.code !== 0) throw new ImageError('the image could not be decoded');
}
