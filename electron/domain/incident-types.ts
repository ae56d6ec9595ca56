/**
 * Plain data shared by the pure core that turns detections into alerts and incidents (tracker, confirmation,
 * zones and rules, correlator). Boxes here are relative to the frame (0..1), so a camera's zones and tracks do
 * not depend on the detect size. Times are milliseconds since the epoch, always passed in, never read from a
 * clock.
 */

/** An axis-aligned box in relative frame coordinates: x1,y1 top-left, x2,y2 bottom-right, each in [0, 1]. */
export interface RelBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A point in relative frame coordinates. */
export interface RelPoint {
  x: number;
  y: number;
}

/** One detector box, already in relative coordinates. */
export interface SeenBox {
  label: string;
  score: number;
  box: RelBox;
  modelId: string;
}

/**
 * Everything one detector run said about one camera frame. A frame the detector looked at and found nothing in
 * is sent with `boxes: []`: it is a miss for every open track of that camera (frames the motion gate skipped are
 * not sent at all and count neither way).
 */
export interface FrameObservation {
  cameraId: string;
  /** Capture time of the frame. */
  at: number;
  boxes: SeenBox[];
}

export type AlertKind = 'fire' | 'smoke' | 'intrusion' | 'crowding' | 'loitering';

/** Default order of severity, highest first (configurable where alerts are ranked). */
export const DEFAULT_SEVERITY: readonly AlertKind[] = ['fire', 'smoke', 'intrusion', 'crowding', 'loitering'];

/** One object followed over frames of one camera. */
export interface Track {
  id: string;
  cameraId: string;
  label: string;
  box: RelBox;
  firstSeen: number;
  lastSeen: number;
  /** Scores of the last frames the detector ran on, oldest first; a frame without a matching box counts 0. */
  scores: number[];
  /** Frames in a row without a matching box. */
  missed: number;
  /** Highest score so far, when and where. */
  peak: { score: number; at: number; box: RelBox };
}
