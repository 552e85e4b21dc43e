import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { REPORT_DESCRIPTION_MAX, REPORT_TIMES, type ReportTime } from '../domain/reports';
import { FINDING_CATEGORIES, type FindingCategory } from '../domain/walks/types';
import type { MessageKey } from '../i18n/strings';
import { firstErrorField, followLink, type ReportField } from '../state/report-form';
import {
  closeReport, pickReportOnMap, reportAtDevicePosition, reportStore, sendReport, setReportPoint, startAnotherReport, updateDraft, useReport,
  type SendProblem,
} from '../state/report-state';
import { appStore, useApp } from '../state/store';
import { areaLookup } from '../state/walk-actions';
import { CopyLink } from './CopyLink';
import { PlaceNames } from './FindingDetails';
import { readPhoto } from './photo';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

const TIME_LABEL: Record<ReportTime, MessageKey> = { dag: 'reportTime_dag', kvall: 'reportTime_kvall', natt: 'reportTime_natt' };

/** The app's address, for links: its origin and base path. */
function appBase(): string {
  return new URL('./', document.baseURI).toString();
}

/** Brings a part of the page into view (on a phone the map and the panel are stacked). */
function reveal(element: Element | null): void {
  element?.scrollIntoView?.({ block: 'start' });
}

/**
 * "Tipsa om en otrygg plats": the form a resident fills in without an account, then the receipt
 * with the private follow link. Text is sent and shown as plain text (never as HTML).
 */
export function ReportPanel({ index, focus }: { index: AreaIndex; focus: boolean }) {
  const t = useT();
  const receipt = useReport((s) => s.receipt);
  const heading = useRef<HTMLHeadingElement>(null);
  const sent = receipt !== null;
  // Opened or sent here: the heading takes focus (not when a reload restores the form).
  const acted = useRef(focus);
  useEffect(() => {
    if (acted.current) heading.current?.focus();
    acted.current = true;
    reveal(heading.current);
  }, [sent]);

  return (
    <section className="details report-panel" aria-labelledby="report-heading" data-testid="report-panel">
      <div className="details-head">
        <p className="kind">{t('reportKind')}</p>
        <button type="button" className="close" onClick={closeReport} aria-label={t('reportClose')}>×</button>
      </div>
      <h2 id="report-heading" ref={heading} tabIndex={-1}>{receipt ? t('reportSentHeading') : t('reportHeading')}</h2>
      {receipt ? <Receipt token={receipt.followToken} wantsUpdates={receipt.wantsUpdates} /> : <ReportForm index={index} />}
    </section>
  );
}

