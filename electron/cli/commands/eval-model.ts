/**
 * `anxun eval-model --model ID --data DIR`: AP50 per class and mAP50 on a YOLO-format labelled folder, the
 * share of images without objects that get a box at the operating threshold, and the median timings, all
 * through the engine's own decoding, preprocessing and post-processing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { decodeImageFile } from '../../media/image-decode';
import { resolveClassMapping, type ClassMapping } from '../../vision/class-map';
import { evalMinScores, evaluateModel, type ModelEvalReport } from '../../vision/model-eval';
import { readYoloDataset } from '../../vision/yolo-dataset';
import { CliError, EXIT } from '../errors';
import { DEFAULT_MODEL, ffmpegPathForCli, minScoresFor, openModelForCli, parseNumberFlag } from './detect';

interface EvalFlags {
  model: string;
  data: string;
  iou: string;
  json?: boolean;
  classMap?: string;
  minScore?: string;
  threads: string;
  modelsDir?: string;
}

const pct = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));

/** Left-aligned first column, right-aligned others, two spaces apart. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function classRows(r: ModelEvalReport): string[][] {
  const rows = [['class', 'boxes', 'AP50', 'threshold', 'found', 'false', 'recall', 'precision']];
  for (const c of r.classes) {
    const p = c.atThreshold;
    const at = p
      ? [p.threshold.toFixed(2), String(p.truePositives), String(p.falsePositives), pct(p.recall), pct(p.precision)]
      : ['-', '-', '-', '-', '-'];
    rows.push([c.label, String(c.groundTruth), pct(c.ap50), ...at]);
  }
  rows.push(['mAP50', '', pct(r.map50)]);
  return rows;
}

export function formatEvalReport(r: ModelEvalReport, data: string, threads: number): string {
  const dropped = r.classMapping.dropped.length > 0 ? `; not measured: ${r.classMapping.dropped.join(', ')}` : '';
  const lines = [
    `Model ${r.modelId} on ${data}: ${r.images} images, IoU ${r.iou.toFixed(2)}, classes by ${r.classMapping.source}${dropped}`,
    '',
    ...formatTable(classRows(r)),
    '',
  ];
  const at = Object.entries(r.negatives.thresholds)
    .map(([l, s]) => `${l} >= ${s.toFixed(2)}`)
    .join(', ');
  const share = r.negatives.share === null ? 'n/a' : `${(r.negatives.share * 100).toFixed(1)} %`;
  lines.push(
    `images without objects: ${r.negatives.images}, with a box at ${at}: ${r.negatives.withFalseAlarm} (${share})`,
    `median per image (${threads} thread${threads === 1 ? '' : 's'}): pre ${r.timings.medianPreMs.toFixed(1)} ms, ` +
      `inference ${r.timings.medianInferMs.toFixed(1)} ms, post ${r.timings.medianPostMs.toFixed(1)} ms`,
  );
  for (const f of r.failed) lines.push(`not measured: ${f.imageId}: ${f.message}`);
  for (const p of r.labelProblems.slice(0, 10)) lines.push(`label ignored: ${p}`);
  return `${lines.join('\n')}\n`;
}

export async function evalModel(flags: EvalFlags): Promise<void> {
  const iou = parseNumberFlag('--iou', flags.iou, 0.05, 0.95);
  const threads = parseNumberFlag('--threads', flags.threads, 1, 64, true);
  const minScore = flags.minScore === undefined ? undefined : parseNumberFlag('--min-score', flags.minScore, 0, 1);
  const dir = resolve(flags.data);
  if (!existsSync(join(dir, 'images'))) throw new CliError(`${flags.data} has no images/ folder`, EXIT.usage);
  const dataset = await readYoloDataset(dir);
  if (dataset.images.length === 0) throw new CliError(`${flags.data}/images has no images`, EXIT.usage);
  const ffmpegPath = await ffmpegPathForCli();
  let mapping: ClassMapping | undefined;
  let thresholds: Record<string, number> = {};
  const { model, detector } = await openModelForCli(flags.modelsDir, flags.model, (m) => {
    const resolved = resolveClassMapping(m.classes, dataset.names, flags.classMap);
    if (!resolved.ok) throw new CliError(resolved.message, EXIT.usage);
    mapping = resolved.mapping;
    thresholds = { ...m.operatingThresholds, ...minScoresFor(m, minScore) };
    return { threads, minScores: evalMinScores(m, mapping, thresholds) };
  });
  try {
    if (!mapping) throw new CliError('no class mapping', EXIT.usage);
    const report = await evaluateModel(
      model,
      dataset,
      mapping,
      { iou, thresholds },
      { decode: (path) => decodeImageFile(path, { ffmpegPath }), detect: (frame) => detector.detect(frame) },
    );
    const out = flags.json ? `${JSON.stringify({ data: flags.data, threads, ...report }, null, 2)}\n` : null;
    process.stdout.write(out ?? formatEvalReport(report, flags.data, threads));
    if (report.failed.length > 0) process.exitCode = EXIT.failure;
  } finally {
    await detector.dispose();
  }
}

export function registerEvalModel(program: Command): void {
  program
    .command('eval-model')
    .description('measure a model on a YOLO-format labelled folder (DIR/images, DIR/labels, optional data.yaml)')
    .requiredOption('--data <dir>', 'labelled folder')
    .option('-m, --model <id>', 'model id (see models/)', DEFAULT_MODEL)
    .option('--iou <t>', 'IoU a detection needs with a labelled box to count', '0.5')
    .option('--class-map <map>', 'data-set class id to model class, e.g. "0=fire,2=smoke" (default: data.yaml names)')
    .option('--min-score <s>', 'operating threshold for the false-alarm count (default: the manifest’s)')
    .option('--json', 'print JSON instead of a table')
    .option('--threads <n>', 'onnxruntime intra-op threads', '1')
    .option('--models-dir <dir>', 'models folder (default $ANXUN_MODELS_DIR or the shipped models/)')
    .action(evalModel);
}
