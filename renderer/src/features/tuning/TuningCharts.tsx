import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { TuningView } from '@contract/tuning-contract';
import { UPlotChart } from './UPlotChart';

const PRECISION = '#1864ab';
const RECALL = '#2b8a3e';
const CONFIRMED = '#2b8a3e';
const DISMISSED = '#c92a2a';

interface TuningChartsProps {
  view: TuningView;
  /** The proposed threshold, drawn as a line on both charts. */
  threshold: number | null;
}

const percent = (v: number | null, locale: string) =>
  v === null ? '—' : v.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
const ratio = (v: number, locale: string) => v.toLocaleString(locale, { maximumFractionDigits: 2 });

/** Precision and recall against the threshold, and the score histograms of confirmed and dismissed alerts. */
export function TuningCharts({ view, threshold }: TuningChartsProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const curveId = useId();
  const histId = useId();

  const curveData = useMemo<uPlot.AlignedData>(
    () => [view.curve.map((p) => p.threshold), view.curve.map((p) => p.precision), view.curve.map((p) => p.recall)],
    [view.curve],
  );
  const curveOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      axes: [{ label: t('tuning.chart.threshold') }, { label: t('tuning.chart.share') }],
      series: [
        { label: t('tuning.chart.threshold') },
        { label: t('tuning.chart.precision'), stroke: PRECISION, width: 2, spanGaps: false },
        { label: t('tuning.chart.recall'), stroke: RECALL, width: 2, dash: [8, 4] },
      ],
      legend: { show: true, live: false },
      cursor: { show: false },
    }),
    [t],
  );
  const { histogram } = view;
  const histData = useMemo<uPlot.AlignedData>(() => {
    const step = (histogram.edges[1] ?? 1) - (histogram.edges[0] ?? 0);
    return [histogram.edges.slice(0, -1).map((e) => e + step / 2), histogram.confirmed, histogram.dismissed];
  }, [histogram]);
  const histOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const bars = (align: -1 | 1) => uPlot.paths.bars?.({ size: [0.45, Infinity], align });
    return {
      scales: { x: { time: false, range: [0, 1] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{ label: t('tuning.chart.statistic') }, { label: t('tuning.chart.alerts') }],
      series: [
        { label: t('tuning.chart.statistic') },
        {
          label: t('tuning.chart.confirmed'),
          stroke: CONFIRMED,
          fill: `${CONFIRMED}99`,
          paths: bars(-1),
          points: { show: false },
        },
        {
          label: t('tuning.chart.dismissed'),
          stroke: DISMISSED,
          fill: `${DISMISSED}99`,
          paths: bars(1),
          points: { show: false },
        },
      ],
      legend: { show: true, live: false },
      cursor: { show: false },
    };
  }, [t]);

  const rows = view.curve.filter((p) => Math.round(p.threshold * 100) % 10 === 0);
  const bins = histogram.confirmed
    .map((c, i) => ({
      from: histogram.edges[i] ?? 0,
      to: histogram.edges[i + 1] ?? 1,
      c,
      d: histogram.dismissed[i] ?? 0,
    }))
    .filter((b) => b.c + b.d > 0);

  return (
    <div className="tuning-charts">
      <figure className="tuning-chart" aria-labelledby={curveId} data-testid="tuning-curve">
        <figcaption id={curveId}>{t('tuning.chart.curveTitle')}</figcaption>
        <UPlotChart options={curveOptions} data={curveData} marker={threshold} testId="tuning-curve-canvas" />
        <table className="sr-only">
          <caption>{t('tuning.chart.curveTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tuning.chart.threshold')}</th>
              <th scope="col">{t('tuning.chart.precision')}</th>
              <th scope="col">{t('tuning.chart.recall')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.threshold}>
                <th scope="row">{ratio(p.threshold, locale)}</th>
                <td>{percent(p.precision, locale)}</td>
                <td>{percent(p.recall, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
      <figure className="tuning-chart" aria-labelledby={histId} data-testid="tuning-histogram">
        <figcaption id={histId}>{t('tuning.chart.histTitle')}</figcaption>
        <UPlotChart options={histOptions} data={histData} marker={threshold} testId="tuning-histogram-canvas" />
        <table className="sr-only">
          <caption>{t('tuning.chart.histTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tuning.chart.statistic')}</th>
              <th scope="col">{t('tuning.chart.confirmed')}</th>
              <th scope="col">{t('tuning.chart.dismissed')}</th>
            </tr>
          </thead>
          <tbody>
            {bins.length === 0 ? (
              <tr>
                <td colSpan={3}>{t('tuning.chart.noReviews')}</td>
              </tr>
            ) : (
              bins.map((b) => (
                <tr key={b.from}>
                  <th scope="row">
                    {ratio(b.from, locale)}–{ratio(b.to, locale)}
                  </th>
                  <td>{b.c}</td>
                  <td>{b.d}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </figure>
    </div>
  );
}
