import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CameraZonesView } from '@contract/zones-contract';
import { ApiRequestError } from '../../api/client';
import { mediaUrl } from '../../api/asset-url';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';
import { LivePicture } from '../wall/LivePicture';
import { overlayBoxes, type LatestDetections } from '../wall/wall-boxes';
import { ZoneCanvas } from './ZoneCanvas';
import { ZoneForm } from './ZoneForm';
import { draftOf, issueTarget, newDraft, saveRequest, withKind, type DraftKind, type ZoneDraft } from './zone-drafts';
import { freshId, removePoint, type RelPoint } from './zone-edit';
import { formatSchedule } from './zone-fields';
import '../wall/wall.css';
import './zones.css';

type Errors = Record<number, Record<string, string>>;

/** A camera's zones and masks: drawn on a fresh snapshot, set in the side form, saved, seen on the live picture. */
export function ZonesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const cameraId = useParams().id ?? '';
  const cameras = useRequest('cameras:list', {});
  const loaded = useRequest('zones:get', { cameraId });
  const camera = cameras.data?.cameras.find((c) => c.id === cameraId) ?? null;
  const frame = camera ? { width: camera.detect.width, height: camera.detect.height } : { width: 640, height: 360 };

  const [drafts, setDrafts] = useState<ZoneDraft[]>([]);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [selectedPoint, setSelectedPoint] = useState<number | null>(null);
  const [drawing, setDrawing] = useState<{ kind: DraftKind; points: RelPoint[] } | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const [latest, setLatest] = useState<LatestDetections | undefined>(undefined);
  const [clock, setClock] = useState(() => Date.now());

  // a fresh answer of zones:get replaces the working copy (set while rendering, not in an effect)
  const [shown, setShown] = useState<CameraZonesView | null>(null);
  if (loaded.data && loaded.data !== shown) {
    setShown(loaded.data);
    setDrafts([...loaded.data.masks, ...loaded.data.zones].filter((z) => z.origin === 'interface').map(draftOf));
    setVersion(loaded.data.version);
  }

  const takeSnapshot = useCallback(() => {
    api
      .request('recordings:snapshot', { cameraId, at: new Date().toISOString() })
      .then((r) => setSnapshot(`${mediaUrl(r.file)}?at=${encodeURIComponent(r.frameAt)}`))
      .catch(() => setSnapshot(null));
  }, [api, cameraId]);
  useEffect(takeSnapshot, [takeSnapshot]);

  useEffect(
    () =>
      api.subscribe('detections:made', (p) => {
        if (p.cameraId !== cameraId) return;
        setLatest({ receivedAt: Date.now(), frame: p.frame, detections: p.detections });
      }),
    [api, cameraId],
  );
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  const readOnly = useMemo(
    () => (loaded.data ? [...loaded.data.masks, ...loaded.data.zones].filter((z) => z.origin === 'config') : []),
    [loaded.data],
  );
  const taken = useMemo(() => [...readOnly.map((z) => z.id), ...drafts.map((d) => d.id)], [readOnly, drafts]);

  const select = (index: number | null, point: number | null) => {
    setSelected(index);
    setSelectedPoint(point);
  };
  const update = (index: number, change: (d: ZoneDraft) => ZoneDraft) =>
    setDrafts((list) => list.map((d, i) => (i === index ? change(d) : d)));
  const finish = () => {
    if (!drawing || drawing.points.length < 3) return;
    const prefix = drawing.kind === 'mask' ? 'mask' : 'zone';
    const id = freshId(prefix, taken);
    const draft = newDraft(
      id,
      `${t(`zones.kinds.${drawing.kind}`)} ${id.split('-').pop() ?? ''}`,
      drawing.kind,
      drawing.points,
    );
    setDrafts((list) => [...list, draft]);
    select(drafts.length, null);
    setDrawing(null);
  };
  const remove = () => {
    if (selected === null) return;
    const draft = drafts[selected];
    if (draft && selectedPoint !== null && draft.polygon.length > 3) {
      update(selected, (d) => ({ ...d, polygon: removePoint(d.polygon, selectedPoint) }));
      setSelectedPoint(null);
      return;
    }
    setDrafts((list) => list.filter((_, i) => i !== selected));
    select(null, null);
  };

  const save = async () => {
    const { request, problems, order } = saveRequest(cameraId, drafts, version);
    const found: Errors = {};
    const put = (index: number, field: string, text: string) => {
      found[index] = { ...found[index], [field]: found[index]?.[field] ? `${found[index][field]}; ${text}` : text };
    };
    for (const p of problems) put(p.index, p.field, t(`zones.problems.${p.key}`, { line: p.line ?? 0 }));
    if (problems.length > 0) {
      setErrors(found);
      setMessage({ tone: 'error', text: t('zones.saveInvalid') });
      return;
    }
    setSaving(true);
    try {
      const saved = await api.request('zones:save', request);
      setVersion(saved.version);
      setErrors({});
      setMessage({ tone: 'ok', text: t('zones.saved', { version: saved.version }) });
      loaded.reload();
    } catch (error) {
      if (error instanceof ApiRequestError) {
        for (const issue of error.issues) {
          const target = issueTarget(issue.path, request.masks.length, order);
          if (target) put(target.index, target.field, issue.message);
        }
        setErrors(found);
        const text =
          error.reason === 'STALE'
            ? t('zones.stale')
            : error.reason === 'CONFIG_ZONE'
              ? t('zones.configId')
              : error.issues.length > 0
                ? t('zones.saveInvalid')
                : error.message;
        setMessage({ tone: 'error', text });
      } else setMessage({ tone: 'error', text: String(error) });
    } finally {
      setSaving(false);
    }
  };

  const allShapes = [
    ...readOnly.map((z) => ({ id: z.id, kind: z.kind, polygon: z.polygon })),
    ...drafts.map((d) => ({ id: d.id, kind: d.kind, polygon: d.polygon })),
  ];
  const current = selected === null ? null : (drafts[selected] ?? null);

  return (
    <section className="zones-page" aria-labelledby="zones-title">
      <header className="zones-page__header">
        <a href="#/cameras" className="button button--small">
          {t('zones.back')}
        </a>
        <h1 id="zones-title">{t('zones.title', { name: camera?.name ?? cameraId })}</h1>
      </header>
      {loaded.error ? (
        <p role="alert" className="zones-page__message zones-page__message--error">
          {t('zones.loadFailed')}: {loaded.error.message}
        </p>
      ) : null}
      <div className="zones-page__toolbar" role="toolbar" aria-label={t('zones.toolbar')}>
        <button
          type="button"
          className="button"
          onClick={() => setDrawing({ kind: 'restricted', points: [] })}
          disabled={drawing !== null}
          data-testid="zones-new-zone"
        >
          {t('zones.newZone')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setDrawing({ kind: 'mask', points: [] })}
          disabled={drawing !== null}
          data-testid="zones-new-mask"
        >
          {t('zones.newMask')}
        </button>
        {drawing ? (
          <>
            <button
              type="button"
              className="button"
              onClick={finish}
              disabled={drawing.points.length < 3}
              data-testid="zones-finish"
            >
              {t('zones.finish')}
            </button>
            <button type="button" className="button" onClick={() => setDrawing(null)}>
              {t('zones.cancel')}
            </button>
          </>
        ) : null}
        <button type="button" className="button" onClick={takeSnapshot}>
          {t('zones.refreshSnapshot')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save()}
          disabled={saving || drawing !== null}
          data-testid="zones-save"
        >
          {saving ? t('zones.saving') : t('zones.save')}
        </button>
      </div>
      <p className="zones-page__hint">{drawing ? t('zones.drawHint') : t('zones.editHint')}</p>
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={`zones-page__message zones-page__message--${message.tone}`}
          data-testid="zones-message"
        >
          {message.text}
        </p>
      ) : null}
      <div className="zones-page__body">
        <div className="zones-page__picture">
          <ZoneCanvas
            frame={frame}
            background={snapshot}
            drafts={drafts}
            readOnly={readOnly}
            selected={selected}
            selectedPoint={selectedPoint}
            drawing={drawing?.points ?? null}
            onSelect={select}
            onChange={(i, polygon) => update(i, (d) => ({ ...d, polygon }))}
            onDraw={(points) => setDrawing((d) => (d ? { ...d, points } : d))}
            onFinish={finish}
            onCancel={() => setDrawing(null)}
            onDelete={remove}
          />
        </div>
        <aside className="zones-page__side">
          <h2>{t('zones.listTitle')}</h2>
          <ul className="zones-list" data-testid="zones-list">
            {readOnly.map((z) => (
              <li
                key={`c-${z.id}`}
                className="zones-list__item zones-list__item--config"
                data-testid="zones-config-item"
              >
                <span>
                  {z.name} <code>{z.id}</code> · {t(`zones.kinds.${z.kind}`)}
                  {z.kind !== 'mask' && z.schedule ? ` · ${formatSchedule(z.schedule).replace(/\n/g, '; ')}` : ''}
                </span>
                <span className="zones-list__badge">{t('zones.fromConfig')}</span>
              </li>
            ))}
            {drafts.map((d, i) => (
              <li key={`d-${i}`} className="zones-list__item">
                <button
                  type="button"
                  className={`zones-list__select${i === selected ? ' zones-list__select--selected' : ''}`}
                  aria-pressed={i === selected}
                  onClick={() => select(i, null)}
                  data-testid="zones-item"
                >
                  {d.name} <code>{d.id}</code> · {t(`zones.kinds.${d.kind}`)}
                  {errors[i] ? ` ⚠` : ''}
                </button>
              </li>
            ))}
          </ul>
          {drafts.length === 0 && readOnly.length === 0 ? <p>{t('zones.empty')}</p> : null}
          {current && selected !== null ? (
            <ZoneForm
              draft={current}
              errors={errors[selected] ?? {}}
              onChange={(d) => update(selected, () => d)}
              onKind={(k) => update(selected, (d) => withKind(d, k))}
              onDelete={remove}
            />
          ) : null}
        </aside>
      </div>
      <section className="zones-page__live" aria-labelledby="zones-live-title">
        <h2 id="zones-live-title">{t('zones.liveTitle')}</h2>
        <p className="zones-page__hint">{t('zones.liveHint')}</p>
        <div className="zones-live" style={{ aspectRatio: `${frame.width} / ${frame.height}` }}>
          <LivePicture
            cameraId={cameraId}
            fallbackSize={frame}
            boxes={overlayBoxes(latest, clock)}
            alt={t('zones.liveAlt', { name: camera?.name ?? cameraId })}
          />
          <svg
            className="zones-live__overlay"
            viewBox={`0 0 ${frame.width} ${frame.height}`}
            preserveAspectRatio="xMidYMid meet"
            aria-hidden="true"
          >
            {allShapes.map((s, i) => (
              <polygon
                key={i}
                points={s.polygon.map((p) => `${p.x * frame.width},${p.y * frame.height}`).join(' ')}
                className={`zone-shape zone-shape--${s.kind}`}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </svg>
        </div>
      </section>
    </section>
  );
}
