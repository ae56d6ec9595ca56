/**
 * The export folder on disk. A run builds the whole dataset in a hidden sibling folder (`.<name>.partial-<id>`)
 * and swaps it in at the end (the old folder is renamed `.<name>.previous`, the new one takes the name, the old one
 * is removed), so the folder under the asked name is always either the previous complete export or the new
 * complete one. `manifest.json` is written last and marks a finished export; a folder that is not empty and holds
 * no Anxun manifest is never touched. A run interrupted between the two renames is repaired by the next one.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { DATASET_CLASSES } from '../domain/dataset-labels';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'anxun-dataset';
export const IMAGES_DIR = 'train/images';
export const LABELS_DIR = 'train/labels';

export const ManifestRowSchema = z.object({
  image: z.string(),
  label: z.string(),
  incidentId: z.string(),
  alertId: z.string(),
  cameraId: z.string(),
  alertKind: z.string(),
  class: z.enum(DATASET_CLASSES),
  verdict: z.enum(['confirmed', 'dismissed']),
  reason: z.string().nullable(),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  reviewedAt: z.string(),
  peakAt: z.string(),
  score: z.number(),
  /** The label lines written (empty for a negative frame). */
  labels: z.array(z.string()),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Where the frame was taken from: the incident's clip, the recording ring, or an earlier export. */
  frameSource: z.enum(['clip', 'recording', 'earlier-export']),
  models: z.array(z.object({ id: z.string(), sha256: z.string(), thresholds: z.record(z.string(), z.number()) })),
});
export type ManifestRow = z.infer<typeof ManifestRowSchema>;

export const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  classes: z.array(z.string()),
  runs: z.array(
    z.object({ at: z.string(), since: z.string(), until: z.string(), cameras: z.array(z.string()).nullable() }),
  ),
  images: z.array(ManifestRowSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export type ExportErrorCode = 'OUT_NOT_WRITABLE' | 'OUT_NOT_EMPTY' | 'DISK_FULL' | 'NO_FFMPEG' | 'BAD_RANGE';

export class DatasetExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatasetExportError';
  }
}

/** Disk errors as the export's codes; anything else is passed on unchanged. */
export function diskError(error: unknown, out: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new DatasetExportError('DISK_FULL', `the disk holding ${out} is full: nothing was exported`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new DatasetExportError('OUT_NOT_WRITABLE', `${out} cannot be written (permission denied)`);
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new DatasetExportError('OUT_NOT_WRITABLE', `${out} is not a folder`);
  return error;
}

const previousOf = (out: string) => join(dirname(out), `.${basename(out)}.previous`);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The manifest of a finished export in `out`, null when `out` is absent or empty; refuses any other folder. */
export async function readPreviousExport(out: string): Promise<Manifest | null> {
  if (!(await exists(out)) && (await exists(previousOf(out)))) await rename(previousOf(out), out);
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw diskError(error, out);
  }
  if (entries.length === 0) return null;
  const text = await readFile(join(out, MANIFEST_FILE), 'utf8').catch(() => null);
  const parsed = text === null ? null : ManifestSchema.safeParse(safeJson(text));
  if (!parsed?.success) {
    throw new DatasetExportError(
      'OUT_NOT_EMPTY',
      `${out} is not empty and holds no Anxun dataset export: choose an empty or new folder`,
    );
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Creates the hidden work folder beside `out`, with the image and label folders. */
export async function createWorkDir(out: string): Promise<string> {
  const work = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dirname(out), { recursive: true });
    await mkdir(join(work, IMAGES_DIR), { recursive: true });
    await mkdir(join(work, LABELS_DIR), { recursive: true });
  } catch (error) {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    throw diskError(error, out);
  }
  return work;
}

/** Brings a frame of the previous export into the work folder: a hard link where possible, else a copy. */
export async function carryFile(from: string, to: string): Promise<void> {
  await link(from, to).catch(() => copyFile(from, to));
}

/** Writes a file and flushes it to the disk. */
export async function writeDurable(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `data.yaml` as the Roboflow YOLO layout has it (paths relative to the folder; JSON lists are YAML). */
export function dataYaml(): string {
  return [
    '# Anxun training-data export (see README.md and manifest.json)',
    `train: ${IMAGES_DIR}`,
    `val: ${IMAGES_DIR}`,
    `nc: ${DATASET_CLASSES.length}`,
    `names: ${JSON.stringify(DATASET_CLASSES)}`,
    '',
  ].join('\n');
}

/** Puts the finished work folder in place of `out`. */
export async function swapIn(work: string, out: string): Promise<void> {
  const previous = previousOf(out);
  await rm(previous, { recursive: true, force: true });
  if (await exists(out)) await rename(out, previous);
  await rename(work, out);
  await rm(previous, { recursive: true, force: true });
}

export async function removeWork(work: string): Promise<void> {
  await rm(work, { recursive: true, force: true }).catch(() => undefined);
}
