/** `anxun detect` and `anxun eval-model` end to end, on the built CLI (`npm run build` first). */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anxunSync, ROOT } from '../support/cli';

const FRAMES = join(ROOT, 'fixtures/frames');
const FIRE = join(FRAMES, 'fire-8-valid/images/fire2_mp4-33_jpg.rf.43a6bf58d94db700be8b8eb5a36bb30c.jpg');
const PLAIN = join(FRAMES, 'plain/parking_lot.jpg');
const PEOPLE = join(FRAMES, 'people/images/corridor_07.jpg');
const ID = 'fire_smoke_baseline_yolox_nano_416';

function anxun(args: string[], env: NodeJS.ProcessEnv = {}) {
  return anxunSync(args, { env, timeoutMs: 85_000 });
}

interface DetectJson {
  model: string;
  images: { file: string; ok: boolean; detections?: { label: string; score: number }[]; error?: { code: string } }[];
}

const tmp = mkdtempSync(join(tmpdir(), 'anxun-detect-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A models folder holding `bytes` as the fire model; the manifest's sha256 is the real one unless `agree`. */
function modelsDir(name: string, bytes: Uint8Array, agree: boolean): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${ID}.onnx`), bytes);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'models', `${ID}.manifest.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  if (agree) manifest['sha256'] = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, `${ID}.manifest.json`), JSON.stringify(manifest));
  return dir;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('the CLI is not built: run `npm run build` first');
});

describe('anxun detect', () => {
  it('prints boxes, classes and scores per image as JSON', () => {
    const r = anxun(['detect', FIRE, PLAIN, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as DetectJson;
    expect(out.model).toBe(ID);
    expect(out.images.map((i) => [i.ok, i.detections?.map((d) => d.label)])).toEqual([
      [true, ['fire']],
      [true, []],
    ]);
  });

  it('prints a table without --json, and takes another model and a minimum score', () => {
    const r = anxun(['detect', PEOPLE, '--model', 'yolox_nano_coco_416', '--min-score', '0.6']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('minimum scores person 0.60');
    expect(r.stdout).toMatch(/corridor_07\.jpg {2}480x270 {2}2 boxes/);
    expect(r.stdout.match(/^ {2}person {2}0\.\d{3}/gm)).toHaveLength(2);
  });

  it('goes on past a missing file and a non-image, names them, and exits 1', () => {
    const text = join(tmp, 'notes.jpg');
    writeFileSync(text, 'not a picture');
    const r = anxun(['detect', join(tmp, 'missing.jpg'), text, FIRE, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as DetectJson;
    expect(out.images.map((i) => i.error?.code ?? 'ok')).toEqual(['NOT_FOUND', 'NOT_AN_IMAGE', 'ok']);
    expect(r.stderr).toContain('missing.jpg: cannot read it (ENOENT)');
    expect(r.stderr).toContain('notes.jpg: not a readable image');
  });

  it('refuses an unknown model and bad numbers as usage errors (exit 2)', () => {
    const unknown = anxun(['detect', FIRE, '--model', 'fire_v9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown model "fire_v9"');
    expect(unknown.stderr).toContain('yolox_nano_coco_416');
    expect(anxun(['detect', FIRE, '--min-score', '1.5']).code).toBe(2);
    expect(anxun(['detect', FIRE, '--threads', '0']).code).toBe(2);
  });

  it('says why a model cannot be used: corrupt bytes, a checksum that does not match (exit 1)', () => {
    const garbage = modelsDir('garbage', Buffer.from('definitely not onnx'), true);
    const corrupt = anxun(['detect', FIRE, '--models-dir', garbage]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/model "fire_smoke_baseline_yolox_nano_416" is unavailable \(MODEL_CORRUPT\)/);
    const half = readFileSync(join(ROOT, 'models', `${ID}.onnx`)).subarray(0, 100_000);
    const mismatch = anxun(['detect', FIRE], { ANXUN_MODELS_DIR: modelsDir('truncated', half, false) });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('(CHECKSUM_MISMATCH)');
    expect(mismatch.stderr).not.toContain('unexpected error');
  });

  it('finds a model file that went missing', () => {
    const dir = modelsDir('gone', Buffer.from('x'), true);
    rmSync(join(dir, `${ID}.onnx`));
    const r = anxun(['detect', FIRE, '--models-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(MODEL_MISSING)');
  });
});

describe('anxun eval-model', () => {
  it('reproduces the manifest figure on fire-8 valid (JSON)', () => {
    const r = anxun(['eval-model', '--model', ID, '--data', join(FRAMES, 'fire-8-valid'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { map50: number; classes: { label: string; ap50: number }[] };
    expect(out.map50).toBeCloseTo(0.702, 2);
    expect(out.classes.map((c) => c.label)).toEqual(['fire', 'smoke']);
  }, 90_000);

  it('prints a table with AP50 per class, mAP50, false alarms and timings', () => {
    const r = anxun(['eval-model', '--data', join(FRAMES, 'people'), '--model', 'person_light_192', '--iou', '0.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^person\s+70\s+0\.873\s+0\.45\s+45\s+0\s+0\.643\s+1\.000$/m);
    expect(r.stdout).toMatch(/^mAP50\s+0\.873$/m);
    expect(r.stdout).toContain('images without objects: 7, with a box at person >= 0.45: 0 (0.0 %)');
    expect(r.stdout).toMatch(/median per image \(1 thread\): pre [\d.]+ ms, inference [\d.]+ ms/);
  }, 90_000);

  it('refuses a folder without images, a bad IoU and a class map naming no model class (exit 2)', () => {
    expect(anxun(['eval-model', '--data', tmp]).stderr).toContain('has no images/ folder');
    expect(anxun(['eval-model', '--data', tmp]).code).toBe(2);
    expect(anxun(['eval-model', '--data', join(FRAMES, 'people'), '--iou', '2']).code).toBe(2);
    const map = anxun(['eval-model', '--data', join(FRAMES, 'people'), '--class-map', '0=flame']);
    expect(map.code).toBe(2);
    expect(map.stderr).toContain('the model has no class "flame"');
    expect(anxun(['eval-model']).code).not.toBe(0);
  });

  it('maps classes by id when the folder has no data.yaml', () => {
    const dir = join(tmp, 'one');
    mkdirSync(join(dir, 'images'), { recursive: true });
    mkdirSync(join(dir, 'labels'));
    copyFileSync(FIRE, join(dir, 'images', 'a.jpg'));
    writeFileSync(join(dir, 'labels', 'a.txt'), '0 0.675 0.659 0.297 0.681\n');
    const r = anxun(['eval-model', '--data', dir, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { classMapping: { source: string } }).classMapping.source).toBe('class ids');
  });
});
