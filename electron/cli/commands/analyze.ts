/**
 * `anxun analyze --source URL_OR_FILE...`: runs the engine's whole pipeline (ingest → motion gate → detection →
 * tracking, confirmation, zones → incidents, recording and evidence) on one or more sources for a while, and
 * prints one line per alert and incident change, then a summary. Technicians use it to try a camera, a clip and
 * thresholds before changing the real configuration. Sources are named src-1, src-2... in the order given (zones
 * in the configuration file refer to them by those ids). A file is played in real time, looped. Passwords in
 * URLs never appear in what it prints.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { IncidentView, PushMessage } from '../../api/contract';
import { loadConfig } from '../../config/load';
import type { CameraConfig } from '../../config/camera-schema';
import type { Config } from '../../config/schema';
import type { CameraEntry } from '../../engine/cameras';
import { createEngine } from '../../engine/engine';
import { createLogger } from '../../log/logger';
import { formatRtspUrl, maskRtspUrl, parseRtspUrl } from '../../media/rtsp-url';
import detectorWorkerPath from '../../vision/detector-worker?modulePath';
import { CliError } from '../errors';
import { parseNumberFlag } from './detect';

interface AnalyzeFlags {
  source: string[];
  grid: string;
  duration: string;
  data?: string;
  config?: string;
  json?: boolean;
}

/** One source as a camera of this run, and how it is shown (never with its password). */
export function sourceEntry(
  source: string,
  index: number,
  gridCell: string,
  detect: CameraConfig['detect'],
): { entry: CameraEntry; shown: string } {
  const id = `src-${index + 1}`;
  if (/^rtsps?:\/\//i.test(source.trim())) {
    const parsed = parseRtspUrl(source);
    if (!parsed.ok) throw new CliError(`source ${index + 1}: ${parsed.message}`);
    const { username, password, ...rest } = parsed.url;
    const camera: CameraConfig = {
      id,
      name: id,
      gridCell,
      detectUrl: formatRtspUrl({ ...rest, username: null, password: null }, { credentials: 'full' }),
      ...(username !== null ? { username } : {}),
      ...(password !== null ? { password } : {}),
      detect,
      enabled: true,
    };
    return { entry: { source: 'config', camera }, shown: maskRtspUrl(parsed.url) };
  }
  const file = resolve(source);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliError(`source ${index + 1}: no such file (and not an rtsp:// or rtsps:// URL): ${source}`);
  }
  const camera: CameraConfig = {
    id,
    name: basename(file),
    gridCell,
    detectUrl: `file:${basename(file)}`,
    detect,
    enabled: true,
  };
  return { entry: { source: 'demo', camera, clipPath: file }, shown: file };
}

function line(json: boolean, record: Record<string, unknown>, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(record)}\n` : `${text}\n`);
}

function onPush(message: PushMessage, json: boolean): void {
  if (message.type === 'alerts:changed') {
    const a = message.payload;
    line(
      json,
      { type: 'alert', ...a },
      `${a.at}  alert ${a.phase}  ${a.kind}  ${a.cameraId}${a.zoneId ? ` zone ${a.zoneId}` : ''}  score ${a.score.toFixed(2)}`,
    );
  } else if (message.type === 'incidents:changed') {
    const i = message.payload;
    line(json, { type: 'incident', ...i }, `incident ${i.id} ${i.change}${i.kind ? `  ${i.kind}` : ''}`);
  } else if (message.type === 'tasks:changed') {
    const t = message.payload;
    line(json, { type: 'task', ...t }, `task #${t.number} ${t.change}  ${t.state}`);
  }
}

export async function analyze(flags: AnalyzeFlags): Promise<void> {
  const durationS = parseNumberFlag('--duration', flags.duration, 1, 86_400);
  if (flags.source.length === 0) throw new CliError('give at least one --source (an rtsp:// URL or a video file)');
  const config: Config = await loadConfig(flags.config);
  const json = flags.json === true;
  const sources = flags.source.map((s, i) => sourceEntry(s, i, flags.grid, config.cameras[0]?.detect ?? defaultDetect));
  const dataDir = flags.data ? resolve(flags.data) : mkdtempSync(join(tmpdir(), 'anxun-analyze-'));
  mkdirSync(dataDir, { recursive: true });
  const log = await createLogger({
    level: 'info',
    dir: join(dataDir, 'logs'),
    fileSizeMb: 10,
    keepFiles: 2,
    stderr: false,
  });
  // only the sources: the configuration's own cameras and stored ones would blur what is being tried
  const engine = createEngine({
    config: { ...config, cameras: [], demo: { ...config.demo, camera: false } },
    dataDir,
    shell: 'http',
    log,
    detectorWorkerPath,
    extraCameras: sources.map((s) => s.entry),
  });
  const unsubscribe = engine.events.subscribe((m) => onPush(m, json));
  const started = Date.now();
  try {
    await engine.start();
    await new Promise((r) => setTimeout(r, durationS * 1000));
    await engine.settleEvidence((config.recording.clipPostS + 2 * config.recording.segmentS + 5) * 1000);
    const cameras = engine.services.cameras();
    const incidents: IncidentView[] = engine.services.incidents(500);
    const tasks = engine.services.tasks().list({}, 500, null).tasks;
    const summary = {
      type: 'summary',
      durationS: Math.round((Date.now() - started) / 100) / 10,
      dataDir: flags.data ? dataDir : null,
      sources: sources.map(({ entry, shown }) => {
        const view = cameras.find((c) => c.id === entry.camera.id);
        return {
          id: entry.camera.id,
          source: shown,
          state: view?.status?.state ?? null,
          pipeline: view?.pipeline ?? null,
        };
      }),
      incidents: incidents.map((i) => ({
        id: i.id,
        kind: i.kind,
        state: i.state,
        cameras: [...new Set(i.alerts.map((a) => a.cameraId))],
        firstSeen: i.firstSeen,
        peakScore: i.peak.score,
        evidence: i.evidence.map((e) => ({
          kind: e.kind,
          // without --data the folder is removed at the end: only the names are worth printing
          file: flags.data ? join(dataDir, 'media', e.file) : e.file,
          durationS: e.durationS,
        })),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        number: t.number,
        state: t.state,
        category: t.category,
        severity: t.severity,
        incidentId: t.incidentId,
        assignees: t.assignees,
        dueAt: t.dueAt,
      })),
    };
    line(
      json,
      summary,
      `${incidents.length} incident(s), ${tasks.length} task(s) in ${summary.durationS} s from ${sources.length} source(s)` +
        (flags.data ? `; evidence in ${join(dataDir, 'media')}` : ''),
    );
  } finally {
    unsubscribe();
    await engine.stop();
    await log.close();
    if (!flags.data) rmSync(dataDir, { recursive: true, force: true });
  }
}

const defaultDetect: CameraConfig['detect'] = { fps: 2, width: 640, height: 360 };

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('run ingest, detection and incidents on cameras or video files for a while and print what happens')
    .requiredOption(
      '-s, --source <url-or-file>',
      'an rtsp:// URL or a video file (played in real time, looped); repeat for several',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--grid <cell>', 'grid cell of the sources (near cameras are correlated into one incident)', 'analyze')
    .option('--duration <seconds>', 'how long to run', '60')
    .option('-d, --data <dir>', 'keep the database, recordings and evidence here (default: a temporary folder)')
    .option('-c, --config <file>', 'configuration file: thresholds, zones (for src-1, src-2...), recording')
    .option('--json', 'print JSON lines: one per alert, incident and task change, then a summary')
    .action((flags: AnalyzeFlags) => analyze(flags));
}
