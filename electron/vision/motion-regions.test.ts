import { describe, expect, it } from 'vitest';
import { CHANGED_FROM_BACKGROUND, CHANGED_SINCE_PREVIOUS } from './motion-exposure';
import {
  blobToBox,
  countCells,
  createCellGrid,
  findBlobs,
  MAX_BLOBS,
  mergeBoxes,
  type CellGrid,
} from './motion-regions';
import type { Box } from './types';

const BOTH = CHANGED_FROM_BACKGROUND | CHANGED_SINCE_PREVIOUS;

/** A mask with the given rectangles (x1, y1, x2, y2 exclusive) set to `bits`. */
function maskWith(width: number, height: number, rects: [number, number, number, number][], bits = BOTH) {
  const mask = new Uint8Array(width * height);
  for (const [x1, y1, x2, y2] of rects) {
    for (let y = y1; y < y2; y++) mask.fill(bits, y * width + x1, y * width + x2);
  }
  return mask;
}

function gridFor(mask: Uint8Array, width: number, height: number, cellSize = 4): CellGrid {
  const grid = createCellGrid(width, height, cellSize);
  countCells(mask, grid);
  return grid;
}

describe('cell grid and blobs', () => {
  it('finds separate blobs with their cell bounds and changed pixels', () => {
    const mask = maskWith(40, 24, [
      [0, 0, 8, 8],
      [20, 12, 30, 20],
    ]);
    const blobs = findBlobs(gridFor(mask, 40, 24), 1);
    expect(blobs).toEqual([
      { c1: 0, r1: 0, c2: 2, r2: 2, pixels: 64, recent: 64 },
      { c1: 5, r1: 3, c2: 8, r2: 5, pixels: 80, recent: 80 },
    ]);
  });

  it('joins cells that touch at a corner, and ignores cells with too few changed pixels', () => {
    const mask = maskWith(16, 16, [
      [0, 0, 4, 4],
      [4, 4, 8, 8],
      [12, 12, 13, 13], // one pixel: below an eighth of a 4x4 cell
    ]);
    const blobs = findBlobs(gridFor(mask, 16, 16), 1);
    expect(blobs).toEqual([{ c1: 0, r1: 0, c2: 2, r2: 2, pixels: 32, recent: 32 }]);
  });

  it('drops blobs below the minimum area and blobs without recent change', () => {
    const mask = maskWith(40, 24, [
      [0, 0, 4, 4],
      [20, 12, 30, 20],
    ]);
    expect(findBlobs(gridFor(mask, 40, 24), 20)).toHaveLength(1);
    const still = maskWith(40, 24, [[20, 12, 30, 20]], CHANGED_FROM_BACKGROUND);
    expect(findBlobs(gridFor(still, 40, 24), 1, 1)).toEqual([]);
    expect(findBlobs(gridFor(still, 40, 24), 1, 0)).toHaveLength(1);
  });

  it('handles a frame whose size is not a multiple of the cell size', () => {
    const mask = maskWith(10, 7, [[8, 5, 10, 7]]);
    const grid = gridFor(mask, 10, 7);
    expect([grid.cols, grid.rows]).toEqual([3, 2]);
    const [blob] = findBlobs(grid, 1);
    expect(blob).toEqual({ c1: 2, r1: 1, c2: 3, r2: 2, pixels: 4, recent: 4 });
    // the last cell is cut at the frame's edge, not extended past it
    expect(blobToBox(blob ?? { c1: 0, r1: 0, c2: 0, r2: 0, pixels: 0, recent: 0 }, grid, 100, 70, 0)).toEqual({
      x1: 80,
      y1: 40,
      x2: 100,
      y2: 70,
    });
  });
});

describe('blob to box', () => {
  it('scales cells to source pixels, pads and clips', () => {
    const grid = createCellGrid(160, 90, 4);
    const blob = { c1: 1, r1: 2, c2: 3, r2: 4, pixels: 30, recent: 30 };
    expect(blobToBox(blob, grid, 1280, 720, 0)).toEqual({ x1: 32, y1: 64, x2: 96, y2: 128 });
    expect(blobToBox(blob, grid, 1280, 720, 40)).toEqual({ x1: 0, y1: 24, x2: 136, y2: 168 });
  });
});

describe('merging boxes', () => {
  const a: Box = { x1: 0, y1: 0, x2: 10, y2: 10 };
  const b: Box = { x1: 5, y1: 5, x2: 20, y2: 20 };
  const c: Box = { x1: 100, y1: 100, x2: 110, y2: 110 };
  const d: Box = { x1: 24, y1: 0, x2: 30, y2: 8 };

  it('merges overlapping boxes and boxes within the gap, leaves far ones alone', () => {
    expect(mergeBoxes([a, b, c], 0, 10)).toEqual([{ x1: 0, y1: 0, x2: 20, y2: 20 }, c]);
    expect(mergeBoxes([b, d], 3, 10)).toHaveLength(2);
    expect(mergeBoxes([b, d], 4, 10)).toEqual([{ x1: 5, y1: 0, x2: 30, y2: 20 }]);
  });

  it('merges until no two are near, even when a merge brings a third one close', () => {
    const e: Box = { x1: 12, y1: 0, x2: 14, y2: 2 };
    // a and e are apart; after a+b, the union touches e
    expect(mergeBoxes([a, c, e, b], 0, 10)).toEqual([{ x1: 0, y1: 0, x2: 20, y2: 20 }, c]);
  });

  it('caps the count by merging the pairs that add the least area', () => {
    const near: Box = { x1: 120, y1: 100, x2: 130, y2: 110 };
    const merged = mergeBoxes([a, c, near], 0, 2);
    expect(merged).toEqual([a, { x1: 100, y1: 100, x2: 130, y2: 110 }]);
    expect(mergeBoxes([a, c, near], 0, 1)).toEqual([{ x1: 0, y1: 0, x2: 130, y2: 110 }]);
  });

  it('returns one box around everything when there are too many blobs, and never changes its input', () => {
    const many: Box[] = Array.from({ length: MAX_BLOBS + 1 }, (_, i) => ({ x1: i * 10, y1: 0, x2: i * 10 + 2, y2: 2 }));
    expect(mergeBoxes(many, 0, 6)).toEqual([{ x1: 0, y1: 0, x2: MAX_BLOBS * 10 + 2, y2: 2 }]);
    const input = [a, b];
    mergeBoxes(input, 0, 6);
    expect(input).toEqual([a, b]);
    expect(mergeBoxes([], 0, 6)).toEqual([]);
  });
});
