import { useMemo, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { initiativesFromFindings, initiativesFromProgramme, nearest, type Initiative } from '../domain/nearby';
import { areaSearchEntries, type SearchEntry } from '../domain/search';
import { checkPosition } from '../domain/walks/coordinates';
import type { AreasBundle } from '../domain/types';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { SiteCollection } from '../domain/sites';
import { formatNumber, type MessageKey } from '../i18n/strings';
import { NEAR_RADII } from '../state/url-state';
import { appStore, useApp } from '../state/store';
import { areaLookup } from '../state/walk-actions';
import { PlaceNames } from './FindingDetails';
import { SearchBox } from './SearchBox';
import { useT } from './use-t';

const KIND_LABEL: Record<Initiative['kind'], MessageKey> = {
  goal: 'nearKindGoal', measure: 'nearKindMeasure', site: 'nearKindSite', finding: 'nearKindFinding',
};

/** "What is being done near me": a point by search, position or map, and what lies within the radius. */
export function NearTab({ index, bundle, programme, sites }: { index: AreaIndex; bundle: AreasBundle; programme: ProgrammeCatalogue; sites: SiteCollection }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const near = useApp((s) => s.near);
  const walkData = useApp((s) => s.walkData);
  const [position, setPosition] = useState<'idle' | 'explain' | 'waiting' | { problem: string }>('idle');
  const set = appStore.getState().set;
  const entries = useMemo<SearchEntry[]>(() => [
    ...areaSearchEntries(bundle, programme.places),
    ...sites.features.map((f) => ({ kind: 'site', id: f.properties.id, name: f.properties.name, context: f.properties.stadsdel })),
  ], [bundle, programme, sites]);
  const programmeInitiatives = useMemo(() => initiativesFromProgramme(programme), [programme]);
  const siteInitiatives = useMemo<Initiative[]>(() => sites.features.map((s) => ({
    kind: 'site', id: s.properties.id, title: s.properties.name, position: s.geometry.coordinates as [number, number],
  })), [sites]);
  const findingInitiatives = useMemo(() => initiativesFromFindings(walkData.findings), [walkData.findings]);
  const radius = near?.radiusM ?? 500;
  const radiusText = radius >= 1000 ? t('radiusKm', { km: formatNumber(lang, radius / 1000, 0) }) : t('radiusValue', { m: radius });
  const distance = (m: number) => (m >= 1000 ? t('nearDistanceKm', { km: formatNumber(lang, m / 1000, 1) }) : t('nearDistance', { m: Math.round(m) }));

  const results = near ? nearest(near.point, [...programmeInitiatives, ...siteInitiatives, ...findingInitiatives], radius, { limit: 50 }) : [];
  const place = near ? areaLookup()?.locate(near.point) : undefined;
  const areaWide = place?.districtId ? programme.goals.filter((g) => g.locations.includes(`district:${place.districtId}`)).length : 0;

  const chooseEntry = (entry: SearchEntry) => {
    const at = entry.kind === 'place' ? programme.places.find((p) => p.id === entry.id)?.position
      : entry.kind === 'site' ? sites.features.find((s) => s.properties.id === entry.id)?.geometry.coordinates as [number, number] | undefined
        : bundle.labels.features.find((l) => l.properties.kind === entry.kind && l.properties.id === entry.id)?.geometry.coordinates as [number, number] | undefined;
    if (!at) return;
    set({ near: { point: at, how: 'search', label: entry.name, radiusM: radius } });
    appStore.getState().select({ kind: entry.kind as 'district', id: entry.id }, { focus: true });
  };
  const askPosition = () => {
    if (!('geolocation' in navigator)) {
      setPosition({ problem: t('positionUnavailable') });
      return;
    }
    setPosition('waiting');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const check = checkPosition([p.coords.longitude, p.coords.latitude]);
        if (!check.ok) {
          setPosition({ problem: t('positionOutside') });
          return;
        }
        setPosition('idle');
        set({ near: { point: check.value, how: 'position', radiusM: radius } });
      },
      (error) => setPosition({ problem: t('positionDenied', { reason: error.message || String(error.code) }) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div className="near-tab">
      <h2>{t('nearHeading')}</h2>
      <p>{t('nearIntro')}</p>
      <SearchBox entries={entries} onChoose={chooseEntry} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => setPosition('explain')}>{t('usePosition')}</button>
        <button type="button" className="secondary" onClick={() => set({ mapMode: 'pick-point' })}>{t('pickOnMap')}</button>
      </div>
      {position === 'explain' && (
        <div className="banner info" role="dialog" aria-label={t('usePosition')}>
          <p>{t('positionExplain')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={askPosition}>{t('positionContinue')}</button>
            <button type="button" className="secondary" onClick={() => setPosition('idle')}>{t('cancel')}</button>
          </div>
        </div>
      )}
      {position === 'waiting' && <p role="status">{t('positionWaiting')}</p>}
      {typeof position === 'object' && <p className="banner warn" role="alert" data-testid="position-problem">{position.problem}</p>}
      <div className="field">
        <label htmlFor="near-radius">{t('radius')}</label>
        <select id="near-radius" value={radius} onChange={(e) => near && set({ near: { ...near, radiusM: Number(e.target.value) } })} disabled={!near}>
          {NEAR_RADII.map((r) => <option key={r} value={r}>{r >= 1000 ? t('radiusKm', { km: r / 1000 }) : t('radiusValue', { m: r })}</option>)}
        </select>
      </div>
      {near && (
        <section aria-labelledby="near-results" data-testid="near-results">
          <h3 id="near-results">{near.label ?? t('myPoint')}</h3>
          <p><strong>{t('nearPointIn')}:</strong> {place ? <PlaceNames place={place} index={index} /> : '–'}</p>
          <p role="status">{results.length === 0 ? t('nearNone', { radius: radiusText }) : t('nearCount', { n: results.length, radius: radiusText })}</p>
          <ol className="near-list">
            {results.map(({ initiative, distanceM }) => (
              <li key={`${initiative.kind}:${initiative.id}`}>
                <button type="button" onClick={() => {
                  const kind = initiative.kind === 'measure' ? 'goal' : initiative.kind;
                  appStore.getState().select({ kind, id: initiative.goalId ?? initiative.id }, { focus: true });
                }}>
                  <span className="kindlabel">{t(KIND_LABEL[initiative.kind])}</span> · <span className="distance">{distance(distanceM)}</span>
                  <span className="near-title" lang="sv">{initiative.title}</span>
                </button>
              </li>
            ))}
          </ol>
          {areaWide > 0 && place?.districtId && (
            <p>
              {t('nearAreaWide', { n: areaWide, district: index.district(place.districtId)?.properties.name ?? '' })}{' '}
              <button type="button" className="link" onClick={() => { appStore.getState().setFilter({ districtId: place.districtId! }); appStore.getState().setTab('programme'); }}>
                {t('nearShowAreaWide')}
              </button>
            </p>
          )}
          <button type="button" className="secondary" onClick={() => set({ near: null })}>{t('clearNear')}</button>
        </section>
      )}
    </div>
  );
}
