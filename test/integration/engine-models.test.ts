import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../electron/api/contract';
import { ConfigSchema } from '../../electron/config/schema';
import { sha256Hex } from '../../electron/vision/model-registry';
import { builtDetectorWorker } from '../support/built-worker';
import { startTestEngine, type TestEngine } from '../support/test-engine';

const MODELS = resolve(import.meta.dirname, '../../models');
const FIRE = 'fire_smoke_baseline_yolox_nano_416';
const PERSON = 'person_light_192';

/** A models folder with one good model, one whose file no longer matches its checksum, one corrupt but
 * "matching" (its manifest was given the checksum of the garbage), and one whose file is gone. */
function badModelsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-bad-models-'));
  const manifest = (id: string) =>
    JSON.parse(readFileSync(join(MODELS, `${id}.manifest.json`), 'utf8')) as Record<string, unknown>;
  const write = (m: Record<string, unknown>) =>
    writeFileSync(join(dir, `${String(m['id'])}.manifest.json`), JSON.stringify(m));
  // good
  copyFileSync(join(MODELS, `${PERSON}.onnx`), join(dir, `${PERSON}.onnx`));
  write(manifest(PERSON));
  // truncated: checksum mismatch
  const fire = manifest(FIRE);
  copyFileSync(join(MODELS, `${FIRE}.onnx`), join(dir, 'truncated.onnx'));
  truncateSync(join(dir, 'truncated.onnx'), 100_000);
  write({ ...fire, id: 'truncated', file: 'truncated.onnx' });
  // corrupt with a matching checksum: only loading can tell
  const garbage = Buffer.from('definitely not an onnx model');
  writeFileSync(join(dir, 'garbage.onnx'), garbage);
  write({ ...fire, id: 'garbage', file: 'garbage.onnx', sha256: sha256Hex(garbage) });
  // missing file
  write({ ...fire, id: 'missing', file: 'missing.onnx' });
  // unreadable manifest
  writeFileSync(join(dir, 'broken.manifest.json'), '{ "id": "broken", ');
  return dir;
}

let dir: string;
let t: TestEngine;
let byId: Map<string, ModelStatus>;

beforeAll(async () => {
  dir = badModelsDir();
  t = await startTestEngine(ConfigSchema.parse({ detection: { modelsDir: dir } }), builtDetectorWorker());
  const result = await t.dispatch('models:list', {});
  if (!result.ok) throw new Error(result.error.message);
  byId = new Map((result.data as { models: ModelStatus[] }).models.map((m) => [m.id, m]));
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine with missing, corrupt and mismatched models', () => {
  it('keeps running and answers requests', async () => {
    expect(t.engine.running).toBe(true);
    expect((await t.dispatch('system:status', {})).ok).toBe(true);
  });

  it('runs the good model', () => {
    expect(byId.get(PERSON)).toMatchObject({ status: 'available', reason: null });
  });

  it('gives each bad model a clear reason with a stable code', () => {
    expect(byId.get('truncated')?.reason?.code).toBe('CHECKSUM_MISMATCH');
    expect(byId.get('missing')?.reason?.code).toBe('MODEL_MISSING');
    expect(byId.get('garbage')?.reason?.code).toBe('MODEL_CORRUPT');
    expect(byId.get('broken')?.reason?.code).toBe('MANIFEST_INVALID');
    for (const id of ['truncated', 'missing', 'garbage', 'broken']) {
      expect(byId.get(id)?.status, id).toBe('unavailable');
      expect(byId.get(id)?.reason?.message.length, id).toBeGreaterThan(10);
    }
  });

  it('refuses frames for an unavailable model with the reason', async () => {
    const frame = { width: 4, height: 4, data: new Uint8Array(48) };
    const outcome = await t.engine.detector?.detect('garbage', { cameraId: 'c', frame, capturedAt: 0 });
    expect(outcome?.status).toBe('unavailable');
  });
});
