/** The `server.lan:` section (the HTTPS listener for inspectors' phones) and the `inspectors:` section. */
import { z } from 'zod';

export const LanConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Serve the inspectors’ phone page over HTTPS on the LAN (`anxun serve --lan` turns it on). It serves only ' +
          'the phone page, pairing, the inspectors’ own tasks and uploads, and the CA certificate.',
      ),
    host: z
      .string()
      .min(1)
      .default('0.0.0.0')
      .describe('Address the HTTPS listener binds; 0.0.0.0 listens on every network of the machine.'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8643)
      .describe('TCP port of the HTTPS listener; 0 picks a free port.'),
  })
  .prefault({});
export type LanConfig = z.infer<typeof LanConfigSchema>;

export const InspectorsConfigSchema = z
  .strictObject({
    pairingCodeTtlS: z
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(600)
      .describe('How long a pairing code shown on the desktop stays valid, in seconds (used once at most).'),
    uploadMaxMb: z
      .number()
      .min(0.5)
      .max(64)
      .default(8)
      .describe('Largest photo a phone may upload, in MB; larger uploads are refused (413) while they stream.'),
    uploadMaxPending: z
      .number()
      .int()
      .min(4)
      .max(1000)
      .default(40)
      .describe('Photos an inspector may hold uploaded but not yet attached to a task by an action.'),
    photoMaxEdge: z
      .number()
      .int()
      .min(320)
      .max(8192)
      .default(2048)
      .describe('Photos are re-encoded to JPEG with their longest edge at most this many pixels.'),
    minFreeMb: z
      .number()
      .int()
      .min(16)
      .max(100_000)
      .default(256)
      .describe('Uploads are refused (DISK_FULL) when the data folder’s disk has less free space than this.'),
  })
  .prefault({});
export type InspectorsConfig = z.infer<typeof InspectorsConfigSchema>;
