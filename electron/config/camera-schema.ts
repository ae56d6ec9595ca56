/**
 * A camera in the configuration. The stream URLs carry no credentials: user name and password are fields of
 * their own, so that they can be stored apart, never returned by the API and never logged.
 */
import { z } from 'zod';
import { parseRtspUrl } from '../media/rtsp-url';

const StreamUrl = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const parsed = parseRtspUrl(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.url.username !== null) {
      ctx.addIssue({
        code: 'custom',
        message: 'put the user name and password in `username` and `password`, not in the URL',
      });
    }
  });

export const CameraConfigSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "_" and "-"')
    .describe('Stable id of the camera.'),
  name: z.string().min(1).max(100).describe('Name shown to operators, e.g. 东村路口 (east village crossing).'),
  gridCell: z.string().min(1).max(64).describe('Code of the grid cell (网格) the camera belongs to.'),
  position: z
    .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .optional()
    .describe('Where the camera stands (WGS-84).'),
  headingDeg: z.number().min(0).max(360).optional().describe('Direction the camera looks, degrees from north.'),
  detectUrl: StreamUrl.describe('RTSP URL of the stream to detect on (usually the sub stream), without credentials.'),
  recordUrl: StreamUrl.optional().describe('RTSP URL of the stream to record (usually the main stream).'),
  username: z.string().min(1).max(128).optional().describe('User name for the camera.'),
  password: z.string().max(256).optional().describe('Password for the camera; never shown, returned or logged.'),
  detect: z
    .strictObject({
      fps: z.number().min(0.1).max(10).default(2).describe('Frames per second sent to detection.'),
      width: z.number().int().min(64).max(3840).default(640).describe('Width of the frames sent to detection.'),
      height: z.number().int().min(64).max(2160).default(360).describe('Height of the frames sent to detection.'),
    })
    .prefault({})
    .describe('What detection receives from this camera.'),
  enabled: z.boolean().default(true).describe('Whether the camera is streamed at all.'),
});

export type CameraConfig = z.output<typeof CameraConfigSchema>;

export const CamerasSchema = z
  .array(CameraConfigSchema)
  .default([])
  .superRefine((cameras, ctx) => {
    const seen = new Set<string>();
    cameras.forEach((camera, i) => {
      if (seen.has(camera.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate camera id "${camera.id}"` });
      seen.add(camera.id);
    });
  });
