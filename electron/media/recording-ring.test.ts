import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  coveringSegments,
  deleteFiles,
  parsePartialName,
  parseSegmentListLine,
  parseSegmentName,
  partialFileName,
  planDeletions,
  reserveBytes,
  scanRing,
  segmentAt,
  segmentFileName,
  wallOffsetMs,
  wholeFramesLength,
  type DeletionPolicy,
  type RingListing,
  type Segment,
} from './recording-ring';

const T0 = Date.UTC(2025, 2, 14, 10, 15, 2, 250);

function seg(i: number, bytes = 100, durationMs = 4000): Segment {
  const startMs = T0 + i * durationMs;
  return { name: segmentFileName(startMs, durationMs), startMs, durationMs, bytes };
}

function listing(segments: Segment[], extra: Partial<RingListing> = {}): RingListing {
  return { segments, partials: [], foreignBytes: 0, ...extra };
}

const policy = (over: Partial<DeletionPolicy> = {}): DeletionPolicy => ({
  budgetBytes: 1_000,
  maxAgeMs: 3_600_000,
  now: T0 + 60_000,
  protect: new Set(),
  reserveBytes: 0,
  ...over,
});

describe('segment names', () => {
  it('carry the UTC start to the millisecond and the duration, and sort by time', () => {
    const name = segmentFileName(T0, 4012.4);
    expect(name).toBe('20250314T101502.250Z_4012.ts');
    expect(parseSegmentName(name)).toEqual({ startMs: T0, durationMs: 4012 });
    const names = [seg(2), seg(0), seg(1)].map((s) => s.name).sort();
    expect(names).toEqual([seg(0), seg(1), seg(2)].map((s) => s.name));
  });

  it('reject what the ring did not write', () => {
    for (const bad of ['20250314T101502.250Z_4012.mp4', 'x.ts', '20250314T101502Z_4012.ts', '.rec-a-000001.ts']) {
      expect(parseSegmentName(bad)).toBeNull();
    }
  });

  it('name partial files by run and index', () => {
    expect(partialFileName('m8k2a0', 3)).toBe('.rec-m8k2a0-000003.ts');
    expect(parsePartialName('.rec-m8k2a0-000003.ts')).toEqual({ runTag: 'm8k2a0', index: 3 });
    expect(parsePartialName('.rec-M8-000003.ts')).toBeNull();
  });
});

describe('parseSegmentListLine', () => {
  it('reads ffmpeg CSV lines, paths with commas included', () => {
    expect(parseSegmentListLine('/r/.rec-a-000000.ts,0.000000,4.200000')).toEqual({
      file: '/r/.rec-a-000000.ts',
      startS: 0,
      endS: 4.2,
    });
    expect(parseSegmentListLine('"/r,x/.rec-a-000001.ts",4.2,8.2\r')?.file).toBe('/r,x/.rec-a-000001.ts');
    expect(parseSegmentListLine('garbage')).toBeNull();
    expect(parseSegmentListLine('a.ts,5,4')).toBeNull();
  });
});

describe('wallOffsetMs', () => {
  it('takes the least delayed recent report, so a burst at start-up does not shift the times', () => {
    // three segments reported at once after a 5 s probe, then reports 0.6 s after each segment's end
    const samples = [
      { seenAtMs: 10_000, mediaEndS: 1.8 },
      { seenAtMs: 10_000, mediaEndS: 2.8 },
      { seenAtMs: 10_000, mediaEndS: 4.8 },
      { seenAtMs: 10_600 + 1_000, mediaEndS: 5.8 },
    ];
    expect(wallOffsetMs(samples)).toBe(5_200);
    expect(wallOffsetMs([])).toBeNull();
  });

  it('forgets samples outside its window (clock drift)', () => {
    const samples = [
      { seenAtMs: 0, mediaEndS: 10 },
      ...Array.from({ length: 16 }, (_, i) => ({ seenAtMs: 100_000 + i * 4000, mediaEndS: i * 4 })),
    ];
    expect(wallOffsetMs(samples, 16)).toBe(100_000);
  });
});

describe('coveringSegments and segmentAt', () => {
  const segs = [seg(0), seg(1), seg(2), seg(4)]; // a gap where segment 3 would be
  it('picks every segment overlapping the range, oldest first', () => {
    expect(coveringSegments(segs, T0 + 3000, T0 + 9000)).toEqual([segs[0], segs[1], segs[2]]);
    expect(coveringSegments(segs, T0 + 4000, T0 + 8000)).toEqual([segs[1]]);
    expect(coveringSegments(segs, T0 + 12_500, T0 + 15_000)).toEqual([]);
    expect(coveringSegments(segs, T0 - 9000, T0 - 1)).toEqual([]);
  });
  it('ignores a sliver of overlap between neighbours', () => {
    const touching = [seg(0), { ...seg(1), startMs: seg(1).startMs - 3 }];
    expect(coveringSegments(touching, touching[1]?.startMs ?? 0, T0 + 7000)).toEqual([touching[1]]);
    expect(coveringSegments(segs, T0 + 3980, T0 + 4020)).toEqual([segs[0], segs[1]]);
    expect(coveringSegments(segs, T0 + 3999, T0 + 4001)).toEqual([segs[0], segs[1]]);
  });
  it('finds the segment holding an instant', () => {
    expect(segmentAt(segs, T0 + 4000)).toBe(segs[1]);
    expect(segmentAt(segs, T0 + 13_000)).toBeNull();
  });
});

