import { useEffect, useId, useRef, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { Finding, StatusChange, Walk } from '../domain/walks/types';
import type { MessageKey } from '../i18n/strings';
import { resolveConflict } from '../state/walk-actions';
import { useApp } from '../state/store';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

type AnyRecord = Walk | Finding;

const FINDING_FIELDS: [keyof Finding, MessageKey][] = [
  ['description', 'fieldDescription'], ['category', 'fieldCategory'], ['status', 'fieldStatus'], ['priority', 'fieldPriority'],
  ['responsible', 'fieldResponsible'], ['deadline', 'fieldDeadline'], ['public', 'fieldPublic'], ['position', 'fieldPosition'],
  ['photo', 'fieldPhoto'], ['walkId', 'fieldWalk'],
];
const WALK_FIELDS: [keyof Walk, MessageKey][] = [
  ['date', 'fieldDate'], ['time', 'fieldTime'], ['area', 'fieldArea'], ['organiser', 'fieldOrganiser'],
  ['participants', 'fieldParticipants'], ['notes', 'fieldNotes'], ['route', 'fieldRoute'],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields in which the two versions differ. */
export function differingFields(entity: 'walk' | 'finding', theirs: AnyRecord, mine: AnyRecord): [string, MessageKey][] {
  const fields = (entity === 'walk' ? WALK_FIELDS : FINDING_FIELDS) as [string, MessageKey][];
  return fields.filter(([f]) => !same((theirs as unknown as Record<string, unknown>)[f], (mine as unknown as Record<string, unknown>)[f]));
}

/**
 * Theirs with the fields picked from mine. A status picked from mine brings my status changes
 * after theirs, so that the history only grows and ends in that status.
 */
export function mergeRecords(theirs: AnyRecord, mine: AnyRecord, fromMine: Set<string>): AnyRecord {
  const out = { ...theirs } as unknown as Record<string, unknown>;
  for (const f of fromMine) out[f] = (mine as unknown as Record<string, unknown>)[f];
  if (fromMine.has('status') && 'history' in theirs && 'history' in mine) {
    const key = (h: StatusChange) => `${h.at}|${h.status}`;
    const known = new Set(theirs.history.map(key));
    const added = mine.history.filter((h) => !known.has(key(h)));
    out.history = [...theirs.history, ...added];
    out.status = added.length > 0 ? added[added.length - 1]!.status : theirs.status;
  }
  return out as unknown as AnyRecord;
}

/**
 * A change refused as stale: both versions side by side, field by field where they differ; keep
 * theirs, keep mine (saved on the stored revision), or pick per field. A modal <dialog>: focus
 * stays inside, Escape closes (theirs then stands, as the dialog says).
 */
export function ConflictDialog({ index }: { index: AreaIndex | null }) {
  const t = useT();
  const id = useId();
  const conflict = useApp((s) => s.conflict);
  const walks = useApp((s) => s.walkData.walks);
  const ref = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState<Record<string, 'theirs' | 'mine'>>({});
  const [forKey, setForKey] = useState('');

  const key = conflict ? `${conflict.entity}:${conflict.id}:${conflict.stored?.revision ?? 'x'}` : '';
  if (key !== forKey) {
    setForKey(key);
    setPicked({});
  }

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (conflict && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('h2')?.focus();
    }
    if (!conflict && dialog.open) dialog.close();
  }, [conflict]);

  if (!conflict) return <dialog ref={ref} className="modal" aria-labelledby={`${id}-h`}><h2 id={`${id}-h`} tabIndex={-1} /></dialog>;

  const theirs = conflict.stored as AnyRecord | null;
  const mine = conflict.attempted as AnyRecord | null;
  const rows = theirs && mine ? differingFields(conflict.entity, theirs, mine) : [];

  const show = (field: string, record: AnyRecord): string => {
    const v = (record as unknown as Record<string, unknown>)[field];
    if (v === null || v === undefined || v === '') return '–';
    switch (field) {
      case 'category': return t(CATEGORY_LABEL[v as Finding['category']]);
      case 'status': return t(STATUS_LABEL[v as Finding['status']]);
      case 'priority': return t(PRIORITY_LABEL[v as Finding['priority']]);
      case 'responsible': {
        const r = v as Finding['responsible'];
        return `${t(RESPONSIBLE_LABEL[r.kind])}${r.name ? `: ${r.name}` : ''}`;
      }
      case 'public': return v ? '✓' : '–';
      case 'position': {
        const p = v as [number, number];
        return `${p[1].toFixed(5)}, ${p[0].toFixed(5)}`;
      }
      case 'photo': return (v as Finding['photo'])?.name ?? '–';
      case 'walkId': {
        const w = walks.find((x) => x.id === v);
        return w ? `${w.date} ${w.time}` : String(v);
      }
      case 'area': {
        const a = v as Walk['area'];
        return index?.find(a.kind, a.id)?.properties.name ?? a.id;
      }
      case 'participants': return (v as string[]).join(', ') || '–';
      case 'route': return t('routePoints', { n: (v as unknown[]).length });
      default: return String(v);
    }
  };

  const close = () => void resolveConflict({ keep: 'theirs' });
  const keepPicked = () => {
    if (!theirs || !mine) return;
    const fromMine = new Set(rows.filter(([f]) => picked[f] === 'mine').map(([f]) => f));
    void resolveConflict({ keep: 'mine', record: mergeRecords(theirs, mine, fromMine) });
  };

  return (
    <dialog ref={ref} className="modal conflict-dialog" aria-labelledby={`${id}-h`} aria-describedby={`${id}-d`}
      onCancel={(e) => { e.preventDefault(); close(); }} data-testid="conflict-dialog">
      <h2 id={`${id}-h`} tabIndex={-1}>{t('conflictHeading')}</h2>
      <p id={`${id}-d`}>
        {!theirs ? t('conflictDeletedTheirs') : !mine ? t('conflictDeletedMine') : t('conflictIntro')}
      </p>
      {theirs && mine && (
        <div className="conflict-table-wrap">
          <table className="conflict-table">
            <thead>
              <tr><th scope="col">{t('conflictField')}</th><th scope="col">{t('conflictTheirs')}</th><th scope="col">{t('conflictMine')}</th></tr>
            </thead>
            <tbody>
              {rows.map(([field, label]) => (
                <tr key={field} data-field={field}>
                  <th scope="row">{t(label)}</th>
                  {(['theirs', 'mine'] as const).map((side) => (
                    <td key={side} className={(picked[field] ?? 'theirs') === side ? 'chosen' : undefined}>
                      <label>
                        <input type="radio" name={`${id}-${field}`} checked={(picked[field] ?? 'theirs') === side}
                          aria-label={`${t('conflictPick', { field: t(label).toLowerCase() })}: ${side === 'theirs' ? t('conflictTheirs') : t('conflictMine')}`}
                          onChange={() => setPicked((p) => ({ ...p, [field]: side }))} />{' '}
                        <span><span className="conflict-side">{side === 'theirs' ? t('conflictTheirs') : t('conflictMine')}: </span>
                          <span className="pre">{show(field, side === 'theirs' ? theirs : mine)}</span></span>
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!theirs && mine && <p className="pre conflict-single">{'description' in mine ? mine.description : ''}</p>}
      <p className="hint">{t('conflictClosing')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={close}>{t('conflictKeepTheirs')}</button>
        {mine && <button type="button" className="secondary" onClick={() => void resolveConflict({ keep: 'mine', record: mine })}>{theirs ? t('conflictKeepMine') : t('conflictRestoreMine')}</button>}
        {!mine && theirs && <button type="button" className="secondary" onClick={() => void resolveConflict({ keep: 'mine', record: null })}>{t('conflictDeleteAnyway')}</button>}
        {theirs && mine && rows.length > 1 && <button type="button" className="primary" onClick={keepPicked}>{t('conflictKeepPicked')}</button>}
      </div>
    </dialog>
  );
}
