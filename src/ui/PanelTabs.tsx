import type { KeyboardEvent } from 'react';
import { PANEL_TABS, type PanelTab } from '../state/url-state';
import { appStore, useApp } from '../state/store';
import { mayModerate, useModeration } from '../state/moderation';
import { useT } from './use-t';

const LABEL = { areas: 'tabAreas', near: 'tabNear', programme: 'tabProgramme', summary: 'tabSummary', walks: 'tabWalks', followup: 'tabFollowup', reports: 'tabReports' } as const;

/** The side panel's views as an ARIA tab list (arrow keys move between tabs). */
export function PanelTabs() {
  const t = useT();
  const tab = useApp((s) => s.tab);
  // The council's queue of resident reports, with the count waiting, only for those who moderate them.
  const moderates = useApp((s) => mayModerate(s.serverSession));
  const waiting = useModeration((s) => s.pending.length);
  // (Kept while it is open, e.g. from a link before logging in: the tab then says who it is for.)
  const tabs = PANEL_TABS.filter((p) => p !== 'reports' || moderates || tab === 'reports');
  const choose = (next: PanelTab) => {
    appStore.getState().setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    if (e.key === 'ArrowRight') choose(tabs[(i + 1) % tabs.length]!);
    else if (e.key === 'ArrowLeft') choose(tabs[(i + tabs.length - 1) % tabs.length]!);
    else return;
    e.preventDefault();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('tabsLabel')} onKeyDown={onKey}>
      {tabs.map((p) => (
        <button
          key={p} type="button" role="tab" id={`tab-${p}`} aria-selected={tab === p} aria-controls={`panel-${p}`}
          tabIndex={tab === p ? 0 : -1} onClick={() => choose(p)}
        >
          {t(LABEL[p])}{p === 'reports' && waiting > 0 ? ` (${waiting})` : ''}
        </button>
      ))}
    </div>
  );
}
