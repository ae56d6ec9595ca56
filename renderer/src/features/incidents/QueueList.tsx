import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentReviewView, IncidentView } from '@contract/incidents-contract';
import { mediaUrl } from '../tasks/task-format';
import { camerasOf, peakSnapshot, severityOf } from './queue-order';
import type { IncidentWords } from './use-incident-words';
import type { Places } from './use-places';

/** Fixed height (px) of a row; the stylesheet sets the same. */
export const QUEUE_ROW_HEIGHT = 84;

interface QueueListProps {
  incidents: readonly IncidentView[];
  mine: ReadonlyMap<string, IncidentReviewView>;
  activeIndex: number;
  places: Places;
  words: IncidentWords;
  now: number;
  label: string;
  onActive: (index: number) => void;
  onOpen: (id: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * The queue as a listbox: only the rows in view are in the page, so thousands stay smooth. The list itself holds
 * the focus and names the active row (aria-activedescendant); the page handles the keys.
 */
export function QueueList(props: QueueListProps) {
  const { incidents, activeIndex, label, onKeyDown } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // The app is not built with the React Compiler, so nothing memoises the virtualiser's functions behind its back.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: incidents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => incidents[index]?.id ?? index,
  });
  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < incidents.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, incidents.length, virtualizer]);
  const active = incidents[activeIndex];
  return (
    <div
      ref={scroller}
      className="incidents-list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active ? rowId(active.id) : undefined}
      onKeyDown={onKeyDown}
      data-testid="incident-queue"
    >
      <div className="incidents-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const incident = incidents[item.index];
          if (!incident) return null;
          return (
            <QueueRow
              key={incident.id}
              incident={incident}
              review={props.mine.get(incident.id) ?? null}
              active={item.index === activeIndex}
              top={item.start}
              places={props.places}
              words={props.words}
              now={props.now}
              onClick={() => props.onActive(item.index)}
              onOpen={() => props.onOpen(incident.id)}
            />
          );
        })}
      </div>
    </div>
  );
}

export const rowId = (id: string): string => `incident-row-${id}`;

interface QueueRowProps {
  incident: IncidentView;
  review: IncidentReviewView | null;
  active: boolean;
  top: number;
  places: Places;
  words: IncidentWords;
  now: number;
  onClick: () => void;
  onOpen: () => void;
}

const QueueRow = memo(function QueueRow({
  incident,
  review,
  active,
  top,
  places,
  words,
  now,
  onClick,
  onOpen,
}: QueueRowProps) {
  const { t } = useTranslation();
  const severity = severityOf(incident.kind);
  const snapshot = peakSnapshot(incident);
  const cameras = camerasOf(incident);
  const cameraNames = cameras.map((id) => places.cameraName(id) ?? t('incidents.unknownCamera', { id }));
  const cells = [...new Set(cameras.flatMap((id) => places.cellOf(id) ?? []))];
  const kind = words.kind(incident.kind);
  const mine =
    review === null
      ? null
      : review.verdict === 'dismissed' && review.reason
        ? t('incidents.list.mineDismissed', { reason: words.reason(review.reason) })
        : t('incidents.list.mine', { verdict: words.verdict(review.verdict) });
  return (
    <div
      id={rowId(incident.id)}
      role="option"
      aria-selected={active}
      className={`incidents-row incidents-row--${severity}${active ? ' incidents-row--active' : ''}${review ? ' incidents-row--reviewed' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onClick}
      onDoubleClick={onOpen}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-severity={severity}
      data-reviewed={review ? review.verdict : 'none'}
    >
      <div className="incidents-row__thumb">
        {snapshot ? (
          <img
            src={mediaUrl(snapshot.file)}
            alt={t('incidents.list.snapshotAlt', { kind, camera: cameraNames[0] ?? '' })}
            loading="lazy"
            data-testid="incident-thumb"
          />
        ) : (
          <span className="incidents-row__nothumb">{t('incidents.list.noSnapshot')}</span>
        )}
      </div>
      <div className="incidents-row__main">
        <div className="incidents-row__line">
          <span className={`incidents-badge incidents-badge--${severity}`}>{words.severity(severity)}</span>
          <strong className="incidents-row__kind">{kind}</strong>
          <span className="incidents-row__id">{incident.id}</span>
          <span className={`incidents-state incidents-state--${incident.state}`}>{words.state(incident.state)}</span>
          {incident.reopened > 0 ? (
            <span className="incidents-row__muted">{t('incidents.list.reopened', { count: incident.reopened })}</span>
          ) : null}
        </div>
        <div className="incidents-row__line" data-testid="incident-place">
          {cameraNames.join(t('tasks.listSeparator'))}
          {cells.length > 0 ? (
            <span className="incidents-row__muted"> · {cells.join(t('tasks.listSeparator'))}</span>
          ) : null}
        </div>
        <div className="incidents-row__line incidents-row__muted">
          <time dateTime={incident.firstSeen} title={words.stamp(incident.firstSeen)} data-testid="incident-since">
            {words.since(incident.firstSeen, now)}
          </time>
          <span> · {t('incidents.list.peak', { score: words.score(incident.peak.score) })}</span>
        </div>
      </div>
      <div className="incidents-row__review" data-testid="incident-mine">
        {mine}
      </div>
    </div>
  );
});
