/**
 * Time per frame of the motion gate on real frames (people walking in the corridor clip, decoded by ffmpeg and
 * scaled to camera sizes), side by side with copying the frame once, so the ratio holds on a busy machine.
 *
 *   npx vitest bench --run electron/vision/motion-gate.bench.ts
 */
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { decodeVideoFrames, type DecodedFrame } from '../media/frame-source';
import type { MotionGateConfigInput } from './motion-config';
import { MotionGate } from './motion-gate';

const CLIP = resolve(import.meta.dirname, '../../fixtures/clips/corridor_walk_intel.mp4');

async function framesAt(width: number, height: number): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = [];
  for await (const f of decodeVideoFrames(CLIP, { fps: 12, width, height })) frames.push(f);
  return frames;
}

/** One gate stepping through the clip in a loop, 12 frames a second of clip time. */
function stepper(frames: DecodedFrame[], config: MotionGateConfigInput = {}): () => void {
  const gate = new MotionGate(config);
  let i = 0;
  return () => {
    const frame = frames[i % frames.length];
    if (frame) gate.step(frame, (i * 1000) / 12);
    i++;
  };
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
  [480, 270],
] as const) {
  const frames = await framesAt(width, height);
  const copy = new Uint8Array(width * height * 3);
  describe(`${width}x${height}`, () => {
    let i = 0;
    bench('copy the frame once (reference)', () => {
      copy.set(frames[i++ % frames.length]?.data ?? copy);
    });
    bench('motion gate, defaults', stepper(frames));
    bench('motion gate, no exposure compensation', stepper(frames, { compensateExposure: false }));
    bench('motion gate, analysis width 320', stepper(frames, { analysisWidth: 320 }));
  });
}
