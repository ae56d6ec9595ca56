/**
 * YOLOX output decoding. Rows are anchor points over the strides in order (for 416 and strides 8/16/32:
 * 52×52, then 26×26, then 13×13 = 3549 rows), each `[dx, dy, dw, dh, objectness, class scores…]` with objectness
 * and class scores already through a sigmoid. Centre = (d + grid) × stride, size = exp(d) × stride, in input
 * pixels. Score = objectness × best class score; a row is kept when that reaches its class's minimum score, so
 * non-maximum suppression only sees plausible boxes.
 */

/** A decoded box in input-tensor pixels. */
export interface Candidate {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classId: number;
}

export interface YoloxLayout {
  inputWidth: number;
  inputHeight: number;
  strides: readonly number[];
  numClasses: number;
}

/** Grid position and stride of every row, computed once per model. */
export interface YoloxGrid {
  rows: number;
  gridX: Float32Array;
  gridY: Float32Array;
  stride: Float32Array;
}

export function buildYoloxGrid(layout: YoloxLayout): YoloxGrid {
  const sizes = layout.strides.map((s) => ({
    s,
    w: Math.floor(layout.inputWidth / s),
    h: Math.floor(layout.inputHeight / s),
  }));
  const rows = sizes.reduce((n, g) => n + g.w * g.h, 0);
  const grid: YoloxGrid = {
    rows,
    gridX: new Float32Array(rows),
    gridY: new Float32Array(rows),
    stride: new Float32Array(rows),
  };
  let r = 0;
  for (const { s, w, h } of sizes) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++, r++) {
        grid.gridX[r] = x;
        grid.gridY[r] = y;
        grid.stride[r] = s;
      }
    }
  }
  return grid;
}

/**
 * Decodes `output` (rows × (5 + numClasses), row-major). `minScores[c]` is class c's minimum score
 * (Infinity: class not reported). Appends to and returns `into`.
 */
export function decodeYolox(
  output: Float32Array,
  grid: YoloxGrid,
  numClasses: number,
  minScores: Float32Array,
  into: Candidate[] = [],
): Candidate[] {
  const width = 5 + numClasses;
  if (output.length !== grid.rows * width) {
    throw new RangeError(`output has ${output.length} values, expected ${grid.rows} rows × ${width}`);
  }
  let floor = Infinity;
  for (const m of minScores) floor = Math.min(floor, m);
  if (floor === Infinity) return into;
  for (let r = 0; r < grid.rows; r++) {
    const o = r * width;
    const objectness = output[o + 4] ?? 0;
    if (objectness < floor) continue; // score = objectness × class score ≤ objectness
    let best = 0;
    let bestScore = -1;
    for (let c = 0; c < numClasses; c++) {
      const s = output[o + 5 + c] ?? 0;
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    const score = objectness * bestScore;
    if (score < (minScores[best] ?? Infinity)) continue;
    const stride = grid.stride[r] ?? 0;
    const cx = ((output[o] ?? 0) + (grid.gridX[r] ?? 0)) * stride;
    const cy = ((output[o + 1] ?? 0) + (grid.gridY[r] ?? 0)) * stride;
    const w = Math.exp(output[o + 2] ?? 0) * stride;
    const h = Math.exp(output[o + 3] ?? 0) * stride;
    into.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classId: best });
  }
  return into;
}
