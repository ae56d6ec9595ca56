import { describe, expect, it } from 'vitest';
import { compileSampler } from '../../scripts/build-wasm';
import { FramePreprocessor, type PreprocessSpec } from './preprocess';
import type { Box, RawFrame } from './types';
import { BILINEAR_WASM_BASE64 } from './wasm/bilinear-wasm';

function randomFrame(width: number, height: number, seed: number): RawFrame {
  const data = new Uint8Array(width * height * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { width, height, data };
}

const specs: PreprocessSpec[] = [
  { width: 416, height: 416, resize: 'stretch', padValue: 114, sampling: 'bilinear', channelOrder: 'BGR' },
  { width: 416, height: 416, resize: 'letterbox', padValue: 114, sampling: 'bilinear', channelOrder: 'BGR' },
  { width: 192, height: 192, resize: 'letterbox', padValue: 114, sampling: 'nearest', channelOrder: 'RGB' },
  { width: 320, height: 256, resize: 'stretch', padValue: 0, sampling: 'bilinear', channelOrder: 'RGB' },
];

const cases: { frame: [number, number]; region?: Box }[] = [
  { frame: [1279, 719] },
  { frame: [1920, 1080], region: { x1: 601, y1: 233, x2: 1100, y2: 901 } },
  { frame: [640, 360], region: { x1: -20, y1: 300, x2: 100, y2: 500 } },
  { frame: [37, 23] }, // upscaling
  { frame: [719, 1279], region: { x1: 0, y1: 0, x2: 3, y2: 2 } },
];

describe('WebAssembly sampler', () => {
  it('is built from the current AssemblyScript source (run `npm run build:wasm` after editing it)', async () => {
    const fresh = await compileSampler();
    expect(Buffer.from(fresh).toString('base64')).toBe(BILINEAR_WASM_BASE64);
  }, 60_000);

  it('fills the same tensor as the JavaScript sampler for every resize, sampling, size and region', () => {
    for (const spec of specs) {
      const wasm = new FramePreprocessor(spec, { engine: 'wasm' });
      const js = new FramePreprocessor(spec, { engine: 'js' });
      cases.forEach(({ frame: [w, h], region }, i) => {
        const frame = randomFrame(w, h, i + 1);
        const a = wasm.run(frame, region);
        const b = js.run(frame, region);
        expect(a).toEqual(b);
        let worst = 0;
        for (let k = 0; k < js.tensor.length; k++) {
          worst = Math.max(worst, Math.abs((wasm.tensor[k] as number) - (js.tensor[k] as number)));
        }
        expect(worst, `${spec.resize} ${spec.sampling} ${w}x${h}`).toBeLessThan(1e-3);
      });
    }
  });

  it('keeps no stale state between frames: the same frame gives the same tensor again', () => {
    const pre = new FramePreprocessor(specs[0] as PreprocessSpec);
    const frame = randomFrame(1280, 720, 7);
    pre.run(frame);
    const first = Array.from(pre.tensor.subarray(0, 64));
    pre.run(randomFrame(1280, 720, 8));
    pre.run(frame);
    expect(Array.from(pre.tensor.subarray(0, 64))).toEqual(first);
  });
});
