/**
 * The recording ring's bookkeeping on one camera's folder. ffmpeg writes each segment (MPEG-TS) under a
 * temporary name `.rec-<run>-<n>.ts`; once ffmpeg reports it complete, the recorder renames it to a name that
 * carries its wall-clock start and its duration, `20250314T101502.250Z_4000.ts` (UTC, ms; duration in ms), so
 * the folder describes itself after a crash and sorts by time. A `.rec-` file is being written, or was left by a
 * crash (the recorder recovers those).
 *
 * Pure decisions (names, which segments cover a range, which files to delete for the budget and the age limit,
 * the wall-clock offset of a run) are kept apart from the few functions that touch the disk (scanRing, deleteFiles).
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface Segment {
  name: string;
  /** Wall-clock start of the first frame, ms since the epoch. */
  startMs: number;
  durationMs: number;
  bytes: number;
}

/** A `.rec-` file: being written by the current ffmpeg, or left behind by one that died. */
export interface PartialFile {
  name: string;
  runTag: string;
  index: number;
  bytes: number;
  mtimeMs: number;
}

export interface RingListing {
  /** Oldest first. */
  segments: Segment[];
  partials: PartialFile[];
  /** Bytes of files the ring does not own (never deleted, but they count against the budget). */
  foreignBytes: number;
}

export const SEGMENT_EXT = '.ts';
const PARTIAL_PREFIX = '.rec-';
const SEGMENT_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z_(\d{1,9})\.ts$/;
const PARTIAL_NAME = /^\.rec-([a-z0-9]+)-(\d{6,})\.ts$/;

export function segmentFileName(startMs: number, durationMs: number): string {
  const iso = new Date(Math.round(startMs)).toISOString(); // 2025-03-14T10:15:02.250Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 23)}Z`;
  return `${stamp}_${Math.max(0, Math.round(durationMs))}${SEGMENT_EXT}`;
}

export function parseSegmentName(name: string): { startMs: number; durationMs: number } | null {
  const m = SEGMENT_NAME.exec(name);
  if (!m) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0, dur = 0] = m.slice(1).map(Number);
  const startMs = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return Number.isFinite(startMs) ? { startMs, durationMs: dur } : null;
}

/** ffmpeg's output pattern for one run (the segment muxer fills in %06d). */
export function partialPattern(runTag: string): string {
  return `${PARTIAL_PREFIX}${runTag}-%06d${SEGMENT_EXT}`;
}

export function partialFileName(runTag: string, index: number): string {
  return `${PARTIAL_PREFIX}${runTag}-${String(index).padStart(6, '0')}${SEGMENT_EXT}`;
}

export function parsePartialName(name: string): { runTag: string; index: number } | null {
  const m = PARTIAL_NAME.exec(name);
  return m ? { runTag: m[1] ?? '', index: Number(m[2]) } : null;
}

/** One line of ffmpeg's `-segment_list_type csv` output: `file,start,end` (seconds of the run's timeline). */
export function parseSegmentListLine(line: string): { file: string; startS: number; endS: number } | null {
  const m = /^(.*),(-?[\d.]+),(-?[\d.]+)$/.exec(line.trim());
  if (!m) return null;
  const startS = Number(m[2]);
  const endS = Number(m[3]);
  if (!Number.isFinite(startS) || !Number.isFinite(endS) || endS < startS) return null;
  return { file: (m[1] ?? '').replace(/^"|"$/g, ''), startS, endS };
}

/**
 * Wall-clock offset of a run's timeline: ms to add to a media time to get the time it arrived. Each sample is a
 * segment end (media seconds) and when ffmpeg reported it (the moment the next segment's first frame arrived).
 * A report can only be late (ffmpeg buffering its probe, a burst, a slow event loop), never early, so the
 * smallest offset among recent samples is the best estimate; the window lets it follow clock drift.
 */
export function wallOffsetMs(samples: readonly { seenAtMs: number; mediaEndS: number }[], window = 16): number | null {
  const recent = samples.slice(-window);
  if (recent.length === 0) return null;
  return Math.min(...recent.map((s) => s.seenAtMs - s.mediaEndS * 1000));
}

/**
 * Overlap below which a segment does not count as covering a range: names are rounded to the ms, so neighbours
 * may overlap by a ms or two, and such a sliver must not pull in a whole extra segment.
 */
export const OVERLAP_TOLERANCE_MS = 5;

/** Segments overlapping [fromMs, toMs) by more than the tolerance, oldest first. */
export function coveringSegments(segments: readonly Segment[], fromMs: number, toMs: number): Segment[] {
  const tolerance = Math.min(OVERLAP_TOLERANCE_MS, (toMs - fromMs) / 4);
  return segments
    .filter((s) => Math.min(toMs, s.startMs + s.durationMs) - Math.max(fromMs, s.startMs) > tolerance)
    .sort((a, b) => a.startMs - b.startMs);
}

/** The segment holding the instant `atMs`, if any (the later one where two touch). */
export function segmentAt(segments: readonly Segment[], atMs: number): Segment | null {
  const hits = segments.filter((s) => s.startMs <= atMs && atMs < s.startMs + s.durationMs);
  return hits.sort((a, b) => b.startMs - a.startMs)[0] ?? null;
}

/**
 * Headroom kept free for the segment being written: its size is not known until it ends. Twice the largest recent
 * segment: one for the segment being written (a segment runs past its target length until the next key frame, and
 * the bitrate rises with motion), one for the first frames of the next segment, which ffmpeg writes before it
 * reports the finished one and the ring can react. Before any segment is known the reserve is 0: there is nothing
 * the ring could delete yet anyway.
 */
