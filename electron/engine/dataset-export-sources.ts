/**
 * Where the clean frame at an alert's peak comes from, in order: the incident's clip of that camera (kept as
 * evidence, long after the recording ring has moved on), else the camera's recording ring while it still holds
 * the instant (the clip covers the alert's start with its pre- and post-roll; a peak later than that is only in
 * the ring), else the copy in an earlier export into the same folder. The reason is kept when none has it.
 * Frames are placed by the recording's clock, the peak by the detector's (a connection of its own to the camera):
 * for a moving object the frame can be a fraction of a second away from the one the box was found in.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { clipStartFromEnd, peakOffsetS, type SkipReason } from '../domain/dataset-labels';
import { ClipError, extractSnapshot } from '../media/clip';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { EvidenceModel, StoredIncident } from '../store/incidents-repo';
import { carryFile, type ManifestRow } from './dataset-export-files';
import { extractFrame, FrameError, jpegFileSize, type FrameSize } from './dataset-export-frames';

export type FrameSource = 'clip' | 'recording' | 'earlier-export';

export interface TakenFrame {
  size: FrameSize;
  models: EvidenceModel[];
  source: FrameSource;
}

export interface FrameRequest {
  ffmpeg: FfmpegBinary;
  incident: StoredIncident;
  alert: StoredIncident['alerts'][number];
  /** The data folder's media folder (clips) and recordings folder (one ring per camera). */
  mediaDir: string;
  recordingsDir: string | null;
  clipPostS: number;
  /** The same alert's row and folder in the export being added to, if any. */
  earlier: { row: ManifestRow; folder: string } | null;
  target: string;
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** Models in force for the camera's evidence (clip or snapshot rows carry them). */
function modelsOf(r: FrameRequest): EvidenceModel[] {
  return r.incident.evidence.find((e) => e.cameraId === r.alert.cameraId)?.models ?? [];
}

async function fromClip(r: FrameRequest): Promise<TakenFrame | SkipReason> {
  const clips = r.incident.evidence.filter((e) => e.kind === 'clip' && e.cameraId === r.alert.cameraId);
  if (clips.length === 0) return 'no-clip';
  const peakMs = Date.parse(r.alert.peak.at);
  let reason: SkipReason = 'no-clip';
  for (const clip of clips) {
    const file = join(r.mediaDir, clip.file);
    if (!(await isFile(file))) continue;
    const start = clipStartFromEnd(Date.parse(clip.at), r.clipPostS, clip.durationS ?? 0);
    const offset = peakOffsetS(start, clip.durationS ?? 0, peakMs);
    if (offset === null) {
      reason = 'peak-outside-clip';
      continue;
    }
    try {
      return { size: await extractFrame(r.ffmpeg, file, offset, r.target), models: clip.models, source: 'clip' };
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      reason = 'frame-failed';
    }
  }
  return reason;
}

async function fromRing(r: FrameRequest): Promise<TakenFrame | null> {
  if (!r.recordingsDir) return null;
  try {
    const ringDir = join(r.recordingsDir, r.alert.cameraId);
    await extractSnapshot({ ffmpeg: r.ffmpeg, ringDir, at: Date.parse(r.alert.peak.at), outFile: r.target });
  } catch (error) {
    if (error instanceof ClipError) return null;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
  const size = await jpegFileSize(r.target);
  return size ? { size, models: modelsOf(r), source: 'recording' } : null;
}

/** The frame at the alert's peak written to `target`, or why there is none. Disk errors are thrown. */
export async function takeFrame(r: FrameRequest): Promise<TakenFrame | SkipReason> {
  const clip = await fromClip(r);
  if (typeof clip !== 'string') return clip;
  const ring = await fromRing(r);
  if (ring) return ring;
  if (r.earlier && (await isFile(join(r.earlier.folder, r.earlier.row.image)))) {
    await carryFile(join(r.earlier.folder, r.earlier.row.image), r.target);
    const { width, height, models } = r.earlier.row;
    return { size: { width, height }, models, source: 'earlier-export' };
  }
  return clip;
}
