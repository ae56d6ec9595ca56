import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZoneDraft } from './zone-drafts';
import { addPoint, hitPoint, hitPolygon, movePoint, movePolygon, type RelPoint } from './zone-edit';

export interface ReadOnlyShape {
  id: string;
  kind: string;
  polygon: readonly RelPoint[];
}

interface ZoneCanvasProps {
  frame: { width: number; height: number };
  background: string | null;
  drafts: readonly ZoneDraft[];
  readOnly: readonly ReadOnlyShape[];
  selected: number | null;
  selectedPoint: number | null;
  drawing: RelPoint[] | null;
  onSelect: (index: number | null, point: number | null) => void;
  onChange: (index: number, polygon: RelPoint[]) => void;
  onDraw: (points: RelPoint[]) => void;
  onFinish: () => void;
  onCancel: () => void;
  onDelete: () => void;
}

type Drag =
  { kind: 'point'; index: number; point: number } | { kind: 'shape'; index: number; from: RelPoint; start: RelPoint[] };

/** Pointer tolerance to grab a point, in shares of the picture's width. */
const GRAB = 0.02;

/**
 * The drawing surface: the snapshot with the zones over it. Click to add points while drawing (click the first
 * point or press Enter to close the outline, Esc to cancel); otherwise drag a point or a whole polygon, and
 * Delete / Backspace removes the selected point or polygon.
 */
export function ZoneCanvas(props: ZoneCanvasProps) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const { width, height } = props.frame;

  const at = (event: PointerEvent<SVGSVGElement>): RelPoint => {
    const rect = svg.current?.getBoundingClientRect();
    if (!rect || rect.width <= 0 || rect.height <= 0) return { x: 0, y: 0 };
    const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) };
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const p = at(event);
    svg.current?.focus();
    if (props.drawing) {
      const first = props.drawing[0];
      if (props.drawing.length >= 3 && first && hitPoint([first], p, GRAB) === 0) props.onFinish();
      else props.onDraw(addPoint(props.drawing, p));
      return;
    }
    const current = props.selected === null ? undefined : props.drafts[props.selected];
    const point = current ? hitPoint(current.polygon, p, GRAB) : null;
    if (props.selected !== null && point !== null) {
      props.onSelect(props.selected, point);
      setDrag({ kind: 'point', index: props.selected, point });
      svg.current?.setPointerCapture(event.pointerId);
      return;
    }
    const hit = hitPolygon(
      props.drafts.map((d) => d.polygon),
      p,
    );
    props.onSelect(hit, null);
    if (hit !== null) {
      setDrag({ kind: 'shape', index: hit, from: p, start: props.drafts[hit]?.polygon ?? [] });
      svg.current?.setPointerCapture(event.pointerId);
    }
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = at(event);
    const draft = props.drafts[drag.index];
    if (!draft) return;
    if (drag.kind === 'point') props.onChange(drag.index, movePoint(draft.polygon, drag.point, p));
    else props.onChange(drag.index, movePolygon(drag.start, p.x - drag.from.x, p.y - drag.from.y));
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.key === 'Escape' && props.drawing) {
      event.preventDefault();
      props.onCancel();
    } else if (event.key === 'Enter' && props.drawing) {
      event.preventDefault();
      props.onFinish();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && props.selected !== null) {
      event.preventDefault();
      props.onDelete();
    }
  };

  const pts = (polygon: readonly RelPoint[]) => polygon.map((p) => `${p.x * width},${p.y * height}`).join(' ');
  const r = Math.max(4, width / 120);

  return (
    <div className="zones-canvas" style={{ aspectRatio: `${width} / ${height}` }}>
      {props.background ? (
        <img className="zones-canvas__image" src={props.background} alt={t('zones.snapshotAlt')} />
      ) : (
        <p className="zones-canvas__note">{t('zones.noSnapshot')}</p>
      )}
      <svg
        ref={svg}
        className={`zones-canvas__svg${props.drawing ? ' zones-canvas__svg--drawing' : ''}`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        tabIndex={0}
        role="application"
        aria-label={t('zones.canvasLabel')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => setDrag(null)}
        onPointerCancel={() => setDrag(null)}
        onKeyDown={onKeyDown}
        data-testid="zones-canvas"
      >
        {props.readOnly.map((shape) => (
          <polygon
            key={`config-${shape.id}`}
            points={pts(shape.polygon)}
            className={`zone-shape zone-shape--${shape.kind} zone-shape--config`}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {props.drafts.map((draft, i) => (
          <polygon
            key={`draft-${i}`}
            points={pts(draft.polygon)}
            className={`zone-shape zone-shape--${draft.kind}${i === props.selected ? ' zone-shape--selected' : ''}`}
            vectorEffect="non-scaling-stroke"
            data-testid="zone-shape"
            data-zone-id={draft.id}
          />
        ))}
        {props.selected !== null
          ? props.drafts[props.selected]?.polygon.map((p, i) => (
              <circle
                key={i}
                cx={p.x * width}
                cy={p.y * height}
                r={r}
                className={`zone-point${i === props.selectedPoint ? ' zone-point--selected' : ''}`}
              />
            ))
          : null}
        {props.drawing ? (
          <g data-testid="zone-drawing">
            <polyline points={pts(props.drawing)} className="zone-drawing" vectorEffect="non-scaling-stroke" />
            {props.drawing.map((p, i) => (
              <circle key={i} cx={p.x * width} cy={p.y * height} r={r} className="zone-point" />
            ))}
          </g>
        ) : null}
      </svg>
    </div>
  );
}
