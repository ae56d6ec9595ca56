/** Pure helpers of the tuning screen: the what-if at the proposed threshold, a policy change in words. */
import type { TuningAuditEntry, TuningView } from '@contract/tuning-contract';

/** The keys whose values differ between two policies, as `key: before → after`, in the policies' key order. */
export function policyChanges(before: TuningAuditEntry['before'], after: TuningAuditEntry['after']): string[] {
  const a: Record<string, unknown> = { ...before };
  const b: Record<string, unknown> = { ...after };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));
  return keys.filter((k) => show(a[k]) !== show(b[k])).map((k) => `${k}: ${show(a[k])} → ${show(b[k])}`);
}

/**
 * The what-if at a threshold typed or slid (any value in [0, 1]): the count of the nearest step at or above it
 * (steps of 0.01), or null when the value is not a threshold.
 */
export function whatIfAt(view: Pick<TuningView, 'whatIf'>, threshold: number): TuningView['whatIf'][number] | null {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) return null;
  const t = Math.round(threshold * 1e6) / 1e6;
  return view.whatIf.find((p) => p.threshold >= t) ?? null;
}
