import { useEffect } from 'react';
import { appStore, useApp } from '../state/store';
import { AreaDetails } from './AreaDetails';
import { AreaList } from './AreaList';
import { Legend } from './Legend';
import { MapPanel } from './MapPanel';
import { Notices } from './Notices';
import { useT } from './use-t';

export function App() {
  const t = useT();
  const data = useApp((s) => s.data);
  const selection = useApp((s) => s.selection);
  const lang = useApp((s) => s.lang);

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
          {data.status === 'ready' && selection && <AreaDetails index={data.index} selection={selection} />}
          {data.status === 'ready' && <AreaList index={data.index} />}
        </aside>
      </main>
    </div>
  );
}
