/**
 * `anxun export-dataset`: the incidents reviewed in a time range as a training dataset (frames, YOLO labels,
 * data.yaml, manifest.json) in the layout models/training reads. Progress and a summary table, or JSON lines.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { DATASET_CLASSES } from '../../domain/dataset-labels';
import { DATABASE_FILE, RECORDINGS_DIR } from '../../engine/engine';
import { exportDataset, type DatasetExportResult } from '../../engine/dataset-export';
import { DatasetExportError, type ExportErrorCode } from '../../engine/dataset-export-files';
import { parseDateBound } from '../../engine/dataset-export-range';
import { MEDIA_DIR } from '../../engine/evidence';
import { resolveFfmpeg } from '../../media/ffmpeg';
import { openDatabase } from '../../store/database';
import { resolveDataDir } from '../data-dir';
import { CliError, EXIT } from '../errors';

interface ExportFlags {
  since: string;
  until?: string;
  out: string;
  cameras?: string;
  config?: string;
  data?: string;
  json?: boolean;
}

const EXIT_OF: Record<ExportErrorCode, number> = {
  BAD_RANGE: EXIT.usage,
  OUT_NOT_EMPTY: EXIT.usage,
  OUT_NOT_WRITABLE: EXIT.failure,
  DISK_FULL: EXIT.failure,
  NO_FFMPEG: EXIT.failure,
};

function bound(text: string, side: 'since' | 'until'): number {
  const ms = parseDateBound(text, side);
  if (ms === null) {
    throw new CliError(
      `BAD_DATE: --${side} "${text}" is not a day (YYYY-MM-DD, local time) or an ISO time with its offset`,
      EXIT.usage,
    );
  }
  return ms;
}

const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

function table(r: DatasetExportResult): string {
  const s = r.summary;
  const rows: [string, string][] = [
    ['folder', r.folder],
    ['images', `${s.images} (${r.added} written now, ${r.kept} kept from earlier exports)`],
    ['positive boxes', DATASET_CLASSES.map((c) => `${c} ${s.positives[c]}`).join(', ')],
    ['negatives', counts(s.negatives)],
    ['skipped now', counts(s.skipped)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export async function exportDatasetCommand(flags: ExportFlags): Promise<void> {
  const sinceMs = bound(flags.since, 'since');
  const untilMs = flags.until ? bound(flags.until, 'until') : Date.now();
  const dataDir = resolveDataDir(flags.data);
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new CliError(`no database in ${dataDir}`, EXIT.usage);
  const config = await loadConfig(flags.config);
  const ffmpeg = (await resolveFfmpeg({ configuredPath: config.ffmpeg.path })).binary;
  const cameras = flags.cameras
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const say = (line: object | string) =>
    flags.json
      ? process.stdout.write(`${JSON.stringify(line)}\n`)
      : process.stderr.write(`${typeof line === 'string' ? line : ''}\n`);
  const { db } = openDatabase(file);
  try {
    const result = await exportDataset({
      db,
      ffmpeg,
      mediaDir: join(dataDir, MEDIA_DIR),
      recordingsDir: join(dataDir, RECORDINGS_DIR),
      out: flags.out,
      sinceMs,
      untilMs,
      cameras,
      clipPostS: config.recording.clipPostS,
      now: () => new Date(),
      onProgress: (p) =>
        say(
          flags.json
            ? { type: 'progress', ...p }
            : `[${p.done}/${p.total}] ${p.image ?? `skipped (${p.skipped ?? 'unknown'})`}`,
        ),
    });
    if (flags.json) say({ type: 'summary', ...result });
    else process.stdout.write(`${table(result)}\n`);
  } catch (error) {
    if (!(error instanceof DatasetExportError)) throw error;
    if (flags.json) say({ type: 'error', code: error.code, message: error.message });
    throw new CliError(`${error.code}: ${error.message}`, EXIT_OF[error.code]);
  } finally {
    db.close();
  }
}

export function registerExportDataset(program: Command): void {
  program
    .command('export-dataset')
    .description('write the incidents reviewed in a time range as a training dataset for models/training')
    .requiredOption('--since <date>', 'first day (YYYY-MM-DD, local time) or ISO time of the reviews to export')
    .option('--until <date>', 'last day (included) or ISO time (excluded); default: now')
    .requiredOption('--out <dir>', 'dataset folder: new, empty, or an earlier export to add to')
    .option('--cameras <ids>', 'only these cameras, comma-separated')
    .option('-c, --config <file>', 'configuration file (for the clip post-roll; default: built-in settings)')
    .option('--json', 'print progress and the summary as JSON lines')
    .option('-d, --data <dir>', 'data folder (default: $ANXUN_DATA_DIR, then ~/.local/share/anxun)')
    .action((flags: ExportFlags) => exportDatasetCommand(flags));
}
