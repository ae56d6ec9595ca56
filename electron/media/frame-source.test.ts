import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArgs, decodeVideoFrames, FrameAssembler, parseOutputSize, type DecodedFrame } from './frame-source';

const CLIPS = resolve(import.meta.dirname, '../../fixtures/clips');
const CORRIDOR = resolve(CLIPS, 'corridor_walk_intel.mp4'); // 480x270, 12 fps, 35 frames (2.92 s)

async function collect(frames: AsyncIterable<DecodedFrame>): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for await (const f of frames) out.push(f);
  return out;
}

describe('frame assembler', () => {
  it('assembles frames from chunks of any size', () => {
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i);
    for (const chunkSize of [1, 4, 7, 10, 13, 30]) {
      const assembler = new FrameAssembler(10);
      const frames: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += chunkSize)
        frames.push(...assembler.push(bytes.subarray(at, at + chunkSize)));
      expect(frames.map((f) => Array.from(f))).toEqual(
        [0, 1, 2].map((k) => Array.from(bytes.subarray(k * 10, k * 10 + 10))),
      );
      expect(assembler.pendingBytes).toBe(0);
    }
  });

  it('holds back an incomplete frame and gives every frame its own buffer', () => {
    const assembler = new FrameAssembler(4);
    const chunk = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const [first] = assembler.push(chunk);
    chunk.fill(0);
    expect(Array.from(first ?? [])).toEqual([1, 2, 3, 4]);
    expect(assembler.pendingBytes).toBe(2);
    expect(assembler.push(Uint8Array.from([7, 8])).map((f) => Array.from(f))).toEqual([[5, 6, 7, 8]]);
    expect(() => new FrameAssembler(0)).toThrow(RangeError);
  });
});

describe('ffmpeg arguments and log', () => {
  it('samples, scales only when asked, and writes packed BGR24 to stdout', () => {
    expect(decodeArgs('in.mp4', { fps: 2 })).toEqual(
      expect.arrayContaining(['-i', 'in.mp4', '-vf', 'fps=2', '-f', 'rawvideo', '-pix_fmt', 'bgr24', 'pipe:1']),
    );
    expect(decodeArgs('in.mp4', { fps: 2, width: 160 })).toContain('fps=2,scale=160:-1');
    expect(decodeArgs('in.mp4', { fps: 5, width: 64, height: 48 })).toContain('fps=5,scale=64:48');
  });

  it('reads the output size from the logs of ffmpeg 5.1 and of the packaged 4.1 build', () => {
    const v51 =
      "Input #0, mov,mp4\n  Stream #0:0(und): Video: h264 (High), yuv420p, 480x270, 12 fps\nOutput #0, rawvideo, to 'pipe:1':\n" +
      '  Stream #0:0(und): Video: rawvideo (BGR[24] / 0x18524742), bgr24(pc, gbr/unknown/unknown, progressive), 160x90, q=2-31';
    const v41 =
      "Output #0, rawvideo, to 'pipe:1':\n  Metadata:\n    encoder         : Lavf58.20.100\n" +
      '    Stream #0:0(und): Video: rawvideo (BGR[24] / 0x18524742), bgr24, 160x90, q=2-31, 691 kb/s, 2 fps';
    expect(parseOutputSize(v51)).toEqual({ width: 160, height: 90 });
    expect(parseOutputSize(v41)).toEqual({ width: 160, height: 90 });
    expect(parseOutputSize('Input #0 ... Stream #0:0: Video: h264, 480x270')).toBeNull();
  });
});

describe('decoding a real clip', () => {
  it('yields whole frames of the native size with times from the frame index', async () => {
    const frames = await collect(decodeVideoFrames(CORRIDOR, { fps: 2 }));
    expect(frames).toHaveLength(6);
    expect(frames.map((f) => f.timeMs)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    for (const f of frames) {
      expect([f.width, f.height, f.data.length]).toEqual([480, 270, 480 * 270 * 3]);
    }
    // consecutive frames of people walking differ
    expect(Buffer.compare(Buffer.from(frames[0]?.data ?? []), Buffer.from(frames[5]?.data ?? []))).not.toBe(0);
  });

  it('scales, keeping the aspect when only the width is given, and stops after maxFrames', async () => {
    const frames = await collect(decodeVideoFrames(CORRIDOR, { fps: 12, width: 160, maxFrames: 3 }));
    expect(frames.map((f) => [f.index, f.width, f.height, f.data.length])).toEqual([
      [0, 160, 90, 160 * 90 * 3],
      [1, 160, 90, 160 * 90 * 3],
      [2, 160, 90, 160 * 90 * 3],
    ]);
  });

  it('works with the ffmpeg build of the npm package too', async () => {
    const packaged = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const frames = await collect(decodeVideoFrames(CORRIDOR, { fps: 2, width: 96, height: 54, ffmpegPath: packaged }));
    expect(frames).toHaveLength(6);
    expect(frames[0]?.data.length).toBe(96 * 54 * 3);
  });

  it('fails with a clear error for a missing file, a file that is not a video, or a missing ffmpeg', async () => {
    await expect(collect(decodeVideoFrames(resolve(CLIPS, 'nope.mp4'), { fps: 2 }))).rejects.toThrow(
      /ffmpeg could not decode .*nope\.mp4 \(exit code 1\):\n.*No such file or directory/s,
    );
    await expect(collect(decodeVideoFrames(resolve(CLIPS, 'README.md'), { fps: 2 }))).rejects.toThrow(
      /ffmpeg could not decode .*README\.md/,
    );
    await expect(collect(decodeVideoFrames(CORRIDOR, { fps: 2, ffmpegPath: '/nonexistent/ffmpeg' }))).rejects.toThrow(
      /cannot start ffmpeg \(\/nonexistent\/ffmpeg\): .*ENOENT/,
    );
    await expect(collect(decodeVideoFrames(CORRIDOR, { fps: 0 }))).rejects.toThrow(/invalid fps/);
  });
});
