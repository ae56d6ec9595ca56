/** The `live:` section of the configuration: the video wall's live pictures, one ffmpeg per watched camera. */
import { z } from 'zod';

export const LiveConfigSchema = z
  .strictObject({
    maxStreams: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(16)
      .describe(
        'Most cameras streamed live at once (one ffmpeg each, shared by every viewer of that camera). A viewer ' +
          'of one more camera is answered 503 UNAVAILABLE; each stream decodes its camera in full, so keep this ' +
          'within what the machine’s cores can decode.',
      ),
    width: z
      .number()
      .int()
      .min(160)
      .max(1920)
      .default(640)
      .describe('Largest width of the live pictures in pixels; narrower cameras are not scaled up.'),
    fps: z.number().min(1).max(25).default(6).describe('Pictures per second sent to each viewer.'),
    quality: z
      .number()
      .int()
      .min(2)
      .max(31)
      .default(6)
      .describe('JPEG quality scale of the live pictures: 2 is the best and largest, 31 the smallest.'),
    idleStopS: z
      .number()
      .min(0)
      .max(300)
      .default(5)
      .describe('Seconds a live stream keeps running after its last viewer left, so a reload comes straight back.'),
  })
  .prefault({});

export type LiveConfig = z.output<typeof LiveConfigSchema>;
