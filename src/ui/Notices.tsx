import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/** Messages about things that went wrong but did not stop the app (a bad link, say). */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status">
      {notices.map((n, i) => (
        <p key={`${n.key}-${i}`} className="notice">
          <span>{t(n.key, n.params)}</span>
          <button type="button" onClick={() => appStore.getState().dismissNotice(i)} aria-label={t('dismiss')}>×</button>
        </p>
      ))}
    </div>
  );
}
