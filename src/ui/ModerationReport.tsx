import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { resolveDuplicates, daysWaiting } from '../domain/report-queue';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import { plannedWalksFor } from '../domain/report-stops';
import { DECLINE_REASON_MAX, isPending, type ResidentReport } from '../domain/reports';
import { stockholmDate } from '../domain/walks/stockholm-time';
import { PRIORITIES, RESPONSIBLE_KINDS, type Finding, type Priority, type ResponsibleKind } from '../domain/walks/types';
import { acceptQueued, declineQueued, mergeQueued, moderationStore, showReportOnMap, useModeration } from '../state/moderation';
import { apiClient } from '../state/server-actions';
import { appStore, useApp } from '../state/store';
import { reportPhotoUrl, type QueueReport } from '../storage/moderation-api';
import { PlaceNames } from './FindingDetails';
import { bringMapIntoView } from './map-into-view';
import { MOD_STATUS_LABEL, MOD_TIME_LABEL } from './moderation-labels';
import { walkDistrictId } from './permissions';
import { StatusChip } from './StatusChip';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL } from './walk-labels';

/**
 * An open report: everything the resident sent (their text shown as text, never as HTML), where it
 * lies, its photo, possible duplicates side by side, and the decisions.
 */
export function ModerationReport({ report, index }: { report: QueueReport; index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<'accept' | 'decline' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const scrollTo = useModeration((s) => s.openRequest);
  const findings = useApp((s) => s.walkData.findings);
  const [photoFailed, setPhotoFailed] = useState(false);
  const api = apiClient();
  const pending = isPending(report);

  // Chosen on the map: the report is scrolled into view and its heading takes the focus.
  useEffect(() => {
    if (scrollTo > 0 && moderationStore.getState().openId === report.id) {
      heading.current?.scrollIntoView({ block: 'nearest' });
      heading.current?.focus({ preventScroll: true });
    }
  }, [scrollTo, report.id]);

  const finding = report.findingId ? findings.find((f) => f.id === report.findingId) : undefined;
  const waited = daysWaiting(report.createdAt, new Date().toISOString());
  return (
    <article className="mod-report" id={`mod-report-${report.id}`} aria-labelledby={`${id}-h`} data-testid="moderation-report">
      <h4 id={`${id}-h`} ref={heading} tabIndex={-1}>{t('modReportHeading', { category: t(CATEGORY_LABEL[report.category]) })}</h4>
      <dl>
        <dt>{t('modDescription')}</dt><dd className="pre" data-testid="moderation-description">{report.description}</dd>
        <dt>{t('modTimes')}</dt><dd>{report.times.map((x) => t(MOD_TIME_LABEL[x])).join(', ')}</dd>
        <dt>{t('modSent')}</dt>
        <dd>{stockholmDateTimeText(report.createdAt)}{pending && <> ({waited === 0 ? t('modWaitedToday') : t('modWaitedDays', { n: waited })})</>}</dd>
        <dt>{t('modPlace')}</dt><dd><PlaceNames place={report} index={index} /></dd>
        <dt>{t('modUpdates')}</dt><dd>{report.wantsUpdates ? t('modWantsUpdates') : t('modNoUpdates')}</dd>
        {!pending && <>
          <dt>{t('modStatus')}</dt>
          <dd>{t(MOD_STATUS_LABEL[report.status])}{report.decidedAt && ` ${stockholmDateTimeText(report.decidedAt)}`}</dd>
          {report.declineReason && <><dt>{t('modDeclineReasonShown')}</dt><dd className="pre">{report.declineReason}</dd></>}
        </>}
      </dl>
      {report.photo && api && !photoFailed && (
        <img className="finding-photo" src={reportPhotoUrl(api, report.id)} alt={t('modPhotoAlt', { category: t(CATEGORY_LABEL[report.category]) })}
          onError={() => setPhotoFailed(true)} data-testid="moderation-photo" />
      )}
      {report.photo && photoFailed && <p className="hint">{t('modPhotoFailed')}</p>}
      <div className="actions">
        {pending && <button type="button" className="secondary" onClick={() => { showReportOnMap(report.id); bringMapIntoView(); }}>{t('modShowOnMap')}</button>}
        {finding && <button type="button" className="secondary" onClick={() => appStore.getState().select({ kind: 'finding', id: finding.id }, { focus: true })}>{t('modOpenFinding')}</button>}
        {pending && mode !== 'accept' && <button type="button" className="primary" onClick={() => setMode('accept')}>{t('modAccept')}</button>}
        {pending && mode !== 'decline' && <button type="button" className="secondary" onClick={() => setMode('decline')}>{t('modDecline')}</button>}
      </div>
      {pending && mode === 'accept' && <AcceptForm report={report} index={index} onCancel={() => setMode(null)} />}
      {pending && mode === 'decline' && <DeclineForm report={report} onCancel={() => setMode(null)} />}
      {pending && report.duplicates.length > 0 && <Duplicates report={report} index={index} findings={findings} />}
    </article>
  );
}

/** Accepting: the walk (a planned walk of the district, or none), public or internal, the photo, the responsible party. */
function AcceptForm({ report, index, onCancel }: { report: QueueReport; index: AreaIndex; onCancel(): void }) {
  const t = useT();
  const id = useId();
  const walks = useApp((s) => s.walkData.walks);
  const busy = useModeration((s) => s.busy);
  const today = stockholmDate(new Date().toISOString()) ?? '';
  const choices = plannedWalksFor(report, walks, (w) => walkDistrictId(index, w.area), today);
  const [walkId, setWalkId] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [photoPublic, setPhotoPublic] = useState(false);
  const [responsible, setResponsible] = useState<ResponsibleKind>('sdf');
  const [priority, setPriority] = useState<Priority>('medel');
  const areaName = (w: (typeof walks)[number]) => index.find(w.area.kind, w.area.id)?.properties.name ?? w.area.id;
  const districtName = report.districtId ? index.district(report.districtId)?.properties.name ?? report.districtId : '–';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void acceptQueued(report, {
      walkId: walkId || null, public: isPublic, photoPublic: isPublic && photoPublic && report.photo !== null, responsible: { kind: responsible }, priority,
    });
  };
  return (
    <form className="form" onSubmit={submit} data-testid="accept-form" aria-labelledby={`${id}-h`}>
      <h5 id={`${id}-h`}>{t('modAcceptHeading')}</h5>
      <div className="field">
        <label htmlFor={`${id}-walk`}>{t('modAcceptWalk')}</label>
        <select id={`${id}-walk`} value={walkId} onChange={(e) => setWalkId(e.target.value)} aria-describedby={`${id}-walk-hint`}>
          <option value="">{t('modAcceptNoWalk')}</option>
          {choices.map(({ walk, inArea }) => (
            <option key={walk.id} value={walk.id}>
              {walk.date} {walk.time} · {areaName(walk)}{inArea ? '' : ` (${t('modOtherArea')})`}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-walk-hint`}>{choices.length === 0 ? t('modAcceptNoPlanned', { district: districtName }) : t('modAcceptWalkHint', { district: districtName })}</p>
      </div>
      <div className="row2">
        <div className="field">
          <label htmlFor={`${id}-resp`}>{t('findingResponsible')}</label>
          <select id={`${id}-resp`} value={responsible} onChange={(e) => setResponsible(e.target.value as ResponsibleKind)}>
            {RESPONSIBLE_KINDS.map((k) => <option key={k} value={k}>{t(RESPONSIBLE_LABEL[k])}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-prio`}>{t('findingPriority')}</label>
          <select id={`${id}-prio`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(PRIORITY_LABEL[p])}</option>)}
          </select>
        </div>
      </div>
      <label className="mod-toggle">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} aria-describedby={`${id}-public-hint`} /> {t('modAcceptPublic')}
      </label>
      <p className="hint" id={`${id}-public-hint`}>{t('modAcceptPublicHint')}</p>
      {report.photo && (
        <label className="mod-toggle">
          <input type="checkbox" checked={isPublic && photoPublic} disabled={!isPublic} onChange={(e) => setPhotoPublic(e.target.checked)} /> {t('modAcceptPhotoPublic')}
        </label>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('modSending') : t('modAcceptSubmit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** Declining: a reason is required, and the resident sees it. */
function DeclineForm({ report, onCancel }: { report: ResidentReport; onCancel(): void }) {
  const t = useT();
  const id = useId();
  const busy = useModeration((s) => s.busy);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    void declineQueued(report, reason);
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="decline-form" aria-labelledby={`${id}-h`}>
      <h5 id={`${id}-h`}>{t('modDeclineHeading')}</h5>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('modDeclineReason')}</label>
        <textarea id={`${id}-reason`} rows={3} required aria-required="true" maxLength={DECLINE_REASON_MAX} value={reason}
          aria-invalid={missing && !reason.trim() ? true : undefined} aria-describedby={`${id}-reason-hint${missing ? ` ${id}-reason-error` : ''}`}
          onChange={(e) => setReason(e.target.value)} />
        <p className="hint" id={`${id}-reason-hint`}>{report.wantsUpdates ? t('modDeclineReasonHintMail') : t('modDeclineReasonHint')}</p>
        {missing && !reason.trim() && <p className="error" id={`${id}-reason-error`} role="alert">{t('modDeclineReasonMissing')}</p>}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('modSending') : t('modDeclineSubmit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** Each possible duplicate beside the report, with the distance, and merging into it. */
function Duplicates({ report, index, findings }: { report: QueueReport; index: AreaIndex; findings: Finding[] }) {
  const t = useT();
  const id = useId();
  const pending = useModeration((s) => s.pending);
  const busy = useModeration((s) => s.busy);
  const resolved = resolveDuplicates(report.duplicates, pending, findings);
  const place = (p: { stadsdelId: string | null }) => (p.stadsdelId ? index.stadsdel(p.stadsdelId)?.properties.name ?? p.stadsdelId : '–');
  return (
    <section className="mod-duplicates" aria-labelledby={`${id}-h`} data-testid="moderation-duplicates">
      <h5 id={`${id}-h`}>{t('modDuplicatesHeading', { n: resolved.length })}</h5>
      <p className="hint">{t('modDuplicatesHint')}</p>
      {resolved.map((d) => (
        <div key={`${d.kind}:${d.duplicate.id}`} className="mod-pair" data-duplicate-id={d.duplicate.id}>
          <div className="mod-compare">
            <div className="mod-side">
              <p className="mod-side-label">{t('modThisReport')}</p>
              <p><strong>{t(CATEGORY_LABEL[report.category])}</strong> · {place(report)}</p>
              <p className="pre mod-side-text">{report.description}</p>
              <p className="meta">{stockholmDateTimeText(report.createdAt)}</p>
            </div>
            <div className="mod-side">
              <p className="mod-side-label">
                {d.kind === 'finding' ? t('modDuplicateFinding') : t('modDuplicateReport')} · <span className="mod-distance">{t('modDistance', { m: Math.round(d.duplicate.distanceM) })}</span>
              </p>
              {d.record === null ? <p className="hint">{d.kind === 'finding' ? t('modDuplicateFindingUnseen') : t('modDuplicateReportUnseen')}</p> : d.kind === 'finding' ? (
                <>
                  <p><strong>{t(CATEGORY_LABEL[d.record.category])}</strong> · {place(d.record)} <StatusChip status={d.record.status} /></p>
                  <p className="pre mod-side-text">{d.record.description}</p>
                  <p className="meta">{stockholmDateTimeText(d.record.history[0]?.at ?? d.record.createdAt)}</p>
                </>
              ) : (
                <>
                  <p><strong>{t(CATEGORY_LABEL[d.record.category])}</strong> · {place(d.record)}</p>
                  <p className="pre mod-side-text">{d.record.description}</p>
                  <p className="meta">{stockholmDateTimeText(d.record.createdAt)}</p>
                </>
              )}
            </div>
          </div>
          {d.record !== null && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void mergeQueued(report, { kind: d.kind, id: d.duplicate.id })}>
                {d.kind === 'finding' ? t('modMergeIntoFinding') : t('modMergeIntoReport')}
              </button>
              {d.kind === 'finding' && (
                <button type="button" className="secondary" onClick={() => appStore.getState().select({ kind: 'finding', id: d.duplicate.id }, { focus: true })}>{t('modOpenFinding')}</button>
              )}
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
