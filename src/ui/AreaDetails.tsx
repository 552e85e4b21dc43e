import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { AreaKind, AreasBundle } from '../domain/types';
import { WalkIndicatorsBlock } from './WalkIndicatorsBlock';
import { AreaFindings } from './AreaFindings';
import { programmeView } from '../state/derived';
import { GoalList } from './GoalList';
import { formatNumber } from '../i18n/strings';
import { appStore, useApp } from '../state/store';
import { SourceNote } from './SourceNote';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';

type Choose = (kind: AreaKind, id: string) => void;

/** What is known about the selected district, stadsdel or priority area, with its source. */
export function AreaDetails({ index, programme, bundle, selection }: {
  index: AreaIndex; programme: ProgrammeCatalogue; bundle: AreasBundle; selection: { kind: AreaKind; id: string };
}) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const choose: Choose = (kind, id) => appStore.getState().select({ kind, id }, { focus: true });
  const km2 = (n: number) => t('km2', { n: formatNumber(lang, n) });

  const filter = useApp((s) => s.filter);
  const key = `${selection.kind}:${selection.id}`;
  const goals = programmeView(programme, filter).goals.filter((g) => g.areaKeys.includes(key));

  const feature = index.find(selection.kind, selection.id);
  if (!feature) return null;
  const districtLink = (id: string) => {
    const d = index.district(id);
    return d ? <button type="button" className="link" onClick={() => choose('district', id)}>{d.properties.name}</button> : id;
  };

  let kindLabel: string;
  let body: React.ReactNode;
  if (selection.kind === 'priorityArea') {
    const p = index.priorityArea(selection.id)!.properties;
    const parent = index.stadsdel(p.stadsdelId);
    kindLabel = t('kindPriorityArea');
    body = (
      <>
        <dl>
          <dt>{t('district')}</dt><dd>{districtLink(p.districtId)}</dd>
          <dt>{t('area')}</dt><dd>{km2(p.areaKm2)}</dd>
          <dt>{t('consistsOf')}</dt>
          <dd>
            {p.approximate
              ? <><strong className="approximate">{t('approximate', { name: parent?.properties.name ?? p.stadsdelId })}</strong>{p.note && <span className="note" lang="sv"> {p.note}</span>}</>
              : <>{t('wholeStadsdel', { name: parent?.properties.name ?? p.stadsdelId })}{p.note && <span className="note" lang="sv"> {p.note}</span>}</>}
          </dd>
        </dl>
        <SourceNote source={p.source} index={index} />
      </>
    );
  } else if (selection.kind === 'district') {
    const d = index.district(selection.id)!.properties;
    const areas = index.priorityAreasOf(d.id);
    kindLabel = t('kindDistrict');
    body = (
      <>
        <dl>
          <dt>{t('area')}</dt><dd>{km2(d.areaKm2)}</dd>
        </dl>
        {d.mergedInto && <p>{t('mergedInto', { name: d.mergedInto.name, date: d.mergedInto.date })}</p>}
        <h3>{t('priorityAreas')}</h3>
        {areas.length > 0 ? (
          <AreaLinks kind="priorityArea" areas={areas.map((a) => a.properties)} />
        ) : (
          <>
            <p>{t('noPriorityArea')}</p>
            {d.noPriorityArea && <SourceNote source={d.noPriorityArea} index={index} />}
          </>
        )}
        {programme.partnersByDistrict.filter((p) => p.districtId === d.id).map((p) => (
          <div key={p.source.section}>
            <h3>{t('partners')}</h3>
            <p lang="sv">{p.partners.join(', ')}</p>
            <SourceNote source={p.source} index={index} />
          </div>
        ))}
        <h3>{t('stadsdelar', { n: d.stadsdelIds.length })}</h3>
        <AreaLinks kind="stadsdel" areas={d.stadsdelIds.map((id) => ({ id, name: index.stadsdel(id)?.properties.name ?? id }))} />
      </>
    );
  } else {
    const s = index.stadsdel(selection.id)!.properties;
    const areas = index.priorityAreasOf(s.districtId).filter((a) => a.properties.stadsdelId === s.id);
    kindLabel = t('kindStadsdel');
    body = (
      <>
        <dl>
          <dt>{t('district')}</dt><dd>{districtLink(s.districtId)}</dd>
          <dt>{t('area')}</dt><dd>{km2(s.areaKm2)}</dd>
        </dl>
        {areas.length > 0 && (
          <>
            <h3>{t('priorityAreas')}</h3>
            <AreaLinks kind="priorityArea" areas={areas.map((a) => a.properties)} />
          </>
        )}
      </>
    );
  }

  return (
    <DetailsPanel kind={kindLabel} title={feature.properties.name}>
      {body}
      <WalkIndicatorsBlock area={selection} bundle={bundle} index={index} />
      <AreaFindings area={selection} index={index} />
      <h3>{t('areaGoals', { n: goals.length })}</h3>
      <p className="hint">{t('areaGoalsFiltered')}</p>
      {goals.length > 0 ? <GoalList goals={goals} index={index} programme={programme} headingLevel={4} /> : <p>{t('areaGoalsNone')}</p>}
    </DetailsPanel>
  );
}

/** Areas as a row of links; choosing one opens its panel and moves the map to it. */
function AreaLinks({ kind, areas }: { kind: AreaKind; areas: { id: string; name: string }[] }) {
  return (
    <ul className="chips">
      {areas.map((a) => (
        <li key={a.id}>
          <button type="button" className="link" onClick={() => appStore.getState().select({ kind, id: a.id }, { focus: true })}>{a.name}</button>
        </li>
      ))}
    </ul>
  );
}
