import { useEffect, useRef } from 'react';
import { AreaMap } from '../map/area-map';
import { translate } from '../i18n/strings';
import { programmeView, summarise } from '../state/derived';
import { appStore, useApp } from '../state/store';
import { stockholmDate } from '../domain/walks/stockholm-time';
import { findingFeatures, routeFeatures } from '../state/walk-features';
import { moveFinding, pinAt } from '../state/walk-actions';
import { followReportPlace, setReportPoint } from '../state/report-state';
import { viewerOf } from '../state/server-actions';
import { openReport } from '../state/moderation';
import { connectReportsToMap } from '../state/report-map';
import { connectOfflineTileSources } from '../state/offline-areas';
import { permissions } from './permissions';
import { configuredBasemap, mapStreetsStore, useMapStreets } from '../state/map-streets';
import { useT } from './use-t';

/** Hosts the map: creates the adapter once the data is there and wires it to the store. */
export function MapPanel() {
  const container = useRef<HTMLDivElement>(null);
  const data = useApp((s) => s.data);
  const t = useT();

  useEffect(() => {
    if (data.status !== 'ready' || !container.current) return;
    const state = appStore.getState();
    const areaMap = new AreaMap({
      container: container.current,
      bundle: data.bundle,
      water: data.water,
      view: state.view,
      attribution: translate(state.lang, 'attribution'),
      basemap: configuredBasemap(),
      base: new URL(import.meta.env.BASE_URL, document.baseURI).href,
      onStreets: (streets) => mapStreetsStore.setState(streets),
      onPick: (pick) => {
        const store = appStore.getState();
        if (pick?.kind === 'report') {
          openReport(pick.id, 'map');
        } else if (pick?.kind === 'stack') {
          store.setStack(pick.goalIds);
          store.setTab('programme');
        } else {
          store.select(pick, { focus: false });
        }
      },
      onMove: (view) => appStore.getState().setView(view),
      onPin: (position) => {
        const store = appStore.getState();
        if (store.mapMode === 'pick-point') {
          store.set({ mapMode: 'browse', near: { point: position, how: 'map', radiusM: store.near?.radiusM ?? 500 } });
          store.setTab('near');
        } else if (store.mapMode === 'pick-report') setReportPoint(position, 'map');
        else pinAt(position);
      },
      onDraftChange: (route) => {
        const draft = appStore.getState().routeDraft;
        if (draft) appStore.getState().set({ routeDraft: { ...draft, route } });
      },
      onFindingMoved: (id, position) => void moveFinding(id, position),
    });
    const handle = window as unknown as { omradeskartan?: Record<string, unknown> };
    handle.omradeskartan = { ...handle.omradeskartan, map: areaMap.map, store: appStore };

    const focusSelection = () => {
      const { selection, walkData } = appStore.getState();
      if (!selection) return;
      if (selection.kind === 'walk') {
        const walk = walkData.walks.find((w) => w.id === selection.id);
        const points = [...(walk?.route ?? []), ...walkData.findings.filter((f) => f.walkId === selection.id).map((f) => f.position)];
        areaMap.focusPoints(points);
      } else if (selection.kind === 'finding') {
        const finding = walkData.findings.find((f) => f.id === selection.id);
        if (finding) areaMap.focusPoints([finding.position]);
      } else if (selection.kind === 'place') {
        const place = data.programme.places.find((p) => p.id === selection.id);
        if (place) areaMap.focusPoints([place.position]);
      } else if (selection.kind === 'site') {
        const site = data.sites.sites.features.find((s) => s.properties.id === selection.id);
        if (site) areaMap.focusPoints([site.geometry.coordinates as [number, number]]);
      } else if (selection.kind === 'goal') {
        const points = data.programme.points.features.filter((f) => f.properties.goalId === selection.id);
        areaMap.focusPoints(points.map((p) => p.geometry.coordinates as [number, number]));
      } else {
        const feature = data.index.find(selection.kind, selection.id);
        if (feature) areaMap.focus(feature);
      }
    };
    const showProgramme = () => {
      const { filter, choropleth, metric } = appStore.getState();
      const view = programmeView(data.programme, filter);
      areaMap.setProgrammePoints(view.points);
      if (choropleth) {
        const summary = summarise(data.bundle, view.goals, choropleth, metric);
        areaMap.setChoropleth(choropleth, summary.values, summary.breaks);
      } else {
        areaMap.setChoropleth(null, new Map(), []);
      }
    };

    const select = (selection: typeof state.selection) => {
      const points = selection?.kind === 'goal'
        ? data.programme.points.features.filter((f) => f.properties.goalId === selection.id)
        : [];
      areaMap.setSelection(selection, { type: 'FeatureCollection', features: points });
    };
    select(state.selection);
    showProgramme();
    if (!state.view && state.selection) focusSelection();
    else if (!state.view && state.near) areaMap.focusCircle(state.near.point, state.near.radiusM);
    const showWalks = () => {
      const { walkData, serverSession } = appStore.getState();
      // Only findings the viewer may edit can be dragged (the server would refuse the move).
      const can = permissions(viewerOf(serverSession), data.index, walkData.walks);
      areaMap.setWalkData(routeFeatures(walkData.walks), findingFeatures(walkData.findings, stockholmDate(new Date().toISOString()) ?? '', can.finding));
    };
    showWalks();
    // A place that is also a collaboration site (Hässelby torg) is named once, by the site.
    const siteNames = new Set(data.sites.sites.features.map((f) => f.properties.name));
    areaMap.setSites(data.sites.sites, data.sites.lov3, {
      type: 'FeatureCollection',
      features: data.programme.places.map((p) => ({ type: 'Feature', id: p.id, properties: { id: p.id, name: p.name, named: !siteNames.has(p.name) }, geometry: { type: 'Point', coordinates: p.position } })),
    });
    const showNear = () => {
      const { near } = appStore.getState();
      areaMap.setNear(near?.point ?? null, near?.radiusM ?? 0);
    };
    showNear();
    areaMap.setMode(state.mapMode);
    const printProtocol = async () => {
      const { protocol, walkData } = appStore.getState();
      if (!protocol || protocol.image) return;
      const walk = walkData.walks.find((w) => w.id === protocol.walkId);
      // The protocol's table lists the walk's findings in this order: marker n is row n.
      const findings = walkData.findings.filter((f) => f.walkId === protocol.walkId);
      const map = await areaMap.protocolMap(walk?.route ?? [], findings.map((f) => ({ position: f.position, status: f.status })));
      const current = appStore.getState().protocol;
      if (current?.walkId !== protocol.walkId) return;
      appStore.getState().set({ protocol: { ...current, image: map.image, mapStreets: map.streets, mapCredit: map.onlineCredit } });
    };
    const unsubscribers = [
      appStore.subscribe((s) => s.walkData, showWalks),
      appStore.subscribe((s) => s.serverSession, showWalks),
      appStore.subscribe((s) => s.near, (near, before) => {
        showNear();
        // A new point from the position or the map: show it with its circle.
        if (near && near.point !== before?.point && near.how !== 'search') areaMap.focusCircle(near.point, near.radiusM);
      }),
      appStore.subscribe((s) => s.mapMode, (mode) => areaMap.setMode(mode)),
      appStore.subscribe((s) => s.routeDraft, (draft) => areaMap.setDraft(draft?.route ?? [])),
      // Where a new finding is being recorded: a handle on the map until it is saved or cancelled.
      appStore.subscribe((s) => s.findingDraft, (draft) => {
        if (!appStore.getState().routeDraft) areaMap.setDraft(draft ? [draft.position] : []);
      }),
      appStore.subscribe((s) => s.protocol, () => void printProtocol()),
      // Pending resident reports for those who moderate them; a walk's candidate stops highlighted.
      connectReportsToMap(areaMap),
      // Saving a walk's area for offline use fetches the tiles of the sources this map uses.
      connectOfflineTileSources(areaMap.map),
      // Where a resident's report is being placed: a handle on the map while the form is open.
      followReportPlace((at, focus) => {
        if (!appStore.getState().routeDraft && !appStore.getState().findingDraft) areaMap.setDraft(at ? [at] : []);
        if (at && focus) areaMap.focusPoints([at]);
      }),
      appStore.subscribe((s) => s.selection, select),
      appStore.subscribe((s) => s.focusRequest, focusSelection),
      appStore.subscribe((s) => [s.filter, s.choropleth, s.metric] as const, showProgramme, { equalityFn: (a, b) => a.every((v, i) => v === b[i]) }),
    ];
    // Printing hides the map (only the protocol prints): keep its size for when it comes back.
    const observer = new ResizeObserver(() => { if (container.current?.clientWidth) areaMap.resize(); });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      unsubscribers.forEach((u) => u());
      areaMap.destroy();
    };
  }, [data]);

  return (
    <>
      <div ref={container} className="map" role="region" aria-label={t('mapLabel')} data-testid="map" />
      <BasemapFallbackNotice />
    </>
  );
}

/** Said briefly when the online street map could not be reached and the embedded map shows instead. */
function BasemapFallbackNotice() {
  const t = useT();
  const show = useMapStreets((s) => s.online === 'fallback' && !s.noticeDismissed);
  if (!show) return null;
  return (
    <p className="map-notice" role="status" data-testid="basemap-fallback">
      <span>{t('basemapFallback')}</span>
      <button type="button" onClick={() => mapStreetsStore.setState({ noticeDismissed: true })} aria-label={t('dismiss')}>×</button>
    </p>
  );
}
