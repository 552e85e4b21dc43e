import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Organisation } from '../domain/accounts';
import {
  FINDING_CATEGORIES, PRIORITIES, RESPONSIBLE_KINDS,
  type Finding, type FindingCategory, type Photo, type Priority, type ResponsibleKind, type Walk,
} from '../domain/walks/types';
import { readPhoto } from './photo';
import { apiClient, photoSrc } from '../state/server-actions';
import { useApp } from '../state/store';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL } from './walk-labels';

export interface FindingInput {
  walkId: string | null;
  category: FindingCategory;
  description: string;
  photo: Photo | null;
  responsible: Finding['responsible'];
  priority: Priority;
  deadline: string | null;
  public: boolean;
}

/**
 * The facts of a finding. Text is kept as plain text: React renders it as text, never as HTML.
 * The category can be chosen first so that the duplicate check can run before anything is typed.
 */
export function FindingForm({ finding, walks, defaultWalkId, onCategory, onSave, onCancel }: {
  finding: Finding | null;
  walks: Walk[];
  defaultWalkId: string | null;
  onCategory?(category: FindingCategory): void;
  onSave(input: FindingInput): void;
  onCancel(): void;
}) {
  const t = useT();
  const id = useId();
  const [walkId, setWalkId] = useState(finding?.walkId ?? defaultWalkId ?? '');
  const [category, setCategory] = useState<FindingCategory>(finding?.category ?? 'belysning');
  const [description, setDescription] = useState(finding?.description ?? '');
  const [photo, setPhoto] = useState<Photo | null>(finding?.photo ?? null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [responsible, setResponsible] = useState<ResponsibleKind>(finding?.responsible.kind ?? 'sdf');
  const [responsibleName, setResponsibleName] = useState(finding?.responsible.name ?? '');
  const [priority, setPriority] = useState<Priority>(finding?.priority ?? 'medel');
  const [deadline, setDeadline] = useState(finding?.deadline ?? '');
  const [isPublic, setPublic] = useState(finding?.public ?? false);
  // On a server a finding can be assigned to an organisation with accounts (they then see it).
  const [organisationId, setOrganisationId] = useState(finding?.responsible.organisationId ?? '');
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  const loggedIn = useApp((s) => s.serverSession?.account != null);
  useEffect(() => {
    const api = apiClient();
    if (!loggedIn || !api) return;
    let current = true;
    api.organisations().then((list) => { if (current) setOrganisations(list); }, () => undefined);
    return () => { current = false; };
  }, [loggedIn]);
  const organisation = organisations?.find((o) => o.id === organisationId);
  const chooseOrganisation = (value: string) => {
    setOrganisationId(value);
    const chosen = organisations?.find((o) => o.id === value);
    if (chosen) setResponsible(chosen.kind);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const named = responsible === 'fastighetsagare' || responsible === 'annan';
    // An assigned organisation is named by its own name (kept when the list could not be loaded).
    const name = organisationId
      ? organisation?.name ?? finding?.responsible.name
      : named && responsibleName.trim() ? responsibleName.trim() : undefined;
    onSave({
      walkId: walkId || null, category, description: description.trim(), photo, priority, public: isPublic,
      deadline: deadline || null,
      responsible: { kind: responsible, ...(name ? { name } : {}), ...(organisationId ? { organisationId } : {}) },
    });
  };
  const choosePhoto = async (file: File | undefined) => {
    setPhotoError(null);
    if (!file) return;
    try {
      setPhoto(await readPhoto(file));
    } catch (error) {
      setPhotoError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <form className="finding-form form" onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="finding-form">
      {/* A new finding's panel already says "Nytt fynd" above the form. */}
      <h3 id={`${id}-h`} className={finding ? undefined : 'sr-only'}>{finding ? t('findingHeading') : t('newFinding')}</h3>
      <div className="field">
        <label htmlFor={`${id}-cat`}>{t('findingCategory')}</label>
        <select id={`${id}-cat`} value={category} onChange={(e) => { setCategory(e.target.value as FindingCategory); onCategory?.(e.target.value as FindingCategory); }}>
          {FINDING_CATEGORIES.map((c) => <option key={c} value={c}>{t(CATEGORY_LABEL[c])}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('findingDescription')}</label>
        <textarea id={`${id}-desc`} required rows={3} maxLength={2000} aria-describedby={`${id}-desc-hint`} value={description} onChange={(e) => setDescription(e.target.value)} />
        <p id={`${id}-desc-hint`} className="hint">{t('findingDescriptionHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-photo`}>{t('findingPhoto')}</label>
        <input id={`${id}-photo`} type="file" accept="image/*" capture="environment" onChange={(e) => void choosePhoto(e.target.files?.[0])} />
        {photoError && <p className="error" role="alert">{photoError}</p>}
        {photo && (
          <div className="photo-preview">
            <img src={photoSrc(photo)} alt={description || t('findingPhoto')} />
            <button type="button" className="link" onClick={() => setPhoto(null)}>{t('findingPhotoRemove')}</button>
          </div>
        )}
      </div>
      <div className="row2">
        <div className="field">
          <label htmlFor={`${id}-resp`}>{t('findingResponsible')}</label>
          <select id={`${id}-resp`} value={responsible} onChange={(e) => setResponsible(e.target.value as ResponsibleKind)}>
            {RESPONSIBLE_KINDS.map((r) => <option key={r} value={r}>{t(RESPONSIBLE_LABEL[r])}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-prio`}>{t('findingPriority')}</label>
          <select id={`${id}-prio`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(PRIORITY_LABEL[p])}</option>)}
          </select>
        </div>
      </div>
      {(organisations?.length || organisationId) ? (
        <div className="field">
          <label htmlFor={`${id}-org`}>{t('findingOrganisation')}</label>
          <select id={`${id}-org`} value={organisationId} onChange={(e) => chooseOrganisation(e.target.value)} aria-describedby={`${id}-org-hint`}>
            <option value="">{t('findingOrganisationNone')}</option>
            {organisationId && !organisation && <option value={organisationId}>{finding?.responsible.name ?? organisationId}</option>}
            {organisations?.map((o) => <option key={o.id} value={o.id}>{o.name} ({t(RESPONSIBLE_LABEL[o.kind])})</option>)}
          </select>
          <p id={`${id}-org-hint`} className="hint">{t('findingOrganisationHint')}</p>
        </div>
      ) : null}
      {!organisationId && (responsible === 'fastighetsagare' || responsible === 'annan') && (
        <div className="field">
          <label htmlFor={`${id}-respname`}>{t('findingResponsibleName')}</label>
          <input id={`${id}-respname`} maxLength={200} value={responsibleName} onChange={(e) => setResponsibleName(e.target.value)} />
        </div>
      )}
      <div className="row2">
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t('findingDeadline')}</label>
          <input id={`${id}-deadline`} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-walk`}>{t('filterWalk')}</label>
          <select id={`${id}-walk`} value={walkId} onChange={(e) => setWalkId(e.target.value)}>
            <option value="">–</option>
            {walks.map((w) => <option key={w.id} value={w.id}>{w.date} {w.time}</option>)}
          </select>
        </div>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} aria-describedby={`${id}-pub-hint`} />
        {' '}{t('findingPublic')}
      </label>
      <p id={`${id}-pub-hint`} className="hint">{t('findingPublicHint')}</p>
      <div className="actions">
        <button type="submit" className="primary">{t('save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
