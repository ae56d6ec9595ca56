import { describe, expect, it } from 'vitest';
import { jpegEnd, JpegSplitter } from './jpeg-splitter';

/** A minimal marker layout: SOI, a segment whose payload holds FF D9, SOS, entropy data with stuffing, EOI. */
function fakeJpeg(fill: number): Buffer {
  const segment = [0xff, 0xdb, 0x00, 0x06, 0x01, 0xff, 0xd9, 0x02]; // "DQT" with FF D9 inside its payload
  const sos = [0xff, 0xda, 0x00, 0x04, 0x01, 0x00];
  const scan = [fill, 0xff, 0x00, fill, 0xff, 0xd0, fill, fill];
  return Buffer.from([0xff, 0xd8, ...segment, ...sos, ...scan, 0xff, 0xd9]);
}

describe('jpegEnd', () => {
  it('finds the end marker after the scan, not the FF D9 inside a segment', () => {
    const image = fakeJpeg(7);
    expect(jpegEnd(image)).toBe(image.length);
  });

  it('answers null while the image is incomplete', () => {
    const image = fakeJpeg(7);
    for (const cut of [3, 8, 12, 17, image.length - 1]) expect(jpegEnd(image.subarray(0, cut))).toBeNull();
  });
});

describe('JpegSplitter', () => {
  it('splits concatenated images arriving in arbitrary chunks', () => {
    const stream = Buffer.concat([Buffer.from([1, 2, 3]), fakeJpeg(1), fakeJpeg(2), fakeJpeg(3)]);
    const splitter = new JpegSplitter();
    const images: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 5) images.push(...splitter.push(stream.subarray(i, i + 5)));
    expect(images).toHaveLength(3);
    expect(images.map((image) => image[image.length - 3])).toEqual([1, 2, 3]);
    for (const image of images)
      expect([image[0], image[1], image.at(-2), image.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('returns an image in the same push that completes it, and nothing twice', () => {
    const splitter = new JpegSplitter();
    expect(splitter.push(fakeJpeg(9))).toHaveLength(1);
    expect(splitter.push(Buffer.alloc(0))).toHaveLength(0);
  });

  it('skips a malformed start and recovers at the next image', () => {
    const broken = Buffer.from([0xff, 0xd8, 0x12, 0x34]);
    const images = new JpegSplitter().push(Buffer.concat([broken, fakeJpeg(4)]));
    expect(images).toHaveLength(1);
    expect(images[0]?.equals(fakeJpeg(4))).toBe(true);
  });
});
