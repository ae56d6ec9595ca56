/**
 * The model manifest: one `models/<id>.manifest.json` per shipped model. It says which file, which checksum,
 * how frames must be prepared for it (the way it was trained), how its output decodes, what its classes are,
 * the operating thresholds, its licence and attribution, and the figures measured on it.
 */
import { z } from 'zod';

export const MODEL_ID = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

const Label = z.string().regex(/^[a-z0-9][a-z0-9 _-]*$/, 'a lower-case class label');
const Probability = z.number().min(0).max(1);

export const InputSpecSchema = z
  .object({
    name: z.string().min(1).describe('name of the model input tensor'),
    width: z.number().int().min(8).max(4096),
    height: z.number().int().min(8).max(4096),
    layout: z.literal('NCHW'),
    channelOrder: z.enum(['BGR', 'RGB']).describe('order of the three planes in the tensor'),
    valueRange: z.literal('0-255').describe('pixel values as they are, no mean/std normalisation'),
    resize: z
      .enum(['letterbox', 'stretch'])
      .describe('letterbox: scale to fit, image at top-left, rest filled with padValue; stretch: resize to the square'),
    padValue: z.number().int().min(0).max(255).default(114),
    sampling: z.enum(['bilinear', 'nearest']).default('bilinear'),
  })
  .strict();

export const YoloxOutputSchema = z
  .object({
    decoder: z.literal('yolox'),
    name: z.string().min(1).describe('name of the model output tensor'),
    strides: z.array(z.number().int().positive()).min(1),
    rows: z.number().int().positive().describe('anchor points: sum over strides of (width/stride)*(height/stride)'),
  })
  .strict();

/** One member for now; a new decoder kind is a new member of this union. */
export const OutputSpecSchema = z.discriminatedUnion('decoder', [YoloxOutputSchema]);

export const LicenceSchema = z
  .object({
    spdx: z.string().min(1).describe('SPDX identifier(s) of the licence(s) that apply to the file'),
    files: z.array(z.string().min(1)).min(1).describe('licence texts, relative to the models folder'),
    attribution: z.string().min(1).describe('the credit to show wherever the model ships'),
    sources: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const EvaluationSchema = z
  .object({
    data: z.string().min(1).describe('what it was measured on'),
    command: z.string().min(1).describe('the command that reproduces the figures'),
    iou: Probability,
    images: z.number().int().nonnegative(),
    ap50: z.record(z.string(), Probability.nullable()).optional(),
    map50: Probability.nullable().optional(),
    operatingPoint: z
      .record(
        z.string(),
        z.strictObject({ threshold: Probability, recall: Probability.nullable(), precision: Probability.nullable() }),
      )
      .optional()
      .describe('per class: recall and precision at the operating threshold'),
    negativeImages: z.number().int().nonnegative().optional(),
    falseAlarmShare: Probability.nullable().optional(),
    medianInferMs: z.number().nonnegative().optional(),
    notes: z.string().optional(),
  })
  .strict();

export const ModelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(MODEL_ID, 'lower-case letters, digits, "_", "." and "-"'),
    name: z.string().min(1),
    description: z.string().min(1),
    file: z.string().regex(/^[A-Za-z0-9_.-]+\.onnx$/, 'a file name in the models folder ending in .onnx'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
    input: InputSpecSchema,
    output: OutputSpecSchema,
    classes: z.array(Label).min(1).describe('class labels in the order of the model output'),
    operatingThresholds: z
      .record(z.string(), Probability)
      .describe('minimum score per class label; classes without one are not reported'),
    nmsIou: Probability.default(0.45),
    licence: LicenceSchema,
    evaluation: z.array(EvaluationSchema),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const label of Object.keys(m.operatingThresholds)) {
      if (!m.classes.includes(label)) {
        ctx.addIssue({ code: 'custom', path: ['operatingThresholds', label], message: `no class "${label}"` });
      }
    }
    if (new Set(m.classes).size !== m.classes.length) {
      ctx.addIssue({ code: 'custom', path: ['classes'], message: 'class labels must be unique' });
    }
    const rows = m.output.strides.reduce(
      (n, s) => n + Math.floor(m.input.width / s) * Math.floor(m.input.height / s),
      0,
    );
    if (rows !== m.output.rows) {
      ctx.addIssue({ code: 'custom', path: ['output', 'rows'], message: `the strides give ${rows} rows` });
    }
  });

export type InputSpec = z.infer<typeof InputSpecSchema>;
export type OutputSpec = z.infer<typeof OutputSpecSchema>;
export type ModelManifest = z.infer<typeof ModelManifestSchema>;
export type ModelEvaluation = z.infer<typeof EvaluationSchema>;

/** A manifest whose model file was found and whose checksum matched: plain data, safe to post to a worker. */
export type LoadedModelManifest = ModelManifest & {
  /** Absolute path of the .onnx file. */
  filePath: string;
  /** Absolute path of the manifest it came from. */
  manifestPath: string;
};

export type ModelUnavailableCode = 'MODEL_MISSING' | 'CHECKSUM_MISMATCH' | 'MODEL_CORRUPT' | 'MANIFEST_INVALID';

export interface ModelUnavailableReason {
  code: ModelUnavailableCode;
  message: string;
}

export type ModelLoadResult = { ok: true; model: LoadedModelManifest } | { ok: false; reason: ModelUnavailableReason };

/** Thrown by loaders that return a value (OnnxDetector.load); carries the same typed reason. */
export class ModelLoadError extends Error {
  constructor(readonly reason: ModelUnavailableReason) {
    super(reason.message);
    this.name = 'ModelLoadError';
  }
}

/** `path: message` lines for a failed manifest parse. */
export function describeManifestIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
