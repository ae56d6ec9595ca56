/**
 * The training-data export against a real engine: two RTSP cameras play the corridor clip (people walking), the real
 * person model and a restricted zone over the whole picture raise one intrusion incident per camera with a clip;
 * an operator confirms one and dismisses the other as steam. The export, through the API and the built CLI, gives
 * clean JPEG frames at the recorded size, YOLO person lines for the confirmed one and empty label files with the
 * reason for the dismissed one; exporting again does not duplicate; bad dates, unwritable and foreign folders are
 * refused with their codes and nothing half-written; the training pipeline's own reader loads the folder; with
 * the clips and the recording gone, alerts are skipped and counted (and an earlier export keeps its frames).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOutput } from '../../electron/api/contract';
import { ConfigSchema } from '../../electron/config/schema';
import type { Manifest } from '../../electron/engine/dataset-export-files';
import { MEDIA_DIR } from '../../electron/engine/evidence';
import { RECORDINGS_DIR } from '../../electron/engine/engine';
import { resolveFfmpeg } from '../../electron/media/ffmpeg';
import { decodeImageFile } from '../../electron/media/image-decode';
import { builtDetectorWorker } from '../support/built-worker';
import { anxun, requireBuiltCli, ROOT } from '../support/cli';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';

const PYTHON = '/usr/bin/python3';
const li = { id: 'op-li', name: '李值班' };
const WHOLE_PICTURE = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];
const zone = { id: 'no-entry', name: '禁入区', kind: 'restricted', minDwellS: 1, polygon: WHOLE_PICTURE };
const gridFile = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});
function iou(a: { x1: number; y1: number; x2: number; y2: number }, b: typeof a): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const area = (r: typeof a) => (r.x2 - r.x1) * (r.y2 - r.y1);
  return w * h > 0 ? (w * h) / (area(a) + area(b) - w * h) : 0;
}
const readManifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function python(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe.runIf(canServeRtsp())('training-data export (real cameras, model, SQLite, ffmpeg)', () => {
  let server: RtspServer;
  let t: TestEngine;
  let closed = false;
  const dataDir = mkdtempSync(join(tmpdir(), 'anxun-dataset-'));
  const work = mkdtempSync(join(tmpdir(), 'anxun-dataset-out-'));
  const cliOut = join(work, 'local-dataset');
  /** The configuration file the CLI is given, as `anxun serve -c` would be: the clips' post-roll is read from it. */
  const configFile = join(work, 'anxun.json');
  const cli = (...args: string[]) => anxun(['export-dataset', '--data', dataDir, '-c', configFile, ...args]);
  let apiFolder = '';

  beforeAll(async () => {
    requireBuiltCli();
    server = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
    const camera = (id: string, name: string, gridCell: string) => ({
      id,
      name,
      gridCell,
      detectUrl: server.url(),
      detect: { fps: 2, width: 480, height: 270 },
    });
    const raw = {
      detection: { models: ['yolox_nano_coco_416'] },
      recording: { segmentS: 2, clipPreS: 2, clipPostS: 4 },
      incidents: { zones: { gate: [zone], yard: [zone] } },
      cameras: [camera('gate', '东门', '330199101001-01'), camera('yard', '后院', 'yard-cell')],
    };
    writeFileSync(configFile, JSON.stringify(raw));
    const config = ConfigSchema.parse(raw);
    t = await startTestEngine(config, builtDetectorWorker(), { dataDir });
    const imported = await t.dispatch('grid:import', {
      files: [gridFile('grid.csv'), gridFile('inspectors.csv')],
      mode: 'replace',
    });
    if (!imported.ok) throw new Error(imported.error.message);
  }, 60_000);

  afterAll(async () => {
    if (!closed) {
      await t?.engine.settleEvidence(15_000);
      await t?.close();
    }
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  async function call<C extends 'incidents:list' | 'incidents:get' | 'incidents:review' | 'dataset:export'>(
    channel: C,
    input: unknown,
  ): Promise<RequestOutput<C>> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as RequestOutput<C>;
  }

  /** The camera's incident once its clip is kept. */
  async function incidentWithClip(cameraId: string): Promise<string | null> {
    const { incidents } = await call('incidents:list', {});
    const incident = incidents.find((i) => i.peak.cameraId === cameraId);
    if (!incident) return null;
    const detail = await call('incidents:get', { id: incident.id });
    return detail.incident.evidence.some((e) => e.kind === 'clip' && e.cameraId === cameraId) ? incident.id : null;
  }

  it('exports the confirmed incident as labelled frames and the dismissed one as negatives (API)', async () => {
    const ids = await until(
      async () => [await incidentWithClip('gate'), await incidentWithClip('yard')],
      (l) => l.every(Boolean),
      120_000,
    );
    const [gate, yard] = ids;
    if (!gate || !yard) throw new Error(`incidents with clips not raised: ${JSON.stringify(ids)}`);
    await call('incidents:review', { id: gate, reviewer: li, verdict: 'confirmed' });
    await call('incidents:review', { id: yard, reviewer: li, verdict: 'dismissed', reason: 'steam', note: '锅炉' });

    const since = new Date(Date.now() - 3600_000).toISOString();
    const result = await call('dataset:export', { since });
    apiFolder = result.folder;
    expect(result.folder.startsWith(join(dataDir, 'exports', 'dataset-'))).toBe(true);
    const manifest = readManifest(result.folder);
    const confirmed = manifest.images.filter((r) => r.incidentId === gate);
    const dismissed = manifest.images.filter((r) => r.incidentId === yard);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(dismissed.length).toBeGreaterThan(0);
    expect(result.summary.images).toBe(manifest.images.length);
    expect(result.summary.positives['person']).toBeGreaterThanOrEqual(confirmed.length);
    expect(result.summary.negatives).toEqual({ steam: dismissed.length });
    expect(readFileSync(join(result.folder, 'data.yaml'), 'utf8')).toContain('names: ["fire","smoke","person"]');

    const ffmpeg = (await resolveFfmpeg()).binary;
    if (!ffmpeg) throw new Error('no ffmpeg');
    for (const row of manifest.images) {
      expect(row).toMatchObject({ cameraId: row.incidentId === gate ? 'gate' : 'yard', alertKind: 'intrusion' });
      expect(['clip', 'recording']).toContain(row.frameSource);
      expect(row.models.map((m) => m.id)).toContain('yolox_nano_coco_416');
      const decoded = await decodeImageFile(join(result.folder, row.image), { ffmpegPath: ffmpeg.path });
      if (!decoded.ok) throw new Error(decoded.error.message);
      expect([decoded.frame.width, decoded.frame.height]).toEqual([480, 270]);
      expect([row.width, row.height]).toEqual([480, 270]);
      const label = readFileSync(join(result.folder, row.label), 'utf8');
      if (row.verdict === 'dismissed') {
        expect(label).toBe('');
        expect(row).toMatchObject({ reason: 'steam', reviewer: li, labels: [] });
        continue;
      }
      const lines = label.trim().split('\n');
      expect(lines).toEqual(row.labels);
      for (const line of lines) {
        const [cls, ...rest] = line.split(' ').map(Number);
        expect(cls).toBe(2);
        expect(rest).toHaveLength(4);
        for (const v of rest) expect(v).toBeGreaterThan(0);
        for (const v of rest) expect(v).toBeLessThanOrEqual(1);
      }
    }
    // how well the labels sit on the frames: the same model run on each exported frame, each label box against
    // the best person box found there (reported, not asserted: people walk, and the frame is the peak's to within
    // the recording's timing)
    const positives = manifest.images.filter((r) => r.verdict === 'confirmed');
    const detected = await anxun([
      'detect',
      '-m',
      'yolox_nano_coco_416',
      '--json',
      ...positives.map((r) => join(result.folder, r.image)),
    ]);
    expect(detected.code, detected.stderr).toBe(0);
    const found = (
      JSON.parse(detected.stdout) as {
        images: { detections: { box: { x1: number; y1: number; x2: number; y2: number } }[] }[];
      }
    ).images;
    const matched = positives
      .map((row, i) => {
        const boxes = (found[i]?.detections ?? []).map((d) => d.box);
        return row.labels.map((line) => {
          const [, cx = 0, cy = 0, w = 0, h = 0] = line.split(' ').map(Number);
          const label = {
            x1: (cx - w / 2) * row.width,
            y1: (cy - h / 2) * row.height,
            x2: (cx + w / 2) * row.width,
            y2: (cy + h / 2) * row.height,
          };
          return { source: row.frameSource, iou: Math.max(0, ...boxes.map((b) => iou(label, b))) };
        });
      })
      .flat();
    process.stderr.write(
      `label boxes met by a detection on the exported frame (IoU >= 0.5): ${matched.filter((m) => m.iou >= 0.5).length} of ${matched.length}; ${JSON.stringify(matched)}\n`,
    );
    const bySource = manifest.images.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.frameSource]: (n[r.frameSource] ?? 0) + 1 }),
      {},
    );
    process.stderr.write(`dataset export: ${manifest.images.length} frames by source ${JSON.stringify(bySource)}\n`);
    // the stream's address never reaches the export
    const everything = readFileSync(join(result.folder, 'manifest.json'), 'utf8');
    expect(everything).not.toContain('rtsp://');
    expect(readFileSync(join(result.folder, 'README.md'), 'utf8')).not.toContain('rtsp://');
  }, 180_000);

  it('refuses a malformed range through the API', async () => {
    const bad = await t.dispatch('dataset:export', { since: 'yesterday' });
    expect(bad.ok || bad.error.code).toBe('INVALID_REQUEST');
    const backwards = await t.dispatch('dataset:export', {
      since: new Date().toISOString(),
      until: new Date(Date.now() - 1000).toISOString(),
    });
    expect(backwards.ok || backwards.error.code).toBe('INVALID_REQUEST');
  });

  it('exports through the CLI with a summary; exporting again into the folder does not duplicate', async () => {
    // from here on nothing changes in the data folder: the cameras stop (people keep walking past them)
    await t.engine.settleEvidence(15_000);
    await t.close();
    closed = true;
    const first = await cli('--since', today(), '--out', cliOut, '--json');
    expect(first.code, first.stderr).toBe(0);
    const lines = jsonLines(first.stdout);
    const summary = lines.at(-1);
    expect(summary?.type).toBe('summary');
    const images = readManifest(cliOut).images.length;
    expect(images).toBeGreaterThanOrEqual(readManifest(apiFolder).images.length);
    expect(summary?.['summary']).toMatchObject({ images });
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.filter((l) => l['image'] !== null)).toHaveLength(images);

    const again = await cli('--since', today(), '--out', cliOut);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^images\s+\d+ \(\d+ written now, 0 kept from earlier exports\)$/m);
    expect(again.stdout).toMatch(/^positive boxes\s+fire 0, smoke 0, person \d+$/m);
    expect(again.stdout).toMatch(/^negatives\s+steam \d+$/m);
    const manifest = readManifest(cliOut);
    expect(manifest.images).toHaveLength(images);
    expect(manifest.runs).toHaveLength(2);
    expect(readdirSync(join(cliOut, 'train/images'))).toHaveLength(images);
    expect(readdirSync(join(cliOut, 'train/labels'))).toHaveLength(images);
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('refuses bad dates, unwritable and foreign folders with their codes, leaving nothing behind', async () => {
    const badDay = await cli('--since', '2026-02-30', '--out', cliOut);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('BAD_DATE');
    const badUntil = await cli('--since', today(), '--until', 'soon', '--out', cliOut);
    expect(badUntil.code).toBe(2);

    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const unwritable = await cli('--since', today(), '--out', `${blocker}/ds`);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('OUT_NOT_WRITABLE');

    const foreign = join(work, 'holiday-photos');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'beach.jpg'), 'x');
    const refused = await cli('--since', today(), '--out', foreign, '--json');
    expect(refused.code).toBe(2);
    expect(jsonLines(refused.stdout).at(-1)).toMatchObject({ type: 'error', code: 'OUT_NOT_EMPTY' });
    expect(readdirSync(foreign)).toEqual(['beach.jpg']);
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('a full disk fails with DISK_FULL and leaves neither a folder nor a half-written one', async (context) => {
    const tiny = join(work, 'tiny-disk');
    mkdirSync(tiny);
    // a 48 KiB file system: room for a frame or so, not for the export (needs root; skipped elsewhere)
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', tiny]).status === 0;
    if (!mounted) return context.skip('cannot mount a small tmpfs here (needs root)');
    try {
      const full = await cli('--since', today(), '--out', join(tiny, 'ds'), '--json');
      expect(full.code, full.stderr).toBe(1);
      expect(full.stderr).toContain('DISK_FULL');
      expect(jsonLines(full.stdout).at(-1)).toMatchObject({ type: 'error', code: 'DISK_FULL' });
      expect(readdirSync(tiny)).toEqual([]);
    } finally {
      spawnSync('umount', [tiny]);
    }
  }, 60_000);

  it.runIf(existsSync(PYTHON))(
    'loads in the training pipeline’s own reader, incidents kept whole',
    async () => {
      const script = [
        'import json, os, sys',
        'from models.training import sources, splits',
        '[s] = sources.register_extra([sys.argv[1]])',
        "images = sources.list_images('/nowhere', s)",
        'train, held, groups = splits.split_source(s, images)',
        "inc = lambda p: os.path.basename(p).split('__')[0]",
        "boxes = sum(len(sources.read_boxes('/nowhere', p, s)) for p in images)",
        "print(json.dumps({'name': s.name, 'map': s.class_map, 'images': len(images), 'boxes': boxes,",
        "  'overlap': sorted({inc(p) for p in train} & {inc(p) for p in held})}))",
      ].join('\n');
      const r = await python(['-c', script, cliOut]);
      expect(r.code, r.output).toBe(0);
      const out = JSON.parse(r.output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      // person boxes are not a class the fire/smoke model trains: read as frames without fire or smoke
      expect(out).toEqual({
        name: 'local-local-dataset',
        map: { '0': 0, '1': 1 },
        images: readManifest(cliOut).images.length,
        boxes: 0,
        overlap: [],
      });
      const unit = await python(['-m', 'unittest', 'models.training.test_extra_data']);
      expect(unit.code, unit.output).toBe(0);
    },
    90_000,
  );

  it('skips and counts alerts whose clip and recording are gone; an earlier export keeps its frames', async () => {
    rmSync(join(dataDir, MEDIA_DIR), { recursive: true, force: true });
    rmSync(join(dataDir, RECORDINGS_DIR), { recursive: true, force: true });
    const fresh = join(work, 'after-expiry');
    const r = await cli('--since', today(), '--out', fresh, '--json');
    expect(r.code, r.stderr).toBe(0);
    const expected = readManifest(cliOut).images.length;
    const summary = jsonLines(r.stdout).at(-1)?.['summary'] as { images: number; skipped: Record<string, number> };
    expect(summary.images).toBe(0);
    // the clip is gone, or never held a peak that came later, and the recording is gone too
    for (const reason of Object.keys(summary.skipped)) expect(['no-clip', 'peak-outside-clip']).toContain(reason);
    expect(Object.values(summary.skipped).reduce((a, b) => a + b, 0)).toBe(expected);
    expect(summary.skipped['no-clip']).toBeGreaterThan(0);
    expect(readdirSync(join(fresh, 'train/images'))).toEqual([]);

    const kept = await cli('--since', today(), '--out', cliOut, '--json');
    expect(kept.code, kept.stderr).toBe(0);
    const manifest = readManifest(cliOut);
    expect(manifest.images).toHaveLength(expected);
    expect(new Set(manifest.images.map((row) => row.frameSource))).toEqual(new Set(['earlier-export']));
    expect(readdirSync(join(cliOut, 'train/images'))).toHaveLength(expected);
  }, 60_000);
});
