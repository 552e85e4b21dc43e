import { useEffect, useState } from 'react';
import { useT } from './use-t';

/**
 * A button that copies a link to the clipboard and says so (or, where the browser refuses, asks
 * the user to copy it themselves). `className` styles the button like its neighbours.
 */
export function CopyLink({ link, className = 'secondary', testId }: { link: string; className?: string; testId?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setState('idle'), [link]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void copy()} data-testid={testId}>{t('copyLink')}</button>
      <span role="status" className={state === 'failed' ? 'copy-status error' : 'copy-status'}>
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </>
  );
}
