/**
 * `anxun detect IMAGE...`: runs a shipped model on still images, through the same decoding (ffmpeg → BGR24),
 * preprocessing and post-processing as camera frames, and prints the boxes.
 */
import type { Command } from 'commander';
import { resolveFfmpeg } from '../../media/ffmpeg';
import { decodeImageFile } from '../../media/image-decode';
import type { DetectorOptions, DetectTimings } from '../../vision/detector';
import type { LoadedModelManifest } from '../../vision/model-manifest';
import { listModelIds, resolveModelsDir } from '../../vision/model-registry';
import { openDetector, type OpenDetectorResult } from '../../vision/open-detector';
import type { Detection } from '../../vision/types';
import { CliError, EXIT } from '../errors';

export const DEFAULT_MODEL = 'fire_smoke_baseline_yolox_nano_416';

interface DetectFlags {
  model: string;
  json?: boolean;
  minScore?: string;
  threads: string;
  modelsDir?: string;
}

type ImageOutcome =
  | { file: string; ok: true; width: number; height: number; detections: Detection[]; timings: DetectTimings }
  | { file: string; ok: false; error: { code: string; message: string } };

export function parseNumberFlag(flag: string, value: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new CliError(`${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, EXIT.usage);
  }
  return n;
}

/** The model and its detector, or a CliError naming what is wrong (unknown id: a usage error). */
export async function openModelForCli(
  modelsDir: string | undefined,
  id: string,
  options: (model: LoadedModelManifest) => DetectorOptions,
): Promise<Extract<OpenDetectorResult, { ok: true }>> {
  const dir = modelsDir ?? resolveModelsDir();
  const known = await listModelIds(dir);
  if (!known.includes(id)) {
    throw new CliError(`unknown model "${id}" (models in ${dir}: ${known.join(', ') || 'none'})`, EXIT.usage);
  }
  const opened = await openDetector(dir, id, options);
  if (opened.ok) return opened;
  throw new CliError(`model "${id}" is unavailable (${opened.reason.code}): ${opened.reason.message}`);
}

export async function ffmpegPathForCli(): Promise<string> {
  const r = await resolveFfmpeg();
  if (!r.binary) throw new CliError(`ffmpeg is needed to read images: ${r.problems.join('; ')}`);
  return r.binary.path;
}

/** --min-score applies to every class the model reports. */
export function minScoresFor(model: LoadedModelManifest, minScore: number | undefined): Record<string, number> {
  if (minScore === undefined) return {};
  return Object.fromEntries(Object.keys(model.operatingThresholds).map((label) => [label, minScore]));
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

function printTable(model: LoadedModelManifest, thresholds: Record<string, number>, outcomes: ImageOutcome[]): void {
  const t = Object.entries(thresholds)
    .map(([l, s]) => `${l} ${fmt(s, 2)}`)
    .join(', ');
  const lines = [
    `Model ${model.id} (${model.input.resize} ${model.input.width}x${model.input.height}; minimum scores ${t})`,
  ];
  for (const o of outcomes) {
    lines.push('');
    if (!o.ok) {
      lines.push(`${o.file}  error: ${o.error.message}`);
      continue;
    }
    const { preMs, inferMs, postMs } = o.timings;
    const head = `${o.file}  ${o.width}x${o.height}  ${o.detections.length} box${o.detections.length === 1 ? '' : 'es'}`;
    lines.push(`${head}  (pre ${fmt(preMs)} ms, inference ${fmt(inferMs)} ms, post ${fmt(postMs)} ms)`);
    if (o.detections.length === 0) continue;
    const width = Math.max(5, ...o.detections.map((d) => d.label.length));
    lines.push(`  ${'class'.padEnd(width)}  score      x1      y1      x2      y2`);
    for (const d of o.detections) {
      const box = [d.box.x1, d.box.y1, d.box.x2, d.box.y2].map((v) => fmt(v).padStart(6)).join('  ');
      lines.push(`  ${d.label.padEnd(width)}  ${fmt(d.score, 3)}  ${box}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function detect(images: string[], flags: DetectFlags): Promise<void> {
  const minScore = flags.minScore === undefined ? undefined : parseNumberFlag('--min-score', flags.minScore, 0, 1);
  const threads = parseNumberFlag('--threads', flags.threads, 1, 64, true);
  const ffmpegPath = await ffmpegPathForCli();
  const { model, detector } = await openModelForCli(flags.modelsDir, flags.model, (m) => ({
    threads,
    minScores: minScoresFor(m, minScore),
  }));
  const thresholds = { ...model.operatingThresholds, ...minScoresFor(model, minScore) };
  const outcomes: ImageOutcome[] = [];
  try {
    for (const file of images) {
      const decoded = await decodeImageFile(file, { ffmpegPath });
      if (!decoded.ok) {
        outcomes.push({ file, ok: false, error: decoded.error });
        continue;
      }
      const { width, height } = decoded.frame;
      const r = await detector.detect(decoded.frame);
      outcomes.push({ file, ok: true, width, height, detections: r.detections, timings: r.timings });
    }
  } finally {
    await detector.dispose();
  }
  if (flags.json) {
    const report = { model: model.id, minScores: thresholds, images: outcomes };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    printTable(model, thresholds, outcomes);
  }
  const failed = outcomes.filter((o) => !o.ok);
  for (const o of failed) process.stderr.write(`anxun: ${o.error.message}\n`);
  if (failed.length > 0) process.exitCode = EXIT.failure;
}

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('run a detection model on images (JPEG, PNG, …) and print the boxes, classes and scores')
    .argument('<images...>', 'image files')
    .option('-m, --model <id>', 'model id (see models/)', DEFAULT_MODEL)
    .option('--min-score <s>', "minimum score (0-1) for every class the model reports (default: the manifest's)")
    .option('--json', 'print JSON instead of a table')
    .option('--threads <n>', 'onnxruntime intra-op threads', '1')
    .option('--models-dir <dir>', 'models folder (default $ANXUN_MODELS_DIR or the shipped models/)')
    .action(detect);
}
