import { useEffect, useId, useRef } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { usedBytes, type CeilingCheck } from '../domain/tile-area';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import type { Walk } from '../domain/walks/types';
import { useApp, type Lang } from '../state/store';
import {
  OFFLINE_MARGIN_M, cancelSave, continueSave, dismissPlan, loadOfflineAreas, planWalkArea, removeArea, savedAreaOf, startSave,
  useOfflineAreas, walkAreaFallback, walkOutsideSaved, walkPoints, type OfflineMessage, type OfflinePlan,
} from '../state/offline-areas';
import type { SavedArea } from '../storage/tile-cache';
import { useT } from './use-t';
import './offline-area.css';

type T = ReturnType<typeof useT>;

/** A size in bytes as people read it: "840 kB", "3,2 MB" (binary units, as storage is counted). */
export function formatBytes(lang: Lang, bytes: number): string {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  if (bytes < 1024 * 1024) return `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString(locale, { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}

const count = (lang: Lang, n: number) => n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
const savedCount = (area: SavedArea) => area.tiles.filter((t) => t.bytes !== null).length;
const savedBytes = (area: SavedArea) => area.tiles.reduce((sum, t) => sum + (t.bytes ?? 0), 0);

function messageText(t: T, lang: Lang, m: OfflineMessage): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.params)) {
    params[k] = m.sizes?.includes(k) && typeof v === 'number' ? formatBytes(lang, v) : typeof v === 'number' ? count(lang, v) : v;
  }
  return t(m.key, params);
}

function refusalText(t: T, lang: Lang, check: CeilingCheck): string | null {
  const size = (b: number) => formatBytes(lang, b);
  if (check.ok) return null;
  switch (check.reason) {
    case 'ceiling': return t('offlineRefuseCeiling', { ceiling: size(check.ceilingBytes), used: size(check.usedBytes), needed: size(check.neededBytes) });
    case 'storage': return t('offlineRefuseStorage', { free: size(check.freeBytes), needed: size(check.neededBytes) });
    case 'too-many-tiles': return t('offlineRefuseTooMany', { tiles: count(lang, check.tiles), max: count(lang, check.maxTiles) });
    case 'nothing': return t('offlineNothing');
  }
}

/** What saving would fetch, for the organiser to confirm before anything is downloaded. */
function PlanConfirm({ plan, areaName }: { plan: OfflinePlan; areaName: string }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const id = useId();
  const start = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const refusal = refusalText(t, lang, plan.check);
  useEffect(() => { (start.current ?? close.current)?.focus(); }, []);
  const zooms = { from: plan.mapZooms[0], to: plan.mapZooms[1] };
  const tiles = count(lang, plan.urls.length);
  return (
    <div className="offline-plan" role="group" aria-labelledby={`${id}-basis`} data-testid="offline-plan">
      <p id={`${id}-basis`}>
        {plan.basis === 'route' ? t('offlineBasisRoute', { margin: OFFLINE_MARGIN_M, ...zooms }) : t('offlineBasisArea', { name: areaName, ...zooms })}
      </p>
      {plan.urls.length > 0 && (
        <p className="offline-estimate" data-testid="offline-estimate">
          <strong>{plan.alreadySaved > 0
            ? t('offlineEstimateShared', { tiles, size: formatBytes(lang, plan.estimatedBytes), shared: count(lang, plan.alreadySaved) })
            : t('offlineEstimate', { tiles, size: formatBytes(lang, plan.estimatedBytes) })}</strong>
        </p>
      )}
      {refusal && <p className="offline-problem" role="alert" data-testid="offline-refusal">{refusal}</p>}
      <div className="actions">
        {plan.check.ok && <button ref={start} type="button" className="primary" onClick={() => void startSave()}>{t('offlineStart')}</button>}
        <button ref={close} type="button" className="secondary" onClick={dismissPlan}>{plan.check.ok ? t('offlineCancel') : t('close')}</button>
      </div>
    </div>
  );
}

/** The save under way: a progress bar, how much, and a way to stop it. */
function SaveProgress({ done, total, bytes }: { done: number; total: number; bytes: number }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => { cancel.current?.focus(); }, []);
  return (
    <div className="offline-progress" data-testid="offline-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={t('offlineProgressLabel')} />
      <p>{t('offlineProgress', { done: count(lang, done), total: count(lang, total), size: formatBytes(lang, bytes) })}</p>
      <div className="actions">
        <button ref={cancel} type="button" className="secondary" onClick={cancelSave}>{t('offlineCancelSave')}</button>
      </div>
    </div>
  );
}

/** Every saved area with its size and date, the room left, and a way to remove each. */
function SavedList({ areas, ceilingBytes, savingId }: { areas: SavedArea[]; ceilingBytes: number; savingId: string | null }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const used = usedBytes(areas);
  return (
    <details className="offline-list" data-testid="offline-list">
      <summary>{t('offlineListHeading', { n: areas.length })}</summary>
      <p>{t('offlineUsage', { used: formatBytes(lang, used), ceiling: formatBytes(lang, ceilingBytes) })}</p>
      {used >= ceilingBytes && <p className="offline-problem">{t('offlineFull')}</p>}
      {areas.length === 0 ? <p>{t('offlineListEmpty')}</p> : (
        <ul className="plain">
          {[...areas].reverse().map((a) => (
            <li key={a.id} className="offline-item" data-area-id={a.id}>
              <span className="offline-item-text">
                <strong>{a.name}</strong>
                {!a.complete && <> <span className="pending-badge">{t('offlinePartialBadge')}</span></>}
                <br />
                <span className="offline-item-meta">{formatBytes(lang, savedBytes(a))} · {stockholmDateTimeText(a.savedAt)}</span>
              </span>
              {a.id !== savingId && (
                <button type="button" className="secondary" aria-label={t('offlineRemoveLabel', { name: a.name })} onClick={() => void removeArea(a.id)}>
                  {t('offlineRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/**
 * A walk's map for use with no connection (issue 11): save the streets of the walk's area before
 * going out, see what it costs first, follow and cancel the download, see and remove saved areas.
 */
export function OfflineArea({ walk, index }: { walk: Walk; index: AreaIndex }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const findings = useApp((s) => s.walkData.findings);
  const status = useOfflineAreas((s) => s.status);
  const areas = useOfflineAreas((s) => s.areas);
  const step = useOfflineAreas((s) => s.step);
  const message = useOfflineAreas((s) => s.message);
  const ceilingBytes = useOfflineAreas((s) => s.ceilingBytes);
  const id = useId();
  useEffect(() => { void loadOfflineAreas(); }, []);

  if (status === 'unavailable') {
    return (
      <section className="offline-area" aria-labelledby={`${id}-h`} data-testid="offline-area">
        <h3 id={`${id}-h`}>{t('offlineHeading')}</h3>
        <p>{t('offlineUnavailable')}</p>
      </section>
    );
  }
  const areaName = index.find(walk.area.kind, walk.area.id)?.properties.name ?? walk.area.id;
  const saved = savedAreaOf(areas, walk.id);
  const mine = step && step.walkId === walk.id ? step : null;
  const busy = step !== null && step.walkId !== walk.id;
  const points = walkPoints(walk, findings);
  const plan = () => void planWalkArea({ walkId: walk.id, name: `${areaName} · ${walk.date}`, points, areaBBox: walkAreaFallback(walk, index) });
  const shown = message && (message.walkId === walk.id || message.walkId === null) ? message : null;

  return (
    <section className="offline-area" aria-labelledby={`${id}-h`} data-testid="offline-area">
      <h3 id={`${id}-h`}>{t('offlineHeading')}</h3>
      {saved && mine?.kind !== 'saving' ? (
        <p data-testid="offline-saved">
          {saved.complete
            ? t('offlineSavedThis', { date: stockholmDateTimeText(saved.savedAt), tiles: count(lang, saved.tiles.length), size: formatBytes(lang, savedBytes(saved)) })
            : t('offlinePartialThis', { done: count(lang, savedCount(saved)), total: count(lang, saved.tiles.length), size: formatBytes(lang, savedBytes(saved)) })}
        </p>
      ) : !mine && <p className="hint">{t('offlineIntro')}</p>}
      {saved?.complete && !mine && walkOutsideSaved(saved, points) && <p className="hint">{t('offlineChanged')}</p>}
      {mine?.kind === 'planning' && <p>{t('offlinePlanning')}</p>}
      {mine?.kind === 'confirm' && <PlanConfirm plan={mine.plan} areaName={areaName} />}
      {mine?.kind === 'saving' && <SaveProgress done={mine.done} total={mine.total} bytes={mine.bytes} />}
      {!mine && status === 'ready' && (
        <div className="actions">
          {!saved && <button type="button" className="primary" disabled={busy} onClick={plan}>{t('offlineSave')}</button>}
          {saved && !saved.complete && <button type="button" className="primary" disabled={busy} onClick={() => void continueSave(saved.id)}>{t('offlineContinue')}</button>}
          {saved && <button type="button" className="secondary" disabled={busy} onClick={plan}>{t('offlineResave')}</button>}
          {saved && (
            <button type="button" className="secondary" aria-label={t('offlineRemoveLabel', { name: saved.name })} onClick={() => void removeArea(saved.id)}>
              {t('offlineRemove')}
            </button>
          )}
        </div>
      )}
      {/* One live region, always present, so that the outcome of a save is read out when it arrives. */}
      <div role="status" className="offline-message-region">
        {shown && !shown.problem && <p className="offline-ok" data-testid="offline-message">{messageText(t, lang, shown)}</p>}
      </div>
      {shown?.problem && <p role="alert" className="offline-problem" data-testid="offline-message">{messageText(t, lang, shown)}</p>}
      {status === 'ready' && <SavedList areas={areas} ceilingBytes={ceilingBytes} savingId={step?.kind === 'saving' ? step.areaId : null} />}
    </section>
  );
}
