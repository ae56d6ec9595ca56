/**
 * Frame counting for `npm run bench:ingest`, the same on both sides: frames delivered, and how many of them
 * differ from the one before (ffmpeg's fps filter repeats the last frame when the decoder gives fewer, as it does
 * with key-frame-only decoding). Compares 1,024 bytes spread over the frame: next to nothing beside a decode.
 */
const SAMPLES = 1024;

export interface Tally {
  frames: number;
  distinct: number;
}

export class FrameTally {
  frames = 0;
  distinct = 0;
  private previous: Uint8Array | null = null;

  add(data: Uint8Array): void {
    const step = Math.max(1, Math.floor(data.length / SAMPLES));
    const sample = new Uint8Array(Math.min(SAMPLES, data.length));
    for (let i = 0; i < sample.length; i++) sample[i] = data[i * step] ?? 0;
    const prev = this.previous;
    if (!prev || prev.length !== sample.length || sample.some((v, i) => v !== prev[i])) this.distinct += 1;
    this.previous = sample;
    this.frames += 1;
  }

  snapshot(): Tally {
    return { frames: this.frames, distinct: this.distinct };
  }
}
