import { useEffect, useRef, type ReactNode } from 'react';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/**
 * The frame of every details panel (area, goal, walk, finding, place, site): what kind of thing it
 * is, a close button, and the heading that keyboard and screen-reader users land on after a
 * choice in a list (not after a map click or an opened link).
 */
export function DetailsPanel({ kind, title, titleLang, children }: { kind: ReactNode; title: ReactNode; titleLang?: string; children: ReactNode }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusRequest = useApp((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  return (
    <section className="details" aria-labelledby="details-heading" data-testid="details">
      <div className="details-head">
        <p className="kind">{kind}</p>
        <button type="button" className="close" onClick={() => appStore.getState().select(null)} aria-label={t('close')}>×</button>
      </div>
      <h2 id="details-heading" ref={heading} tabIndex={-1} lang={titleLang}>{title}</h2>
      {children}
    </section>
  );
}
