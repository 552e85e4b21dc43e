import { useEffect, useRef } from 'react';
import { AreaMap } from '../map/area-map';
import { translate } from '../i18n/strings';
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
      onPick: (pick) => appStore.getState().select(pick, { focus: false }),
      onMove: (view) => appStore.getState().setView(view),
    });
    (window as unknown as { omradeskartan?: unknown }).omradeskartan = { map: areaMap.map };
    areaMap.setSelection(state.selection);
    const focusSelection = () => {
      const { selection } = appStore.getState();
      const feature = selection && data.index.find(selection.kind, selection.id);
      if (feature) areaMap.focus(feature);
    };
    if (!state.view && state.selection) focusSelection();
    const unsubscribeSelection = appStore.subscribe((s) => s.selection, (s) => areaMap.setSelection(s));
    const unsubscribeFocus = appStore.subscribe((s) => s.focusRequest, focusSelection);
    const observer = new ResizeObserver(() => areaMap.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      unsubscribeSelection();
      unsubscribeFocus();
      areaMap.destroy();
    };
  }, [data]);

  return (
    <div
      ref={container}
      className="map"
      role="region"
      aria-label={t('mapLabel')}
      data-testid="map"
    />
  );
}
