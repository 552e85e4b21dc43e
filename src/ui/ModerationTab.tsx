import { useId } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { daysWaiting, decidedReports, pendingGroups } from '../domain/report-queue';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import {
  dismissModerationMessage, mayModerate, openReport, refreshQueue, setShowDecided, useModeration,
} from '../state/moderation';
import { appStore, useApp } from '../state/store';
import type { QueueReport } from '../storage/moderation-api';
import { ModerationReport } from './ModerationReport';
import { MOD_STATUS_LABEL, MOD_TIME_LABEL } from './moderation-labels';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

/**
 * The council's queue of resident reports ("Tips från boende"): pending reports of the member's
 * districts by district, longest waiting first; one opens with its details, possible duplicates
 * side by side and the decisions (accept, decline with a reason, merge). Decided ones on request.
 */
export function ModerationTab({ index }: { index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const session = useApp((s) => s.serverSession);
  const pending = useModeration((s) => s.pending);
  const decided = useModeration((s) => s.decided);
  const showDecided = useModeration((s) => s.showDecided);
  const loading = useModeration((s) => s.loading);
  const loadProblem = useModeration((s) => s.loadProblem);
  const message = useModeration((s) => s.message);
  const busy = useModeration((s) => s.busy);

  if (!session) return <div className="moderation-tab"><h2>{t('modHeading')}</h2><p>{t('modNeedsServer')}</p></div>;
  if (!mayModerate(session)) return <div className="moderation-tab"><h2>{t('modHeading')}</h2><p>{t('modNotAllowed')}</p></div>;

  const groups = pendingGroups(pending, (d) => index.district(d)?.properties.name ?? d);
  const decidedList = decided ? decidedReports(decided) : [];

  return (
    <div className="moderation-tab" data-testid="moderation">
      <h2>{t('modHeading')}</h2>
      <p className="hint">{t('modIntro')}</p>
      {message && (
        <div className={`banner ${message.tone === 'ok' ? 'info' : 'warn'}`} role={message.tone === 'ok' ? 'status' : 'alert'} data-testid="moderation-message">
          <p>{t(message.key, { ...message.params, ...(message.status ? { status: t(MOD_STATUS_LABEL[message.status]) } : {}) })}</p>
          <div className="actions">
            {message.findingId && (
              <button type="button" className="primary" onClick={() => appStore.getState().select({ kind: 'finding', id: message.findingId! }, { focus: true })}>
                {t('modOpenFinding')}
              </button>
            )}
            <button type="button" className="secondary" onClick={dismissModerationMessage}>{t('modDismiss')}</button>
          </div>
        </div>
      )}
      <div className="actions mod-toolbar">
        <button type="button" className="secondary" onClick={() => void refreshQueue()} disabled={loading || busy}>{loading ? t('modLoading') : t('modRefresh')}</button>
        <label className="mod-toggle">
          <input type="checkbox" checked={showDecided} onChange={(e) => void setShowDecided(e.target.checked)} /> {t('modShowDecided')}
        </label>
      </div>
      {loadProblem && <p className="banner warn" role="alert" data-testid="moderation-load-problem">{t(loadProblem)}</p>}

      <section aria-labelledby={`${id}-pending`}>
        <h3 id={`${id}-pending`} data-testid="moderation-pending-heading">{t('modPendingHeading', { n: pending.length })}</h3>
        {pending.length === 0 && !loading && <p>{t('modPendingEmpty')}</p>}
        {groups.map((group) => (
          <section key={group.districtId ?? '-'} aria-label={group.districtId ? index.district(group.districtId)?.properties.name ?? group.districtId : t('modNoDistrict')}>
            <h4 className="mod-group">{group.districtId ? index.district(group.districtId)?.properties.name ?? group.districtId : t('modNoDistrict')}</h4>
            <ul className="mod-list">
              {group.reports.map((r) => <QueueItem key={r.id} report={r} index={index} />)}
            </ul>
          </section>
        ))}
      </section>

      {showDecided && (
        <section aria-labelledby={`${id}-decided`}>
          <h3 id={`${id}-decided`}>{t('modDecidedHeading', { n: decidedList.length })}</h3>
          {decided === null ? <p>{t('modLoading')}</p> : decidedList.length === 0 ? <p>{t('modDecidedEmpty')}</p> : (
            <ul className="mod-list">
              {decidedList.map((r) => <QueueItem key={r.id} report={r} index={index} />)}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** One report in the list: a button that opens it, and when open, the report with its decisions. */
function QueueItem({ report, index }: { report: QueueReport; index: AreaIndex }) {
  const t = useT();
  const open = useModeration((s) => s.openId === report.id);
  const stadsdel = report.stadsdelId ? index.stadsdel(report.stadsdelId)?.properties.name ?? report.stadsdelId : t('modNoPlace');
  const waited = daysWaiting(report.createdAt, new Date().toISOString());
  const excerpt = report.description.length > 110 ? `${report.description.slice(0, 109)}…` : report.description;
  return (
    <li className={`mod-item${open ? ' is-open' : ''}`} data-report-id={report.id}>
      <button type="button" aria-expanded={open} aria-controls={`mod-report-${report.id}`} onClick={() => openReport(report.id)}>
        <span className="mod-item-head">
          <span className="mod-diamond" aria-hidden="true" />
          <strong>{t(CATEGORY_LABEL[report.category])}</strong> · {stadsdel}
          {report.status !== 'inkommen' && <> · <span className={`mod-status mod-status-${report.status}`}>{t(MOD_STATUS_LABEL[report.status])}</span></>}
        </span>
        <span className="meta">
          {stockholmDateTimeText(report.createdAt).slice(0, 10)} · {report.times.map((x) => t(MOD_TIME_LABEL[x])).join(', ')}
          {report.status === 'inkommen' && <> · {waited === 0 ? t('modWaitedToday') : t('modWaitedDays', { n: waited })}</>}
        </span>
        <span className="meta mod-excerpt">{excerpt}</span>
        {report.duplicates.length > 0 && <span className="dup-badge">{t('modDuplicateBadge', { n: report.duplicates.length })}</span>}
      </button>
      {open && <ModerationReport report={report} index={index} />}
    </li>
  );
}