describe('planDeletions', () => {
  it('deletes the oldest first until the rest fits the budget', () => {
    const plan = planDeletions(listing([seg(0), seg(1), seg(2), seg(3)]), policy({ budgetBytes: 250 }));
    expect(plan.delete).toEqual([seg(0).name, seg(1).name]);
    expect(plan.bytesAfter).toBe(200);
    expect(plan.fits).toBe(true);
  });

  it('keeps room for the segment being written and never deletes it', () => {
    const writing = { name: '.rec-a-000004.ts', runTag: 'a', index: 4, bytes: 40, mtimeMs: T0 + 16_000 };
    const l = listing([seg(0), seg(1), seg(2), seg(3)], { partials: [writing] });
    const plan = planDeletions(l, policy({ budgetBytes: 400, protect: new Set([writing.name]), reserveBytes: 150 }));
    // 4 x 100 + max(40, 150) must fit 400: two segments go
    expect(plan.delete).toEqual([seg(0).name, seg(1).name]);
    expect(plan.bytesAfter).toBe(240);
    const none = planDeletions(l, policy({ budgetBytes: 10, protect: new Set([writing.name]) }));
    expect(none.delete).not.toContain(writing.name);
    expect(none.fits).toBe(false);
  });

  it('deletes segments past the age limit, and left-over partial files by their modification time', () => {
    const leftover = { name: '.rec-old-000000.ts', runTag: 'old', index: 0, bytes: 10, mtimeMs: T0 - 1 };
    const l = listing([seg(0), seg(1), seg(2)], { partials: [leftover] });
    const plan = planDeletions(l, policy({ now: T0 + 8000 + 30_000, maxAgeMs: 30_000 }));
    expect(plan.delete).toEqual([leftover.name, seg(0).name]);
  });

  it('counts foreign files against the budget but never deletes them', () => {
    const plan = planDeletions(listing([seg(0), seg(1)], { foreignBytes: 150 }), policy({ budgetBytes: 260 }));
    expect(plan.delete).toEqual([seg(0).name]);
    expect(plan.bytesAfter).toBe(250);
  });

  it('reserves twice the largest recent segment', () => {
    expect(reserveBytes([100, 300, 200])).toBe(600);
    expect(reserveBytes([])).toBe(0);
  });
});

describe('wholeFramesLength', () => {
  /** A 188-byte TS packet: PAT/PMT-like (no PES), the first packet of a video frame, or a continuation. */
  function packet(kind: 'table' | 'frame' | 'more' | 'frame-af'): Buffer {
    const p = Buffer.alloc(188, 0xff);
    p[0] = 0x47;
    p[1] = kind === 'frame' || kind === 'frame-af' ? 0x41 : 0x01; // payload_unit_start for a frame
    p[2] = 0x00;
    p[3] = kind === 'frame-af' ? 0x30 : 0x10; // adaptation field + payload, or payload only
    const payload = kind === 'frame-af' ? 4 + 1 + 7 : 4;
    if (kind === 'frame-af') p[4] = 7;
    if (kind === 'frame' || kind === 'frame-af') p.set([0, 0, 1, 0xe0], payload);
    if (kind === 'table') p.set([0, 0, 0xb0], 4);
    return p;
  }
  const intact = Buffer.concat([packet('table'), packet('frame'), packet('more'), packet('frame-af'), packet('more')]);

  it('keeps an intact segment whole', () => {
    expect(wholeFramesLength(intact)).toBe(intact.length);
    expect(wholeFramesLength(new Uint8Array(0))).toBe(0);
  });

  it('cuts a segment cut short mid-packet before its last (incomplete) frame', () => {
    expect(wholeFramesLength(intact.subarray(0, 4 * 188 + 90))).toBe(3 * 188);
    expect(wholeFramesLength(intact.subarray(0, 3 * 188 + 10))).toBe(188);
  });

  it('cuts before the frame that a zero-filled tail damaged', () => {
    const zeroed = Buffer.concat([intact, Buffer.alloc(188 * 2)]);
    expect(wholeFramesLength(zeroed)).toBe(3 * 188);
  });

  it('leaves nothing when no frame starts before the damage', () => {
    expect(wholeFramesLength(Buffer.concat([packet('table'), Buffer.alloc(50)]))).toBe(0);
  });
});

describe('scanRing and deleteFiles on a folder', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists segments, partial files and foreign bytes; a missing folder is an empty ring', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ring-'));
    expect(await scanRing(join(dir, 'missing'))).toEqual({ segments: [], partials: [], foreignBytes: 0 });
    await writeFile(join(dir, seg(1).name), Buffer.alloc(30));
    await writeFile(join(dir, seg(0).name), Buffer.alloc(20));
    await writeFile(join(dir, partialFileName('abc', 2)), Buffer.alloc(7));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const l = await scanRing(dir);
    expect(l.segments.map((s) => [s.name, s.bytes])).toEqual([
      [seg(0).name, 20],
      [seg(1).name, 30],
    ]);
    expect(l.partials.map((p) => [p.runTag, p.index, p.bytes])).toEqual([['abc', 2, 7]]);
    expect(l.foreignBytes).toBe(5);
    expect(await deleteFiles(dir, [seg(0).name, 'already-gone.ts'])).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([partialFileName('abc', 2), seg(1).name, 'notes.txt'].sort());
  });
});
