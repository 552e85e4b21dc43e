import { useEffect, useMemo, useRef, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { initiativeKey, initiativesFromFindings, initiativesFromProgramme, nearest, type Initiative } from '../domain/nearby';
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

/**
 * What to tell the user when the browser gives no position (GeolocationPositionError.code):
 * what happened and what to do instead, in the interface language. The browser's own message
 * (English, technical) is never shown.
 */
function positionProblemKey(code: number, secureContext: boolean): MessageKey {
  if (!secureContext) return 'positionInsecure';
  if (code === 1) return 'positionDenied';
  if (code === 3) return 'positionTimeout';
  return 'positionFailed';
}

/** The point whose results were last brought into view, so that a remount or a new radius does not scroll again. */
let shownPoint: unknown = null;

/**
 * Brings the results of a newly chosen point to the top of the panel's view (below the sticky
 * tabs), where a chosen area's details above them or the map and the search on a phone would
 * otherwise keep them a screen or more further down.
 */
function bringIntoView(section: HTMLElement) {
  const tabs = document.querySelector<HTMLElement>('.tabs');
  const covered = tabs && getComputedStyle(tabs).position === 'sticky' ? Math.ceil(tabs.getBoundingClientRect().height) : 0;
  section.style.scrollMarginTop = `${covered + 8}px`;
  const top = section.getBoundingClientRect().top;
  if (top < covered || top > window.innerHeight * 0.4) section.scrollIntoView({ block: 'start' });
}

/** "What is being done near me": a point by search, position or map, and what lies within the radius. */
export function NearTab({ index, bundle, programme, sites }: { index: AreaIndex; bundle: AreasBundle; programme: ProgrammeCatalogue; sites: SiteCollection }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const near = useApp((s) => s.near);
  const walkData = useApp((s) => s.walkData);
  const [position, setPosition] = useState<'idle' | 'explain' | 'waiting' | { problem: MessageKey }>('idle');
  const resultsSection = useRef<HTMLElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
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

  // A point just chosen here or on the map: its results come first, whatever the panel shows above
  // them (the chosen area's details, or on a phone the map and the search). After a choice in the
  // panel, keyboard and screen-reader users land on the results' heading (not after a map click,
  // unless the focus was lost with the map's mode bar, nor after an opened link).
  useEffect(() => {
    if (!near || near.point === shownPoint) return;
    const section = resultsSection.current;
    if (!section || section.getClientRects().length === 0) return;
    shownPoint = near.point;
    if (near.how === 'link') return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (near.how !== 'map' || lost) resultsHeading.current?.focus({ preventScroll: true });
    bringIntoView(section);
  }, [near]);

  const chooseEntry = (entry: SearchEntry) => {
    const at = entry.kind === 'place' ? programme.places.find((p) => p.id === entry.id)?.position
      : entry.kind === 'site' ? sites.features.find((s) => s.properties.id === entry.id)?.geometry.coordinates as [number, number] | undefined
        : bundle.labels.features.find((l) => l.properties.kind === entry.kind && l.properties.id === entry.id)?.geometry.coordinates as [number, number] | undefined;
    if (!at) return;
    // The selection first (it shows the area and moves the map there), then the point, whose
    // results are then brought into view after the details have rendered.
    appStore.getState().select({ kind: entry.kind as 'district', id: entry.id }, { focus: true });
    set({ near: { point: at, how: 'search', label: entry.name, radiusM: radius } });
  };
  const askPosition = () => {
    if (!window.isSecureContext) {
      setPosition({ problem: 'positionInsecure' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setPosition({ problem: 'positionUnavailable' });
      return;
    }
    setPosition('waiting');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const check = checkPosition([p.coords.longitude, p.coords.latitude]);
        if (!check.ok) {
          setPosition({ problem: 'positionOutside' });
          return;
        }
        setPosition('idle');
        set({ near: { point: check.value, how: 'position', radiusM: radius } });
      },
      (error) => setPosition({ problem: positionProblemKey(error.code, window.isSecureContext) }),
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
      {typeof position === 'object' && <p className="banner warn" role="alert" data-testid="position-problem">{t(position.problem)}</p>}
      <div className="field">
        <label htmlFor="near-radius">{t('radius')}</label>
        <select id="near-radius" value={radius} onChange={(e) => near && set({ near: { ...near, radiusM: Number(e.target.value) } })} disabled={!near}>
          {NEAR_RADII.map((r) => <option key={r} value={r}>{r >= 1000 ? t('radiusKm', { km: r / 1000 }) : t('radiusValue', { m: r })}</option>)}
        </select>
      </div>
      {near && (
        <section ref={resultsSection} className="near-results" aria-labelledby="near-results" data-testid="near-results">
          <h3 id="near-results" ref={resultsHeading} tabIndex={-1}>{near.label ?? t('myPoint')}</h3>
          <p><strong>{t('nearPointIn')}:</strong> {place ? <PlaceNames place={place} index={index} /> : '–'}</p>
          <p role="status">{results.length === 0 ? t('nearNone', { radius: radiusText })
            : results.length === 1 ? t('nearCountOne', { radius: radiusText })
              : t('nearCount', { n: results.length, radius: radiusText })}</p>
          <ol className="near-list">
            {results.map(({ initiative, distanceM }) => (
              <li key={initiativeKey(initiative)}>
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
