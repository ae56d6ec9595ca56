/**
 * Cuts a byte stream of concatenated JPEG images (ffmpeg's `-f image2pipe -c:v mjpeg`) into whole images. It
 * walks the marker segments rather than searching for the end marker, because FF D9 may appear inside a
 * segment's payload (a quantisation table); inside entropy-coded data every FF is followed by 00 or a restart
 * marker, so the first other marker there ends the scan. Bytes before a start-of-image marker are dropped.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** Largest image kept in the buffer; a stream that never ends an image is dropped past this. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** Where the image starting at 0 ends (exclusive), or null when the buffer does not hold all of it yet. */
export function jpegEnd(data: Uint8Array): number | null {
  let p = 2;
  let inScan = false;
  while (p + 1 < data.length) {
    if (inScan) {
      if (data[p] !== 0xff) {
        p += 1;
        continue;
      }
      const next = data[p + 1] ?? 0;
      if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
        p += next === 0xff ? 1 : 2;
        continue;
      }
      inScan = false;
    }
    if (data[p] !== 0xff) return -1;
    const marker = data[p + 1] ?? 0;
    if (marker === 0xff) {
      p += 1; // fill byte
      continue;
    }
    if (marker === EOI) return p + 2;
    if (isStandalone(marker)) {
      p += 2;
      continue;
    }
    if (p + 3 >= data.length) return null;
    const length = ((data[p + 2] ?? 0) << 8) | (data[p + 3] ?? 0);
    if (length < 2) return -1;
    p += 2 + length;
    if (marker === SOS) inScan = true;
  }
  return null;
}

export class JpegSplitter {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns every image completed by them (each a copy that owns its bytes). */
  push(chunk: Uint8Array): Buffer[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const images: Buffer[] = [];
    for (;;) {
      const start = this.findStart();
      if (start < 0) {
        this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - 1));
        return images;
      }
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const end = jpegEnd(this.buffer);
      if (end === -1) {
        this.buffer = this.buffer.subarray(2); // not a well-formed image: look for the next start
        continue;
      }
      if (end === null) {
        if (this.buffer.length > MAX_IMAGE_BYTES) this.buffer = Buffer.alloc(0);
        else this.buffer = Buffer.from(this.buffer); // let go of the chunks the rest was cut from
        return images;
      }
      images.push(Buffer.from(this.buffer.subarray(0, end)));
      this.buffer = this.buffer.subarray(end);
    }
  }

  private findStart(): number {
    for (let i = 0; i + 1 < this.buffer.length; i += 1) {
      if (this.buffer[i] === 0xff && this.buffer[i + 1] === SOI) return i;
    }
    return -1;
  }
}
