import { useEffect } from 'react';
import { appStore, useApp } from '../state/store';
import { AreaDetails } from './AreaDetails';
import { AreaList } from './AreaList';
import { GoalDetails } from './GoalDetails';
import { PanelTabs } from './PanelTabs';
import { ProgrammeTab } from './ProgrammeTab';
import { SummaryTab } from './SummaryTab';
import { Legend } from './Legend';
import { MapPanel } from './MapPanel';
import { Notices } from './Notices';
import { useT } from './use-t';

export function App() {
  const t = useT();
  const data = useApp((s) => s.data);
  const selection = useApp((s) => s.selection);
  const lang = useApp((s) => s.lang);
  const tab = useApp((s) => s.tab);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('appTitle')} – ${t('tagline')}`;
  }, [lang, t]);

  return (
    <div className="app">
      <header className="top">
        <div>
          <h1>{t('appTitle')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <button
          type="button"
          className="lang"
          lang={lang === 'sv' ? 'en' : 'sv'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => appStore.getState().setLang(lang === 'sv' ? 'en' : 'sv')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <Notices />
      <main className="layout">
        <section className="map-wrap">
          {data.status === 'ready' && <MapPanel />}
          {data.status === 'loading' && <p className="status">{t('loading')}</p>}
          {data.status === 'error' && <p className="status error" role="alert">{t('loadError', { reason: data.reason })}</p>}
          <Legend />
        </section>
        <aside className="panel">
          {data.status === 'ready' && (
            <>
              {selection?.kind === 'goal' && <GoalDetails goalId={selection.id} index={data.index} programme={data.programme} />}
              {selection && selection.kind !== 'goal' && (
                <AreaDetails index={data.index} programme={data.programme} selection={{ kind: selection.kind, id: selection.id }} />
              )}
              <PanelTabs />
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'areas' && <AreaList index={data.index} />}
                {tab === 'programme' && <ProgrammeTab index={data.index} programme={data.programme} />}
                {tab === 'summary' && <SummaryTab index={data.index} programme={data.programme} bundle={data.bundle} />}
              </div>
            </>
          )}
        </aside>
      </main>
    </div>
  );
}
