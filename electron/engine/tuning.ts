/**
 * Threshold tuning inside the engine: the confirmation policy in force per camera and label (the configuration
 * file's defaults and overrides, under the ones applied in the interface and stored in SQLite), the figures of the
 * tuning screen computed by the pure tuning maths over the stored rows, and applying a policy: checked, stored
 * with its audit row in one transaction, handed to the running incident core and pushed.
 */
import type { PushMessage } from '../api/contract';
import { AppError } from '../api/dispatch';
import { toIssues } from '../api/result';
import type { TuningAuditEntry, TuningPolicyView, TuningView } from '../api/tuning-contract';
import { ConfirmationPolicySchema, type ConfirmationConfig, type ConfirmationPolicy } from '../domain/confirmation';
import { histogram, precisionRecall, raisedIn, whatIf } from '../domain/tuning';
import type { Logger } from '../log/logger';
import type { TuningRepo } from '../store/tuning-repo';

const DAY_MS = 86_400_000;
/** Recorded track statistics are kept this long: the longest period the tuning screen shows. */
export const KEEP_SCORES_DAYS = 90;

export interface TuningApplyRequest {
  cameraId: string;
  label: string;
  policy: ConfirmationPolicy;
  expectedVersion: number;
  actor: { id: string; name: string };
  note?: string | undefined;
}

export interface TuningServiceDeps {
  repo: TuningRepo;
  /** The configuration file's confirmation settings. */
  config: ConfirmationConfig;
  hasCamera: (cameraId: string) => boolean;
  /** Hands a camera's policy for a label to the running incident core. */
  apply: (cameraId: string, label: string, policy: ConfirmationPolicy) => void;
  publish: (message: PushMessage) => void;
  logger: Logger;
  now: () => number;
}

