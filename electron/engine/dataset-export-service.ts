/**
 * `dataset:export` for the API: one export at a time, always into a new folder `<data dir>/exports/dataset-<time>`
 * (the API never writes to a path its caller chose), the export's error codes turned into API errors with the
 * export's code as the reason.
 */
import { join } from 'node:path';
import type { ParsedInput, RequestOutput } from '../api/contract';
import { AppError } from '../api/dispatch';
import type { Logger } from '../log/logger';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { Database } from '../store/database';
import { exportDataset } from './dataset-export';
import { DatasetExportError, type ExportErrorCode } from './dataset-export-files';
import { MEDIA_DIR } from './evidence';

/** Folder of the data folder that holds the exports made from the interface. */
export const EXPORTS_DIR = 'exports';

export interface DatasetExportDeps {
  dataDir: string;
  /** The recording rings' folder; null when recording is off. */
  recordingsDir: string | null;
  db: () => Database;
  ffmpeg: () => FfmpegBinary | null;
  clipPostS: number;
  now: () => Date;
  logger: Logger;
}

const API_CODE: Record<ExportErrorCode, 'INVALID_REQUEST' | 'UNAVAILABLE' | 'INTERNAL'> = {
  BAD_RANGE: 'INVALID_REQUEST',
  OUT_NOT_EMPTY: 'INTERNAL',
  OUT_NOT_WRITABLE: 'UNAVAILABLE',
  DISK_FULL: 'UNAVAILABLE',
  NO_FFMPEG: 'UNAVAILABLE',
};

/** `dataset-20261130-081500`, in the local time zone, as the technician reads it in a file manager. */
export function exportFolderName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  return `dataset-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

export class DatasetExports {
  private running = false;
  private readonly log: Logger;

  constructor(private readonly deps: DatasetExportDeps) {
    this.log = deps.logger.child({ module: 'dataset-export' });
  }

  async export(input: ParsedInput<'dataset:export'>): Promise<RequestOutput<'dataset:export'>> {
    if (this.running) throw new AppError('CONFLICT', 'an export is already running: wait for it to finish');
    this.running = true;
    const started = this.deps.now();
    const out = join(this.deps.dataDir, EXPORTS_DIR, exportFolderName(started));
    try {
      const result = await exportDataset({
        db: this.deps.db(),
        ffmpeg: this.deps.ffmpeg(),
        mediaDir: join(this.deps.dataDir, MEDIA_DIR),
        recordingsDir: this.deps.recordingsDir,
        out,
        sinceMs: Date.parse(input.since),
        untilMs: input.until ? Date.parse(input.until) : started.getTime(),
        cameras: input.cameras,
        clipPostS: this.deps.clipPostS,
        now: this.deps.now,
      });
      this.log.info({ folder: result.folder, images: result.summary.images }, 'dataset exported');
      return result;
    } catch (error) {
      if (!(error instanceof DatasetExportError)) throw error;
      this.log.warn({ code: error.code, err: error }, 'dataset export failed');
      throw new AppError(API_CODE[error.code], error.message, undefined, error.code);
    } finally {
      this.running = false;
    }
  }
}
