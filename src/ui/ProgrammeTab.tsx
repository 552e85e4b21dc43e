import { useId, useMemo } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { toCsv } from '../domain/csv';
import type { ProgrammeCatalogue } from '../domain/programme';
import { programmeRows } from '../domain/programme-csv';
import { partnerNames, periodYears } from '../domain/programme-filter';
import { THEME_FAMILIES, type ThemeFamily } from '../domain/theme-family';
import { FAMILY_LABEL } from '../i18n/strings';
import { programmeView } from '../state/derived';
import { appStore, useApp } from '../state/store';
import { downloadText } from './download';
import { GoalList } from './GoalList';
import { locationNamer } from './location-names';
import { useT } from './use-t';

/** Filters, the filtered goals grouped by theme, and the CSV export of exactly those goals. */
export function ProgrammeTab({ index, programme }: { index: AreaIndex; programme: ProgrammeCatalogue }) {
  const t = useT();
  const id = useId();
  const filter = useApp((s) => s.filter);
  const stack = useApp((s) => s.stack);
  const view = programmeView(programme, filter);
  const partners = useMemo(() => partnerNames(programme.goals), [programme]);
  const years = useMemo(() => periodYears(programme.goals), [programme]);
  const set = appStore.getState().setFilter;
  const areasOfDistrict = filter.districtId ? index.priorityAreasOf(filter.districtId) : index.districts.flatMap((d) => index.priorityAreasOf(d.properties.id));
  const stackGoals = stack ? programme.goals.filter((g) => stack.includes(g.id)) : [];

  const exportCsv = () => {
    const rows = programmeRows(view.goals, locationNamer(index, programme));
    downloadText(toCsv(rows), `omradeskartan-mal-och-atgarder.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <div className="programme-tab">
      {stack && (
        <section className="stack" aria-labelledby={`${id}-stack`}>
          <div className="details-head">
            <h2 id={`${id}-stack`}>{t('stackHeading', { n: stackGoals.length })}</h2>
            <button type="button" className="close" aria-label={t('closeStack')} onClick={() => appStore.getState().setStack(null)}>×</button>
          </div>
          <GoalList goals={stackGoals} index={index} programme={programme} />
        </section>
      )}
      <form className="filters" aria-labelledby={`${id}-filters`} onSubmit={(e) => e.preventDefault()}>
        <h2 id={`${id}-filters`}>{t('filterHeading')}</h2>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('filterSearch')}</label>
          <input
            id={`${id}-q`} type="search" value={filter.query ?? ''} aria-describedby={`${id}-hint`}
            onChange={(e) => set({ query: e.target.value || undefined })}
          />
        </div>
        <p id={`${id}-hint`} className="hint">{t('filterSearchHint')}</p>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={`${id}-filterDistrict`}>{t('filterDistrict')}</label>
            <select id={`${id}-filterDistrict`} value={filter.districtId ?? ''} onChange={(e) => set({ districtId: e.target.value || undefined, priorityAreaId: undefined })}>
              <option value="">{t('all')}</option>
              {index.districts.map((d) => <option key={d.properties.id} value={d.properties.id}>{d.properties.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-filterPriorityArea`}>{t('filterPriorityArea')}</label>
            <select id={`${id}-filterPriorityArea`} value={filter.priorityAreaId ?? ''} onChange={(e) => set({ priorityAreaId: e.target.value || undefined })}>
              <option value="">{t('all')}</option>
              {areasOfDistrict.map((a) => <option key={a.properties.id} value={a.properties.id}>{a.properties.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-filterTheme`}>{t('filterTheme')}</label>
            <select id={`${id}-filterTheme`} value={filter.family ?? ''} onChange={(e) => set({ family: (e.target.value || undefined) as ThemeFamily | undefined })}>
              <option value="">{t('all')}</option>
              {THEME_FAMILIES.map((f) => <option key={f} value={f}>{t(FAMILY_LABEL[f])}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-filterYear`}>{t('filterYear')}</label>
            <select id={`${id}-filterYear`} value={filter.year?.toString() ?? ''} onChange={(e) => set({ year: e.target.value ? Number(e.target.value) : undefined })}>
              <option value="">{t('all')}</option>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
          <div className="field wide">
            <label htmlFor={`${id}-filterPartner`}>{t('filterPartner')}</label>
            <select id={`${id}-filterPartner`} value={filter.partner ?? ''} onChange={(e) => set({ partner: e.target.value || undefined })}>
              <option value="">{t('all')}</option>
              {partners.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </div>
        </div>
        <div className="filter-actions">
          <p className="result-count" role="status" data-testid="result-count">
            {t('resultCount', { goals: view.goals.length, measures: view.measureCount })}
          </p>
          <button type="button" className="secondary" onClick={() => appStore.getState().clearFilter()} disabled={Object.keys(filter).length === 0}>
            {t('clearFilters')}
          </button>
          <button type="button" className="primary" onClick={exportCsv} disabled={view.goals.length === 0}>{t('exportCsv')}</button>
        </div>
      </form>
      {view.goals.length === 0 ? <p>{t('noResults')}</p> : <GoalList goals={view.goals} index={index} programme={programme} />}
    </div>
  );
}
