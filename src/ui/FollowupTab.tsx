import { useId, useMemo, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { isOverdue } from '../domain/walks/status';
import { stockholmDate } from '../domain/walks/stockholm-time';
import { FINDING_CATEGORIES, FINDING_STATUSES, RESPONSIBLE_KINDS, type Finding } from '../domain/walks/types';
import { appStore, useApp } from '../state/store';
import { StatusChip } from './StatusChip';
import { useT } from './use-t';
import { CATEGORY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

const DAY_MS = 86_400_000;
/** Rows drawn at a time: a district's years of walks can hold tens of thousands of findings. */
const PAGE = 200;

/** Findings to follow up: by status, responsible party and age, filtered; overdue ones first and marked. */
export function FollowupTab({ index }: { index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const walkData = useApp((s) => s.walkData);
  const filter = useApp((s) => s.followupFilter);
  const setFilter = (change: Partial<typeof filter>) => appStore.getState().set({ followupFilter: { ...filter, ...change } });
  const today = stockholmDate(new Date().toISOString()) ?? '';
  const matches = (f: Finding) =>
    (!filter.walkId || f.walkId === filter.walkId) && (!filter.category || f.category === filter.category) &&
    (!filter.status || f.status === filter.status) &&
    (!filter.area || f.districtId === filter.area || f.priorityAreaIds.includes(filter.area));
  const [shown, setShown] = useState(PAGE);
  // Sorted once per change of the records (overdue first, then oldest); a filter only filters.
  const sorted = useMemo(() => {
    const overdue = new Set(walkData.findings.filter((f) => isOverdue(f, today)).map((f) => f.id));
    return [...walkData.findings].sort((a, b) =>
      Number(overdue.has(b.id)) - Number(overdue.has(a.id)) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }, [walkData.findings, today]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- matches is derived from filter
  const findings = useMemo(() => sorted.filter(matches), [sorted, filter]);
  const byStatus = new Map<string, number>();
  const byResponsible = new Map<string, number>();
  for (const f of findings) {
    byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
    byResponsible.set(f.responsible.kind, (byResponsible.get(f.responsible.kind) ?? 0) + 1);
  }
  const count = <K extends string>(keys: readonly K[], counts: Map<string, number>) =>
    keys.map((k) => [k, counts.get(k) ?? 0] as const).filter(([, n]) => n > 0);
  const select = (label: string, key: keyof typeof filter, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={filter[key] ?? ''} onChange={(e) => setFilter({ [key]: e.target.value || undefined })}>
        <option value="">{t('all')}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );

  return (
    <div className="followup-tab form-plain">
      <h2>{t('followupHeading')}</h2>
      <div className="filter-grid filters">
        {select(t('filterDistrict'), 'area', [
          ...index.districts.map((d) => [d.properties.id, d.properties.name] as [string, string]),
          ...index.districts.flatMap((d) => index.priorityAreasOf(d.properties.id)).map((a) => [a.properties.id, `· ${a.properties.name}`] as [string, string]),
        ])}
        {select(t('filterWalk'), 'walkId', walkData.walks.map((w) => [w.id, `${w.date} ${index.find(w.area.kind, w.area.id)?.properties.name ?? ''}`]))}
        {select(t('filterCategory'), 'category', FINDING_CATEGORIES.map((c) => [c, t(CATEGORY_LABEL[c])]))}
        {select(t('filterStatus'), 'status', FINDING_STATUSES.map((s) => [s, t(STATUS_LABEL[s])]))}
      </div>
      <h3>{t('followupByStatus')}</h3>
      <ul className="counts">{count(FINDING_STATUSES, byStatus).map(([s, n]) => <li key={s}><StatusChip status={s} /> {n}</li>)}</ul>
      <h3>{t('followupByResponsible')}</h3>
      <ul className="counts">{count(RESPONSIBLE_KINDS, byResponsible).map(([r, n]) => <li key={r}>{t(RESPONSIBLE_LABEL[r])}: {n}</li>)}</ul>
      {findings.length === 0 ? <p>{t('followupNone')}</p> : (
        <table className="followup-table" data-testid="followup-table">
          <thead>
            <tr><th scope="col">{t('findingCategory')}</th><th scope="col">{t('findingResponsible')}</th><th scope="col">{t('findingStatus')}</th><th scope="col">{t('followupAge')}</th><th scope="col">{t('findingDeadline')}</th></tr>
          </thead>
          <tbody>
            {findings.slice(0, shown).map((f) => {
              const overdue = isOverdue(f, today);
              return (
                <tr key={f.id} className={overdue ? 'is-overdue' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => appStore.getState().select({ kind: 'finding', id: f.id }, { focus: true })}>{t(CATEGORY_LABEL[f.category])}</button>
                    <div className="meta">{f.description.slice(0, 80)}</div>
                  </td>
                  <td>{t(RESPONSIBLE_LABEL[f.responsible.kind])}{f.responsible.name ? `: ${f.responsible.name}` : ''}</td>
                  <td><StatusChip status={f.status} /></td>
                  <td>{t('followupDays', { n: Math.max(0, Math.floor((Date.now() - Date.parse(f.createdAt)) / DAY_MS)) })}</td>
                  <td>{f.deadline ?? '–'}{overdue && <div className="overdue">{t('followupOverdue')}</div>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {findings.length > shown && (
        <p>
          {t('showingRows', { shown, total: findings.length })}{' '}
          <button type="button" className="secondary" onClick={() => setShown((n) => n + PAGE * 5)}>{t('showMore')}</button>
        </p>
      )}
    </div>
  );
}
