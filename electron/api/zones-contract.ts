/**
 * Zones and masks per camera, drawn in the interface: read them beside the configuration file's (read-only), and
 * save the interface's. Every zone goes through the domain's own schemas (polygon checks included), so what the
 * API accepts is exactly what the incident core runs. Imports only zod and the pure zones domain, so the
 * renderer can share it.
 */
import { z } from 'zod';
import {
  CrowdingZoneSchema,
  LoiteringZoneSchema,
  MaskZoneSchema,
  RestrictedZoneSchema,
  duplicateZoneIds,
} from '../domain/zones';

const CameraId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" and "-"');

/** config: from the configuration file (read-only here); interface: drawn and saved through the API. */
export const ZoneOriginSchema = z.enum(['config', 'interface']);
export type ZoneOrigin = z.infer<typeof ZoneOriginSchema>;

export const RuleZoneInputSchema = z.discriminatedUnion('kind', [
  RestrictedZoneSchema,
  LoiteringZoneSchema,
  CrowdingZoneSchema,
]);

const origin = { origin: ZoneOriginSchema };
export const MaskViewSchema = MaskZoneSchema.extend(origin);
export const RuleZoneViewSchema = z.discriminatedUnion('kind', [
  RestrictedZoneSchema.extend(origin),
  LoiteringZoneSchema.extend(origin),
  CrowdingZoneSchema.extend(origin),
]);
export type MaskView = z.infer<typeof MaskViewSchema>;
export type RuleZoneView = z.infer<typeof RuleZoneViewSchema>;

export const CameraZonesViewSchema = z.object({
  cameraId: z.string(),
  /** Counts the interface's saves of this camera's zones; 0 before the first. */
  version: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime().nullable(),
  masks: z.array(MaskViewSchema),
  zones: z.array(RuleZoneViewSchema),
});
export type CameraZonesView = z.infer<typeof CameraZonesViewSchema>;

export const ZonesSaveInputSchema = z
  .strictObject({
    cameraId: CameraId,
    /** The interface's masks: the whole list, replacing the one stored. */
    masks: z.array(MaskZoneSchema).max(100),
    /** The interface's rule zones: the whole list, replacing the one stored. */
    zones: z.array(RuleZoneInputSchema).max(100),
    /** Refuses the save (CONFLICT, reason STALE) when the camera's zones were saved since this version. */
    expectedVersion: z.number().int().nonnegative().optional(),
  })
  .superRefine((v, ctx) => {
    const all = [...v.masks, ...v.zones];
    for (const i of duplicateZoneIds(all)) {
      const inMasks = i < v.masks.length;
      ctx.addIssue({
        code: 'custom',
        path: inMasks ? ['masks', i, 'id'] : ['zones', i - v.masks.length, 'id'],
        message: `duplicate zone id "${all[i]?.id ?? ''}"`,
      });
    }
  });
export type ZonesSaveInput = z.input<typeof ZonesSaveInputSchema>;

export const zoneRequests = {
  /** A camera's masks and rule zones, the configuration file's (read-only) and the interface's. */
  'zones:get': { input: z.strictObject({ cameraId: CameraId }), output: CameraZonesViewSchema },
  /**
   * Replaces the interface's masks and zones of a camera and applies them to the running incident core at once
   * (no restart). Ids must differ from each other and from the configuration file's zones of the camera.
   */
  'zones:save': { input: ZonesSaveInputSchema, output: CameraZonesViewSchema },
} as const;

export const zonePushes = {
  /** A camera's interface zones were saved. */
  'zones:changed': z.object({ cameraId: z.string(), version: z.number().int().nonnegative() }),
} as const;
