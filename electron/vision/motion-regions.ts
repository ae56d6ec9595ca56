/**
 * Changed pixels → moving regions. The mask of the small copy is counted into a coarse grid of cells; touching
 * active cells (8-connected) form blobs; blobs big enough, and with enough change since the previous frame,
 * become boxes in source pixels, padded, clipped, and merged while they are close or too many. The grid and its work buffers are allocated once per size.
 */
import { CHANGED_FROM_BACKGROUND, CHANGED_SINCE_PREVIOUS } from './motion-exposure';
import type { Box } from './types';

/** Beyond this many blobs the picture is one big scattered change: one box around all of them is returned. */
export const MAX_BLOBS = 64;

export interface CellGrid {
  /** Size of the small copy the mask belongs to. */
  width: number;
  height: number;
  cellSize: number;
  cols: number;
  rows: number;
  /** Pixels per cell that differ from the background. */
  counts: Int32Array;
  /** Pixels per cell that differ from the previous frame. */
  recent: Int32Array;
  /** Blob label per cell (0 = none yet), and the flood-fill stack. */
  labels: Int32Array;
  stack: Int32Array;
  /** A cell is active from this many changed pixels on (an eighth of its area, at least 1). */
  activeFrom: number;
}

/** A blob of active cells: cell bounds (end exclusive), its changed pixels, and those changed since the last frame. */
export interface CellBlob {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
  pixels: number;
  recent: number;
}

export function createCellGrid(width: number, height: number, cellSize: number): CellGrid {
  const cols = Math.ceil(width / cellSize);
  const rows = Math.ceil(height / cellSize);
  return {
    width,
    height,
    cellSize,
    cols,
    rows,
    counts: new Int32Array(cols * rows),
    recent: new Int32Array(cols * rows),
    labels: new Int32Array(cols * rows),
    stack: new Int32Array(cols * rows),
    activeFrom: Math.max(1, Math.round((cellSize * cellSize) / 8)),
  };
}

/** Counts the change mask (width · height, bits from `changeMask`) into the grid's cells. */
export function countCells(mask: Uint8Array, grid: CellGrid): void {
  const { width, height, cellSize, cols, counts, recent } = grid;
  counts.fill(0);
  recent.fill(0);
  for (let y = 0; y < height; y++) {
    const rowCell = Math.floor(y / cellSize) * cols;
    const rowBase = y * width;
    for (let x = 0; x < width; x++) {
      const bits = mask[rowBase + x] ?? 0;
      if (bits === 0) continue;
      const cell = rowCell + Math.floor(x / cellSize);
      if (bits & CHANGED_FROM_BACKGROUND) counts[cell] = (counts[cell] ?? 0) + 1;
      if (bits & CHANGED_SINCE_PREVIOUS) recent[cell] = (recent[cell] ?? 0) + 1;
    }
  }
}

function isActive(grid: CellGrid, cell: number): boolean {
  return (grid.counts[cell] ?? 0) >= grid.activeFrom;
}

/** Flood-fills the blob that starts at `start`, labelling its cells; returns its bounds and pixels. */
function fillBlob(grid: CellGrid, start: number, label: number): CellBlob {
  const { cols, rows, labels, stack, counts, recent } = grid;
  const blob = { c1: cols, r1: rows, c2: 0, r2: 0, pixels: 0, recent: 0 };
  let top = 0;
  stack[top++] = start;
  labels[start] = label;
  while (top > 0) {
    const cell = stack[--top] ?? 0;
    const c = cell % cols;
    const r = (cell - c) / cols;
    blob.c1 = Math.min(blob.c1, c);
    blob.r1 = Math.min(blob.r1, r);
    blob.c2 = Math.max(blob.c2, c + 1);
    blob.r2 = Math.max(blob.r2, r + 1);
    blob.pixels += counts[cell] ?? 0;
    blob.recent += recent[cell] ?? 0;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const nc = c + dc;
        const nr = r + dr;
        if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
        const next = nr * cols + nc;
        if (labels[next] || !isActive(grid, next)) continue;
        labels[next] = label;
        stack[top++] = next;
      }
    }
  }
  return blob;
}

/** Blobs of 8-connected active cells with at least `minPixels` changed pixels and `minRecent` recent ones. */
export function findBlobs(grid: CellGrid, minPixels: number, minRecent = 0): CellBlob[] {
  grid.labels.fill(0);
  const blobs: CellBlob[] = [];
  let label = 0;
  for (let cell = 0; cell < grid.counts.length; cell++) {
    if (grid.labels[cell] || !isActive(grid, cell)) continue;
    const blob = fillBlob(grid, cell, ++label);
    if (blob.pixels >= minPixels && blob.recent >= minRecent) blobs.push(blob);
  }
  return blobs;
}

/** A blob's cells as a box in source pixels, grown by `padding` pixels and clipped to the frame. */
export function blobToBox(blob: CellBlob, grid: CellGrid, srcWidth: number, srcHeight: number, padding: number): Box {
  const sx = srcWidth / grid.width;
  const sy = srcHeight / grid.height;
  const cs = grid.cellSize;
  return {
    x1: Math.max(0, Math.floor(blob.c1 * cs * sx - padding)),
    y1: Math.max(0, Math.floor(blob.r1 * cs * sy - padding)),
    x2: Math.min(srcWidth, Math.ceil(Math.min(grid.width, blob.c2 * cs) * sx + padding)),
    y2: Math.min(srcHeight, Math.ceil(Math.min(grid.height, blob.r2 * cs) * sy + padding)),
  };
}

export function unionBox(a: Box, b: Box): Box {
  return { x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1), x2: Math.max(a.x2, b.x2), y2: Math.max(a.y2, b.y2) };
}

export function boxArea(b: Box): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

/** Whether the gap between two boxes is at most `gap` pixels along both axes (overlapping boxes: gap < 0). */
function isNear(a: Box, b: Box, gap: number): boolean {
  const dx = Math.max(a.x1, b.x1) - Math.min(a.x2, b.x2);
  const dy = Math.max(a.y1, b.y1) - Math.min(a.y2, b.y2);
  return dx <= gap && dy <= gap;
}

/** Merges the first pair of boxes that are within `gap` of each other; false when there is none. */
function mergeOneNearPair(boxes: Box[], gap: number): boolean {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b || !isNear(a, b, gap)) continue;
      boxes[i] = unionBox(a, b);
      boxes.splice(j, 1);
      return true;
    }
  }
  return false;
}

/** Merges the pair whose union adds the least area over the two boxes. */
function mergeCheapestPair(boxes: Box[]): void {
  let best = { i: 0, j: 1, cost: Infinity };
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b) continue;
      const cost = boxArea(unionBox(a, b)) - boxArea(a) - boxArea(b);
      if (cost < best.cost) best = { i, j, cost };
    }
  }
  const a = boxes[best.i];
  const b = boxes[best.j];
  if (!a || !b) return;
  boxes[best.i] = unionBox(a, b);
  boxes.splice(best.j, 1);
}

/**
 * Merges boxes that overlap or lie within `gap` pixels of each other, until none do, then the cheapest pairs
 * until at most `maxBoxes` remain. Returns a new array; the input is not changed.
 */
export function mergeBoxes(input: readonly Box[], gap: number, maxBoxes: number): Box[] {
  const boxes = input.map((b) => ({ ...b }));
  if (boxes.length > MAX_BLOBS) return [boxes.reduce(unionBox)];
  for (;;) {
    while (mergeOneNearPair(boxes, gap));
    if (boxes.length <= Math.max(1, maxBoxes)) return boxes;
    mergeCheapestPair(boxes);
  }
}