function Receipt({ token, wantsUpdates }: { token: string; wantsUpdates: boolean }) {
  const t = useT();
  const id = useId();
  const link = followLink(appBase(), token);
  return (
    <div className="report-receipt" data-testid="report-receipt">
      <p>{t('reportSentIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t('reportFollowLinkLabel')}</label>
        <textarea id={`${id}-link`} className="follow-link" readOnly rows={2} value={link} onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-save`} data-testid="follow-link" />
      </div>
      <p id={`${id}-save`} className="banner info">{t('reportFollowLinkSave')}</p>
      <div className="actions">
        <CopyLink link={link} className="primary" testId="copy-follow-link" />
      </div>
      {wantsUpdates && <p>{t('reportEmailLeft')}</p>}
      <div className="actions">
        <a className="secondary button-link" href={link}>{t('reportOpenFollow')}</a>
        <button type="button" className="secondary" onClick={startAnotherReport}>{t('reportAnother')}</button>
      </div>
    </div>
  );
}

function problemText(problem: SendProblem, t: ReturnType<typeof useT>): string {
  switch (problem.kind) {
    case 'fields': return t('reportFixFields');
    case 'rate-limited': return t('reportRateLimited', { minutes: problem.minutes, time: problem.time });
    case 'too-large': return t('reportTooLarge');
    case 'offline': return t('reportOffline');
    case 'server': return t('reportServerError', { status: problem.status });
    case 'refused': return t('reportRefused', { reason: problem.reason });
    case 'no-server': return t('reportNeedsServerLong');
  }
}

function ReportForm({ index }: { index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const draft = useReport((s) => s.draft);
  const errors = useReport((s) => s.errors);
  const sending = useReport((s) => s.sending);
  const problem = useReport((s) => s.problem);
  const focusError = useReport((s) => s.focusError);
  const positionProblem = useReport((s) => s.positionProblem);
  const near = useApp((s) => s.near);
  const picking = useApp((s) => s.mapMode === 'pick-report');
  const local = useApp((s) => s.walkStorage.status === 'ready' && s.serverSession === null);
  const [photoProblem, setPhotoProblem] = useState(false);
  const place = useMemo(() => (draft.position ? areaLookup()?.locate(draft.position) : undefined), [draft.position]);
  const placeRef = useRef<HTMLFieldSetElement>(null);
  const banner = useRef<HTMLDivElement>(null);

  const fieldId = (field: ReportField) => `${id}-${field}`;
  const errorId = (field: ReportField) => `${id}-${field}-error`;
  const described = (field: ReportField, ...hints: string[]) => [...hints, errors[field] ? errorId(field) : ''].filter(Boolean).join(' ') || undefined;
  const message = (field: ReportField) => {
    const code = errors[field];
    if (!code) return null;
    return <p id={errorId(field)} className="error field-error">{t(`reportError_${field}_${code}` as MessageKey, { max: REPORT_DESCRIPTION_MAX })}</p>;
  };

  // After a refused send: the first field that needs attention gets focus (or the message, when no field does).
  useEffect(() => {
    if (focusError === 0) return;
    const field = firstErrorField(reportStore.getState().errors);
    const target = field ? document.getElementById(fieldId(field)) : banner.current;
    target?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusError]);
  // A place chosen on the map: back to the form (on a phone the map lies above it).
  useEffect(() => {
    if (draft.position && !picking) reveal(placeRef.current);
  }, [draft.position, picking]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void sendReport((p) => areaLookup()?.locate(p).districtId ?? null).then(() => {
      const { problem: now } = reportStore.getState();
      if (now && now.kind !== 'fields') banner.current?.focus();
    });
  };
  const choosePhoto = async (file: File | undefined) => {
    setPhotoProblem(false);
    if (!file) return;
    try {
      const photo = await readPhoto(file);
      updateDraft({ photo: { name: photo.name.slice(0, 200), type: photo.type, dataUrl: photo.dataUrl ?? '' } });
    } catch {
      setPhotoProblem(true);
    }
  };
  const toggleTime = (time: ReportTime, on: boolean) => {
    const times = on ? [...draft.times, time] : draft.times.filter((x) => x !== time);
    updateDraft({ times: REPORT_TIMES.filter((x) => times.includes(x)) });
  };
  const pickOnMap = () => {
    pickReportOnMap();
    reveal(document.querySelector('.map-wrap'));
  };
  const left = REPORT_DESCRIPTION_MAX - draft.description.length;

  if (local) return <p className="banner warn" role="status">{t('reportNeedsServerLong')}</p>;

  return (
    <form className="form report-form" onSubmit={submit} noValidate data-testid="report-form" aria-describedby={`${id}-intro`}>
      <p id={`${id}-intro`}>{t('reportIntro')}</p>
      <div className="banner warn report-warning">
        <p><strong>{t('reportEmergency')}</strong></p>
        <p>{t('reportNoNames')}</p>
      </div>
      <div ref={banner} tabIndex={-1} role="alert" className={problem ? 'banner warn report-problem' : 'report-problem-empty'} data-testid="report-problem">
        {problem ? problemText(problem, t) : ''}
      </div>

      <fieldset ref={placeRef} className="report-place" aria-describedby={described('position')}>
        <legend>{t('reportPlace')}</legend>
        <p data-testid="report-place">
          {draft.position
            ? <><strong>{t('reportPlaceChosen')}</strong> {place ? <PlaceNames place={place} index={index} /> : '–'}
              <br /><span className="hint">{t('reportPlaceCoordinates', { lat: draft.position[1].toFixed(5), lon: draft.position[0].toFixed(5) })}</span></>
            : t('reportPlaceNone')}
        </p>
        {message('position')}
        {picking && <p className="hint" role="status">{t('reportPickHint')}</p>}
        <div className="actions">
          <button type="button" id={fieldId('position')} className="secondary" onClick={pickOnMap} aria-pressed={picking}>
            {draft.position ? t('reportPickAgain') : t('reportPickOnMap')}
          </button>
          <button type="button" className="secondary" onClick={reportAtDevicePosition}>{t('reportUsePosition')}</button>
          {near && <button type="button" className="secondary" onClick={() => setReportPoint(near.point, 'near')}>{t('reportUseNear')}</button>}
        </div>
        {positionProblem === 'waiting' && <p role="status">{t('positionWaiting')}</p>}
        {positionProblem === 'denied' && <p className="error" role="alert">{t('positionDenied', { reason: '' })}</p>}
        {positionProblem === 'unavailable' && <p className="error" role="alert">{t('positionUnavailable')}</p>}
        {positionProblem === 'outside' && <p className="error" role="alert">{t('positionOutside')}</p>}
        <p className="hint">{t('reportPositionNote')}</p>
      </fieldset>

      <div className="field">
        <label htmlFor={fieldId('category')}>{t('reportCategory')}</label>
        <select id={fieldId('category')} value={draft.category} aria-invalid={errors.category ? true : undefined} aria-describedby={described('category')}
          onChange={(e) => updateDraft({ category: e.target.value as FindingCategory | '' })}>
          <option value="">{t('reportCategoryChoose')}</option>
          {FINDING_CATEGORIES.map((c) => <option key={c} value={c}>{t(CATEGORY_LABEL[c])}</option>)}
        </select>
        {message('category')}
      </div>

      <div className="field">
        <label htmlFor={fieldId('description')}>{t('reportDescription')}</label>
        <textarea id={fieldId('description')} rows={4} maxLength={REPORT_DESCRIPTION_MAX} value={draft.description}
          aria-invalid={errors.description ? true : undefined} aria-describedby={described('description', `${id}-desc-hint`)}
          onChange={(e) => updateDraft({ description: e.target.value })} />
        <p id={`${id}-desc-hint`} className="hint">
          {t('reportDescriptionHint', { max: REPORT_DESCRIPTION_MAX })} {t('reportNoNames')}
          {left < 100 && <> {t('reportCharsLeft', { n: left })}</>}
        </p>
        {message('description')}
      </div>

      <fieldset className="report-times" aria-describedby={described('times', `${id}-times-hint`)}>
        <legend>{t('reportTimes')}</legend>
        <p id={`${id}-times-hint`} className="hint">{t('reportTimesHint')}</p>
        <div className="report-time-choices">
          {REPORT_TIMES.map((time, i) => (
            <label key={time} className="toggle report-time">
              <input type="checkbox" id={i === 0 ? fieldId('times') : undefined} checked={draft.times.includes(time)}
                onChange={(e) => toggleTime(time, e.target.checked)} />
              {' '}{t(TIME_LABEL[time])}
            </label>
          ))}
        </div>
        {message('times')}
      </fieldset>

      <div className="field">
        <label htmlFor={fieldId('photo')}>{t('reportPhoto')}</label>
        <input id={fieldId('photo')} type="file" accept="image/jpeg,image/png,image/webp,image/*" aria-describedby={described('photo', `${id}-photo-hint`)}
          onChange={(e) => { void choosePhoto(e.target.files?.[0]); e.target.value = ''; }} />
        <p id={`${id}-photo-hint`} className="hint">{t('reportPhotoHint')}</p>
        {photoProblem && <p className="error" role="alert">{t('reportPhotoUnreadable')}</p>}
        {message('photo')}
        {draft.photo && (
          <div className="photo-preview">
            <img src={draft.photo.dataUrl} alt={t('reportPhotoAlt')} data-testid="report-photo" />
            <button type="button" className="secondary" onClick={() => updateDraft({ photo: null })}>{t('reportPhotoRemove')}</button>
          </div>
        )}
      </div>

      <div className="field">
        <label htmlFor={fieldId('email')}>{t('reportEmail')}</label>
        <input id={fieldId('email')} type="email" autoComplete="email" inputMode="email" maxLength={254} value={draft.email}
          aria-invalid={errors.email ? true : undefined} aria-describedby={described('email', `${id}-email-hint`)}
          onChange={(e) => updateDraft({ email: e.target.value })} />
        <p id={`${id}-email-hint`} className="hint">{t('reportEmailHint')}</p>
        {message('email')}
      </div>

      {/* A honeypot for bots: off-screen, hidden from assistive technology, out of the tab order. */}
      <div className="report-hp" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{t('reportHoneypot')}</label>
        <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" value={draft.website}
          onChange={(e) => updateDraft({ website: e.target.value })} />
      </div>

      <p className="hint">{t('reportDraftKept')}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={sending} aria-disabled={sending}>{sending ? t('reportSending') : t('reportSend')}</button>
        <button type="button" className="secondary" onClick={() => { closeReport(); appStore.getState().set({ mapMode: 'browse' }); }}>{t('reportClose')}</button>
      </div>
    </form>
  );
}
