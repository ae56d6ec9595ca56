/**
 * The training-data export: incidents whose latest review falls in a time range become frames in the layout the
 * training pipeline (models/training) reads. Each alert of an exported kind gives the clean frame at its peak, cut
 * from the incident's clip (see dataset-export-sources.ts): a confirmed incident's frame is labelled with the alert's box (and the boxes of the
 * same camera's other alerts peaking within a second), a dismissed incident's frame is a negative (an empty label
 * file) with the operator's reason in the manifest. Alerts whose frame cannot be had (clip and recording expired)
 * or labelled are skipped and counted by reason. Exporting again into the same folder replaces rows of the same alerts and keeps the others.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DATASET_CLASSES,
  datasetClassOf,
  imageStem,
  summarise,
  yoloLabel,
  type ExportSummary,
  type SkipReason,
} from '../domain/dataset-labels';
import type { FfmpegBinary } from '../media/ffmpeg';
import type { Database } from '../store/database';
import { DatasetExportRepo, type LatestVerdict } from '../store/dataset-export-repo';
import { IncidentsRepo, type StoredIncident } from '../store/incidents-repo';
import {
  DatasetExportError,
  IMAGES_DIR,
  LABELS_DIR,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  carryFile,
  createWorkDir,
  dataYaml,
  diskError,
  readPreviousExport,
  removeWork,
  swapIn,
  writeDurable,
  type Manifest,
  type ManifestRow,
} from './dataset-export-files';
import { takeFrame, type TakenFrame } from './dataset-export-sources';
import { datasetReadme } from './dataset-export-readme';

export interface DatasetExportOptions {
  db: Database;
  ffmpeg: FfmpegBinary | null;
  /** The data folder's media folder, where clip files are. */
  mediaDir: string;
  /** The data folder's recordings folder (one ring per camera), for peaks the clip does not hold; null: clips only. */
  recordingsDir: string | null;
  out: string;
  /** [sinceMs, untilMs): when the incidents' latest verdict was given. */
  sinceMs: number;
  untilMs: number;
  cameras?: readonly string[] | undefined;
  /** Seconds recorded after the event in each clip (the recording configuration's clipPostS). */
  clipPostS: number;
  now: () => Date;
  onProgress?: (p: { done: number; total: number; image: string | null; skipped: SkipReason | null }) => void;
}

export interface DatasetExportResult {
  folder: string;
  /** Images written by this run (new or replaced). */
  added: number;
  /** Images of earlier runs kept as they were. */
  kept: number;
  /** Of the whole folder after this run; `skipped` counts this run's alerts that gave no image. */
  summary: ExportSummary;
}

/** One alert to turn into an image. */
interface Job {
  verdict: LatestVerdict;
  incident: StoredIncident;
  alert: StoredIncident['alerts'][number];
  stem: string;
}

/** Boxes of other confirmed alerts of the same camera whose peak is this close are labelled on the same frame. */
const SAME_FRAME_MS = 1000;

function plan(repo: IncidentsRepo, verdicts: readonly LatestVerdict[], cameras: ReadonlySet<string> | null) {
  const jobs: Job[] = [];
  const skipped: SkipReason[] = [];
  for (const verdict of verdicts) {
    const incident = repo.get(verdict.incidentId);
    if (!incident) continue;
    for (const alert of incident.alerts) {
      if (cameras && !cameras.has(alert.cameraId)) continue;
      if (!datasetClassOf(alert.kind)) skipped.push('kind-not-exported');
      else jobs.push({ verdict, incident, alert, stem: imageStem(incident.id, alert.alertId) });
    }
  }
  return { jobs, skipped };
}

/** The label lines of a frame, or why it cannot be labelled. */
function labelLines(job: Job, width: number, height: number): string[] | SkipReason {
  if (job.verdict.verdict === 'dismissed') return [];
  const { alert, incident } = job;
  if (!alert.peak.box) return 'no-box';
  const cls = datasetClassOf(alert.kind);
  if (!cls) return 'kind-not-exported';
  const main = yoloLabel(cls, alert.peak.box, width, height);
  if (!main.ok) return main.reason;
  const peakMs = Date.parse(alert.peak.at);
  const others = incident.alerts.filter(
    (a) =>
      a.alertId !== alert.alertId &&
      a.cameraId === alert.cameraId &&
      a.peak.box !== null &&
      Math.abs(Date.parse(a.peak.at) - peakMs) <= SAME_FRAME_MS,
  );
  const lines = [main.line];
  for (const other of others) {
    const c = datasetClassOf(other.kind);
    const r = c && other.peak.box ? yoloLabel(c, other.peak.box, width, height) : null;
    if (r?.ok && !lines.includes(r.line)) lines.push(r.line);
  }
  return lines;
}