/** The configuration file's confirmation settings with the interface's policies laid over its camera overrides. */
export function confirmationInForce(config: ConfirmationConfig, repo: TuningRepo, log: Logger): ConfirmationConfig {
  const stored = repo.listPolicies();
  for (const bad of stored.invalid) {
    log.error({ camera: bad.cameraId, label: bad.label, problems: bad.problems }, 'stored confirmation policy invalid');
  }
  const cameras: ConfirmationConfig['cameras'] = { ...config.cameras };
  for (const { cameraId, label, policy } of stored.policies) {
    const camera = Object.hasOwn(cameras, cameraId) ? cameras[cameraId] : undefined;
    cameras[cameraId] = { ...camera, [label]: policy };
  }
  return { ...config, cameras };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function parseStored(json: string): ConfirmationPolicy | null {
  try {
    const parsed = ConfirmationPolicySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class TuningService {
  constructor(private readonly deps: TuningServiceDeps) {}

  /** Forgets track statistics older than the longest period shown (called once at start). */
  prune(): void {
    const removed = this.deps.repo.pruneScores(this.deps.now() - KEEP_SCORES_DAYS * DAY_MS);
    if (removed > 0) this.deps.logger.info({ removed }, 'old track statistics removed');
  }

  /** The file's policy of a camera and label (its override, else the default), and where it comes from. */
  private fromFile(cameraId: string, label: string): { policy: ConfirmationPolicy; origin: 'default' | 'file' } {
    const { config } = this.deps;
    const camera = Object.hasOwn(config.cameras, cameraId) ? config.cameras[cameraId] : undefined;
    const override = camera && Object.hasOwn(camera, label) ? camera[label] : undefined;
    if (override) return { policy: override, origin: 'file' };
    const byDefault = Object.hasOwn(config.defaults, label) ? config.defaults[label] : undefined;
    return { policy: byDefault ?? config.fallback, origin: 'default' };
  }

  private check(cameraId: string): void {
    if (!this.deps.hasCamera(cameraId)) throw new AppError('NOT_FOUND', `no camera "${cameraId}"`);
  }

  policy(cameraId: string, label: string): TuningPolicyView {
    this.check(cameraId);
    const stored = this.deps.repo.policy(cameraId, label);
    const updatedAt = stored.updatedAt ? iso(stored.updatedAt) : null;
    if (stored.policy) {
      return { cameraId, label, policy: stored.policy, origin: 'interface', version: stored.version, updatedAt };
    }
    return { cameraId, label, ...this.fromFile(cameraId, label), version: stored.version, updatedAt };
  }

  private labels(cameraId: string): string[] {
    const { config, repo } = this.deps;
    const camera = Object.hasOwn(config.cameras, cameraId) ? config.cameras[cameraId] : undefined;
    const stored = repo.listPolicies().policies.filter((p) => p.cameraId === cameraId);
    const all = new Set([...Object.keys(config.defaults), ...Object.keys(camera ?? {}), ...stored.map((p) => p.label)]);
    return [...all].sort();
  }

  get(input: { cameraId: string; label: string; days: number }): TuningView {
    const { cameraId, label, days } = input;
    const view = this.policy(cameraId, label);
    const to = this.deps.now();
    const period = { from: to - days * DAY_MS, to: to + 1 };
    const { alerts, excluded } = this.deps.repo.reviewedAlerts(cameraId, label, period.from);
    const tracks = this.deps.repo.scoredTracks(cameraId, label, period.from, period.to);
    const reasons: Record<string, number> = {};
    for (const a of alerts) if (a.reason) reasons[a.reason] = (reasons[a.reason] ?? 0) + 1;
    const floor = this.deps.config.recordFloor;
    return {
      ...view,
      labels: this.labels(cameraId),
      days,
      from: iso(period.from),
      to: iso(to),
      floor,
      reviewed: {
        confirmed: alerts.filter((a) => a.verdict === 'confirmed').length,
        dismissed: alerts.filter((a) => a.verdict === 'dismissed').length,
        excluded,
        reasons,
      },
      histogram: histogram(alerts),
      curve: precisionRecall(alerts),
      whatIf: whatIf(tracks, period, floor),
      raised: raisedIn(tracks, period),
    };
  }

  apply(input: TuningApplyRequest): TuningPolicyView {
    const { cameraId, label } = input;
    const before = this.policy(cameraId, label);
    // the contract parsed the policy already; parsed again as the core will run it
    const parsed = ConfirmationPolicySchema.safeParse(input.policy);
    if (!parsed.success) throw new AppError('INVALID_REQUEST', 'the policy is not valid', toIssues(parsed.error));
    const version = this.deps.repo.apply({
      cameraId,
      label,
      policy: parsed.data,
      expectedVersion: input.expectedVersion,
      actorId: input.actor.id,
      actorName: input.actor.name,
      before: before.policy,
      note: input.note ? input.note : null,
      at: this.deps.now(),
    });
    if (version === null) {
      throw new AppError(
        'CONFLICT',
        `the policy of "${label}" on camera "${cameraId}" was changed by someone else since version ${input.expectedVersion}`,
        undefined,
        'STALE',
      );
    }
    this.deps.apply(cameraId, label, parsed.data);
    this.deps.logger.info({ camera: cameraId, label, version, actor: input.actor.id }, 'confirmation policy applied');
    this.deps.publish({ type: 'tuning:applied', payload: { cameraId, label, version } });
    return this.policy(cameraId, label);
  }

  history(cameraId: string | undefined, limit: number): { entries: TuningAuditEntry[] } {
    const rows = this.deps.repo.history(cameraId ?? null, limit);
    return {
      entries: rows.map((r) => ({
        id: r.id,
        at: iso(r.at),
        actor: { id: r.actorId, name: r.actorName },
        cameraId: r.cameraId,
        label: r.label,
        version: r.version,
        before: parseStored(r.before),
        after: parseStored(r.after),
        note: r.note,
      })),
    };
  }
}
