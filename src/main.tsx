import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadAreaData } from './state/load-data';
import { appStore, rememberedLang } from './state/store';
import { parseUrlState } from './state/url-state';
import { startUrlSync } from './state/url-sync';
import { openWalkStorage } from './state/walk-actions';
import { currentServerStore } from './state/server-actions';
import { App } from './ui/App';
import './styles.css';

async function boot() {
  const fromUrl = parseUrlState(window.location.search);
  const store = appStore.getState();
  const lang = fromUrl.lang ?? rememberedLang();
  if (lang) appStore.setState({ lang });
  if (fromUrl.near) store.set({ near: { point: fromUrl.near.point, radiusM: fromUrl.near.radiusM, how: 'link' } });
  if (fromUrl.filter) store.setFilter(fromUrl.filter);
  if (fromUrl.tab) store.setTab(fromUrl.tab);
  if (fromUrl.choropleth) store.setChoropleth(fromUrl.choropleth);
  if (fromUrl.metric) store.setMetric(fromUrl.metric);
  // An invitation link (/?invite=TOKEN) opens the form to accept it once the server is known.
  const invite = new URLSearchParams(window.location.search).get('invite');
  if (invite) store.set({ invitation: invite, tab: 'walks' });
  if (fromUrl.rejected.length > 0) store.addNotice({ key: 'badLink', params: { parts: fromUrl.rejected.join(', ') } });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

  const [data] = await Promise.all([loadAreaData(import.meta.env.BASE_URL), openWalkStorage()]);
  if (data.status === 'ready' && fromUrl.selection) {
    const { kind, id } = fromUrl.selection;
    const known = kind === 'goal' ? data.programme.goals.some((g) => g.id === id)
      : kind === 'place' ? data.programme.places.some((p) => p.id === id)
      : kind === 'site' ? data.sites.sites.features.some((s) => s.properties.id === id)
      : kind === 'walk' ? appStore.getState().walkData.walks.some((w) => w.id === id)
        : kind === 'finding' ? appStore.getState().walkData.findings.some((f) => f.id === id)
          : data.index.find(kind, id);
    const serverStore = currentServerStore();
    if (known) {
      store.select(fromUrl.selection);
      if (fromUrl.view) store.setView(fromUrl.view);
    } else if ((kind === 'finding' || kind === 'walk') && serverStore) {
      // On a first visit the copy of the server's records is still empty: look again once it is loaded.
      const selection = fromUrl.selection;
      void serverStore.pull().then(() => {
        const { walkData } = appStore.getState();
        if ((kind === 'finding' ? walkData.findings : walkData.walks).some((r) => r.id === id)) {
          if (fromUrl.view) store.setView(fromUrl.view);
          store.select(selection, { focus: !fromUrl.view });
        } else {
          store.addNotice({ key: kind === 'finding' ? 'unknownFinding' : 'unknownArea', params: { id } });
        }
      });
    } else {
      // An unknown id must not leave a blank page: say so and show the default view.
      store.addNotice({ key: kind === 'finding' ? 'unknownFinding' : 'unknownArea', params: { id: fromUrl.selection.id } });
    }
  } else if (fromUrl.view) {
    store.setView(fromUrl.view);
  }
  store.setData(data);
  startUrlSync();
}

void boot();

// After one visit the app opens with no connection (the service worker caches it and its data).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error) => console.warn('service worker not registered', error));
  });
}
