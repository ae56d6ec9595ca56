import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OnnxDetector, tryLoadDetector } from './detector';
import { ModelLoadError } from './model-manifest';
import { loadModelById, sha256Hex } from './model-registry';
import { openDetector } from './open-detector';
import type { RawFrame } from './types';

const MODELS = resolve(import.meta.dirname, '../../models');
const ID = 'person_light_192';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A models folder whose model file holds `bytes`, with a manifest that agrees on their sha256. */
function modelsWithBytes(bytes: Uint8Array, edit: (m: Record<string, unknown>) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-detector-'));
  dirs.push(dir);
  writeFileSync(join(dir, `${ID}.onnx`), bytes);
  const manifest = JSON.parse(readFileSync(join(MODELS, `${ID}.manifest.json`), 'utf8')) as Record<string, unknown>;
  manifest['sha256'] = sha256Hex(bytes);
  edit(manifest);
  writeFileSync(join(dir, `${ID}.manifest.json`), JSON.stringify(manifest));
  return dir;
}

async function verified(dir: string) {
  const r = await loadModelById(dir, ID);
  if (!r.ok) throw new Error(r.reason.message);
  return r.model;
}

function noise(width: number, height: number): RawFrame {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return { width, height, data };
}

describe('a model that onnxruntime cannot read', () => {
  it('MODEL_CORRUPT for garbage bytes and for a truncated model, even with a matching checksum', async () => {
    const real = readFileSync(join(MODELS, `${ID}.onnx`));
    for (const bytes of [Buffer.from('this is not an onnx model'), real.subarray(0, real.length / 2)]) {
      const model = await verified(modelsWithBytes(bytes));
      const error: unknown = await OnnxDetector.load(model, { threads: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelLoadError);
      expect((error as ModelLoadError).reason.code).toBe('MODEL_CORRUPT');
      expect(await tryLoadDetector(model, { threads: 1 })).toMatchObject({
        ok: false,
        reason: { code: 'MODEL_CORRUPT' },
      });
    }
  });

  it('CHECKSUM_MISMATCH when the file changes after it was verified (the loaded bytes are hashed)', async () => {
    const dir = modelsWithBytes(readFileSync(join(MODELS, `${ID}.onnx`)));
    const model = await verified(dir);
    writeFileSync(model.filePath, 'swapped');
    expect(await tryLoadDetector(model, { threads: 1 })).toMatchObject({
      ok: false,
      reason: { code: 'CHECKSUM_MISMATCH' },
    });
    rmSync(model.filePath);
    expect(await tryLoadDetector(model, { threads: 1 })).toMatchObject({
      ok: false,
      reason: { code: 'MODEL_MISSING' },
    });
  });

  it('MANIFEST_INVALID when the model and its manifest disagree on the tensors', async () => {
    const real = readFileSync(join(MODELS, `${ID}.onnx`));
    const twoClasses = modelsWithBytes(real, (m) => (m['classes'] = ['person', 'car']));
    expect(await openDetector(twoClasses, ID, { threads: 1 })).toMatchObject({
      ok: false,
      reason: { code: 'MANIFEST_INVALID', message: expect.stringContaining('output shape') as unknown },
    });
    const renamed = modelsWithBytes(real, (m) => ((m['input'] as Record<string, unknown>)['name'] = 'pixels'));
    expect(await openDetector(renamed, ID, { threads: 1 })).toMatchObject({
      ok: false,
      reason: { code: 'MANIFEST_INVALID', message: expect.stringContaining('no input tensor "pixels"') as unknown },
    });
  });
});

describe('OnnxDetector', () => {
  it('refuses options it cannot honour', async () => {
    const model = await verified(MODELS);
    await expect(OnnxDetector.load(model, { threads: 0 })).rejects.toThrow(RangeError);
    await expect(OnnxDetector.load(model, { threads: 1, minScores: { car: 0.5 } })).rejects.toThrow(/no class "car"/);
    await expect(OnnxDetector.load(model, { threads: 1, minScores: { person: 2 } })).rejects.toThrow(RangeError);
  });

  it('detects, times each stage, runs overlapping calls one after another, and stops after dispose', async () => {
    const model = await verified(MODELS);
    const detector = await OnnxDetector.load(model, { threads: 1, minScores: { person: 0.01 } });
    expect(detector.modelId).toBe(ID);
    const a = noise(641, 359);
    const b = noise(320, 240);
    const first = await detector.detect(a);
    expect(first.timings.inferMs).toBeGreaterThan(0);
    const [again, other, onlyRegion, outside] = await Promise.all([
      detector.detect(a),
      detector.detect(b),
      detector.detect(a, { x1: 100, y1: 50, x2: 300, y2: 200 }),
      detector.detect(a, { x1: 700, y1: 0, x2: 800, y2: 100 }),
    ]);
    expect(again.detections).toEqual(first.detections);
    expect(other.detections.every((d) => d.box.x2 <= 320 && d.box.y2 <= 240)).toBe(true);
    expect(
      onlyRegion.detections.every((d) => d.box.x1 >= 100 && d.box.y1 >= 50 && d.box.x2 <= 300 && d.box.y2 <= 200),
    ).toBe(true);
    expect(outside.detections).toEqual([]);
    await detector.dispose();
    await expect(detector.detect(a)).rejects.toThrow(/disposed/);
  });
});
