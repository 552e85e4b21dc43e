import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/** A storage problem in plain words; it stays until the user has read and dismissed it. */
export function StorageBanner() {
  const problem = useApp((s) => s.storageProblem);
  const t = useT();
  if (!problem) return null;
  return (
    <div className="banner warn notice" role="alert" data-testid="storage-problem">
      <span>{t(problem.key, problem.params)}</span>
      <button type="button" aria-label={t('dismiss')} onClick={() => appStore.getState().set({ storageProblem: null })}>×</button>
    </div>
  );
}
