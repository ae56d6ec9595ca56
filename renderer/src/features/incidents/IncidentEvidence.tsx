import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '@contract/incidents-contract';
import { mediaUrl } from '../tasks/task-format';
import type { IncidentWords } from './use-incident-words';
import type { Places } from './use-places';

interface EvidenceProps {
  incident: IncidentView;
  places: Places;
  words: IncidentWords;
}

/** Each camera's clip in a seekable player (the engine serves byte ranges), then the snapshots with their boxes. */
export function IncidentEvidence({ incident, places, words }: EvidenceProps) {
  const { t } = useTranslation();
  const id = useId();
  const camera = (cameraId: string): string =>
    places.cameraName(cameraId) ?? t('incidents.unknownCamera', { id: cameraId });
  const clips = incident.evidence.filter((e) => e.kind === 'clip');
  const snapshots = incident.evidence.filter((e) => e.kind === 'snapshot');
  return (
    <>
      <section className="incidents-detail__section" aria-labelledby={`${id}-clips`}>
        <h2 className="incidents-detail__subtitle" id={`${id}-clips`}>
          {t('incidents.detail.clips')}
        </h2>
        {clips.length === 0 ? <p className="incidents-muted">{t('incidents.detail.noClips')}</p> : null}
        <div className="incidents-media">
          {clips.map((clip) => {
            const label = t('incidents.detail.clipLabel', { camera: camera(clip.cameraId), at: words.stamp(clip.at) });
            return (
              <figure key={clip.file} className="incidents-media__item">
                <video
                  className="incidents-media__video"
                  controls
                  preload="metadata"
                  src={mediaUrl(clip.file)}
                  aria-label={label}
                  data-testid="incident-clip"
                  data-camera-id={clip.cameraId}
                  data-duration-s={clip.durationS ?? undefined}
                >
                  <a href={mediaUrl(clip.file)}>{clip.file}</a>
                </video>
                <figcaption>
                  {label}
                  {clip.durationS !== null
                    ? ` · ${t('incidents.detail.clipDuration', { duration: words.duration(clip.durationS) })}`
                    : null}
                </figcaption>
              </figure>
            );
          })}
        </div>
      </section>
      <section className="incidents-detail__section" aria-labelledby={`${id}-snapshots`}>
        <h2 className="incidents-detail__subtitle" id={`${id}-snapshots`}>
          {t('incidents.detail.snapshots')}
        </h2>
        {snapshots.length === 0 ? <p className="incidents-muted">{t('incidents.detail.noSnapshots')}</p> : null}
        <div className="incidents-media">
          {snapshots.map((snapshot) => {
            const alt = t('incidents.detail.snapshotAlt', {
              camera: camera(snapshot.cameraId),
              at: words.stamp(snapshot.at),
            });
            return (
              <figure key={snapshot.file} className="incidents-media__item">
                <a href={mediaUrl(snapshot.file)} target="_blank" rel="noreferrer">
                  <img
                    className="incidents-media__image"
                    src={mediaUrl(snapshot.file)}
                    alt={alt}
                    data-testid="incident-snapshot"
                  />
                </a>
                <figcaption>{alt}</figcaption>
              </figure>
            );
          })}
        </div>
      </section>
    </>
  );
}

/** The incident's alerts, in the order they started: kind, camera, when, how strong. */
export function AlertTimeline({ incident, places, words }: EvidenceProps) {
  const { t } = useTranslation();
  const id = useId();
  const alerts = [...incident.alerts].sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen));
  return (
    <section className="incidents-detail__section" aria-labelledby={`${id}-timeline`}>
      <h2 className="incidents-detail__subtitle" id={`${id}-timeline`}>
        {t('incidents.detail.timeline')}
      </h2>
      <ol className="incidents-timeline" data-testid="incident-timeline">
        {alerts.map((alert) => (
          <li key={alert.alertId} className="incidents-timeline__entry" data-testid="incident-alert">
            <strong>
              {t('incidents.detail.alertEntry', {
                kind: words.kind(alert.kind),
                camera: places.cameraName(alert.cameraId) ?? t('incidents.unknownCamera', { id: alert.cameraId }),
              })}
            </strong>
            <div>
              <time dateTime={alert.firstSeen}>
                {alert.ended
                  ? t('incidents.detail.alertSpan', {
                      from: words.stamp(alert.firstSeen),
                      to: words.stamp(alert.lastSeen),
                    })
                  : t('incidents.detail.alertOngoing', { from: words.stamp(alert.firstSeen) })}
              </time>
            </div>
            <div className="incidents-muted">
              {t('incidents.detail.alertPeak', {
                score: words.score(alert.peak.score),
                at: words.stamp(alert.peak.at),
              })}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
