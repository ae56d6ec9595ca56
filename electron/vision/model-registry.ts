/**
 * The models folder: one `<id>.manifest.json` next to each `.onnx` file. The registry lists every manifest
 * with whether its model can be used now and, when not, why (a typed reason the cameras using it can show).
 * Nothing here throws for a bad model: a missing, corrupt or mismatched model is data, not a crash.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MODEL_ID,
  ModelManifestSchema,
  describeManifestIssues,
  type LoadedModelManifest,
  type ModelLoadResult,
  type ModelManifest,
  type ModelUnavailableReason,
} from './model-manifest';

export const MANIFEST_SUFFIX = '.manifest.json';

export type ModelRegistryEntry =
  | { id: string; manifestPath: string; status: 'available'; model: LoadedModelManifest }
  | {
      id: string;
      manifestPath: string;
      status: 'unavailable';
      /** The manifest when it parsed (the file is what failed), otherwise null. */
      manifest: ModelManifest | null;
      reason: ModelUnavailableReason;
    };

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where the shipped models are: `$ANXUN_MODELS_DIR` when set, otherwise the first `models` folder found walking
 * up from this module (electron/vision/ in tests, out/main/ or out/main/chunks/ in the build: both reach the
 * repository's models/).
 */
export function resolveModelsDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.url): string {
  const configured = env['ANXUN_MODELS_DIR'];
  if (configured) return resolve(configured);
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'models');
    if (isDirectory(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve('models');
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

type ManifestRead = { ok: true; manifest: ModelManifest } | { ok: false; reason: ModelUnavailableReason };

async function readManifest(manifestPath: string, expectedId: string): Promise<ManifestRead> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { ok: false, reason: { code: 'MODEL_MISSING', message: `no manifest ${manifestPath}` } };
    }
    const why = code ? `cannot read it (${code})` : `not valid JSON: ${(error as Error).message}`;
    return { ok: false, reason: { code: 'MANIFEST_INVALID', message: `manifest ${manifestPath}: ${why}` } };
  }
  const parsed = ModelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const message = `manifest ${manifestPath}: ${describeManifestIssues(parsed.error)}`;
    return { ok: false, reason: { code: 'MANIFEST_INVALID', message } };
  }
  if (parsed.data.id !== expectedId) {
    const message = `manifest ${manifestPath}: id "${parsed.data.id}" does not match its file name ("${expectedId}")`;
    return { ok: false, reason: { code: 'MANIFEST_INVALID', message } };
  }
  return { ok: true, manifest: parsed.data };
}

/** Checks the model file against the manifest: present, and the same bytes (sha256). */
export async function verifyModelFile(
  manifest: ModelManifest,
  filePath: string,
): Promise<ModelUnavailableReason | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { code: 'MODEL_MISSING', message: `model ${manifest.id}: cannot read ${filePath} (${code})` };
  }
  return checkBytes(manifest, filePath, bytes);
}

/** The checksum comparison shared by the registry and the detector (which hashes the very bytes it loads). */
export function checkBytes(
  manifest: ModelManifest,
  filePath: string,
  bytes: Uint8Array,
): ModelUnavailableReason | null {
  const actual = sha256Hex(bytes);
  if (actual === manifest.sha256) return null;
  return {
    code: 'CHECKSUM_MISMATCH',
    message: `model ${manifest.id}: ${filePath} has sha256 ${actual}, the manifest expects ${manifest.sha256}`,
  };
}

async function loadFromManifest(
  modelsDir: string,
  id: string,
): Promise<ModelLoadResult & { manifest?: ModelManifest }> {
  const manifestPath = join(modelsDir, `${id}${MANIFEST_SUFFIX}`);
  const read = await readManifest(manifestPath, id);
  if (!read.ok) return read;
  const filePath = join(modelsDir, read.manifest.file);
  const problem = await verifyModelFile(read.manifest, filePath);
  if (problem) return { ok: false, reason: problem, manifest: read.manifest };
  return { ok: true, model: { ...read.manifest, filePath, manifestPath } };
}

/** Verifies one model by id (manifest valid, file present, checksum matching) without opening a session. */
export async function loadModelById(modelsDir: string, id: string): Promise<ModelLoadResult> {
  const dir = resolve(modelsDir);
  if (!MODEL_ID.test(id)) {
    return { ok: false, reason: { code: 'MODEL_MISSING', message: `"${id}" is not a model id` } };
  }
  if (!existsSync(join(dir, `${id}${MANIFEST_SUFFIX}`))) {
    const known = (await listModelIds(dir)).join(', ') || 'none';
    const message = `no model "${id}" in ${dir} (known: ${known})`;
    return { ok: false, reason: { code: 'MODEL_MISSING', message } };
  }
  const result = await loadFromManifest(dir, id);
  return result.ok ? { ok: true, model: result.model } : { ok: false, reason: result.reason };
}

export async function listModelIds(modelsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(modelsDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(MANIFEST_SUFFIX))
    .map((n) => n.slice(0, -MANIFEST_SUFFIX.length))
    .sort();
}

/** Every manifest in the folder, each with its availability; an absent folder is an empty registry. */
export async function loadModelRegistry(modelsDir: string): Promise<ModelRegistryEntry[]> {
  const dir = resolve(modelsDir);
  const entries: ModelRegistryEntry[] = [];
  for (const id of await listModelIds(dir)) {
    const manifestPath = join(dir, `${id}${MANIFEST_SUFFIX}`);
    const r = await loadFromManifest(dir, id);
    if (r.ok) entries.push({ id, manifestPath, status: 'available', model: r.model });
    else entries.push({ id, manifestPath, status: 'unavailable', manifest: r.manifest ?? null, reason: r.reason });
  }
  return entries;
}
