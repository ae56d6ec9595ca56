/**
 * Incidents in the API contract: the incident view, the operator's queue and detail, and reviews (an operator's
 * confirmed or dismissed verdict, kept per reviewer). Imports only zod and pure domain constants, so the renderer
 * can share it.
 */
import { z } from 'zod';
import { REVIEW_VERDICTS } from '../domain/incident-review';
import { FALSE_ALARM_REASONS } from '../domain/task-lifecycle';

const BoxViewSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });

/** An incident: alerts of near cameras correlated into one event, with the evidence kept for it. */
export const IncidentViewSchema = z.object({
  id: z.string(),
  family: z.string(),
  kind: z.string(),
  state: z.enum(['open', 'ended']),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  peak: z.object({ score: z.number(), at: z.iso.datetime(), cameraId: z.string() }),
  reopened: z.number().int().nonnegative(),
  alerts: z.array(
    z.object({
      alertId: z.string(),
      kind: z.string(),
      cameraId: z.string(),
      firstSeen: z.iso.datetime(),
      lastSeen: z.iso.datetime(),
      ended: z.boolean(),
      /** The box is relative to the frame (0..1). */
      peak: z.object({ score: z.number(), at: z.iso.datetime(), box: BoxViewSchema.nullable() }),
    }),
  ),
  evidence: z.array(
    z.object({
      cameraId: z.string(),
      kind: z.enum(['snapshot', 'clip']),
      /** Served at /media/<file>. */
      file: z.string(),
      at: z.iso.datetime(),
      durationS: z.number().nullable(),
      models: z.array(z.object({ id: z.string(), sha256: z.string(), thresholds: z.record(z.string(), z.number()) })),
    }),
  ),
});
export type IncidentView = z.infer<typeof IncidentViewSchema>;

export const ReviewVerdictSchema = z.enum(REVIEW_VERDICTS);
/** The dismiss reason codes: the false-alarm reasons of the task lifecycle, one list for both. */
export const DismissReasonSchema = z.enum(FALSE_ALARM_REASONS);

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Who reviews. There are no logins yet: the operator's window says who it is. */
export const ReviewerSchema = z.strictObject({ id: Text(64), name: Text(100) });

export const IncidentReviewViewSchema = z.object({
  incidentId: z.string(),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  verdict: ReviewVerdictSchema,
  reason: DismissReasonSchema.nullable(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export type IncidentReviewView = z.infer<typeof IncidentReviewViewSchema>;

export const incidentRequests = {
  /**
   * Incidents, the most recently active first. `state` keeps open or ended ones; with `reviewerId`, `reviews`
   * holds that reviewer's reviews of the listed incidents, and `review` keeps the ones they reviewed or not yet.
   */
  'incidents:list': {
    input: z
      .strictObject({
        limit: z.number().int().min(1).max(500).default(100),
        state: z.enum(['open', 'ended']).optional(),
        reviewerId: Text(64).optional(),
        review: z.enum(['reviewed', 'unreviewed']).optional(),
      })
      .refine((v) => v.review === undefined || v.reviewerId !== undefined, {
        message: 'give reviewerId with review',
        path: ['reviewerId'],
      }),
    output: z.object({
      incidents: z.array(IncidentViewSchema),
      reviews: z.array(IncidentReviewViewSchema),
    }),
  },
  /** One incident with every review of it and the patrol task made for it (the newest, when there are several). */
  'incidents:get': {
    input: z.strictObject({ id: Text(64) }),
    output: z.object({
      incident: IncidentViewSchema,
      reviews: z.array(IncidentReviewViewSchema),
      taskId: z.string().nullable(),
    }),
  },
  /**
   * An operator's verdict on an incident; a reviewer's later verdict replaces their earlier one. Dismissing needs a
   * reason code. The linked task follows (see electron/domain/incident-review.ts): dismissed, an untouched task is
   * closed as a false alarm with the same reason; confirmed, a waiting task is accepted and dispatched.
   */
  'incidents:review': {
    input: z
      .strictObject({
        id: Text(64),
        reviewer: ReviewerSchema,
        verdict: ReviewVerdictSchema,
        reason: DismissReasonSchema.optional(),
        note: z.string().trim().max(2000).optional(),
      })
      .refine((v) => v.verdict !== 'dismissed' || v.reason !== undefined, {
        message: 'a dismissal needs a reason code',
        path: ['reason'],
      })
      .refine((v) => v.verdict !== 'confirmed' || v.reason === undefined, {
        message: 'a reason code goes with a dismissal only',
        path: ['reason'],
      }),
    output: z.object({
      review: IncidentReviewViewSchema,
      /** The linked task after the review, and the lifecycle commands applied to it. */
      task: z.object({ id: z.string(), state: z.string(), applied: z.array(z.string()) }).nullable(),
    }),
  },
} as const;

export const incidentPushes = {
  /** An operator reviewed an incident (other windows mark it reviewed for that reviewer). */
  'incidents:reviewed': z.object({
    id: z.string(),
    reviewerId: z.string(),
    verdict: ReviewVerdictSchema,
    reason: DismissReasonSchema.nullable(),
  }),
} as const;
