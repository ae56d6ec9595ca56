/**
 * Threshold tuning per camera and label: what operators said about its alerts against the decision statistic
 * that raised them, precision and recall per threshold, how many alerts a proposed threshold would have raised
 * in the last days, and applying a confirmation policy (checked by the domain's own schema, applied to the
 * running incident core at once, audited). Imports only zod and pure domain modules, so the renderer can share it.
 */
import { z } from 'zod';
import { ConfirmationPolicySchema } from '../domain/confirmation';

const CameraId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" and "-"');
const Label = z.string().regex(/^[a-z0-9][a-z0-9_ -]{0,39}$/, 'a detector class name');
const Ratio = z.number().min(0).max(1);

/** default: the configuration file's policy for every camera; file: its override for this camera; interface. */
export const PolicyOriginSchema = z.enum(['default', 'file', 'interface']);
export type PolicyOrigin = z.infer<typeof PolicyOriginSchema>;

export const TuningPolicyViewSchema = z.object({
  cameraId: z.string(),
  label: z.string(),
  policy: ConfirmationPolicySchema,
  origin: PolicyOriginSchema,
  /** Counts the interface's applies for this camera and label; 0 before the first. */
  version: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime().nullable(),
});
export type TuningPolicyView = z.infer<typeof TuningPolicyViewSchema>;

export const TuningViewSchema = TuningPolicyViewSchema.extend({
  /** Labels with a policy for this camera (defaults, overrides), for the label picker. */
  labels: z.array(z.string()),
  days: z.number().int().positive(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** Tracks are recorded from this statistic on: what-if counts under it are lower bounds. */
  floor: Ratio,
  reviewed: z.object({
    confirmed: z.number().int().nonnegative(),
    dismissed: z.number().int().nonnegative(),
    /** Reviewed alerts without a recorded statistic (stored before threshold tuning existed): left out. */
    excluded: z.number().int().nonnegative(),
    /** Dismissed alerts per false-alarm reason. */
    reasons: z.record(z.string(), z.number().int().nonnegative()),
  }),
  histogram: z.object({
    edges: z.array(Ratio),
    confirmed: z.array(z.number().int().nonnegative()),
    dismissed: z.array(z.number().int().nonnegative()),
  }),
  curve: z.array(
    z.object({
      threshold: Ratio,
      precision: Ratio.nullable(),
      recall: Ratio.nullable(),
      confirmed: z.number().int().nonnegative(),
      dismissed: z.number().int().nonnegative(),
    }),
  ),
  whatIf: z.array(z.object({ threshold: Ratio, alerts: z.number().int().nonnegative(), lowerBound: z.boolean() })),
  /** Alerts the recorded tracks of the period actually raised. */
  raised: z.number().int().nonnegative(),
});
export type TuningView = z.infer<typeof TuningViewSchema>;

export const TuningAuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  actor: z.object({ id: z.string(), name: z.string() }),
  cameraId: z.string(),
  label: z.string(),
  version: z.number().int().positive(),
  /** null where a stored policy no longer reads as one. */
  before: ConfirmationPolicySchema.nullable(),
  after: ConfirmationPolicySchema.nullable(),
  note: z.string().nullable(),
});
export type TuningAuditEntry = z.infer<typeof TuningAuditEntrySchema>;

export const TuningApplyInputSchema = z.strictObject({
  cameraId: CameraId,
  label: Label,
  /** The whole policy, as the domain's schema reads it (bounds, keepThreshold ≤ threshold, votes ≤ n). */
  policy: ConfirmationPolicySchema,
  /** Refuses the apply (CONFLICT, reason STALE) when this camera and label were tuned since this version. */
  expectedVersion: z.number().int().nonnegative(),
  actor: z.strictObject({ id: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(100) }),
  note: z.string().trim().max(500).optional(),
});
export type TuningApplyInput = z.input<typeof TuningApplyInputSchema>;

export const tuningRequests = {
  /** The policy in force for a camera and label, its reviewed alerts' figures and the what-if per threshold. */
  'tuning:get': {
    input: z.strictObject({ cameraId: CameraId, label: Label, days: z.number().int().min(1).max(90).default(7) }),
    output: TuningViewSchema,
  },
  /** Stores the policy for the camera and label, applies it to the running core (no restart) and audits it. */
  'tuning:apply': { input: TuningApplyInputSchema, output: TuningPolicyViewSchema },
  /** Tuning changes, newest first; of one camera when given. */
  'tuning:history': {
    input: z.strictObject({ cameraId: CameraId.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ entries: z.array(TuningAuditEntrySchema) }),
  },
} as const;

export const tuningPushes = {
  /** A camera's confirmation policy for a label was applied from the interface. */
  'tuning:applied': z.object({ cameraId: z.string(), label: z.string(), version: z.number().int().positive() }),
} as const;
