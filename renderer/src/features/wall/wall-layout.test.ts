import { describe, expect, it } from 'vitest';
import { columnsOf, movedTile, pageOf, parseWallView, wallViewParams } from './wall-layout';

describe('parseWallView / wallViewParams', () => {
  it('reads the layout and the 1-based page from the URL', () => {
    expect(parseWallView(new URLSearchParams('layout=9&page=2'))).toEqual({ layout: 9, page: 1 });
  });

  it('falls back to 4 tiles on page 1 for anything else', () => {
    for (const query of ['', 'layout=5', 'layout=abc&page=0', 'page=-3', 'page=1.5'])
      expect(parseWallView(new URLSearchParams(query))).toEqual({ layout: 4, page: 0 });
  });

  it('writes what it reads, leaving out the first page', () => {
    expect(wallViewParams({ layout: 16, page: 0 }).toString()).toBe('layout=16');
    const view = { layout: 1, page: 3 } as const;
    expect(parseWallView(wallViewParams(view))).toEqual(view);
  });
});

describe('pageOf', () => {
  const cameras = ['a', 'b', 'c', 'd', 'e', 'f'];
  it('cuts the cameras into pages of the layout', () => {
    expect(pageOf(cameras, { layout: 4, page: 1 })).toEqual({ items: ['e', 'f'], page: 1, pages: 2 });
    expect(pageOf(cameras, { layout: 9, page: 0 }).items).toEqual(cameras);
  });

  it('clamps a page past the end, and has one page when there is no camera', () => {
    expect(pageOf(cameras, { layout: 4, page: 7 }).page).toBe(1);
    expect(pageOf([], { layout: 1, page: 2 })).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('movedTile', () => {
  it('moves in a 3×3 grid and stops at the edges', () => {
    expect(columnsOf(9)).toBe(3);
    expect(movedTile(4, 'ArrowLeft', 3, 9)).toBe(3);
    expect(movedTile(3, 'ArrowLeft', 3, 9)).toBe(3);
    expect(movedTile(4, 'ArrowRight', 3, 9)).toBe(5);
    expect(movedTile(5, 'ArrowRight', 3, 9)).toBe(5);
    expect(movedTile(4, 'ArrowUp', 3, 9)).toBe(1);
    expect(movedTile(1, 'ArrowUp', 3, 9)).toBe(1);
    expect(movedTile(4, 'ArrowDown', 3, 9)).toBe(7);
    expect(movedTile(7, 'ArrowDown', 3, 9)).toBe(7);
    expect(movedTile(4, 'Home', 3, 9)).toBe(0);
    expect(movedTile(4, 'End', 3, 9)).toBe(8);
  });

  it('does not move onto tiles that are not there in a partly filled grid', () => {
    expect(movedTile(3, 'ArrowRight', 2, 4)).toBe(3);
    expect(movedTile(2, 'ArrowRight', 2, 3)).toBe(2);
    expect(movedTile(1, 'ArrowDown', 2, 3)).toBe(1);
    expect(movedTile(0, 'ArrowDown', 2, 3)).toBe(2);
    expect(movedTile(0, 'ArrowDown', 2, 0)).toBe(0);
  });
});
