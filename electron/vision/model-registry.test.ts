import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelManifestSchema } from './model-manifest';
import { loadModelById, loadModelRegistry, resolveModelsDir } from './model-registry';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = join(ROOT, 'models');
const ID = 'person_light_192';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A models folder with a copy of one shipped model; `edit` changes its manifest. */
function tempModels(edit: (m: Record<string, unknown>) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-models-'));
  dirs.push(dir);
  copyFileSync(join(MODELS, `${ID}.onnx`), join(dir, `${ID}.onnx`));
  const manifest = JSON.parse(readFileSync(join(MODELS, `${ID}.manifest.json`), 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(join(dir, `${ID}.manifest.json`), JSON.stringify(manifest));
  return dir;
}

describe('where the models are', () => {
  it('is $ANXUN_MODELS_DIR when set', () => {
    expect(resolveModelsDir({ ANXUN_MODELS_DIR: '/srv/m' })).toBe('/srv/m');
  });

  it('is the repository models/ from the sources and from the built CLI (out/main/, out/main/chunks/)', () => {
    expect(resolveModelsDir({})).toBe(MODELS);
    expect(resolveModelsDir({}, pathToFileURL(join(ROOT, 'out/main/cli.js')).href)).toBe(MODELS);
    expect(resolveModelsDir({}, join(ROOT, 'out/main/chunks/some-chunk.js'))).toBe(MODELS);
  });
});

describe('the shipped models', () => {
  it('are all available, with valid manifests and matching checksums', async () => {
    const registry = await loadModelRegistry(MODELS);
    expect(registry.map((e) => [e.id, e.status])).toEqual([
      ['fire_smoke_baseline_yolox_nano_416', 'available'],
      ['person_light_192', 'available'],
      ['yolox_nano_coco_416', 'available'],
    ]);
    for (const e of registry) {
      if (e.status !== 'available') continue;
      expect(e.model.filePath).toBe(join(MODELS, e.model.file));
      expect(e.model.evaluation.length).toBeGreaterThan(0);
      expect(e.model.licence.files.every((f) => readFileSync(join(MODELS, f), 'utf8').length > 1000)).toBe(true);
    }
  });

  it('name their preprocessing: stretch for the fire/smoke baseline, letterbox for the person models', async () => {
    const byId = new Map((await loadModelRegistry(MODELS)).map((e) => [e.id, e]));
    const resize = (id: string) => {
      const e = byId.get(id);
      return e?.status === 'available' ? e.model.input.resize : null;
    };
    expect(resize('fire_smoke_baseline_yolox_nano_416')).toBe('stretch');
    expect(resize('yolox_nano_coco_416')).toBe('letterbox');
    expect(resize(ID)).toBe('letterbox');
  });
});

describe('an unusable model is a typed reason, never an exception', () => {
  it('loads a good copy', async () => {
    const dir = tempModels();
    const r = await loadModelById(dir, ID);
    expect(r.ok && r.model).toMatchObject({ id: ID, filePath: join(dir, `${ID}.onnx`) });
  });

  it('MODEL_MISSING: unknown id, odd id, missing file', async () => {
    const dir = tempModels();
    const unknown = await loadModelById(dir, 'nope');
    expect(unknown).toMatchObject({ ok: false, reason: { code: 'MODEL_MISSING' } });
    expect(!unknown.ok && unknown.reason.message).toContain(`known: ${ID}`);
    expect(await loadModelById(dir, '../models/x')).toMatchObject({ ok: false, reason: { code: 'MODEL_MISSING' } });
    rmSync(join(dir, `${ID}.onnx`));
    expect(await loadModelById(dir, ID)).toMatchObject({ ok: false, reason: { code: 'MODEL_MISSING' } });
  });

  it('CHECKSUM_MISMATCH: a manifest with another sha256, a truncated file', async () => {
    const wrong = tempModels((m) => (m['sha256'] = '0'.repeat(64)));
    const r = await loadModelById(wrong, ID);
    expect(r).toMatchObject({ ok: false, reason: { code: 'CHECKSUM_MISMATCH' } });
    expect(!r.ok && r.reason.message).toContain(`expects ${'0'.repeat(64)}`);
    const truncated = tempModels();
    truncateSync(join(truncated, `${ID}.onnx`), 1000);
    expect(await loadModelById(truncated, ID)).toMatchObject({ ok: false, reason: { code: 'CHECKSUM_MISMATCH' } });
  });

  it('MANIFEST_INVALID: not JSON, a wrong field (named), an id that is not the file name', async () => {
    const dir = tempModels();
    writeFileSync(join(dir, `${ID}.manifest.json`), '{ nope');
    expect(await loadModelById(dir, ID)).toMatchObject({ ok: false, reason: { code: 'MANIFEST_INVALID' } });
    const bad = await loadModelById(
      tempModels((m) => ((m['input'] as Record<string, unknown>)['resize'] = 'crop')),
      ID,
    );
    expect(!bad.ok && bad.reason).toMatchObject({ code: 'MANIFEST_INVALID' });
    expect(!bad.ok && bad.reason.message).toContain('input.resize');
    const rows = await loadModelById(
      tempModels((m) => ((m['output'] as Record<string, unknown>)['rows'] = 3549)),
      ID,
    );
    expect(!rows.ok && rows.reason.message).toContain('the strides give 756 rows');
    const renamed = await loadModelById(
      tempModels((m) => (m['id'] = 'other')),
      ID,
    );
    expect(!renamed.ok && renamed.reason).toMatchObject({ code: 'MANIFEST_INVALID' });
  });

  it('the registry lists every manifest with its status and reason', async () => {
    const dir = tempModels();
    writeFileSync(join(dir, 'broken.manifest.json'), '[]');
    const registry = await loadModelRegistry(dir);
    expect(registry.map((e) => [e.id, e.status, e.status === 'unavailable' ? e.reason.code : null])).toEqual([
      ['broken', 'unavailable', 'MANIFEST_INVALID'],
      [ID, 'available', null],
    ]);
    expect(await loadModelRegistry(join(dir, 'absent'))).toEqual([]);
  });

  it('the manifest schema rejects thresholds for classes the model does not have', () => {
    const m = JSON.parse(readFileSync(join(MODELS, `${ID}.manifest.json`), 'utf8')) as Record<string, unknown>;
    m['operatingThresholds'] = { person: 0.5, car: 0.5 };
    const r = ModelManifestSchema.safeParse(m);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['operatingThresholds', 'car']);
  });
});
