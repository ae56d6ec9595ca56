/** Plain data shared by the vision modules: frames in, detections out. No I/O here. */

/** A decoded frame: packed BGR24 (what ffmpeg's `-pix_fmt bgr24` writes), row after row, no padding. */
export interface RawFrame {
  width: number;
  height: number;
  /** width * height * 3 bytes. */
  data: Uint8Array;
}

/** An axis-aligned box in pixels of the source frame: x1,y1 inclusive top-left; x2,y2 exclusive bottom-right. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One box of one class in one frame, in source-frame pixels. */
export interface Detection {
  modelId: string;
  classId: number;
  label: string;
  score: number;
  box: Box;
}
