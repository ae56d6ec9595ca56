import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 220;

/** The proposed threshold as a vertical line over the plot area. */
function drawMarker(u: uPlot, value: number | null): void {
  if (value === null || !Number.isFinite(value)) return;
  const x = Math.round(u.valToPos(value, 'x', true));
  const { ctx, bbox } = u;
  ctx.save();
  ctx.strokeStyle = '#d9480f';
  ctx.lineWidth = 2 * uPlot.pxRatio;
  ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
  ctx.beginPath();
  ctx.moveTo(x, bbox.top);
  ctx.lineTo(x, bbox.top + bbox.height);
  ctx.stroke();
  ctx.restore();
}

interface UPlotChartProps {
  /** Everything but the size and the marker hook. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  /** Where to draw the proposed threshold (x value), or null. */
  marker: number | null;
  testId: string;
}

/**
 * One uPlot chart filling its box's width. The canvas is hidden from screen readers: the figure around it names
 * it and carries the same figures as a table. Rebuilt when options or data change; the marker only redraws.
 */
export function UPlotChart({ options, data, marker, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const markerValue = useRef(marker);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(240, Math.floor(el.clientWidth));
    const u = new uPlot(
      { ...options, width: width(), height: HEIGHT, hooks: { draw: [(p) => drawMarker(p, markerValue.current)] } },
      data,
      el,
    );
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: width(), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [options, data]);

  useEffect(() => {
    markerValue.current = marker;
    chart.current?.redraw(false, false);
  }, [marker]);

  return <div ref={box} className="tuning-chart__canvas" aria-hidden="true" data-testid={testId} />;
}
