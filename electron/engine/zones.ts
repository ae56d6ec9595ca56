/**
 * Zones and masks per camera inside the engine: the configuration file's (read-only) beside the ones drawn in the
 * interface (stored in SQLite). A save is checked, stored, handed to the running incident core and pushed; the
 * core runs the configuration file's zones of a camera followed by the interface's.
 */
import type { PushMessage } from '../api/contract';
import { AppError } from '../api/dispatch';
import type { CameraZonesView } from '../api/zones-contract';
import { ZoneListSchema, type CameraZones, type Zone } from '../domain/zones';
import type { Logger } from '../log/logger';
import type { ZonesRepo } from '../store/zones-repo';
import { toIssues } from '../api/result';

export interface ZoneSaveInput {
  cameraId: string;
  masks: readonly Zone[];
  zones: readonly Zone[];
  expectedVersion?: number | undefined;
}

export interface ZoneServiceDeps {
  repo: ZonesRepo;
  /** The configuration file's zones, by camera id. */
  configZones: CameraZones;
  /** Whether a camera with this id runs (configured, stored, demo or added for the run). */
  hasCamera: (cameraId: string) => boolean;
  /** Hands a camera's zones in force to the running incident core. */
  apply: (cameraId: string, zones: readonly Zone[]) => void;
  publish: (message: PushMessage) => void;
  logger: Logger;
  now: () => Date;
}

/** The configuration file's zones followed by the stored ones, for every camera that has any. */
export function zonesInForce(configZones: CameraZones, repo: ZonesRepo, log: Logger): CameraZones {
  const stored = repo.list();
  for (const bad of stored.invalid) log.error({ camera: bad.cameraId, problems: bad.problems }, 'stored zones invalid');
  const merged: Record<string, Zone[]> = Object.fromEntries(Object.entries(configZones).map(([id, z]) => [id, [...z]]));
  for (const { cameraId, zones } of stored.cameras) {
    const fromFile = Object.hasOwn(merged, cameraId) ? (merged[cameraId] ?? []) : [];
    const taken = new Set(fromFile.map((z) => z.id));
    const kept = zones.filter((z) => !taken.has(z.id));
    if (kept.length < zones.length) {
      log.warn({ camera: cameraId }, 'stored zones with the id of a zone in the configuration file are skipped');
    }
    merged[cameraId] = [...fromFile, ...kept];
  }
  return Object.fromEntries(Object.entries(merged));
}

export class ZoneService {
  constructor(private readonly deps: ZoneServiceDeps) {}

  private fromFile(cameraId: string): Zone[] {
    return Object.hasOwn(this.deps.configZones, cameraId) ? (this.deps.configZones[cameraId] ?? []) : [];
  }

  get(cameraId: string): CameraZonesView {
    if (!this.deps.hasCamera(cameraId)) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    const stored = this.deps.repo.get(cameraId);
    const tagged = [
      ...this.fromFile(cameraId).map((zone) => ({ zone, origin: 'config' as const })),
      ...stored.zones.map((zone) => ({ zone, origin: 'interface' as const })),
    ];
    const view: CameraZonesView = {
      cameraId,
      version: stored.version,
      updatedAt: stored.updatedAt || null,
      masks: [],
      zones: [],
    };
    for (const { zone, origin } of tagged) {
      if (zone.kind === 'mask') view.masks.push({ ...zone, origin });
      else view.zones.push({ ...zone, origin });
    }
    return view;
  }

  /** After a camera was deleted (its stored zones with it): the running core keeps only the file's zones for it. */
  forget(cameraId: string): void {
    this.deps.apply(cameraId, this.fromFile(cameraId));
    this.deps.publish({ type: 'zones:changed', payload: { cameraId, version: 0 } });
  }

  save(input: ZoneSaveInput): CameraZonesView {
    const { cameraId } = input;
    if (!this.deps.hasCamera(cameraId)) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
    const fromFile = this.fromFile(cameraId);
    const fileIds = new Set(fromFile.map((z) => z.id));
    const mine = [...input.masks, ...input.zones];
    const clash = mine.find((z) => fileIds.has(z.id));
    if (clash) {
      throw new AppError(
        'CONFLICT',
        `zone "${clash.id}" of camera "${cameraId}" is defined in the configuration file: change it there`,
        undefined,
        'CONFIG_ZONE',
      );
    }
    // the contract parsed each zone already; the list is checked again as the core will run it
    const parsed = ZoneListSchema.safeParse([...fromFile, ...mine]);
    if (!parsed.success) throw new AppError('INVALID_REQUEST', 'the zones are not valid', toIssues(parsed.error));
    const version = this.deps.repo.save(cameraId, mine, this.deps.now(), input.expectedVersion);
    if (version === null) {
      throw new AppError(
        'CONFLICT',
        `the zones of camera "${cameraId}" were saved by someone else since version ${input.expectedVersion ?? 0}`,
        undefined,
        'STALE',
      );
    }
    this.deps.apply(cameraId, parsed.data);
    this.deps.logger.info({ camera: cameraId, version, zones: mine.length }, 'zones saved');
    this.deps.publish({ type: 'zones:changed', payload: { cameraId, version } });
    return this.get(cameraId);
  }
}
