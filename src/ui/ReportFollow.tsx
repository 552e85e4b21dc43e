import { useEffect, useMemo, useRef, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { ReportFollowView, ReportStatus } from '../domain/reports';
import type { MessageKey } from '../i18n/strings';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import { findingLink } from '../state/report-form';
import { closeReport, setFollowPlace } from '../state/report-state';
import { apiClient } from '../state/server-actions';
import { useApp } from '../state/store';
import { areaLookup } from '../state/walk-actions';
import { ApiError, NetworkError } from '../storage/api-client';
import { PlaceNames } from './FindingDetails';
import { StatusChip } from './StatusChip';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; view: ReportFollowView }
  | { state: 'not-found' }
  | { state: 'offline' }
  | { state: 'error'; status: number }
  | { state: 'no-server' };

const STATUS_KEY: Record<ReportStatus, MessageKey> = {
  inkommen: 'followStatus_inkommen', accepterad: 'followStatus_accepterad', sammanslagen: 'followStatus_sammanslagen', avbojd: 'followStatus_avbojd',
};
const STATUS_TEXT_KEY: Record<ReportStatus, MessageKey> = {
  inkommen: 'followStatusText_inkommen', accepterad: 'followStatusText_accepterad',
  sammanslagen: 'followStatusText_sammanslagen', avbojd: 'followStatusText_avbojd',
};
const TIME_KEY = { dag: 'reportTime_dag', kvall: 'reportTime_kvall', natt: 'reportTime_natt' } as const satisfies Record<string, MessageKey>;

/** Dates and times without a line break inside (non-breaking hyphen and space). */
const unbroken = (text: string) => text.replaceAll('-', '\u2011').replaceAll(' ', '\u00a0');

/**
 * The page of a resident's private follow link (`#rapport=<token>`): what they reported and when,
 * the report's status in words, the reason when it was declined, and once it became a finding,
 * that finding's status history (with a link to it on the map once it is public).
 */
export function ReportFollow({ token, focus, index }: { token: string | null; focus: boolean; index: AreaIndex }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const storageReady = useApp((s) => s.walkStorage.status === 'ready');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!token) {
      setLoaded({ state: 'not-found' });
      return;
    }
    if (!storageReady) return;
    const api = apiClient();
    if (!api) {
      setLoaded({ state: 'no-server' });
      return;
    }
    let current = true;
    setLoaded({ state: 'loading' });
    api.request<ReportFollowView>('GET', `reports/follow/${encodeURIComponent(token)}`).then(
      (view) => { if (current) setLoaded({ state: 'ready', view }); },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ state: 'not-found' });
        else if (error instanceof NetworkError) setLoaded({ state: 'offline' });
        else setLoaded({ state: 'error', status: error instanceof ApiError ? error.status : 0 });
      },
    );
    return () => { current = false; };
  }, [token, storageReady, attempt]);
  // On a phone the panel lies below the map: bring the page into view. Focus only when opened here.
  useEffect(() => {
    if (focus) heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [token, focus]);

  const view = loaded.state === 'ready' ? loaded.view : null;
  useEffect(() => {
    setFollowPlace(view ? view.position : null);
    return () => setFollowPlace(null);
  }, [view]);
  const place = useMemo(() => (view ? areaLookup()?.locate(view.position) : undefined), [view]);

  return (
    <section className="details report-follow" aria-labelledby="follow-heading" data-testid="report-follow" aria-busy={loaded.state === 'loading'}>
      <div className="details-head">
        <p className="kind">{t('followKind')}</p>
        <button type="button" className="close" onClick={closeReport} aria-label={t('reportClose')}>×</button>
      </div>
      <h2 id="follow-heading" ref={heading} tabIndex={-1}>{view ? t(CATEGORY_LABEL[view.category]) : t('followHeading')}</h2>
      {loaded.state === 'loading' && <p role="status">{t('followLoading')}</p>}
      {loaded.state === 'not-found' && <p className="banner warn" role="alert" data-testid="follow-not-found">{t('followNotFound')}</p>}
      {loaded.state === 'no-server' && <p className="banner warn" role="alert">{t('followNeedsServer')}</p>}
      {(loaded.state === 'offline' || loaded.state === 'error') && (
        <div className="banner warn" role="alert">
          <p>{loaded.state === 'offline' ? t('followOffline') : t('followError', { status: loaded.status })}</p>
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>{t('followRetry')}</button>
        </div>
      )}
      {view && (
        <>
          <div className={`report-status report-status-${view.status}`} data-testid="follow-status">
            <p><span className="kindlabel">{t('followStatus')}:</span> <strong>{t(STATUS_KEY[view.status])}</strong></p>
            <p>{t(STATUS_TEXT_KEY[view.status])}</p>
            {view.status === 'avbojd' && view.declineReason && (
              <p data-testid="follow-reason"><strong>{t('followReason')}:</strong> <span className="pre">{view.declineReason}</span></p>
            )}
          </div>
          <dl>
            <dt>{t('followSent')}</dt><dd>{unbroken(stockholmDateTimeText(view.createdAt))}</dd>
            {view.decidedAt && <><dt>{t('followDecided')}</dt><dd>{unbroken(stockholmDateTimeText(view.decidedAt))}</dd></>}
            <dt>{t('followCategory')}</dt><dd>{t(CATEGORY_LABEL[view.category])}</dd>
            <dt>{t('followTimes')}</dt><dd>{view.times.map((x) => t(TIME_KEY[x])).join(', ')}</dd>
            <dt>{t('followPlace')}</dt>
            <dd>{place ? <PlaceNames place={place} index={index} /> : '–'}<br /><span className="hint">{view.position[1].toFixed(5)}, {view.position[0].toFixed(5)}</span></dd>
          </dl>
          <h3>{t('followWhat')}</h3>
          <p className="pre description" data-testid="follow-description">{view.description}</p>
          {view.finding && (
            <>
              <h3>{t('followFinding')}</h3>
              <p data-testid="follow-finding-status"><StatusChip status={view.finding.status} /></p>
              <h4 className="follow-history-heading">{t('followFindingHistory')}</h4>
              <ol className="history" data-testid="follow-history">
                {view.finding.history.map((h, i) => (
                  <li key={i}><StatusChip status={h.status} /> {unbroken(stockholmDateTimeText(h.at))}</li>
                ))}
              </ol>
              {view.finding.publicId
                ? <p><a className="secondary button-link" href={findingLink(new URL('./', document.baseURI).toString(), view.finding.publicId, lang)} data-testid="follow-map-link">{t('followShowOnMap')}</a></p>
                : <p className="hint">{t('followNotPublic')}</p>}
            </>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>{t('followRefresh')}</button>
          </div>
        </>
      )}
    </section>
  );
}
