import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { useFadeClock } from './use-fade-clock';
import { useWallFeed } from './use-wall-feed';
import { wallBadge } from './wall-badge';
import { lastArrival, overlayBoxes } from './wall-boxes';
import {
  columnsOf,
  isTileKey,
  movedTile,
  pageOf,
  parseWallView,
  WALL_LAYOUTS,
  wallViewParams,
  type WallView,
} from './wall-layout';
import { WallDialog } from './WallDialog';
import { WallTile, type TileProps } from './WallTile';
import './wall.css';

/**
 * 视频墙: the cameras' live pictures in a grid of 1, 4, 9 or 16 tiles (layout and page in the URL), each with its
 * latest boxes, name, grid cell, state and fps. Arrow keys move between tiles, Enter or a click opens one large,
 * Esc closes it.
 */
export function WallPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseWallView(params), [params]);
  const setView = (next: WallView): void => setParams(wallViewParams(next), { replace: true });
  const feed = useWallFeed();
  const now = useFadeClock(lastArrival(feed.detections.values()));
  /** The focused tile, for the layout and page it was chosen on (another page starts at its first tile). */
  const [cursor, setCursor] = useState({ view: '', index: 0 });
  const viewKey = `${view.layout}:${view.page}`;
  const [openId, setOpenId] = useState<string | null>(null);
  const tiles = useRef<(HTMLButtonElement | null)[]>([]);

  const all = feed.cameras.cameras ?? [];
  const shown = pageOf(all, view);
  const tileProps = (index: number): TileProps | null => {
    const camera = shown.items[index];
    if (!camera) return null;
    return {
      camera,
      cell: feed.cellName(camera.gridCell),
      badge: wallBadge(camera, feed.offline.has(camera.id)),
      boxes: overlayBoxes(feed.detections.get(camera.id), now),
    };
  };
  const count = shown.items.length;
  const columns = columnsOf(view.layout);
  const focusIndex = cursor.view === viewKey ? Math.min(cursor.index, Math.max(0, count - 1)) : 0;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!isTileKey(event.key)) return;
    event.preventDefault();
    const next = movedTile(focusIndex, event.key, columns, count);
    setCursor({ view: viewKey, index: next });
    tiles.current[next]?.focus();
  };

  const open = openId === null ? -1 : shown.items.findIndex((c) => c.id === openId);
  const openProps = open >= 0 ? tileProps(open) : null;

  return (
    <section className="page wall-page" aria-labelledby="wall-title">
      <header className="page__head">
        <h1 className="page__title" id="wall-title">
          {t('wall.title')}
        </h1>
        <p className="page__summary">{t('wall.summary')}</p>
      </header>
      <div className="wall-toolbar">
        <div className="wall-toolbar__group" role="group" aria-label={t('wall.layout')}>
          {WALL_LAYOUTS.map((layout) => (
            <button
              key={layout}
              type="button"
              className="button"
              aria-pressed={view.layout === layout}
              onClick={() => setView({ layout, page: 0 })}
              data-testid={`wall-layout-${layout}`}
            >
              {t('wall.layoutOption', { count: layout })}
            </button>
          ))}
        </div>
        {shown.pages > 1 && (
          <div className="wall-toolbar__group">
            <button
              type="button"
              className="button"
              disabled={shown.page === 0}
              onClick={() => setView({ ...view, page: shown.page - 1 })}
            >
              {t('wall.previous')}
            </button>
            <span data-testid="wall-page">{t('wall.page', { page: shown.page + 1, pages: shown.pages })}</span>
            <button
              type="button"
              className="button"
              disabled={shown.page >= shown.pages - 1}
              onClick={() => setView({ ...view, page: shown.page + 1 })}
            >
              {t('wall.next')}
            </button>
          </div>
        )}
      </div>
      {feed.cameras.error && (
        <ErrorNotice
          title={t('wall.loadFailed')}
          codeLabel={t('error.code')}
          code={feed.cameras.error.code}
          message={feed.cameras.error.message}
        />
      )}
      {feed.cameras.loading && <Notice>{t('wall.loading')}</Notice>}
      {feed.cameras.cameras?.length === 0 && <Notice testId="wall-empty">{t('wall.empty')}</Notice>}
      {count > 0 && (
        <div
          className="wall-grid"
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, ['--wall-columns' as string]: columns }}
          role="group"
          aria-label={t('wall.grid')}
          onKeyDown={onKeyDown}
          data-testid="wall-grid"
          data-layout={view.layout}
        >
          {shown.items.map((camera, index) => {
            const props = tileProps(index);
            return (
              props && (
                <WallTile
                  key={camera.id}
                  ref={(el) => {
                    tiles.current[index] = el;
                  }}
                  {...props}
                  focusable={index === focusIndex}
                  onFocus={() => setCursor({ view: viewKey, index })}
                  onOpen={() => setOpenId(camera.id)}
                />
              )
            );
          })}
        </div>
      )}
      {openProps && <WallDialog {...openProps} onClose={() => setOpenId(null)} />}
    </section>
  );
}
