import type { TaskDetail } from './use-task';
import { usePhone } from '../app/phone-context';
import { fill, reasonText, useWords } from '../i18n/words';
import { localTime } from './phone-format';
import { useMediaUrl } from './use-media-url';

type EvidenceItem = TaskDetail['evidence'][number];

/** The alert's snapshot and clip, and earlier site photos, fetched with the device token. */
export function Evidence({ items }: { items: EvidenceItem[] }) {
  const { m } = useWords();
  const files = items.filter((item) => item.url !== null && item.kind !== 'incident');
  return (
    <section aria-labelledby="evidence-title" className="phone-card">
      <h3 id="evidence-title">{m.task.evidence}</h3>
      {files.length === 0 ? (
        <p>{m.task.noEvidence}</p>
      ) : (
        files.map((item, index) => <EvidenceFile key={`${item.url ?? ''}-${index}`} item={item} />)
      )}
    </section>
  );
}

function EvidenceFile({ item }: { item: EvidenceItem }) {
  const { m, language } = useWords();
  const { client } = usePhone();
  const { src, error } = useMediaUrl(client, item.url);
  const at = localTime(item.at, language);
  const label = item.kind === 'clip' ? m.task.clip : item.kind === 'photo' ? m.task.photo : m.task.snapshot;
  const text = fill(label, { at });
  return (
    <figure className="phone-evidence" data-testid={`evidence-${item.kind}`}>
      {src === null ? (
        <div className="phone-evidence-wait" role="img" aria-label={text}>
          {error === null ? '…' : reasonText(error, m)}
        </div>
      ) : item.mediaType === 'video/mp4' ? (
        <video src={src} controls playsInline preload="metadata" aria-label={text} />
      ) : (
        <img src={src} alt={text} />
      )}
      <figcaption>{text}</figcaption>
    </figure>
  );
}
