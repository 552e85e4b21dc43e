import { useEffect } from 'react';
import { undoLast } from '../state/walk-actions';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/** The message after an action, with Undo where the action can be undone; fades after 12 s. */
export function Toast() {
  const toast = useApp((s) => s.toast);
  const t = useT();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => appStore.getState().set({ toast: null }), 12_000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="toast" role="status">
      <span>{t(toast.key, toast.params)}</span>
      {toast.undo && <button type="button" onClick={() => void undoLast()}>{t('undo')}</button>}
    </div>
  );
}
