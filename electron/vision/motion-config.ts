/**
 * Settings of the motion gate, one set per camera. Every field has a default, bounds and a description, so the
 * tuning screen can render it from the schema. Pure: zod only.
 */
import { z } from 'zod';

export const MotionGateConfigSchema = z.strictObject({
  analysisWidth: z
    .number()
    .int()
    .min(32)
    .max(640)
    .default(160)
    .describe(
      'Width in pixels of the small grayscale copy the gate compares; its height follows the frame aspect. ' +
        'Smaller is faster and less sensitive to small, distant movement.',
    ),
  blurRadius: z
    .number()
    .int()
    .min(0)
    .max(4)
    .default(1)
    .describe(
      'Radius in pixels of the box blur on the small copy; it evens out sensor noise and compression artefacts.',
    ),
  pixelThreshold: z
    .number()
    .int()
    .min(1)
    .max(255)
    .default(20)
    .describe('Gray-level difference (0–255) from the background above which a pixel counts as changed.'),
  backgroundTimeConstantS: z
    .number()
    .min(0.5)
    .max(600)
    .default(8)
    .describe(
      'How slowly the background follows the picture, in seconds (time constant of its running average). ' +
        'Something that stops moving fades into the background after two or three times this.',
    ),
  compensateExposure: z
    .boolean()
    .default(true)
    .describe(
      'Cancel global brightness and contrast drifts (auto exposure, clouds) before comparing, using a tone curve ' +
        'estimated from the whole picture, so that they do not read as movement.',
    ),
  cellSize: z
    .number()
    .int()
    .min(2)
    .max(32)
    .default(4)
    .describe('Side, in pixels of the small copy, of the grid cells that changed pixels are grouped into.'),
  minRegionArea: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.0008)
    .describe('Smallest moving region, in changed pixels as a fraction of the frame area; smaller blobs are noise.'),
  dropStillRegions: z
    .boolean()
    .default(true)
    .describe(
      'Drop regions where nothing changed since the previous frame: someone who stopped, or the trace a departed ' +
        'object leaves in the background until it fades. The periodic full scans still cover them.',
    ),
  regionPadding: z
    .number()
    .min(0)
    .max(0.25)
    .default(0.03)
    .describe(
      'Margin added around every region, as a fraction of the frame’s longer side, so the detector has context.',
    ),
  mergeDistance: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.04)
    .describe('Padded regions closer than this (fraction of the frame’s longer side) are merged into one.'),
  maxRegions: z
    .number()
    .int()
    .min(1)
    .max(32)
    .default(6)
    .describe('Most regions returned for one frame; when there are more, the closest ones are merged.'),
  fullScanIntervalS: z
    .number()
    .min(1)
    .max(3600)
    .default(10)
    .describe(
      'Seconds between full-frame scans that run the detector even when nothing moves: smoke and small fires ' +
        'move too slowly for frame differencing.',
    ),
  lightChangeFraction: z
    .number()
    .min(0.05)
    .max(1)
    .default(0.3)
    .describe(
      'Fraction of changed pixels above which a change is taken for a lighting change (lights switched, infrared ' +
        'mode): the background is re-seeded and no region is returned.',
    ),
  lightChangeCooldownS: z
    .number()
    .min(0)
    .max(60)
    .default(1)
    .describe(
      'Seconds after a lighting change during which the background follows the picture at once and no movement ' +
        'is reported. A change still that large after it counts as a new lighting change (with its own scan), ' +
        'so a lasting one, such as a spreading fire, is scanned at least once per cool-down.',
    ),
  scanOnLightChange: z
    .boolean()
    .default(true)
    .describe('Run one full-frame scan when a lighting change starts (a fire can be what changed the light).'),
});

export type MotionGateConfig = z.output<typeof MotionGateConfigSchema>;
export type MotionGateConfigInput = z.input<typeof MotionGateConfigSchema>;
