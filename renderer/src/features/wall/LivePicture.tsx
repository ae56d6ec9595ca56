import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { liveUrl as cameraLiveUrl } from '../../api/asset-url';
import type { OverlayBox } from './wall-boxes';
import './live-picture.css';

/** After a refused or broken stream (over the cap, camera gone), the picture is asked for again this much later. */
const RETRY_MS = 5000;

/** A camera's live picture (multipart JPEG): `/live/<id>.mjpg` over HTTP, `anxun://live/<id>.mjpg` on the desktop. */
export function liveUrl(cameraId: string, attempt: number): string {
  const path = cameraLiveUrl(cameraId);
  return attempt === 0 ? path : `${path}?attempt=${attempt}`;
}

/** A box's label sits above it, or inside its top edge when there is no room above. */
function labelY(top: number, fontSize: number): number {
  return top >= fontSize + 2 ? top - 3 : top + fontSize;
}

interface LivePictureProps {
  cameraId: string;
  /** The detect frame's size: the picture's aspect until the first image arrived. */
  fallbackSize: { width: number; height: number };
  boxes: readonly OverlayBox[];
  alt: string;
}

/**
 * The live picture with its boxes. The SVG has the picture's own size as viewBox and letterboxes ("meet") the
 * same way as the image (object-fit: contain), so the boxes sit on the picture at any tile size.
 */
export function LivePicture({ cameraId, fallbackSize, boxes, alt }: LivePictureProps) {
  const { t } = useTranslation();
  const image = useRef<HTMLImageElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const [size, setSize] = useState(fallbackSize);

  useEffect(() => {
    if (!failed) return;
    const timer = setTimeout(() => {
      setFailed(false);
      setAttempt((n) => n + 1);
    }, RETRY_MS);
    return () => clearTimeout(timer);
  }, [failed]);

  // a multipart image may not fire `load` for each part: read its size now and then
  useEffect(() => {
    const read = (): void => {
      const img = image.current;
      if (!img || img.naturalWidth === 0) return;
      setSize((old) =>
        old.width === img.naturalWidth && old.height === img.naturalHeight
          ? old
          : { width: img.naturalWidth, height: img.naturalHeight },
      );
    };
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, []);

  const { width, height } = size;
  const fontSize = Math.max(10, height / 24);
  return (
    <div className="wall-picture">
      {failed ? (
        <p className="wall-picture__note">{t('wall.noPicture')}</p>
      ) : (
        <img
          ref={image}
          className="wall-picture__image"
          src={liveUrl(cameraId, attempt)}
          alt={alt}
          onError={() => setFailed(true)}
          data-testid="wall-image"
        />
      )}
      <svg
        className="wall-picture__overlay"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMidYMid meet"
        aria-hidden="true"
      >
        {boxes.map((box, i) => (
          <g key={i} opacity={box.opacity} className="wall-box">
            <rect
              x={box.x * width}
              y={box.y * height}
              width={box.w * width}
              height={box.h * height}
              vectorEffect="non-scaling-stroke"
            />
            <text x={box.x * width + 2} y={labelY(box.y * height, fontSize)} fontSize={fontSize}>
              {t('wall.detection', { label: box.label, score: Math.round(box.score * 100) })}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
