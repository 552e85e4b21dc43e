import { useEffect, useRef } from 'react';
import { AreaMap } from '../map/area-map';
import { translate } from '../i18n/strings';
import { programmeView, summarise } from '../state/derived';
import { appStore, useApp } from '../state/store';
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
      onPick: (pick) => {
        const store = appStore.getState();
        if (pick?.kind === 'stack') {
          store.setStack(pick.goalIds);
          store.setTab('programme');
        } else {
          store.select(pick, { focus: false });
        }
      },
      onMove: (view) => appStore.getState().setView(view),
    });
    (window as unknown as { omradeskartan?: unknown }).omradeskartan = { map: areaMap.map };

    const focusSelection = () => {
      const { selection } = appStore.getState();
      if (!selection) return;
      if (selection.kind === 'goal') {
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
    const unsubscribers = [
      appStore.subscribe((s) => s.selection, select),
      appStore.subscribe((s) => s.focusRequest, focusSelection),
      appStore.subscribe((s) => [s.filter, s.choropleth, s.metric] as const, showProgramme, { equalityFn: (a, b) => a.every((v, i) => v === b[i]) }),
    ];
    const observer = new ResizeObserver(() => areaMap.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      unsubscribers.forEach((u) => u());
      areaMap.destroy();
    };
  }, [data]);

  return <div ref={container} className="map" role="region" aria-label={t('mapLabel')} data-testid="map" />;
}
