import { describe, expect, it } from 'vitest';
import { jpegSize } from './dataset-export-frames';

/** A JPEG header: SOI, an APP0 segment, then a baseline start-of-frame for `w`×`h`. */
function header(w: number, h: number, sof = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array.from({ length: 14 }, () => 0)];
  const frame = [
    0xff,
    sof,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    0x03,
    ...Array.from({ length: 9 }, () => 0),
  ];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...frame]);
}

describe('jpegSize', () => {
  it('reads the size from a baseline or a progressive start-of-frame after other segments', () => {
    expect(jpegSize(header(1920, 1080))).toEqual({ width: 1920, height: 1080 });
    expect(jpegSize(header(640, 360, 0xc2))).toEqual({ width: 640, height: 360 });
  });
  it('is null for bytes that are not a JPEG or stop before the frame header', () => {
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(jpegSize(header(640, 360).subarray(0, 12))).toBeNull();
    expect(jpegSize(header(0, 360))).toBeNull();
  });
});
