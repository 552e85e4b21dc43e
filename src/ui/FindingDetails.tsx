import { useId, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { nextStatuses, isOpen, isOverdue } from '../domain/walks/status';
import { stockholmDate, stockholmDateTimeText } from '../domain/walks/stockholm-time';
import type { FindingPlace, FindingStatus } from '../domain/walks/types';
import { appStore, useApp } from '../state/store';
import { changeStatus, deleteFinding, updateFinding } from '../state/walk-actions';
import { FindingForm } from './FindingForm';
import { FindingHistory } from './FindingHistory';
import { usePermissions } from './permissions';
import { photoSrc } from '../state/server-actions';
import { StatusChip } from './StatusChip';
import { CopyLink } from './CopyLink';
import { findingLink } from '../state/report-form';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

/** Where a finding lies, in words: stadsdel, district and priority areas. */
export function PlaceNames({ place, index }: { place: FindingPlace; index: AreaIndex }) {
  const t = useT();
  const parts = [
    place.stadsdelId && `${t('kindStadsdel')} ${index.stadsdel(place.stadsdelId)?.properties.name ?? place.stadsdelId}`,
    place.districtId && `${t('kindDistrict').toLowerCase()} ${index.district(place.districtId)?.properties.name ?? place.districtId}`,
    ...place.priorityAreaIds.map((id) => `${t('kindPriorityArea').toLowerCase()} ${index.priorityArea(id)?.properties.name ?? id}`),
  ].filter(Boolean);
  return <>{parts.join(', ') || '–'}</>;
}

/** One finding: its facts, status with history and the next steps, edit, delete with undo. */
export function FindingDetails({ findingId, index }: { findingId: string; index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const walkData = useApp((s) => s.walkData);
  const editing = useApp((s) => s.editingFinding);
  const can = usePermissions(index);
  const fullViewer = useApp((s) => s.serverSession?.account != null);
  const notSent = useApp((s) => s.sync?.pendingFindingIds.includes(findingId) ?? false);
  const lang = useApp((s) => s.lang);
  const [note, setNote] = useState('');
  // Whether the note is written for residents (shown with a public finding); internal by default.
  const [notePublic, setNotePublic] = useState(false);
  // The finding whose reopening is being asked for (its note field shown), if any.
  const [reopeningId, setReopeningId] = useState<string | null>(null);
  const finding = walkData.findings.find((f) => f.id === findingId);
  if (!finding) return null;
  const set = appStore.getState().set;
  const today = stockholmDate(new Date().toISOString()) ?? '';
  const walk = walkData.walks.find((w) => w.id === finding.walkId);
  const kindLabel = t(RESPONSIBLE_LABEL[finding.responsible.kind]);
  const responsibleName = finding.responsible.name;
  // "Polisen Västerort", not "Polisen: Polisen Västerort".
  const responsible = !responsibleName ? kindLabel
    : responsibleName.toLocaleLowerCase('sv').startsWith(kindLabel.toLocaleLowerCase('sv')) ? responsibleName : `${kindLabel}: ${responsibleName}`;
  const move = async (to: FindingStatus) => {
    const sent = note;
    await changeStatus(finding, to, sent, notePublic && finding.public);
    setNotePublic(false);
    // A note typed for the next step while this one was being sent stays.
    setNote((current) => (current === sent ? '' : current));
    setReopeningId(null);
  };
  const closed = !isOpen(finding.status);
  // The public part only (PublicFinding): priority, deadline, walk and notes are not known here.
  const publicOnly = can.access(finding) === 'public';
  // The date of the current status (written with non-breaking hyphens: never split over lines).
  const statusAt = finding.history.at(-1)?.at ?? finding.updatedAt;
  const statusDate = stockholmDate(statusAt) ?? statusAt.slice(0, 10);
  const reopening = reopeningId === finding.id;

  return (
    <DetailsPanel kind={<>{t('kindFinding')} · <StatusChip status={finding.status} /></>} title={t(CATEGORY_LABEL[finding.category])}>
      {finding.example && <p><span className="example-badge">{t('exampleBadge')}</span></p>}
      {notSent && <p><span className="pending-badge" data-testid="not-sent">{t('notSentBadge')}</span></p>}
      {editing === finding.id ? (
        <FindingForm finding={finding} walks={walkData.walks} defaultWalkId={finding.walkId} onSave={(input) => void updateFinding(finding, input)} onCancel={() => set({ editingFinding: null })} />
      ) : (
        <>
          <p className="pre description">{finding.description}</p>
          {finding.photo && <img className="finding-photo" src={photoSrc(finding.photo)} alt={finding.description} />}
          <dl>
            <dt>{t('findingPlace')}</dt><dd><PlaceNames place={finding} index={index} /></dd>
            <dt>{t('findingPosition')}</dt><dd data-testid="finding-position">{finding.position[1].toFixed(5)}, {finding.position[0].toFixed(5)}</dd>
            <dt>{t('findingStatus')}</dt>
            <dd data-testid="finding-status">{t('findingStatusSince', { status: t(STATUS_LABEL[finding.status]), date: statusDate.replaceAll('-', '\u2011') })}</dd>
            <dt>{t('findingResponsible')}</dt><dd>{responsible}</dd>
            {!publicOnly && <>
              <dt>{t('findingPriority')}</dt><dd>{t(PRIORITY_LABEL[finding.priority])}</dd>
              <dt>{t('findingDeadline')}</dt>
              <dd>{finding.deadline ?? '–'} {isOverdue(finding, today) && <span className="overdue">{t('followupOverdue')}</span>}</dd>
              <dt>{t('findingPublic')}</dt><dd>{finding.public ? '✓' : '–'}</dd>
            </>}
            {/* A responsible party does not see walks: no walk row rather than a wrong "–". */}
            {!publicOnly && (walk || !finding.walkId) && <>
              <dt>{t('filterWalk')}</dt>
              <dd>{walk ? <button type="button" className="link" onClick={() => appStore.getState().select({ kind: 'walk', id: walk.id }, { focus: true })}>{walk.date} {walk.time}</button> : '–'}</dd>
            </>}
          </dl>
          {!can.local && finding.public && !notSent && (
            <div className="actions"><CopyLink link={findingLink(new URL('./', document.baseURI).toString(), finding.id, lang)} testId="copy-finding-link" /></div>
          )}
          {can.finding(finding) ? (
            <>
              <p className="hint">{t('findingMoveHint')}</p>
              <div className="actions">
                <button type="button" className="secondary" onClick={() => set({ editingFinding: finding.id })}>{t('edit')}</button>
                <button type="button" className="secondary" onClick={() => void deleteFinding(finding)}>{t('delete')}</button>
              </div>
            </>
          ) : !can.status(finding) && <p className="hint">{t('readOnly')}</p>}
        </>
      )}
      {!can.status(finding) ? null : closed ? (
        // A closed finding has one way back: reopened as new, with an optional note saying why.
        <>
          <h3>{t('findingStatus')}</h3>
          {reopening ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-note`}>{t('reopenNote')}</label>
                <input id={`${id}-note`} maxLength={2000} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <div className="actions">
                <button type="button" className="primary" onClick={() => void move('ny')}>{t('reopen')}</button>
                <button type="button" className="secondary" onClick={() => { setReopeningId(null); setNote(''); }}>{t('cancel')}</button>
              </div>
            </>
          ) : (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => { setNote(''); setReopeningId(finding.id); }}>{t('reopen')}</button>
            </div>
          )}
        </>
      ) : (
        <>
          <h3>{t('changeStatus')}</h3>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('statusNote')}</label>
            <input id={`${id}-note`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {finding.public && (
            <label className="toggle">
              <input type="checkbox" checked={notePublic} onChange={(e) => setNotePublic(e.target.checked)} data-testid="note-public" />
              {' '}{t('statusNotePublic')}
            </label>
          )}
          <div className="actions">
            {nextStatuses(finding.status).map((s) => (
              <button key={s} type="button" className="secondary" onClick={() => void move(s)}>{t(STATUS_LABEL[s])}</button>
            ))}
          </div>
        </>
      )}
      <h3>{t('findingHistory')}</h3>
      <ol className="history">
        {finding.history.map((h, i) => (
          <li key={i}><StatusChip status={h.status} /> {stockholmDateTimeText(h.at)}{h.by && <> · {h.by.organisation ? t('eventBy', { name: h.by.name, organisation: h.by.organisation }) : h.by.name}</>}{h.note && <> – <span className="pre">{h.note}</span></>}</li>
        ))}
      </ol>
      {fullViewer && !publicOnly && !finding.example && !notSent && <FindingHistory findingId={finding.id} revision={finding.revision} />}
    </DetailsPanel>
  );
}
