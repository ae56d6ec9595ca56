/** Verify a model by id and open its detector in one step; every model problem comes back as a typed reason. */
import { tryLoadDetector, type DetectorOptions, type OnnxDetector } from './detector';
import type { LoadedModelManifest, ModelUnavailableReason } from './model-manifest';
import { loadModelById } from './model-registry';

export type OpenDetectorResult =
  { ok: true; model: LoadedModelManifest; detector: OnnxDetector } | { ok: false; reason: ModelUnavailableReason };

export async function openDetector(
  modelsDir: string,
  id: string,
  options: DetectorOptions | ((model: LoadedModelManifest) => DetectorOptions),
): Promise<OpenDetectorResult> {
  const loaded = await loadModelById(modelsDir, id);
  if (!loaded.ok) return loaded;
  const opts = typeof options === 'function' ? options(loaded.model) : options;
  const r = await tryLoadDetector(loaded.model, opts);
  return r.ok ? { ok: true, model: loaded.model, detector: r.detector } : r;
}
