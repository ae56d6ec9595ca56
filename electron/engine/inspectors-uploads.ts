/**
 * Photos from inspectors' phones: streamed to a temporary file under a byte limit (a larger body is cut off, never
 * written in full), the type read from the bytes, re-encoded through ffmpeg to a metadata-free JPEG under a
 * server-made name in `<data>/media/uploads/`. A client-made upload id answers a repeated upload with the same
 * photo. The disk's free space is checked before anything is written.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, readFile, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ClientIdSchema, type UploadOutput } from '../api/inspector-contract';
import type { InspectorsConfig } from '../config/inspectors-schema';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { Logger } from '../log/logger';
import type { InspectorDevicesRepo, UploadRecord } from '../store/inspector-devices-repo';
import { InspectorApiError } from './inspectors-errors';
import { ImageError, jpegOrientation, jpegSize, reencodeImage, sniffImage } from './inspectors-images';
import type { PhoneIdentity } from './inspectors';

export const UPLOADS_DIR = 'uploads';

export interface UploadServiceOptions {
  repo: InspectorDevicesRepo;
  /** `<data>/media`: uploads go to its `uploads/` folder. */
  mediaDir: string;
  ffmpeg: () => FfmpegBinary | null;
  config: InspectorsConfig;
  logger: Logger;
  now?: () => number;
}

class TooLarge extends Error {}

const output = (u: UploadRecord, replayed: boolean): UploadOutput => ({
  photoId: u.id,
  width: u.width,
  height: u.height,
  bytes: u.bytes,
  replayed,
});

export class UploadService {
  private readonly dir: string;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: UploadServiceOptions) {
    this.dir = join(options.mediaDir, UPLOADS_DIR);
    this.log = options.logger.child({ module: 'uploads' });
    this.now = options.now ?? Date.now;
  }

  get limitBytes(): number {
    return Math.round(this.options.config.uploadMaxMb * 1_000_000);
  }

  /** Checks made before the body is read: the id, the declared length, the count and the disk. */
  async precheck(
    me: PhoneIdentity,
    uploadId: string | null,
    contentLength: number | null,
  ): Promise<UploadOutput | null> {
    if (uploadId !== null && !ClientIdSchema.safeParse(uploadId).success) {
      throw new InspectorApiError('INVALID_REQUEST', 'X-Upload-Id: letters, digits, "_" and "-", 8 to 100');
    }
    if (uploadId !== null) {
      const known = this.options.repo.uploadByClientId(me.inspector.id, uploadId);
      if (known) return output(known, true);
    }
    if (contentLength !== null && contentLength > this.limitBytes) throw this.tooLarge();
    if (this.options.repo.pendingUploads(me.inspector.id) >= this.options.config.uploadMaxPending) {
      throw new InspectorApiError('RATE_LIMITED', 'too many photos waiting for an action', 'TOO_MANY_PHOTOS');
    }
    mkdirSync(this.dir, { recursive: true });
    const fs = await statfs(this.dir);
    const free = fs.bavail * fs.bsize;
    if (free < this.options.config.minFreeMb * 1024 * 1024 + this.limitBytes) {
      this.log.error({ freeMb: Math.round(free / 1048576) }, 'upload refused: the disk is full');
      throw this.diskFull();
    }
    return null;
  }

  /** Receives one photo's body (after `precheck`). */
  async receive(me: PhoneIdentity, body: Readable, uploadId: string | null): Promise<UploadOutput> {
    const ffmpeg = this.options.ffmpeg();
    if (!ffmpeg) throw new InspectorApiError('UNAVAILABLE', 'no ffmpeg to process photos');
    const temp = join(this.dir, `.incoming-${randomUUID()}`);
    const id = `ph_${randomUUID().replaceAll('-', '')}`;
    const file = `${UPLOADS_DIR}/${id}.jpg`;
    const target = join(this.options.mediaDir, file);
    try {
      await this.spool(body, temp);
      const type = await this.sniff(temp);
      const orientation = type === 'jpeg' ? jpegOrientation(await readFile(temp)) : 1;
      await reencodeImage(ffmpeg, temp, target, orientation, this.options.config.photoMaxEdge);
      const bytes = (await stat(target)).size;
      const size = jpegSize(await readFile(target));
      if (!size) throw new ImageError('the re-encoded photo has no size');
      const record: UploadRecord = {
        id,
        inspectorId: me.inspector.id,
        deviceId: me.device.id,
        clientUploadId: uploadId,
        file,
        bytes,
        width: size.width,
        height: size.height,
        createdAt: new Date(this.now()).toISOString(),
        taskId: null,
      };
      try {
        this.options.repo.addUpload(record);
      } catch (error) {
        // the same upload id raced in twice: the first one stored wins
        const known = uploadId ? this.options.repo.uploadByClientId(me.inspector.id, uploadId) : null;
        await rm(target, { force: true });
        if (known) return output(known, true);
        throw error;
      }
      this.log.info({ inspector: me.inspector.id, photo: id, bytes }, 'photo uploaded');
      return output(record, false);
    } catch (error) {
      await rm(target, { force: true });
      throw this.translate(error);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Writes the body to a temporary file, stopping (and pausing the body, never destroying it, so the refusal can
   * still be answered) as soon as it passes the limit.
   */
  private spool(body: Readable, temp: string): Promise<void> {
    const limit = this.limitBytes;
    return new Promise<void>((resolve, reject) => {
      const out = createWriteStream(temp, { mode: 0o600 });
      let seen = 0;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        body.off('data', onData);
        body.pause();
        out.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const onData = (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > limit) return fail(new TooLarge());
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => failed || body.resume());
        }
      };
      body.on('data', onData);
      body.once('end', () => failed || out.end());
      body.once('error', fail);
      body.once('aborted', () => fail(new Error('the upload was cut off')));
      out.once('error', fail);
      out.once('close', () => failed || resolve());
    });
  }

  private async sniff(temp: string): Promise<'jpeg' | 'png' | 'webp'> {
    const handle = await open(temp, 'r');
    const head = Buffer.alloc(32);
    try {
      await handle.read(head, 0, 32, 0);
    } finally {
      await handle.close();
    }
    const type = sniffImage(head);
    if (type === 'heic') {
      throw new InspectorApiError('INVALID_REQUEST', 'HEIC photos are not accepted: send JPEG', 'UNSUPPORTED_TYPE');
    }
    if (type === null) {
      throw new InspectorApiError('INVALID_REQUEST', 'not a JPEG, PNG or WebP image', 'UNSUPPORTED_TYPE');
    }
    return type;
  }

  private translate(error: unknown): unknown {
    if (error instanceof TooLarge) return this.tooLarge();
    if (error instanceof ImageError) {
      return new InspectorApiError('INVALID_REQUEST', error.message, 'UNSUPPORTED_TYPE');
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOSPC' || error.code === 'EDQUOT')) {
      this.log.error('upload failed: the disk is full');
      return this.diskFull();
    }
    return error;
  }

  private tooLarge(): InspectorApiError {
    const mb = this.options.config.uploadMaxMb;
    return new InspectorApiError('PAYLOAD_TOO_LARGE', `a photo is at most ${mb} MB`, 'TOO_LARGE');
  }

  private diskFull(): InspectorApiError {
    return new InspectorApiError('UNAVAILABLE', 'the server’s disk is full: photos cannot be stored', 'DISK_FULL');
  }
}
