/**
 * The wall's layout: 1, 4, 9 or 16 tiles in a square grid, which page of the cameras it shows (both kept in the
 * URL), and where the arrow keys move between tiles. Pure: no DOM, no React.
 */

export const WALL_LAYOUTS = [1, 4, 9, 16] as const;
export type WallLayout = (typeof WALL_LAYOUTS)[number];
export const DEFAULT_LAYOUT: WallLayout = 4;

export interface WallView {
  layout: WallLayout;
  /** 0-based page of cameras. */
  page: number;
}

function isLayout(value: number): value is WallLayout {
  return (WALL_LAYOUTS as readonly number[]).includes(value);
}

/** Reads `?layout=9&page=2` (pages count from 1 in the URL); anything else falls back to 4 tiles, page 1. */
export function parseWallView(params: URLSearchParams): WallView {
  const layout = Number(params.get('layout'));
  const page = Number(params.get('page'));
  return {
    layout: isLayout(layout) ? layout : DEFAULT_LAYOUT,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page - 1 : 0,
  };
}

export function wallViewParams(view: WallView): URLSearchParams {
  const params = new URLSearchParams({ layout: String(view.layout) });
  if (view.page > 0) params.set('page', String(view.page + 1));
  return params;
}

export function columnsOf(layout: WallLayout): number {
  return Math.round(Math.sqrt(layout));
}

export function pageCount(cameras: number, layout: WallLayout): number {
  return Math.max(1, Math.ceil(cameras / layout));
}

/** The cameras on one page, the page clamped to the pages there are. */
export function pageOf<T>(items: readonly T[], view: WallView): { items: T[]; page: number; pages: number } {
  const pages = pageCount(items.length, view.layout);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  return { items: items.slice(page * view.layout, (page + 1) * view.layout), page, pages };
}

export type TileKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export function isTileKey(key: string): key is TileKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);
}

/** The tile the key moves to in a grid of `columns` holding `count` tiles; it stays put at an edge. */
export function movedTile(index: number, key: TileKey, columns: number, count: number): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const at = Math.min(Math.max(0, index), last);
  switch (key) {
    case 'ArrowLeft':
      return at % columns === 0 ? at : at - 1;
    case 'ArrowRight':
      return at % columns === columns - 1 || at === last ? at : at + 1;
    case 'ArrowUp':
      return at - columns >= 0 ? at - columns : at;
    case 'ArrowDown':
      return at + columns <= last ? at + columns : at;
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}
