/**
 * The training-data export from the technician page: the incidents whose latest review falls in [since, until)
 * become a dataset folder under the data folder's `exports/` (never a path chosen by the caller). Imports only zod.
 */
import { z } from 'zod';

const CountsSchema = z.record(z.string(), z.number().int().min(0));

export const DatasetSummarySchema = z.object({
  images: z.number().int().min(0),
  /** Boxes by class on the confirmed frames: fire, smoke, person. */
  positives: CountsSchema,
  /** Negative frames by the operators' false-alarm reason. */
  negatives: CountsSchema,
  /** Alerts of this run that gave no image, by reason (no-clip, peak-outside-clip, degenerate-box …). */
  skipped: CountsSchema,
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

export const DatasetExportInputSchema = z
  .object({
    since: z.iso.datetime({ offset: true }),
    /** Default: now. */
    until: z.iso.datetime({ offset: true }).optional(),
    cameras: z.array(z.string().min(1).max(64)).max(200).optional(),
  })
  .strict()
  .refine((v) => v.until === undefined || Date.parse(v.until) > Date.parse(v.since), {
    path: ['until'],
    message: 'until must be after since',
  });

export const datasetRequests = {
  'dataset:export': {
    input: DatasetExportInputSchema,
    output: z.object({
      /** Absolute path of the new folder on the engine's machine. */
      folder: z.string(),
      added: z.number().int().min(0),
      kept: z.number().int().min(0),
      summary: DatasetSummarySchema,
    }),
  },
} as const;
