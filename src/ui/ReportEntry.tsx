import { lazy, Suspense, useEffect } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { parseFollowHash } from '../state/report-form';
import { openFollow, openReportForm, useReport } from '../state/report-state';
import { useApp } from '../state/store';
import { useT } from './use-t';
import './report.css';

// The form and the follow page are loaded when first opened (and cached for offline use).
const ReportPanel = lazy(() => import('./ReportPanel').then((m) => ({ default: m.ReportPanel })));
const ReportFollow = lazy(() => import('./ReportFollow').then((m) => ({ default: m.ReportFollow })));

/** Whether the app runs without its server (walks kept in this browser): reports cannot be sent. */
function useLocalOnly(): boolean {
  return useApp((s) => s.walkStorage.status === 'ready' && s.serverSession === null);
}

/**
 * "Tipsa om en otrygg plats": for everyone, without logging in. Without the city's server the
 * button is disabled and says why.
 */
export function ReportButton() {
  const t = useT();
  const local = useLocalOnly();
  const open = useReport((s) => s.view?.kind === 'form');
  return (
    <div className="report-entry">
      <button
        type="button" className="report-button" onClick={openReportForm} disabled={local}
        aria-expanded={local ? undefined : open} aria-describedby={local ? 'report-needs-server' : undefined}
      >
        {t('reportButton')}
      </button>
      {local && <span id="report-needs-server" className="report-needs-server">{t('reportNeedsServer')}</span>}
    </div>
  );
}

/**
 * The report form or the follow page in the side panel, above everything else there. Also
 * listens for a follow link (`#rapport=<token>`), when the app opens and when the hash changes.
 */
export function ReportSlot({ index }: { index: AreaIndex }) {
  const view = useReport((s) => s.view);
  const t = useT();
  useEffect(() => {
    const read = (focus: boolean) => {
      const follow = parseFollowHash(window.location.hash);
      if (follow) openFollow(follow.token, focus);
    };
    read(false);
    const onHash = () => read(true);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (!view) return null;
  return (
    <Suspense fallback={<p className="status">{t('loading')}</p>}>
      {view.kind === 'form' ? <ReportPanel index={index} focus={view.focus} /> : <ReportFollow token={view.token} focus={view.focus} index={index} />}
    </Suspense>
  );
}
