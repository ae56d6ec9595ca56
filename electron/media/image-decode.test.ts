import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from './ffmpeg';
import { decodeImageFile, parseBmp24 } from './image-decode';

const FRAMES = resolve(import.meta.dirname, '../../fixtures/frames');
const PEOPLE = join(FRAMES, 'people/images/corridor_07.jpg');

/** A 24-bit BMP as ffmpeg writes it: bottom-up rows padded to 4 bytes (or top-down with a negative height). */
function bmp(width: number, height: number, pixel: (x: number, y: number) => number[], topDown = false): Uint8Array {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = new Uint8Array(54 + stride * height);
  const v = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  v.setUint32(2, out.length, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, topDown ? -height : height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  for (let y = 0; y < height; y++) {
    const row = topDown ? y : height - 1 - y;
    for (let x = 0; x < width; x++) out.set(pixel(x, y), 54 + row * stride + x * 3);
  }
  return out;
}

describe('BMP reading', () => {
  const px = (x: number, y: number) => [x, y, 200];

  it('unpacks bottom-up, padded rows into a packed top-down BGR24 frame', () => {
    for (const topDown of [false, true]) {
      const r = parseBmp24(bmp(3, 2, px, topDown)); // 9 bytes a row, padded to 12
      expect(r.ok && r.frame.width).toBe(3);
      expect(r.ok && Array.from(r.frame.data)).toEqual([
        0, 0, 200, 1, 0, 200, 2, 0, 200, 0, 1, 200, 1, 1, 200, 2, 1, 200,
      ]);
    }
  });

  it('refuses what is not a whole 24-bit BMP', () => {
    expect(parseBmp24(new Uint8Array(10)).ok).toBe(false);
    expect(parseBmp24(bmp(3, 2, px).subarray(0, 60)).ok).toBe(false);
    const b = bmp(3, 2, px);
    new DataView(b.buffer).setUint16(28, 32, true);
    expect(parseBmp24(b).ok).toBe(false);
  });
});

describe('decoding image files with ffmpeg', () => {
  let ffmpegPath = '';
  const dir = mkdtempSync(join(tmpdir(), 'anxun-image-'));
  beforeAll(async () => {
    const r = await resolveFfmpeg();
    if (!r.binary) throw new Error(`no ffmpeg: ${r.problems.join('; ')}`);
    ffmpegPath = r.binary.path;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the same bytes as ffmpeg's raw bgr24 output (what camera frames are)", async () => {
    const r = await decodeImageFile(PEOPLE, { ffmpegPath });
    if (!r.ok) throw new Error(r.error.message);
    expect([r.frame.width, r.frame.height]).toEqual([480, 270]);
    const raw = execFileSync(ffmpegPath, ['-v', 'error', '-i', PEOPLE, '-f', 'rawvideo', '-pix_fmt', 'bgr24', '-']);
    expect(Buffer.from(r.frame.data).equals(raw)).toBe(true);
  });

  it('reads PNG, odd sizes included', async () => {
    const png = join(dir, 'odd.png');
    const rgb = join(dir, 'odd.rgb');
    writeFileSync(
      rgb,
      new Uint8Array(13 * 7 * 3).map((_, i) => (i % 3 === 0 ? 255 : 0)),
    ); // pure red
    execFileSync(ffmpegPath, ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '13x7', '-i', rgb, png]);
    const r = await decodeImageFile(png, { ffmpegPath });
    if (!r.ok) throw new Error(r.error.message);
    expect([r.frame.width, r.frame.height, r.frame.data.length]).toEqual([13, 7, 13 * 7 * 3]);
    expect(Array.from(r.frame.data.subarray(0, 3))).toEqual([0, 0, 255]); // B, G, R
  });

  it('says what is wrong with a missing file, a folder, a non-image and a missing ffmpeg', async () => {
    expect(await decodeImageFile(join(dir, 'nope.jpg'), { ffmpegPath })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('ENOENT') as unknown },
    });
    expect(await decodeImageFile(dir, { ffmpegPath })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not a picture at all');
    const r = await decodeImageFile(text, { ffmpegPath });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } });
    expect(!r.ok && r.error.message).not.toContain('file:');
    expect(await decodeImageFile(PEOPLE, { ffmpegPath: join(dir, 'no-ffmpeg') })).toMatchObject({
      ok: false,
      error: { code: 'FFMPEG_FAILED' },
    });
  });
});
