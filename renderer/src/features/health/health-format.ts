/** Display rules of the health screen. Pure: the screen translates the keys and tones these return. */
import type { CameraView, ModelStatus } from '@contract/contract';
import type { Tone } from '../cameras/camera-format';

/** One reading of a model's processed-frame counter, with when it was read (ms since the epoch). */
export interface ProcessedSample {
  processed: number;
  at: number;
}

/**
 * Frames per second the detector processed between two readings of its counter, or null when there is no
 * earlier reading, no time passed, or the counter went back (the detector restarted).
 */
export function processedRate(previous: ProcessedSample | null, next: ProcessedSample): number | null {
  if (previous === null) return null;
  const seconds = (next.at - previous.at) / 1000;
  const frames = next.processed - previous.processed;
  if (seconds <= 0 || frames < 0) return null;
  return frames / seconds;
}

/** Recordings on disk against the budget, summed over the cameras that have a recording ring. */
export interface DiskUsage {
  usedBytes: number;
  budgetBytes: number;
  /** Whole percentage used, or null when no camera has a budget. */
  percent: number | null;
}

export function diskUsage(cameras: readonly Pick<CameraView, 'recording'>[]): DiskUsage {
  let usedBytes = 0;
  let budgetBytes = 0;
  for (const camera of cameras) {
    if (camera.recording === null) continue;
    usedBytes += camera.recording.bytes;
    budgetBytes += camera.recording.budgetBytes;
  }
  const percent = budgetBytes > 0 ? Math.round((usedBytes / budgetBytes) * 100) : null;
  return { usedBytes, budgetBytes, percent };
}

/** Near the budget the oldest segments go first: a full ring is normal, only past it is an error. */
export function diskTone(percent: number | null): Tone {
  if (percent === null) return 'muted';
  if (percent > 100) return 'error';
  if (percent >= 90) return 'warn';
  return 'ok';
}

/** The detector's queue: a frame or two waiting is normal, more means it cannot keep up. */
export function queueTone(queued: number | null): Tone {
  if (queued === null) return 'muted';
  if (queued >= 8) return 'error';
  if (queued >= 3) return 'warn';
  return 'ok';
}

export function modelTone(status: ModelStatus['status']): Tone {
  return status === 'available' ? 'ok' : status === 'starting' ? 'info' : 'error';
}

/** Counts of the last hour: none is fine, a few a warning, many an error. */
export function countTone(count: number): Tone {
  if (count === 0) return 'ok';
  if (count < 5) return 'warn';
  return 'error';
}
