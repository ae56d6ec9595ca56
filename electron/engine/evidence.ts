/**
 * Evidence cut from the recording rings: clips around an instant and JPEG snapshots, written to the data
 * folder's `media/` and served by the HTTP shell at `/media/<file>`. Clip errors become API errors with the
 * clip module's reason in the message (NO_RECORDING → NOT_FOUND, BAD_RANGE → INVALID_REQUEST).
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedInput, RequestOutput } from '../api/contract';
import { AppError } from '../api/dispatch';
import type { Config } from '../config/schema';
import type { Logger } from '../log/logger';
import { ClipError, clipRange, extractClip, extractSnapshot } from '../media/clip';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { RecorderStatus } from '../media/recorder';

/** Folder of the data folder that holds extracted clips and snapshots. */
export const MEDIA_DIR = 'media';
export const MEDIA_URL_PREFIX = '/media/';

/** What evidence needs of the cameras: which exist, where each ring is, and how far each ring has got. */
export interface RingSource {
  get(cameraId: string): unknown;
  ringDir(cameraId: string): string | null;
  recorderStatus(cameraId: string): Pick<RecorderStatus, 'state' | 'newestAt'> | null;
}

export interface EvidenceDeps {
  cameras: RingSource;
  ffmpeg: () => FfmpegBinary | null;
  mediaDir: string;
  logger: Logger;
}

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function toAppError(error: unknown): never {
  if (error instanceof ClipError) {
    const code =
      error.code === 'NO_RECORDING' ? 'NOT_FOUND' : error.code === 'BAD_RANGE' ? 'INVALID_REQUEST' : 'INTERNAL';
    throw new AppError(code, `${error.code}: ${error.message}`);
  }
  throw error;
}

export class EvidenceService {
  private readonly log: Logger;

  constructor(private readonly deps: EvidenceDeps) {
    this.log = deps.logger.child({ module: 'evidence' });
  }

  private prepare(cameraId: string): { ffmpeg: FfmpegBinary; ringDir: string } {
    if (!this.deps.cameras.get(cameraId)) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    const ringDir = this.deps.cameras.ringDir(cameraId);
    if (!ringDir) throw new AppError('UNAVAILABLE', 'recording is turned off in the configuration');
    const ffmpeg = this.deps.ffmpeg();
    if (!ffmpeg) throw new AppError('UNAVAILABLE', 'no usable ffmpeg: clips cannot be cut');
    return { ffmpeg, ringDir };
  }

  async clip(
    input: ParsedInput<'recordings:clip'>,
    defaults: Config['recording'],
  ): Promise<RequestOutput<'recordings:clip'>> {
    const { ffmpeg, ringDir } = this.prepare(input.cameraId);
    const at = Date.parse(input.at);
    const { from, to } = clipRange(at, input.preS ?? defaults.clipPreS, input.postS ?? defaults.clipPostS);
    if (to > Date.now() + 1000) {
      throw new AppError('INVALID_REQUEST', 'the clip ends in the future: ask again once it has been recorded');
    }
    await this.waitForRing(input.cameraId, to, defaults.segmentS);
    await mkdir(this.deps.mediaDir, { recursive: true });
    const file = `${input.cameraId}-${stamp(at)}-${randomBytes(3).toString('hex')}.mp4`;
    const result = await extractClip({ ffmpeg, ringDir, from, to, outFile: join(this.deps.mediaDir, file) }).catch(
      toAppError,
    );
    this.log.info({ camera: input.cameraId, file, durationS: result.durationS }, 'clip extracted');
    return {
      url: `${MEDIA_URL_PREFIX}${file}`,
      file,
      startedAt: new Date(result.startedAt).toISOString(),
      durationS: result.durationS,
    };
  }

  /**
   * A segment is on disk only once it is finished: a clip asked for right after its end waits (at most two
   * segments and a few seconds) until the ring covers it, so it is not cut short.
   */
  private async waitForRing(cameraId: string, to: number, segmentS: number): Promise<void> {
    const deadline = Date.now() + (2 * segmentS + 5) * 1000;
    for (;;) {
      const status = this.deps.cameras.recorderStatus(cameraId);
      if (!status || status.state !== 'recording' || (status.newestAt ?? 0) >= to || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * With `segmentS`, waits like a clip until the ring covers the instant: the segment holding "now", or a peak
   * seconds ago under load, may not be finished yet. An instant in the future is refused.
   */
  async snapshot(
    input: ParsedInput<'recordings:snapshot'>,
    segmentS?: number,
  ): Promise<RequestOutput<'recordings:snapshot'>> {
    const { ffmpeg, ringDir } = this.prepare(input.cameraId);
    const at = Date.parse(input.at);
    if (at > Date.now() + 1000) {
      throw new AppError('INVALID_REQUEST', 'the instant is in the future: ask again once it has been recorded');
    }
    if (segmentS !== undefined) await this.waitForRing(input.cameraId, at, segmentS);
    await mkdir(this.deps.mediaDir, { recursive: true });
    const file = `${input.cameraId}-${stamp(at)}-${randomBytes(3).toString('hex')}.jpg`;
    const result = await extractSnapshot({
      ffmpeg,
      ringDir,
      at,
      outFile: join(this.deps.mediaDir, file),
      ...(input.width !== undefined ? { width: input.width } : {}),
      ...(input.boxes !== undefined ? { boxes: input.boxes } : {}),
    }).catch(toAppError);
    return { url: `${MEDIA_URL_PREFIX}${file}`, file, frameAt: new Date(result.frameAt).toISOString() };
  }
}
