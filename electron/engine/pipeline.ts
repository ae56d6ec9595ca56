/**
 * The detection pipeline for camera frames: each frame goes through its camera's motion gate, and when the gate
 * lets it through, to every loaded model — on the moving part of the picture, or on the whole frame for the
 * gate's periodic scans and lighting changes. A camera whose last analysed frame had a box that could raise an
 * alert (`followFrames`, from the confirmation policies) has its next frames analysed whole whatever the gate
 * says, so a still fire is seen on the consecutive frames its vote counts instead of once per full scan. The
 * returned promise settles when every model has answered, so a busy detector slows the camera's consumer and the
 * supervisor keeps only the newest frame (and counts drops).
 */
import type { CameraView } from '../api/contract';
import type { Logger } from '../log/logger';
import type { CameraFrame } from '../media/camera-supervisor';
import type { DetectorService } from '../vision/detector-service';
import { MotionGate } from '../vision/motion-gate';
import type { MotionGateConfigInput } from '../vision/motion-config';
import type { Box, Detection } from '../vision/types';

export interface FrameDetections {
  cameraId: string;
  capturedAt: number;
  frame: { width: number; height: number };
  detections: Detection[];
}

export interface PipelineOptions {
  detector: DetectorService | null;
  /** The models every gated frame is sent to. */
  modelIds: readonly string[];
  motion: MotionGateConfigInput;
  logger: Logger;
  /** Called for every frame a model ran on, with its boxes (none when nothing was found). */
  onDetections: (result: FrameDetections) => void;
  /**
   * How many of the camera's next frames to analyse whole after this result (0: back to the motion gate). A
   * result asking for more than what is left extends the following; none asked when left out.
   */
  followFrames?: (result: FrameDetections) => number;
}

type Counters = NonNullable<CameraView['pipeline']>;

/** The smallest box around every region; undefined when it covers the whole frame. */
export function regionToRun(regions: readonly Box[], width: number, height: number): Box | undefined {
  if (regions.length === 0) return undefined;
  const box = regions.reduce((a, b) => ({
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
    x2: Math.max(a.x2, b.x2),
    y2: Math.max(a.y2, b.y2),
  }));
  const whole = box.x1 <= 0 && box.y1 <= 0 && box.x2 >= width && box.y2 >= height;
  return whole ? undefined : box;
}

export class DetectionPipeline {
  private readonly gates = new Map<string, MotionGate>();
  private readonly counters = new Map<string, Counters>();
  /** Frames still to analyse whole, per camera that is following a candidate. */
  private readonly following = new Map<string, number>();
  private readonly log: Logger;

  constructor(private readonly options: PipelineOptions) {
    this.log = options.logger.child({ module: 'pipeline' });
  }

  stats(cameraId: string): Counters | null {
    const c = this.counters.get(cameraId);
    return c ? { ...c } : null;
  }

  /** Forgets the camera's background (after a reconnect, or new settings); counters are kept. */
  resetGate(cameraId: string): void {
    this.gates.get(cameraId)?.reset();
    this.following.delete(cameraId);
  }

  forget(cameraId: string): void {
    this.gates.delete(cameraId);
    this.counters.delete(cameraId);
    this.following.delete(cameraId);
  }

  async handle(frame: CameraFrame): Promise<void> {
    const { detector, modelIds } = this.options;
    if (!detector || modelIds.length === 0) return;
    let gate = this.gates.get(frame.cameraId);
    if (!gate) {
      gate = new MotionGate(this.options.motion);
      this.gates.set(frame.cameraId, gate);
    }
    const counters = this.counters.get(frame.cameraId) ?? {
      frames: 0,
      detected: 0,
      skipped: 0,
      followed: 0,
      withBoxes: 0,
      lastDetectionAt: null,
    };
    this.counters.set(frame.cameraId, counters);
    counters.frames += 1;
    const decision = gate.step(frame, frame.capturedAt);
    const left = this.following.get(frame.cameraId) ?? 0;
    if (!decision.run && left === 0) {
      counters.skipped += 1;
      return;
    }
    counters.detected += 1;
    if (left > 0) counters.followed += 1;
    const region = left > 0 ? undefined : regionToRun(decision.regions, frame.width, frame.height);
    // each model's worker takes its frame's bytes (transferred, so detached here): the copies are made before the
    // first model is asked, which may send the original at once; the first model gets the original
    const bytes = modelIds.map((_, i) => (i === 0 ? frame.data : frame.data.slice()));
    const outcomes = await Promise.all(
      modelIds.map((modelId, i) =>
        detector.detect(modelId, {
          cameraId: frame.cameraId,
          frame: { width: frame.width, height: frame.height, data: bytes[i] ?? frame.data.slice() },
          capturedAt: frame.capturedAt,
          ...(region ? { region } : {}),
        }),
      ),
    );
    const detections: Detection[] = [];
    let ran = false;
    for (const outcome of outcomes) {
      if (outcome.status === 'done') {
        ran = true;
        detections.push(...outcome.detections);
      } else if (outcome.status === 'failed') this.log.warn({ camera: frame.cameraId }, outcome.message);
    }
    if (!ran) return;
    const result = {
      cameraId: frame.cameraId,
      capturedAt: frame.capturedAt,
      frame: { width: frame.width, height: frame.height },
      detections,
    };
    const asked = this.options.followFrames?.(result) ?? 0;
    const next = Math.max(left - 1, asked);
    if (next > 0) this.following.set(frame.cameraId, next);
    else this.following.delete(frame.cameraId);
    if (detections.length > 0) {
      counters.withBoxes += 1;
      counters.lastDetectionAt = new Date(frame.capturedAt).toISOString();
    }
    this.options.onDetections(result);
  }
}
