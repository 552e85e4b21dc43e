import { pinAt, saveRoute } from '../state/walk-actions';
import { setReportPoint } from '../state/report-state';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/** Over the map while pinning or drawing: what a click does now, and how to finish. */
export function ModeBar() {
  const t = useT();
  const mode = useApp((s) => s.mapMode);
  const draft = useApp((s) => s.routeDraft);
  const walks = useApp((s) => s.walkData.walks);
  const set = appStore.getState().set;
  // Keyboard users pan the map with the arrow keys and act at its centre instead of clicking.
  const centre = () => appStore.getState().view?.center ?? null;
  const atCentre = (
    <button type="button" className="secondary" onClick={() => {
      const c = centre();
      if (!c) return;
      if (mode === 'pin') pinAt(c);
      else if (mode === 'pick-point') {
        const store = appStore.getState();
        store.set({ mapMode: 'browse', near: { point: c, how: 'map', radiusM: store.near?.radiusM ?? 500 } });
        store.setTab('near');
      } else if (mode === 'pick-report') setReportPoint(c, 'map');
      else if (draft) set({ routeDraft: { ...draft, route: [...draft.route, c] } });
    }}>{t('atMapCentre')}</button>
  );
  if (mode === 'pin') {
    return (
      <div className="mode-bar" role="status">
        <p>{t('pinHint')}</p>
        {atCentre}
        <button type="button" className="secondary" onClick={() => set({ mapMode: 'browse' })}>{t('stopPinning')}</button>
      </div>
    );
  }
  if (mode === 'pick-point') {
    return (
      <div className="mode-bar" role="status">
        <p>{t('pickHint')}</p>
        {atCentre}
        <button type="button" className="secondary" onClick={() => set({ mapMode: 'browse' })}>{t('cancel')}</button>
      </div>
    );
  }
  if (mode === 'pick-report') {
    return (
      <div className="mode-bar" role="status">
        <p>{t('reportPickHint')}</p>
        {atCentre}
        <button type="button" className="secondary" onClick={() => set({ mapMode: 'browse' })}>{t('cancel')}</button>
      </div>
    );
  }
  if (mode === 'draw-route' && draft) {
    const walk = walks.find((w) => w.id === draft.walkId);
    return (
      <div className="mode-bar" role="status">
        <p>{t('drawHint')}</p>
        {atCentre}
        <button type="button" className="primary" disabled={!walk || draft.route.length < 2} onClick={() => walk && void saveRoute(walk, draft.route)}>{t('finishRoute')}</button>
        <button type="button" className="secondary" disabled={draft.route.length === 0} onClick={() => set({ routeDraft: { ...draft, route: draft.route.slice(0, -1) } })}>{t('undoVertex')}</button>
        <button type="button" className="secondary" onClick={() => set({ routeDraft: null, mapMode: 'browse' })}>{t('cancel')}</button>
      </div>
    );
  }
  return null;
}