function manifestRow(job: Job, labels: string[], frame: TakenFrame): ManifestRow {
  const cls = datasetClassOf(job.alert.kind) ?? 'person';
  return {
    image: `${IMAGES_DIR}/${job.stem}.jpg`,
    label: `${LABELS_DIR}/${job.stem}.txt`,
    incidentId: job.incident.id,
    alertId: job.alert.alertId,
    cameraId: job.alert.cameraId,
    alertKind: job.alert.kind,
    class: cls,
    verdict: job.verdict.verdict,
    reason: job.verdict.reason,
    reviewer: { id: job.verdict.reviewerId, name: job.verdict.reviewerName },
    reviewedAt: new Date(job.verdict.at).toISOString(),
    peakAt: job.alert.peak.at,
    score: job.alert.peak.score,
    labels,
    width: frame.size.width,
    height: frame.size.height,
    frameSource: frame.source,
    models: frame.models,
  };
}

/** The frame and label file of one alert in the work folder, or why it gave none (nothing left behind then). */
async function exportJob(
  o: DatasetExportOptions,
  ffmpeg: FfmpegBinary,
  job: Job,
  work: string,
  previous: ReadonlyMap<string, ManifestRow>,
): Promise<ManifestRow | SkipReason> {
  if (job.verdict.verdict === 'confirmed' && !job.alert.peak.box) return 'no-box';
  const target = join(work, IMAGES_DIR, `${job.stem}.jpg`);
  const earlier = previous.get(job.stem);
  const frame = await takeFrame({
    ffmpeg,
    incident: job.incident,
    alert: job.alert,
    mediaDir: o.mediaDir,
    recordingsDir: o.recordingsDir,
    clipPostS: o.clipPostS,
    earlier: earlier ? { row: earlier, folder: resolve(o.out) } : null,
    target,
  });
  if (typeof frame === 'string') return frame;
  const labels = labelLines(job, frame.size.width, frame.size.height);
  if (typeof labels === 'string') {
    await rm(target, { force: true });
    return labels;
  }
  await writeFile(join(work, LABELS_DIR, `${job.stem}.txt`), labels.map((l) => `${l}\n`).join(''));
  return manifestRow(job, labels, frame);
}

const stemOf = (row: ManifestRow) => (row.image.split('/').pop() ?? '').replace(/\.jpg$/, '');

/** Runs the export; throws DatasetExportError with a stable code, leaving `out` as it was. */
export async function exportDataset(o: DatasetExportOptions): Promise<DatasetExportResult> {
  const out = resolve(o.out);
  if (!(o.untilMs > o.sinceMs))
    throw new DatasetExportError('BAD_RANGE', 'the end of the range is not after its start');
  if (!o.ffmpeg) throw new DatasetExportError('NO_FFMPEG', 'no usable ffmpeg: frames cannot be taken from the clips');
  const before = await readPreviousExport(out);
  const verdicts = new DatasetExportRepo(o.db).latestVerdicts(o.sinceMs, o.untilMs);
  const cameras = o.cameras && o.cameras.length > 0 ? new Set(o.cameras) : null;
  const { jobs, skipped } = plan(new IncidentsRepo(o.db), verdicts, cameras);
  const previous = new Map((before?.images ?? []).map((row) => [stemOf(row), row]));
  const ffmpeg = o.ffmpeg;
  const work = await createWorkDir(out);
  try {
    const rows: ManifestRow[] = [];
    for (const [i, job] of jobs.entries()) {
      const r = await exportJob(o, ffmpeg, job, work, previous);
      if (typeof r === 'string') skipped.push(r);
      else rows.push(r);
      o.onProgress?.({
        done: i + 1,
        total: jobs.length,
        image: typeof r === 'string' ? null : r.image,
        skipped: typeof r === 'string' ? r : null,
      });
    }
    // rows of the alerts handled now are replaced (or dropped when they can no longer be labelled)
    const handled = new Set(jobs.map((j) => j.stem));
    const kept = (before?.images ?? []).filter((r) => !handled.has(stemOf(r)));
    for (const row of kept) {
      await carryFile(join(out, row.image), join(work, row.image));
      await carryFile(join(out, row.label), join(work, row.label));
    }
    const images = [...kept, ...rows].sort((a, b) => a.image.localeCompare(b.image));
    const run = {
      at: o.now().toISOString(),
      since: new Date(o.sinceMs).toISOString(),
      until: new Date(o.untilMs).toISOString(),
      cameras: cameras ? [...cameras] : null,
    };
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      classes: [...DATASET_CLASSES],
      runs: [...(before?.runs ?? []), run],
      images,
    };
    const summary = summarise(images, skipped);
    await writeFile(join(work, 'data.yaml'), dataYaml());
    await writeFile(join(work, 'README.md'), datasetReadme(manifest, summary));
    await writeDurable(join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    await swapIn(work, out);
    return { folder: out, added: rows.length, kept: kept.length, summary };
  } catch (error) {
    await removeWork(work);
    throw diskError(error, out);
  }
}
