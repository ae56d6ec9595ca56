import { describe, expect, it } from 'vitest';
import { buildYoloxGrid, decodeYolox } from './yolox-decode';

/** A 64×32 input with strides 8/16/32: 8×4 + 4×2 + 2×1 = 42 rows of [dx, dy, dw, dh, obj, c0, c1]. */
const layout = { inputWidth: 64, inputHeight: 32, strides: [8, 16, 32], numClasses: 2 };
const WIDTH = 7;

function outputWith(rows: Record<number, number[]>): Float32Array {
  const out = new Float32Array(42 * WIDTH);
  for (const [row, values] of Object.entries(rows)) out.set(values, Number(row) * WIDTH);
  return out;
}

describe('YOLOX grid', () => {
  it('has one row per anchor point, stride by stride, row-major', () => {
    const g = buildYoloxGrid(layout);
    expect(g.rows).toBe(42);
    // row 19: stride 8, y = 2, x = 3; row 38: stride 16 (after 32 rows), y = 1, x = 2; row 41: stride 32, x = 1
    expect([g.gridX[19], g.gridY[19], g.stride[19]]).toEqual([3, 2, 8]);
    expect([g.gridX[38], g.gridY[38], g.stride[38]]).toEqual([2, 1, 16]);
    expect([g.gridX[41], g.gridY[41], g.stride[41]]).toEqual([1, 0, 32]);
  });

  it('matches the shipped models: 3549 rows at 416 px, 756 at 192 px', () => {
    expect(buildYoloxGrid({ ...layout, inputWidth: 416, inputHeight: 416 }).rows).toBe(3549);
    expect(buildYoloxGrid({ ...layout, inputWidth: 192, inputHeight: 192 }).rows).toBe(24 * 24 + 12 * 12 + 6 * 6);
  });
});

describe('YOLOX decoding', () => {
  const grid = buildYoloxGrid(layout);
  // row 38 (stride 16, cell 2,1): centre ((0.5+2)*16, (0.25+1)*16) = (40, 20), size (2*16, 1*16) = (32, 16)
  // score 0.9 * 0.8 = 0.72, class 1 → box 24,12 – 56,28
  // row 19 (stride 8, cell 3,2): centre (24, 16), size (8, 8); score 0.5 * 0.9 = 0.45, class 0 → box 20,12 – 28,20
  // row 5: objectness 0.3 (below every minimum); row 6: objectness 0.95 but class scores 0.1 / 0.12 → score 0.114, class 1
  const output = outputWith({
    38: [0.5, 0.25, Math.log(2), 0, 0.9, 0.2, 0.8],
    19: [0, 0, 0, 0, 0.5, 0.9, 0.1],
    5: [0, 0, 0, 0, 0.3, 0.9, 0.9],
    6: [0, 0, 0, 0, 0.95, 0.1, 0.12],
  });

  it('computes the boxes by hand', () => {
    const c = decodeYolox(output, grid, 2, Float32Array.of(0.4, 0.4));
    expect(c).toHaveLength(2);
    const [a, b] = c.sort((x, y) => y.score - x.score);
    expect(a?.classId).toBe(1);
    expect(a?.score).toBeCloseTo(0.72, 6);
    expect([a?.x1, a?.y1, a?.x2, a?.y2].map((v) => Number(v?.toFixed(4)))).toEqual([24, 12, 56, 28]);
    expect(b?.classId).toBe(0);
    expect(b?.score).toBeCloseTo(0.45, 6);
    expect([b?.x1, b?.y1, b?.x2, b?.y2]).toEqual([20, 12, 28, 20]);
  });

  it('applies each class its own minimum score, and skips classes that are not reported', () => {
    expect(decodeYolox(output, grid, 2, Float32Array.of(0.5, 0.5)).map((c) => c.classId)).toEqual([1]);
    expect(decodeYolox(output, grid, 2, Float32Array.of(0.4, 0.8)).map((c) => c.classId)).toEqual([0]);
    expect(decodeYolox(output, grid, 2, Float32Array.of(Infinity, 0.2)).map((c) => c.classId)).toEqual([1]);
    expect(decodeYolox(output, grid, 2, Float32Array.of(Infinity, Infinity))).toEqual([]);
  });

  it('scores a row by its best class only', () => {
    // row 19's best class is 0 (0.9); with class 0 unreported it is not turned into a weak class-1 box
    const c = decodeYolox(output, grid, 2, Float32Array.of(Infinity, 0.01));
    expect(c.map((x) => x.score.toFixed(3))).toEqual(['0.114', '0.720']); // in row order
  });

  it('refuses an output of the wrong size', () => {
    expect(() => decodeYolox(new Float32Array(10), grid, 2, Float32Array.of(0.5, 0.5))).toThrow(RangeError);
  });
});
