import { useId, useState, type FormEvent } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { Walk } from '../domain/walks/types';
import { useT } from './use-t';

export interface WalkInput {
  date: string;
  time: string;
  area: Walk['area'];
  organiser: string;
  participants: string[];
  notes: string;
}

/** Creates or edits a walk's facts; the route is drawn on the map separately. */
export function WalkForm({ walk, index, defaultArea, onSave, onCancel }: {
  walk: Walk | null;
  index: AreaIndex;
  defaultArea?: Walk['area'];
  onSave(input: WalkInput): void;
  onCancel(): void;
}) {
  const t = useT();
  const id = useId();
  const today = new Date().toISOString().slice(0, 10);
  const [date, setDate] = useState(walk?.date ?? today);
  const [time, setTime] = useState(walk?.time ?? '19:00');
  const initialArea = walk?.area ?? defaultArea ?? { kind: 'priorityArea' as const, id: index.districts[0] ? index.priorityAreasOf(index.districts[0].properties.id)[0]?.properties.id ?? '' : '' };
  const [area, setArea] = useState(`${initialArea.kind}:${initialArea.id}`);
  const [organiser, setOrganiser] = useState(walk?.organiser ?? '');
  const [participants, setParticipants] = useState((walk?.participants ?? []).join('\n'));
  const [notes, setNotes] = useState(walk?.notes ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [kind, areaId] = area.split(':') as ['priorityArea' | 'stadsdel', string];
    onSave({
      date, time, area: { kind, id: areaId }, organiser: organiser.trim(), notes: notes.trim(),
      participants: [...new Set(participants.split(/\n|,/).map((p) => p.trim()).filter(Boolean))],
    });
  };
  const stadsdelar = index.districts.flatMap((d) => d.properties.stadsdelIds.map((s) => index.stadsdel(s)!)).sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'sv'));
  const areas = index.districts.flatMap((d) => index.priorityAreasOf(d.properties.id));

  return (
    <form className="walk-form form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{walk ? t('editWalk') : t('newWalk')}</h3>
      <div className="row2">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('walkDate')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('walkTime')}</label>
          <input id={`${id}-time`} type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-area`}>{t('walkArea')}</label>
        <select id={`${id}-area`} required value={area} onChange={(e) => setArea(e.target.value)}>
          <optgroup label={t('priorityAreas')}>
            {areas.map((a) => <option key={a.properties.id} value={`priorityArea:${a.properties.id}`}>{a.properties.name}</option>)}
          </optgroup>
          <optgroup label={t('levelStadsdel')}>
            {stadsdelar.map((s) => <option key={s.properties.id} value={`stadsdel:${s.properties.id}`}>{s.properties.name}</option>)}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('walkOrganiser')}</label>
        <input id={`${id}-org`} required maxLength={200} value={organiser} onChange={(e) => setOrganiser(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-part`}>{t('walkParticipants')}</label>
        <textarea id={`${id}-part`} rows={3} aria-describedby={`${id}-part-hint`} value={participants} onChange={(e) => setParticipants(e.target.value)} />
        <p id={`${id}-part-hint`} className="hint">{t('walkParticipantsHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('walkNotes')}</label>
        <textarea id={`${id}-notes`} rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">{t('saveWalk')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
