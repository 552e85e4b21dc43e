import { formatUrlState } from './url-state';
import { appStore } from './store';

/** Keeps the address bar in step with the shareable view state (replaceState, no reloads). */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const { selection, view, lang, filter, tab, choropleth, metric, near } = appStore.getState();
    const search = formatUrlState({
      ...(selection ? { selection } : {}), ...(view ? { view } : {}), lang, filter, tab,
      ...(choropleth ? { choropleth } : {}), metric,
      ...(near ? { near: { point: near.point, radiusM: near.radiusM } } : {}),
    });
    if (search !== window.location.search) {
      window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  };
  const unsubscribe = appStore.subscribe(
    (s) => [s.selection, s.view, s.lang, s.filter, s.tab, s.choropleth, s.metric, s.near] as const,
    () => {
      clearTimeout(timer);
      timer = setTimeout(write, 150);
    },
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
