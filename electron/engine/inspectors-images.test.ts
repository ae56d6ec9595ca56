import { describe, expect, it } from 'vitest';
import { jpegOrientation, jpegSize, reencodeArgs, sniffImage } from './inspectors-images';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** SOI, an APP1 Exif block with one IFD entry (Orientation), and a SOF0 of 64×32. */
function jpeg(orientation: number | null, little = true): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation ?? 1, 18);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 =
    orientation === null ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
  const sof = Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 32, 0, 64, 1, 1, 0x11, 0]);
  return Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof]));
}

describe('inspector photos', () => {
  it('reads the type from the bytes', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('png');
    expect(sniffImage(ascii('RIFF\x10\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImage(ascii('\0\0\0\x18ftypheic\0\0\0\0'))).toBe('heic');
    expect(sniffImage(ascii('GIF89a.....'))).toBeNull();
    expect(sniffImage(ascii('#!/bin/sh\n'))).toBeNull();
    expect(sniffImage(bytes())).toBeNull();
  });

  it('reads the EXIF orientation in both byte orders, 1 without EXIF, and the frame size', () => {
    expect(jpegOrientation(jpeg(6))).toBe(6);
    expect(jpegOrientation(jpeg(8, false))).toBe(8);
    expect(jpegOrientation(jpeg(null))).toBe(1);
    expect(jpegOrientation(jpeg(42))).toBe(1);
    expect(jpegSize(jpeg(6))).toEqual({ width: 64, height: 32 });
    expect(jpegSize(bytes(0xff, 0xd8))).toBeNull();
  });

  it('re-encodes without metadata, upright, bounded, never auto-rotated twice', () => {
    const args = reencodeArgs('in', 'out.jpg', 6, 2048);
    expect(args).toContain('-noautorotate');
    expect(args.slice(args.indexOf('-map_metadata'), args.indexOf('-map_metadata') + 2)).toEqual([
      '-map_metadata',
      '-1',
    ]);
    const filter = args[args.indexOf('-vf') + 1] ?? '';
    expect(filter.startsWith('transpose=1,scale=')).toBe(true);
    expect(filter).toContain('min(2048,iw)');
    expect(reencodeArgs('in', 'out.jpg', 1, 1024)[args.indexOf('-vf') + 1]?.startsWith('scale=')).toBe(true);
    expect(args.at(-1)).toBe('out.jpg');
  });
});
