import { useEffect, useId } from 'react';
import { isPlannedWalk, stopCandidates, withStop } from '../domain/report-stops';
import type { ResidentReport } from '../domain/reports';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import { stockholmDate } from '../domain/walks/stockholm-time';
import type { Walk } from '../domain/walks/types';
import { ensureReports, mayModerate, showReportOnMap, useModeration } from '../state/moderation';
import { useApp } from '../state/store';
import { saveWalkReportIds } from '../state/walk-actions';
import { bringMapIntoView } from './map-into-view';
import { MOD_STATUS_LABEL } from './moderation-labels';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

/**
 * Before a walk: the pending resident reports in the walk's area as candidate stops, each added
 * or removed as a stop (saved in `walk.reportIds`). They are highlighted on the map while the walk
 * is selected, so that the route can be drawn past them. After the walk, its stops stay listed.
 */
export function WalkReportStops({ walk, editable }: { walk: Walk; editable: boolean }) {
  const t = useT();
  const id = useId();
  const allowed = useApp((s) => mayModerate(s.serverSession));
  const pending = useModeration((s) => s.pending);
  const known = useModeration((s) => s.known);
  const stopKey = (walk.reportIds ?? []).join(',');
  useEffect(() => {
    if (allowed && stopKey) void ensureReports(stopKey.split(','));
  }, [allowed, stopKey]);
  if (!allowed) return null;

  const planned = isPlannedWalk(walk, stockholmDate(new Date().toISOString()) ?? '');
  const reports: ResidentReport[] = [...pending];
  for (const r of walk.reportIds ?? []) if (known[r] && !pending.some((p) => p.id === r)) reports.push(known[r]);
  const { candidates, missingIds } = stopCandidates(walk, reports);
  if (!planned && candidates.length === 0 && missingIds.length === 0) return null;
  const canEdit = editable && planned;
  const chosen = (walk.reportIds ?? []).length;

  return (
    <section className="walk-stops" aria-labelledby={`${id}-h`} data-testid="walk-report-stops">
      <h3 id={`${id}-h`}>{t('modStopsHeading', { n: chosen })}</h3>
      <p className="hint">{planned ? t('modStopsHint') : t('modStopsPastHint')}</p>
      {candidates.length === 0 && missingIds.length === 0 && <p>{t('modStopsNone')}</p>}
      <ul className="plain">
        {candidates.map(({ report, chosen: isStop }) => (
          <li key={report.id} className={`mod-stop${isStop ? ' is-stop' : ''}`} data-report-id={report.id}>
            <p className="mod-stop-head">
              <span className="mod-diamond" aria-hidden="true" /> <strong>{t(CATEGORY_LABEL[report.category])}</strong> · {stockholmDateTimeText(report.createdAt).slice(0, 10)}
              {isStop && <> <span className="stop-badge">{t('modStopBadge')}</span></>}
              {report.status !== 'inkommen' && <> · {t(MOD_STATUS_LABEL[report.status])}</>}
            </p>
            <p className="pre mod-excerpt">{report.description.length > 160 ? `${report.description.slice(0, 159)}…` : report.description}</p>
            <div className="actions">
              {canEdit && (
                <button type="button" className={isStop ? 'secondary' : 'primary'} onClick={() => void saveWalkReportIds(walk, withStop(walk.reportIds, report.id, !isStop))}>
                  {isStop ? t('modStopRemove') : t('modStopAdd')}
                </button>
              )}
              {report.status === 'inkommen' && <button type="button" className="secondary" onClick={() => { showReportOnMap(report.id); bringMapIntoView(); }}>{t('modShowOnMap')}</button>}
            </div>
          </li>
        ))}
        {missingIds.map((r) => (
          <li key={r} className="mod-stop is-stop" data-report-id={r}>
            <p className="mod-stop-head">{t('modUnknownReport', { id: r.slice(0, 8) })} <span className="stop-badge">{t('modStopBadge')}</span></p>
            {canEdit && (
              <div className="actions">
                <button type="button" className="secondary" onClick={() => void saveWalkReportIds(walk, withStop(walk.reportIds, r, false))}>{t('modStopRemove')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
