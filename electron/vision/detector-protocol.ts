/** Messages between the detector service (main thread) and its workers (one per model). */
import { z } from 'zod';
import type { Box, Detection } from './types';

export interface DetectMessage {
  type: 'detect';
  id: number;
  width: number;
  height: number;
  data: Uint8Array;
  region: Box | null;
}

export interface StopMessage {
  type: 'stop';
}

export type ToWorker = DetectMessage | StopMessage;

const BoxSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
const TimingsSchema = z.object({ preMs: z.number(), inferMs: z.number(), postMs: z.number() });

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), modelId: z.string() }),
  z.object({ type: z.literal('load-failed'), code: z.string(), message: z.string() }),
  z.object({
    type: z.literal('result'),
    id: z.number(),
    detections: z.array(
      z.object({ modelId: z.string(), classId: z.number(), label: z.string(), score: z.number(), box: BoxSchema }),
    ),
    timings: TimingsSchema,
    /** The frame's bytes, handed back so the caller can reuse the buffer. */
    data: Bytes,
  }),
  z.object({ type: z.literal('error'), id: z.number(), message: z.string(), data: Bytes }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

export type Timings = z.infer<typeof TimingsSchema>;
export type { Detection };
