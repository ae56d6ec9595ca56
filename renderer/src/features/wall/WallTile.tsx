import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '@contract/contract';
import type { OverlayBox } from './wall-boxes';
import type { WallBadge } from './wall-badge';
import { LivePicture } from './LivePicture';

export interface TileProps {
  camera: CameraView;
  cell: string;
  badge: WallBadge;
  boxes: readonly OverlayBox[];
}

export function StateBadge({ badge }: { badge: WallBadge }) {
  const { t } = useTranslation();
  return (
    <span className="wall-tile__badges">
      <span className={`badge badge--${badge.tone}`} data-testid="wall-badge" data-state={badge.state}>
        {t(`wall.states.${badge.state}`)}
      </span>
      {badge.fps !== null && (
        <span className="badge badge--muted" data-testid="wall-fps">
          {t('wall.fps', { fps: badge.fps })}
        </span>
      )}
    </span>
  );
}

export function TilePicture({ camera, badge, boxes }: Omit<TileProps, 'cell'>) {
  const { t } = useTranslation();
  if (!camera.enabled || badge.state === 'disabled')
    return <p className="wall-picture wall-picture__note">{t('wall.disabledPicture')}</p>;
  return <LivePicture cameraId={camera.id} fallbackSize={camera.detect} boxes={boxes} alt={camera.name} />;
}

interface WallTileProps extends TileProps {
  focusable: boolean;
  onOpen: () => void;
  onFocus: () => void;
}

/** One camera: its picture with boxes, its name and grid cell, its state and fps. A button: Enter opens it large. */
export const WallTile = forwardRef<HTMLButtonElement, WallTileProps>(function WallTile(
  { camera, cell, badge, boxes, focusable, onOpen, onFocus },
  ref,
) {
  const { t } = useTranslation();
  const label = t('wall.tileLabel', { name: camera.name, cell, state: t(`wall.states.${badge.state}`) });
  return (
    <button
      ref={ref}
      type="button"
      className="wall-tile"
      tabIndex={focusable ? 0 : -1}
      aria-label={label}
      onClick={onOpen}
      onFocus={onFocus}
      data-testid="wall-tile"
      data-camera={camera.id}
    >
      <TilePicture camera={camera} badge={badge} boxes={boxes} />
      <span className="wall-tile__caption">
        <span className="wall-tile__name">{camera.name}</span>
        <span className="wall-tile__cell">{t('wall.cell', { cell })}</span>
        <StateBadge badge={badge} />
      </span>
    </button>
  );
});
