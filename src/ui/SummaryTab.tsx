import { useId, useMemo, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import { THEME_FAMILIES } from '../domain/theme-family';
import type { AreaKind, AreasBundle } from '../domain/types';
import { FAMILY_LABEL } from '../i18n/strings';
import { programmeView, summarise } from '../state/derived';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

type SortKey = 'name' | 'goals' | 'measures';
const LEVELS: { kind: AreaKind; label: 'levelDistrict' | 'levelStadsdel' | 'levelPriorityArea' }[] = [
  { kind: 'district', label: 'levelDistrict' },
  { kind: 'stadsdel', label: 'levelStadsdel' },
  { kind: 'priorityArea', label: 'levelPriorityArea' },
];

/** Goal and measure counts per area (with the current filters), as a sortable table and a choropleth. */
export function SummaryTab({ index, programme, bundle }: { index: AreaIndex; programme: ProgrammeCatalogue; bundle: AreasBundle }) {
  const t = useT();
  const id = useId();
  const filter = useApp((s) => s.filter);
  const choropleth = useApp((s) => s.choropleth);
  const metric = useApp((s) => s.metric);
  const [level, setLevel] = useState<AreaKind>(choropleth ?? 'priorityArea');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'goals', descending: true });
  const view = programmeView(programme, filter);
  const summary = useMemo(() => summarise(bundle, view.goals, level), [bundle, view.goals, level]);

  const rows = [...summary.counts].map(([areaId, c]) => {
    const top = THEME_FAMILIES.filter((f) => c.byFamily[f] > 0).sort((a, b) => c.byFamily[b] - c.byFamily[a])[0];
    return { areaId, name: index.find(level, areaId)?.properties.name ?? areaId, ...c, top };
  });
  rows.sort((a, b) => {
    const order = sort.key === 'name' ? a.name.localeCompare(b.name, 'sv') : a[sort.key] - b[sort.key] || a.name.localeCompare(b.name, 'sv');
    return sort.descending && sort.key !== 'name' ? -order : sort.descending ? -order : order;
  });
  const chooseLevel = (kind: AreaKind) => {
    setLevel(kind);
    if (choropleth) appStore.getState().setChoropleth(kind);
  };
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'name' }))}>
        {label} <span aria-hidden="true">{sort.key === key ? (sort.descending ? '▼' : '▲') : '↕'}</span>
      </button>
    </th>
  );

  return (
    <div className="summary-tab">
      <h2 id={`${id}-h`}>{t('choroplethHeading')}</h2>
      <p className="result-count">{t('resultCount', { goals: view.goals.length, measures: view.measureCount })}</p>
      <fieldset className="levels">
        <legend>{t('choroplethLevel')}</legend>
        {LEVELS.map((l) => (
          <label key={l.kind}>
            <input type="radio" name={`${id}-level`} checked={level === l.kind} onChange={() => chooseLevel(l.kind)} /> {t(l.label)}
          </label>
        ))}
      </fieldset>
      <fieldset className="levels">
        <legend>{t('metric')}</legend>
        {(['goals', 'measures'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-metric`} checked={metric === m} onChange={() => appStore.getState().setMetric(m)} />
            {' '}{t(m === 'goals' ? 'tableGoals' : 'tableMeasures')}
          </label>
        ))}
      </fieldset>
      <label className="toggle">
        <input
          type="checkbox" checked={choropleth !== null}
          onChange={(e) => appStore.getState().setChoropleth(e.target.checked ? level : null)}
        />
        {' '}{t('choroplethShow')}
      </label>
      <table className="summary-table" aria-describedby={`${id}-caption`}>
        <caption id={`${id}-caption`}>{t('tableCaption')}</caption>
        <thead>
          <tr>{header('name', t('tableArea'))}{header('goals', t('tableGoals'))}{header('measures', t('tableMeasures'))}<th scope="col">{t('tableTopTheme')}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.areaId}>
              <th scope="row">
                <button type="button" className="link" onClick={() => appStore.getState().select({ kind: level, id: r.areaId }, { focus: true })}>{r.name}</button>
              </th>
              <td>{r.goals}</td>
              <td>{r.measures}</td>
              <td>{r.top ? t(FAMILY_LABEL[r.top]) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
