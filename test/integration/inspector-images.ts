/** Test images made by the real ffmpeg, with metadata blocks spliced in to check that uploads drop them. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function render(size: string, ext: 'png' | 'jpg'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-img-'));
  const file = join(dir, `x.${ext}`);
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=1`, '-frames:v', '1', file]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A TIFF block with Orientation and a GPS-looking text (what phones put in EXIF). */
function exifTiff(orientation: number, marker: string): Buffer {
  const text = Buffer.from(`${marker}\0`, 'ascii');
  const tiff = Buffer.alloc(8 + 2 + 12 * 2 + 4);
  tiff.write('II', 0, 'ascii');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  // Orientation (SHORT)
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  // ImageDescription (ASCII), stored after the IFD
  tiff.writeUInt16LE(0x010e, 22);
  tiff.writeUInt16LE(2, 24);
  tiff.writeUInt32LE(text.length, 26);
  tiff.writeUInt32LE(tiff.length, 30);
  tiff.writeUInt32LE(0, 34);
  return Buffer.concat([tiff, text]);
}

/** A PNG with an eXIf chunk and a tEXt chunk carrying `marker`. */
export function pngWithMetadata(marker: string): Buffer {
  const png = render('96x64', 'png');
  const ihdrEnd = 8 + 8 + 13 + 4;
  const extra = Buffer.concat([
    pngChunk('eXIf', exifTiff(1, marker)),
    pngChunk('tEXt', Buffer.from(`Comment\0${marker}`, 'latin1')),
  ]);
  return Buffer.concat([png.subarray(0, ihdrEnd), extra, png.subarray(ihdrEnd)]);
}

/** A 64×32 JPEG with an EXIF block: orientation 6 (rotate 90° clockwise to show) and `marker`. */
export function jpegWithExif(marker: string): Buffer {
  const jpg = render('64x32', 'jpg');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'ascii'), exifTiff(6, marker)]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpg.subarray(0, 2), app1, body, jpg.subarray(2)]);
}