export const RESERVE_FACTOR = 2;

export function reserveBytes(recentSegmentBytes: readonly number[]): number {
  return Math.ceil(RESERVE_FACTOR * Math.max(0, ...recentSegmentBytes));
}

export const TS_PACKET = 188;

/** Whether the 188-byte packet at `at` starts a video PES (a new frame): payload_unit_start, 00 00 01 E0..EF. */
function startsVideoFrame(d: Uint8Array, at: number): boolean {
  const flags = d[at + 1] ?? 0;
  const control = ((d[at + 3] ?? 0) >> 4) & 3;
  if ((flags & 0x40) === 0 || (control & 1) === 0) return false;
  const p = at + 4 + ((control & 2) !== 0 ? 1 + (d[at + 4] ?? 0) : 0);
  return d[p] === 0 && d[p + 1] === 0 && d[p + 2] === 1 && ((d[p + 3] ?? 0) & 0xf0) === 0xe0;
}

/**
 * How much of an MPEG-TS segment holds only whole frames. An intact file (whole packets, each starting with the
 * sync byte) keeps its length. When the tail is cut short or damaged (a crash in the middle of a write, a disk
 * that zero-filled it), everything from the start of the last frame before the damage goes: that frame cannot be
 * complete, and copying it into a clip would give a broken picture.
 */
export function wholeFramesLength(data: Uint8Array): number {
  let end = 0;
  while (end + TS_PACKET <= data.length && data[end] === 0x47) end += TS_PACKET;
  if (end === data.length) return end;
  for (let at = end - TS_PACKET; at >= 0; at -= TS_PACKET) if (startsVideoFrame(data, at)) return at;
  return 0;
}

export interface DeletionPolicy {
  budgetBytes: number;
  maxAgeMs: number;
  now: number;
  /** Names never deleted: the segment ffmpeg is writing. */
  protect: ReadonlySet<string>;
  /** Bytes kept free for the protected file to grow into (see reserveBytes). */
  reserveBytes: number;
}

export interface DeletionPlan {
  /** Oldest first. */
  delete: string[];
  /** Bytes on disk once the deletions are done (the protected file counted at its current size). */
  bytesAfter: number;
  /** False when the protected file alone no longer fits the budget: deleting cannot help. */
  fits: boolean;
}

/**
 * Which files to delete, oldest first: every file past the age limit, then the oldest until the rest, plus
 * room for the protected file to grow (`max(its size, reserve)`), fits the budget. Left-over partial files
 * count by their modification time.
 */
export function planDeletions(listing: RingListing, policy: DeletionPolicy): DeletionPlan {
  const files = [
    ...listing.segments.map((s) => ({ name: s.name, bytes: s.bytes, at: s.startMs, endAt: s.startMs + s.durationMs })),
    ...listing.partials.map((p) => ({ name: p.name, bytes: p.bytes, at: p.mtimeMs, endAt: p.mtimeMs })),
  ].sort((a, b) => a.at - b.at);
  const kept = files.filter((f) => !policy.protect.has(f.name));
  const protectedBytes = files.filter((f) => policy.protect.has(f.name)).reduce((sum, f) => sum + f.bytes, 0);
  const fixed = listing.foreignBytes + Math.max(protectedBytes, policy.reserveBytes);
  let total = fixed + kept.reduce((sum, f) => sum + f.bytes, 0);
  const cutoff = policy.now - policy.maxAgeMs;
  const remove: string[] = [];
  for (const f of kept) {
    if (f.endAt >= cutoff && total <= policy.budgetBytes) break;
    remove.push(f.name);
    total -= f.bytes;
  }
  const bytesAfter = total - fixed + listing.foreignBytes + protectedBytes;
  return { delete: remove, bytesAfter, fits: listing.foreignBytes + protectedBytes <= policy.budgetBytes };
}

export function totalBytes(listing: RingListing): number {
  return (
    listing.foreignBytes +
    listing.segments.reduce((sum, s) => sum + s.bytes, 0) +
    listing.partials.reduce((sum, p) => sum + p.bytes, 0)
  );
}

/** Lists the folder (missing folder: empty ring). Files that vanish while it looks are left out. */
export async function scanRing(dir: string): Promise<RingListing> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { segments: [], partials: [], foreignBytes: 0 };
    throw error;
  }
  const listing: RingListing = { segments: [], partials: [], foreignBytes: 0 };
  await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => {
        const info = await stat(join(dir, e.name)).catch(() => null);
        if (!info) return;
        const seg = parseSegmentName(e.name);
        const partial = parsePartialName(e.name);
        if (seg) listing.segments.push({ name: e.name, ...seg, bytes: info.size });
        else if (partial) listing.partials.push({ name: e.name, ...partial, bytes: info.size, mtimeMs: info.mtimeMs });
        else listing.foreignBytes += info.size;
      }),
  );
  listing.segments.sort((a, b) => a.startMs - b.startMs);
  listing.partials.sort((a, b) => a.mtimeMs - b.mtimeMs);
  return listing;
}

/** Deletes the named files; one already gone is fine. Returns the names it could not delete, with the reason. */
export async function deleteFiles(dir: string, names: readonly string[]): Promise<{ name: string; error: string }[]> {
  const failed: { name: string; error: string }[] = [];
  for (const name of names) {
    try {
      await unlink(join(dir, name));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT') failed.push({ name, error: e.code ?? e.message });
    }
  }
  return failed;
}
