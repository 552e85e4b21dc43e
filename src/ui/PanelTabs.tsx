import type { KeyboardEvent } from 'react';
import { PANEL_TABS, type PanelTab } from '../state/url-state';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

const LABEL = { areas: 'tabAreas', near: 'tabNear', programme: 'tabProgramme', summary: 'tabSummary', walks: 'tabWalks', followup: 'tabFollowup' } as const;

/** The side panel's views as an ARIA tab list (arrow keys move between tabs). */
export function PanelTabs() {
  const t = useT();
  const tab = useApp((s) => s.tab);
  const choose = (next: PanelTab) => {
    appStore.getState().setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = PANEL_TABS.indexOf(tab);
    if (e.key === 'ArrowRight') choose(PANEL_TABS[(i + 1) % PANEL_TABS.length]!);
    else if (e.key === 'ArrowLeft') choose(PANEL_TABS[(i + PANEL_TABS.length - 1) % PANEL_TABS.length]!);
    else return;
    e.preventDefault();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('tabsLabel')} onKeyDown={onKey}>
      {PANEL_TABS.map((p) => (
        <button
          key={p} type="button" role="tab" id={`tab-${p}`} aria-selected={tab === p} aria-controls={`panel-${p}`}
          tabIndex={tab === p ? 0 : -1} onClick={() => choose(p)}
        >
          {t(LABEL[p])}
        </button>
      ))}
    </div>
  );
}
