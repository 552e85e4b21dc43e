import { formatUrlState } from './url-state';
import { appStore } from './store';

/** Keeps the address bar in step with the shareable view state (replaceState, no reloads). */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const { selection, view, lang } = appStore.getState();
    const search = formatUrlState({ ...(selection ? { selection } : {}), ...(view ? { view } : {}), lang });
    if (search !== window.location.search) {
      window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  };
  const unsubscribe = appStore.subscribe(
    (s) => [s.selection, s.view, s.lang] as const,
    () => {
      clearTimeout(timer);
      timer = setTimeout(write, 150);
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
  );
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
