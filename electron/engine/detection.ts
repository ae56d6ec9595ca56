/**
 * Detection inside the engine: reads the model registry, starts the detector service for the models that
 * verified, and keeps the reason for each one that did not. A bad model never stops the engine.
 */
import type { ModelStatus } from '../api/contract';
import type { Config } from '../config/schema';
import type { Logger } from '../log/logger';
import { DetectorService, type ModelLaneStats } from '../vision/detector-service';
import { loadModelRegistry, resolveModelsDir, type ModelRegistryEntry } from '../vision/model-registry';

export interface DetectionRuntime {
  readonly service: DetectorService | null;
  models(): ModelStatus[];
  /** The models running now: id, checksum and operating thresholds (kept with incident evidence). */
  modelsInForce(): { id: string; sha256: string; thresholds: Record<string, number> }[];
  stop(): Promise<void>;
}

function laneStatus(lane: ModelLaneStats | undefined): Pick<ModelStatus, 'status' | 'reason'> {
  if (!lane)
    return { status: 'unavailable', reason: { code: 'NOT_STARTED', message: 'the detector service is not running' } };
  if (lane.state === 'ready') return { status: 'available', reason: null };
  if (lane.state === 'starting') return { status: 'starting', reason: null };
  return {
    status: 'unavailable',
    reason: { code: lane.reasonCode ?? 'DETECTOR_FAILED', message: lane.reason ?? lane.state },
  };
}

function toStatus(entry: ModelRegistryEntry, lanes: Map<string, ModelLaneStats>): ModelStatus {
  const manifest = entry.status === 'available' ? entry.model : entry.manifest;
  const lane = lanes.get(entry.id);
  const base = {
    id: entry.id,
    name: manifest?.name ?? null,
    classes: manifest?.classes ?? [],
    attribution: manifest?.licence.attribution ?? null,
  };
  if (entry.status === 'unavailable') return { ...base, status: 'unavailable', reason: entry.reason, stats: null };
  return {
    ...base,
    ...laneStatus(lane),
    stats: lane
      ? {
          processed: lane.processed,
          superseded: lane.superseded,
          failed: lane.failed,
          queued: lane.queued,
          restarts: lane.restarts,
          inferMsP50: lane.inferMs.p50,
          inferMsP95: lane.inferMs.p95,
        }
      : null,
  };
}

export async function startDetection(
  config: Config['detection'],
  workerPath: string | null,
  logger: Logger,
): Promise<DetectionRuntime> {
  const log = logger.child({ module: 'detection' });
  const modelsDir = config.modelsDir ?? resolveModelsDir();
  const wanted = config.models ? new Set(config.models) : null;
  const registry = (await loadModelRegistry(modelsDir)).filter((e) => !wanted || wanted.has(e.id));
  for (const id of wanted ?? []) {
    if (!registry.some((e) => e.id === id)) log.error({ id, modelsDir }, 'configured model not found');
  }
  for (const entry of registry) {
    if (entry.status === 'unavailable') log.error({ id: entry.id, ...entry.reason }, 'model unavailable');
  }
  const models = registry.flatMap((e) => (e.status === 'available' ? [e.model] : []));
  let service: DetectorService | null = null;
  if (workerPath === null) log.warn('no detector worker build: detection is unavailable (run `npm run build`)');
  else if (models.length > 0) {
    service = await DetectorService.start({ models, threads: config.threads, workerPath, logger });
  }
  log.info({ modelsDir, available: models.map((m) => m.id) }, 'detection started');
  return {
    service,
    models() {
      const lanes = new Map((service?.stats() ?? []).map((l) => [l.modelId, l]));
      return registry.map((entry) => toStatus(entry, lanes));
    },
    modelsInForce: () =>
      models
        .filter((m) => service?.stats().some((lane) => lane.modelId === m.id && lane.state === 'ready'))
        .map((m) => ({ id: m.id, sha256: m.sha256, thresholds: { ...m.operatingThresholds } })),
    stop: async () => {
      await service?.stop();
    },
  };
}
